/**
 * The ideas the harvest screen groups into themes: every table's, every round's, in the order
 * they arrived. Deleted ideas are gone and ideas waiting for approval belong to moderation;
 * hidden ones stay (the facilitator may still group them) and are marked.
 */
import type { CafeState, Idea } from '../../../shared/domain/state.js';

export function harvestIdeas(state: CafeState): Idea[] {
  return Object.values(state.ideas)
    .filter((i) => !i.deleted && !i.held)
    .sort((a, b) => a.seq - b.seq);
}

/** The ideas in no theme yet. */
export function unassignedIdeas(state: CafeState): Idea[] {
  const themed = new Set(Object.values(state.themes).flatMap((t) => t.ideaIds));
  return harvestIdeas(state).filter((i) => !themed.has(i.id));
}

/** What the facilitator narrows the unassigned ideas to: a table, a round, words. */
export interface IdeaFilter {
  tableId: string;
  /** -1 for every round. */
  round: number;
  text: string;
}

export const EVERY_IDEA: IdeaFilter = { tableId: '', round: -1, text: '' };

export function filterIdeas(ideas: Idea[], filter: IdeaFilter): Idea[] {
  const words = filter.text.trim().toLocaleLowerCase();
  return ideas.filter(
    (i) =>
      (filter.tableId === '' || i.tableId === filter.tableId) &&
      (filter.round < 0 || i.round === filter.round) &&
      (words === '' || i.text.toLocaleLowerCase().includes(words)),
  );
}

/** The café's questions: words every idea shares, which say nothing about which ideas belong together. */
export function questionsText(state: CafeState): string {
  return state.rounds.flatMap((r) => [r.question, ...Object.values(r.tableQuestions)]).join('\n');
}
