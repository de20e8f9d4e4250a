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
  /** The table's photos (H10, H14) of the card's round, or of the latest round that has any; never hidden ones. */
  photoIds: string[];
}

/**
 * The spotlit table's card: its insights, or, while a card is empty, the table's starred ideas of
 * that round (H9) — of the latest round that has either, so a card made at the end of round 1
 * still shows when round 3 left nothing. Ideas the wall cannot see (hidden, held, deleted, not in
 * its state) are left out. Null when no table is in the spotlight.
 */
export function spotlightCard(state: CafeState): SpotlightCard | null {
  const table = state.spotlight === null ? undefined : findTable(state, state.spotlight);
  if (!table) return null;
  const latest = Math.max(0, currentRound(state));
  for (let round = latest; round >= 0; round--) {
    const insights = insightsOf(state, table.id, round);
    if (insights.length > 0) return { tableName: table.name, round, insights: insights.slice(0, INSIGHTS_MAX), photoIds: photosOf(state, table.id, round) };
  }
  return { tableName: table.name, round: latest, insights: [], photoIds: photosOf(state, table.id, latest) };
}

/** The table's photos of `round`, else of its latest round that has any: the tablecloth the card speaks of, or the newest one. */
function photosOf(state: CafeState, tableId: string, round: number): string[] {
  const shown = Object.values(state.photos).filter((p) => p.tableId === tableId && !p.hidden);
  const chosen = shown.some((p) => p.round === round) ? round : Math.max(-1, ...shown.map((p) => p.round));
  return shown.filter((p) => p.round === chosen).sort((a, b) => a.uploadedAt - b.uploadedAt).map((p) => p.id);
}

function insightsOf(state: CafeState, tableId: string, round: number): SpotlightCard['insights'] {
  const seen = (id: string) => {
    const idea = own(state.ideas, id);
    return idea && shownOnWall(idea) ? idea : undefined;
  };
  const card = own(state.harvestCards, cardKey(tableId, round));
  if (card?.insights.length) {
    return card.insights.flatMap((insight) => {
      if (insight.ideaId === null) return [{ text: insight.text, group: null }];
      const idea = seen(insight.ideaId);
      return idea ? [{ text: idea.text, group: idea.author.group }] : [];
    });
  }
  return Object.values(state.ideas)
    .filter((i: Idea) => i.tableId === tableId && i.round === round && i.starred && shownOnWall(i))
    .sort((a, b) => a.seq - b.seq)
    .map((i) => ({ text: i.text, group: i.author.group }));
}
