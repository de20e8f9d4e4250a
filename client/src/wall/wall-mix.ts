/**
 * The room's mix as the wall shows it (issue 6): people present per stakeholder group, and per
 * table how many groups sit there in the round being seated. Under planned rotation, before people
 * have sat down for a round (lobby, travel), a table's groups are the plan's arrivals for it.
 */
import { plannedMix, roomMix } from '../../../shared/domain/room-mix.js';
import { own, type CafeState } from '../../../shared/domain/state.js';
import { boardRound } from './seat-board.js';

export interface GroupCount {
  /** '' for people without a group. */
  group: string;
  count: number;
}

export interface WallMix {
  /** The café's groups in its order (absent ones with 0), people without a group last when there are any. */
  present: GroupCount[];
  left: number;
  /** Distinct named groups per table id. */
  groupsAt: Record<string, number>;
}

export function wallMix(state: CafeState): WallMix {
  const mix = roomMix(state);
  const present = state.stakeholderGroups.map((group) => ({ group, count: own(mix.present, group) ?? 0 }));
  for (const [group, count] of Object.entries(mix.present)) if (group !== '' && !state.stakeholderGroups.includes(group)) present.push({ group, count });
  const none = own(mix.present, '') ?? 0;
  if (none > 0) present.push({ group: '', count: none });
  const groupsAt: Record<string, number> = {};
  for (const [tableId, t] of Object.entries(mix.perTable)) groupsAt[tableId] = t.groups;
  const round = boardRound(state);
  if (round !== null) for (const [tableId, t] of Object.entries(plannedMix(state, round))) groupsAt[tableId] = t.groups;
  return { present, left: mix.left, groupsAt };
}
