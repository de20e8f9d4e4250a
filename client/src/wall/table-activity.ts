/** What the activity strip shows per table: ideas this round and when the last one arrived. */
import type { Idea, Table } from '../../../shared/domain/state.js';
import { shownOnWall } from './newest-ideas.js';

export interface TableActivity {
  table: Table;
  /** Shown ideas of the current round. */
  count: number;
  /** Server time of the table's newest shown idea (any round); null when it has none. */
  lastAt: number | null;
}

/** One pass over the ideas; `round` is the current round (-1 before the first: every count is 0). */
export function tableActivity(ideas: Record<string, Idea>, tables: Table[], round: number): TableActivity[] {
  const counts = new Map<string, number>();
  const last = new Map<string, number>();
  for (const idea of Object.values(ideas)) {
    if (!shownOnWall(idea)) continue;
    if (idea.round === round) counts.set(idea.tableId, (counts.get(idea.tableId) ?? 0) + 1);
    if (idea.createdAt > (last.get(idea.tableId) ?? -Infinity)) last.set(idea.tableId, idea.createdAt);
  }
  return tables.map((table) => ({ table, count: counts.get(table.id) ?? 0, lastAt: last.get(table.id) ?? null }));
}

/** "12" for a default name ("Table 12"), else the name: numbers read best from the back of the room. */
export function shortTableLabel(table: Table): string {
  return table.name === `Table ${table.id}` ? table.id : table.name;
}
