/** The harvest card the wall puts in the spotlight (H9, H10): what one table says it learned. */
import { cardKey, currentRound, findTable, own, type CafeState, type Idea } from '../../../shared/domain/state.js';
import { shownOnWall } from './newest-ideas.js';

/** At most this many insights on a card (H9); starred ideas beyond it stay off the wall. */
export const INSIGHTS_MAX = 3;

export interface SpotlightCard {
  tableName: string;
  /** The round the card is from (0-based). */
  round: number;
  /** The key insights as the room may read them: the idea's text (with its group) or the host's words. */
  insights: { text: string; group: string | null }[];
}

/**
 * The spotlit table's card of the latest round: its insights, or, while the card is empty, the
 * table's starred ideas of that round. Ideas the wall cannot see (hidden, held, deleted, not in
 * its state) are left out. Null when no table is in the spotlight.
 */
export function spotlightCard(state: CafeState): SpotlightCard | null {
  const table = state.spotlight === null ? undefined : findTable(state, state.spotlight);
  if (!table) return null;
  const round = Math.max(0, currentRound(state));
  const seen = (id: string) => {
    const idea = own(state.ideas, id);
    return idea && shownOnWall(idea) ? idea : undefined;
  };
  const card = own(state.harvestCards, cardKey(table.id, round));
  const insights = card?.insights.length
    ? card.insights.flatMap((insight) => {
        if (insight.ideaId === null) return [{ text: insight.text, group: null }];
        const idea = seen(insight.ideaId);
        return idea ? [{ text: idea.text, group: idea.author.group }] : [];
      })
    : Object.values(state.ideas)
        .filter((i: Idea) => i.tableId === table.id && i.round === round && i.starred && shownOnWall(i))
        .sort((a, b) => a.seq - b.seq)
        .map((i) => ({ text: i.text, group: i.author.group }));
  return { tableName: table.name, round, insights: insights.slice(0, INSIGHTS_MAX) };
}
