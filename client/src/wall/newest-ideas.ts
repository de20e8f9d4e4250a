/** Which ideas the wall shows: visible ones only, newest first, no more than fit on the screen. */
import type { Idea } from '../../../shared/domain/state.js';

/**
 * Hidden (moderated), held (awaiting approval) and deleted ideas never show on the wall. The
 * server does not send their text, but the wall's replica may still hold their entries.
 */
export function shownOnWall(idea: Idea): boolean {
  return !idea.hidden && !idea.held && !idea.deleted;
}

/**
 * The newest `limit` shown ideas, newest first (by order of arrival, `seq`), of `round` only
 * when one is given: under round 2's question the wall shows round 2's ideas.
 */
export function newestIdeas(ideas: Record<string, Idea>, limit: number, round: number | null = null): Idea[] {
  const newest: Idea[] = [];
  for (const idea of Object.values(ideas)) {
    if (!shownOnWall(idea) || (round !== null && idea.round !== round)) continue;
    // Keep a sorted window of `limit`: a café's 1,000 ideas cost one pass, not a full sort.
    if (newest.length === limit && idea.seq <= newest[limit - 1]!.seq) continue;
    let i = newest.length;
    while (i > 0 && newest[i - 1]!.seq < idea.seq) i--;
    newest.splice(i, 0, idea);
    if (newest.length > limit) newest.pop();
  }
  return newest;
}
