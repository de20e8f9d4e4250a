export { planRotation, defaultIterations } from './plan.js';
export { atBounds, groupsAtBound } from './verdict.js';
export type { RotationInput, RotationParticipant, RotationPlan, RotationQuality, RotationResult, RotationTable, Seating } from './types.js';
