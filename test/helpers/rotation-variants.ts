/** Cafés made from a rotationRoom (rotation-rooms.ts) for the planner's thread test and benchmark: a re-plan, and tables no design fits. */
import { planRotation, type RotationInput } from '../../shared/rotation/index.js';
import { rotationRoom } from './rotation-rooms.js';

const GROUP_SHARES = [0.2, 0.19, 0.18, 0.17, 0.15, 0.11];

/** A café of `people` at tables of `size` with six stakeholder groups (20 % down to 11 % of the room), planned from its start with `iterations` swaps. */
export function groupedRoom(people: number, size: number, rounds: number, iterations: number): RotationInput {
  return { ...rotationRoom({ people, size, rounds, groups: GROUP_SHARES.map((share) => Math.floor(share * people)) }), iterations };
}

/** The café of `input` open after a plan from its start: the first half seated in round 1 as planned, and one more person arriving (a re-plan, P3 P6). */
export function lateArrival(input: RotationInput): RotationInput {
  const planned = planRotation(input);
  if (!planned.ok) throw new Error(`no plan to arrive late to: ${planned.reason}`);
  const seated: Record<string, string> = {};
  for (const p of input.participants.slice(0, Math.floor(input.participants.length / 2))) seated[p.id] = planned.plan.seats[0]![p.id]!;
  const everyone = [...input.participants, { id: 'late', group: 'group-0' }];
  const capacity = Math.ceil(everyone.length / input.tables.length);
  return { ...input, participants: everyone, tables: input.tables.map((t) => ({ ...t, capacity })), history: [seated], fromRound: 0, previous: { seats: planned.plan.seats } };
}

/** The café of `input` at tables of 5 and 6 in turn (⌈people / 5.5⌉ of them), where no design fits and the search spends its whole budget. */
export function unevenTables(input: RotationInput): RotationInput {
  const count = Math.ceil(input.participants.length / 5.5);
  return { ...input, tables: Array.from({ length: count }, (_, t) => ({ id: `t${t}`, capacity: t % 2 ? 6 : 5, enabled: true })) };
}
