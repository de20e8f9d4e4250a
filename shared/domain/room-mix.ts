/**
 * The room's mix (issue 6): how many people of each stakeholder group are present, and per table
 * how many people and distinct groups sit there in the round being seated now. Pure: the console
 * and the wall count from the state they hold (the wall's participants are keyed `#number`, M11).
 */

import { own, seatingRound, tablesDuring, type CafeState, type Participant } from './state.js';

export interface TableMix {
  /** People present (not left) who sit at the table in the round. */
  people: number;
  /** Distinct named stakeholder groups among them (people without a group add none). */
  groups: number;
  /** Head-counts by group, '' for people without one. */
  byGroup: Record<string, number>;
}

export interface RoomMix {
  /** The round counted (seatingRound: the round under way or travelled to, 0 in the lobby). */
  round: number;
  /** People present by group: every group of the café (0 when none is present), '' for people without a group when there are any. */
  present: Record<string, number>;
  /** How many participants left (M9). */
  left: number;
  /** Every table of the café (disabled ones too), by id. */
  perTable: Record<string, TableMix>;
}

/** The room's mix for the round being seated now. */
export function roomMix(state: CafeState): RoomMix {
  const round = seatingRound(state);
  const present: Record<string, number> = {};
  for (const g of state.stakeholderGroups) present[g] = 0;
  const perTable: Record<string, TableMix> = {};
  for (const t of state.tables) perTable[t.id] = { people: 0, groups: 0, byGroup: {} };
  let left = 0;
  for (const p of Object.values(state.participants)) {
    if (p.left) {
      left++;
      continue;
    }
    const group = p.group ?? '';
    present[group] = (own(present, group) ?? 0) + 1;
    const tableId = tableIn(p, round);
    const mix = tableId === null ? undefined : own(perTable, tableId);
    if (!mix) continue;
    mix.people++;
    const before = own(mix.byGroup, group) ?? 0;
    if (group !== '' && before === 0) mix.groups++;
    mix.byGroup[group] = before + 1;
  }
  return { round, present, left, perTable };
}

/** Where a participant sits in `round`: their last seat in it, else the last one before it. */
function tableIn(p: Participant, round: number): string | null {
  const tables = tablesDuring(p, round);
  return tables[tables.length - 1] ?? null;
}

/**
 * The round planned rotation is seating people for before they sit down: round 1 before the café
 * (set-up, lobby), the round travelled to in travel time; null during a round, under free
 * movement, without a plan, or for a round the plan does not cover.
 */
export function comingRound(state: CafeState): number | null {
  const phase = state.phase;
  const round = phase.kind === 'travel' ? phase.round : phase.kind === 'lobby' || phase.kind === 'setup' ? 0 : null;
  if (!state.rotation.planned || !state.plan || round === null || round < state.plan.fromRound) return null;
  return round;
}

/** Per table, how many people the plan sends there in `round` and of how many named groups (the plan's arrivals, M6). */
export function plannedMix(state: CafeState, round: number): Record<string, { people: number; groups: number }> {
  const perTable: Record<string, { people: number; groups: number }> = {};
  const plan = state.plan;
  for (const t of state.tables) {
    const arrivals = plan ? own(plan.arrivals, t.id)?.[round - plan.fromRound] : undefined;
    perTable[t.id] = arrivals ? { people: arrivals.count, groups: Object.entries(arrivals.groups).filter(([g, n]) => g !== '' && n > 0).length } : { people: 0, groups: 0 };
  }
  return perTable;
}
