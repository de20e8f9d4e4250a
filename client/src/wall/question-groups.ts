/**
 * "Pie" mode gives each table its own question. A room rarely has more than a handful of distinct
 * questions, so the wall groups the tables that share one ("Tables 1–5, 9") instead of listing 45
 * lines nobody can read from 10 metres.
 */
import { questionFor, type CafeState } from '../../../shared/domain/state.js';

export interface QuestionGroup {
  question: string;
  /** Table names or numbers, in table order. */
  tableIds: string[];
  /** "1–5, 9" when the ids are numbers, else the table names joined. */
  tables: string;
}

export function questionGroups(state: CafeState, round: number): QuestionGroup[] {
  const byQuestion = new Map<string, string[]>();
  for (const table of state.tables) {
    if (!table.enabled) continue;
    const question = questionFor(state, round, table.id);
    if (!question) continue;
    const ids = byQuestion.get(question) ?? [];
    ids.push(table.id);
    byQuestion.set(question, ids);
  }
  const names = new Map(state.tables.map((t) => [t.id, t.name]));
  return [...byQuestion].map(([question, tableIds]) => ({
    question,
    tableIds,
    tables: tableIds.every((id) => /^\d+$/.test(id)) ? numberRanges(tableIds.map(Number)) : tableIds.map((id) => names.get(id) ?? id).join(', '),
  }));
}

/** [1,2,3,4,5,9] → "1–5, 9"; two in a row stay a list ("1, 2"). */
export function numberRanges(numbers: number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}\u2013${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}
