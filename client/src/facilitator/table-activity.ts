/** What the console shows per table, computed in one pass over the ideas. */
import { currentRound, type CafeState, type Idea } from '../../../shared/domain/state.js';

export interface TableActivity {
  /** Ideas written at the table in the current round (deleted ones not counted). */
  ideasThisRound: number;
  /** When the newest idea of the table arrived (server time), or null. */
  lastIdeaAt: number | null;
}

export function tableActivity(state: CafeState): Map<string, TableActivity> {
  const round = currentRound(state);
  const activity = new Map<string, TableActivity>(state.tables.map((t) => [t.id, { ideasThisRound: 0, lastIdeaAt: null }]));
  for (const idea of Object.values(state.ideas)) {
    const a = activity.get(idea.tableId);
    if (!a || idea.deleted) continue;
    if (idea.round === round) a.ideasThisRound++;
    if (a.lastIdeaAt === null || idea.createdAt > a.lastIdeaAt) a.lastIdeaAt = idea.createdAt;
  }
  return activity;
}

/** A table's ideas, the current round first and the newest first within a round. */
export function ideasOfTable(state: CafeState, tableId: string): Idea[] {
  return Object.values(state.ideas)
    .filter((i) => i.tableId === tableId && !i.deleted)
    .sort((a, b) => b.round - a.round || b.seq - a.seq);
}

/** Ideas from phones waiting for the facilitator's approval (pre-moderation, I14), oldest first. */
export function heldIdeas(state: CafeState): Idea[] {
  return Object.values(state.ideas)
    .filter((i) => i.held && !i.deleted)
    .sort((a, b) => a.seq - b.seq);
}

/** "3 min ago", in the page's language, from the server's present time. */
export function sinceText(at: number, now: number, locale: string): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  // Under a minute reads "now": a ticking seconds count would only distract.
  if (seconds < 60) return format.format(0, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  return format.format(-Math.floor(minutes / 60), 'hour');
}
