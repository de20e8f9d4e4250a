import type { RotationQuality } from './types.js';

/** Whether the groups per table are as many as their bounds allow: the mean and the worst table at theirs (P10). */
export function groupsAtBound(g: RotationQuality['groupsPerTable']): boolean {
  return g.mean >= g.boundMean && g.worst >= g.boundWorst;
}

/**
 * Whether a plan is as good as the bounds allow on the counts the issue names — repeats, groups,
 * capacities — and hosts. Returns to a table are the planner's last, softest aim, and their bound is
 * often out of reach (32 people at 8 tables over 9 rounds: 61 against 32 with no repeat): the
 * console marks them on their own line without calling the whole plan short.
 */
export function atBounds(q: RotationQuality): boolean {
  return q.repeatMeetings <= q.repeatBound && groupsAtBound(q.groupsPerTable) && q.tableSize.overCapacity === 0 && q.hosts.inPlace === q.hosts.expected;
}
