/** The ideas of a harvest as a spreadsheet: one row per idea with where it came from. */
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { csvRow, plainText } from './neutralize.js';

/** The columns, documented in docs/export.md; rounds counted from 1 as the room did. */
export const IDEAS_CSV_COLUMNS = ['thread_id', 'thread_title', 'question', 'round', 'table', 'group', 'author', 'starred', 'votes', 'idea_id', 'idea'] as const;

/** UTF-8's byte-order mark: without it Excel reads the file as Windows-1252 and "Grüße" turns to "GrÃ¼ÃŸe". */
const BOM = '\uFEFF';

function questionOf(thread: SeedThread, round: number): string {
  const own = thread.questions.filter((q) => q.round === round);
  return (own.length > 0 ? own : thread.questions).map((q) => q.text).join(' / ');
}

/** The CSV text (with its BOM); every text cell through `plainText` and `csvCell`, so no formula starts. */
export function ideasCsv(threads: readonly SeedThread[]): string {
  const rows = [csvRow(IDEAS_CSV_COLUMNS)];
  for (const thread of threads) {
    for (const idea of thread.ideas) {
      const text = (value: string | null) => (value === null ? null : plainText(value));
      rows.push(
        csvRow([
          thread.id,
          text(thread.title),
          text(questionOf(thread, idea.round)),
          idea.round + 1,
          text(idea.tableName),
          text(idea.group),
          text(idea.author),
          idea.starred,
          thread.votes,
          idea.id,
          text(idea.text),
        ]),
      );
    }
  }
  return BOM + rows.join('');
}
