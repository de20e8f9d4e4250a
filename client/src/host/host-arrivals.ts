/**
 * Planned rotation on the host's tablet (issue 6): who the plan sends to this table next, from the
 * arrivals the host receives (M5: counts per stakeholder group, no one's seats).
 */
import { own, type CafeState } from '../../../shared/domain/state.js';

/** The people the plan sends to one table in one round. */
export interface TableArrivals {
  round: number;
  count: number;
  /** Group and how many of it, largest first; '' (people without a group) last whatever its size. */
  groups: [group: string, count: number][];
  /** Before the round (lobby or travel time), when the host greets them; otherwise during the round before. */
  soon: boolean;
}

/**
 * Who comes to `tableId` in the next round the host should know of: the first round in the lobby,
 * the round travelled to, or during a round the one after it. Null under free movement, without a
 * plan, after the last round, or when the plan does not cover that round.
 */
export function arrivalsAt(state: CafeState, tableId: string): TableArrivals | null {
  const { plan, phase } = state;
  if (!state.rotation.planned || !plan) return null;
  let round: number;
  if (phase.kind === 'setup' || phase.kind === 'lobby') round = 0;
  else if (phase.kind === 'travel') round = phase.round;
  else if (phase.kind === 'round') round = phase.round + 1;
  else return null;
  const i = round - plan.fromRound;
  // Every table's list covers the rounds the plan was made for: a round added since is not planned.
  if (round >= state.rounds.length || i < 0 || !Object.values(plan.arrivals).some((a) => i < a.length)) return null;
  // A table the plan has no entry for is one it sends no one to.
  const arrivals = own(plan.arrivals, tableId)?.[i] ?? { count: 0, groups: {} };
  // People without a group last (as on the wall and the console), the groups before them largest
  // first, ties in the café's order of groups, a group no longer listed after those.
  const known = state.stakeholderGroups.length;
  const order = (g: string) => (state.stakeholderGroups.includes(g) ? state.stakeholderGroups.indexOf(g) : known);
  const groups = Object.entries(arrivals.groups)
    .filter(([, n]) => n > 0)
    .sort(([a, m], [b, n]) => Number(a === '') - Number(b === '') || n - m || order(a) - order(b));
  return { round, count: arrivals.count, groups, soon: phase.kind !== 'round' };
}
