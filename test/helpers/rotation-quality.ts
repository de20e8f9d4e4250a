import type { RotationQuality } from '../../shared/rotation/types.js';

/** A quality report as the planner gives it (the reducer passes it on unjudged), with some figures set. */
export function qualityReport(figures: Partial<RotationQuality> = {}): RotationQuality {
  return {
    method: 'search',
    repeatedPairs: 0,
    repeatMeetings: 0,
    repeatBound: 0,
    mostMeetings: 1,
    groupsPerTable: { mean: 2, worst: 2, boundMean: 2, boundWorst: 2, tablesBelowBound: 0 },
    tableSize: { min: 2, max: 2, overCapacity: 0 },
    hosts: { inPlace: 0, expected: 0 },
    changedSeats: 0,
    ...figures,
  };
}
