/** What the wall shows of each theme in the harvest: its votes, its ideas the room can see, and whose voices they are. */
import { stakeholderMix } from '../../../shared/harvest/threads.js';
import type { StakeholderMix } from '../../../shared/harvest/seed-thread.js';
import { own, type CafeState, type Idea } from '../../../shared/domain/state.js';
import { shownOnWall } from './newest-ideas.js';

export interface ThemeRow {
  id: string;
  name: string;
  /** Phone dots plus paper dots (H7). */
  votes: number;
  /** Its ideas the wall may show (hidden, held and deleted ones are not counted). */
  ideas: number;
  /** Which of the café's groups these ideas came from, and which none (counts only, H12). */
  mix: StakeholderMix;
}

/** Every theme in creation order. */
export function themeRows(state: CafeState): ThemeRow[] {
  return Object.values(state.themes).map((theme) => {
    const ideas = theme.ideaIds.map((id) => own(state.ideas, id)).filter((i): i is Idea => i !== undefined && shownOnWall(i));
    return { id: theme.id, name: theme.name, votes: theme.phoneDots + theme.paperDots, ideas: ideas.length, mix: stakeholderMix(state, ideas) };
  });
}

/**
 * The themes by votes, most first. A tie keeps the order the room saw last (then creation
 * order), so a theme moves only when it overtakes another, not on every dot that draws level.
 */
export function rankThemes(rows: ThemeRow[], previous: readonly string[]): ThemeRow[] {
  const seen = new Map(previous.map((id, i) => [id, i]));
  const place = (row: ThemeRow, created: number) => seen.get(row.id) ?? previous.length + created;
  const created = new Map(rows.map((row, i) => [row.id, i]));
  return [...rows].sort((a, b) => b.votes - a.votes || place(a, created.get(a.id)!) - place(b, created.get(b.id)!));
}
