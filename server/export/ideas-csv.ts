/** The ideas of a harvest as a spreadsheet: one row per idea with where it came from. */
import { questionFor, type CafeState } from '../../shared/domain/state.js';
import type { SeedIdea, SeedThread } from '../../shared/harvest/seed-thread.js';
import { publishable, seedIdea, seedThreads } from '../../shared/harvest/threads.js';
import { csvRow, plainText } from './neutralize.js';

/** The columns, documented in docs/export.md; rounds counted from 1 as the room did. */
export const IDEAS_CSV_COLUMNS = ['thread_id', 'thread_title', 'question', 'round', 'table', 'group', 'author', 'starred', 'votes', 'idea_id', 'idea'] as const;

/** UTF-8's byte-order mark: without it Excel reads the file as Windows-1252 and "Grüße" turns to "GrÃ¼ÃŸe". */
const BOM = '\uFEFF';

/** One row's idea: the idea, the question it answered and the thread it belongs to (none when in no theme). */
export interface CsvIdea {
  idea: SeedIdea;
  question: string;
  thread: Pick<SeedThread, 'id' | 'title' | 'votes'> | null;
}

function questionOf(thread: SeedThread, round: number): string {
  const own = thread.questions.filter((q) => q.round === round);
  return (own.length > 0 ? own : thread.questions).map((q) => q.text).join(' / ');
}

/**
 * Every publishable idea of the café (H11), in order of arrival, with its theme's thread where
 * it is in a theme: the spreadsheet holds the whole harvest, whichever grouping was exported.
 */
export function cafeIdeas(state: CafeState): CsvIdea[] {
  const themed = new Map<string, SeedThread>();
  for (const thread of seedThreads(state, 'theme')) for (const idea of thread.ideas) themed.set(idea.id, thread);
  return Object.values(state.ideas)
    .filter((idea) => publishable(state, idea))
    .sort((a, b) => a.seq - b.seq)
    .map((idea) => ({ idea: seedIdea(state, idea), question: questionFor(state, idea.round, idea.tableId), thread: themed.get(idea.id) ?? null }));
}

/** The ideas of the threads themselves, for a folder written from threads alone. */
function threadIdeas(threads: readonly SeedThread[]): CsvIdea[] {
  return threads.flatMap((thread) => thread.ideas.map((idea) => ({ idea, question: questionOf(thread, idea.round), thread })));
}

/** The CSV text (with its BOM); every text cell through `plainText` and `csvCell`, so no formula starts. */
export function ideasCsv(threads: readonly SeedThread[], ideas: readonly CsvIdea[] = threadIdeas(threads)): string {
  const text = (value: string | null | undefined) => (value === null || value === undefined ? null : plainText(value));
  const rows = [csvRow(IDEAS_CSV_COLUMNS)];
  for (const { idea, question, thread } of ideas) {
    rows.push(
      csvRow([
        thread?.id ?? null,
        text(thread?.title),
        text(question),
        idea.round + 1,
        text(idea.tableName),
        text(idea.group),
        text(idea.author),
        idea.starred,
        thread?.votes ?? null,
        idea.id,
        text(idea.text),
      ]),
    );
  }
  return BOM + rows.join('');
}
