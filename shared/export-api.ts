/**
 * The export API's shapes (server/http/export-routes.ts answers them, the console reads them) and
 * the rule a seed thread's title must meet, checked by the console as the facilitator types and by
 * the server before it accepts an export (docs/export.md).
 */

export type TargetKind = 'discourse' | 'ning' | 'mail' | 'webhook' | 'files';

/** A target as a browser sees it: its name and kind, never its settings. */
export interface ExportTargetInfo {
  name: string;
  kind: TargetKind | null;
}

export interface ExportProgress {
  /** Threads the job publishes (m). */
  total: number;
  /** Threads that are there: created now or found from an earlier run (n). */
  done: number;
  created: number;
  found: number;
  /** Sent, answer lost, target without a lookup: for a person to check. */
  maybeSent: string[];
  failed: { threadId: string; title: string; code: string; message: string; retryable: boolean }[];
  /** Threads with no outcome yet. */
  pending: number;
}

export interface ExportSummary {
  job: { jobId: string; target: string; grouping: string; createdAt: number; threadIds: string[] | null };
  target: ExportTargetInfo;
  running: boolean;
  progress: ExportProgress;
}

export interface ThreadOutcome {
  status: 'created' | 'found' | 'maybe-sent' | 'failed';
  url: string | null;
  error: { code: string; message: string; retryable: boolean } | null;
}

export interface ExportDetail extends ExportSummary {
  threads: { threadId: string; title: string; outcome: ThreadOutcome | null }[];
}

export interface ExportList {
  targets: ExportTargetInfo[];
  exports: ExportSummary[];
}

/** Discourse's defaults, which every target fits: at least 15 characters, at most 255. */
export const TITLE_MIN = 15;
export const TITLE_MAX = 255;

export type TitleProblem = 'short' | 'long' | 'taken';

/** Code points, as the targets count a title's length. */
const length = (text: string) => Array.from(text.trim()).length;

/** What is wrong with each thread's title as it would go out: too short, too long, or the same as another's (case ignored). */
export function titleProblems(threads: readonly { id: string; title: string }[]): Map<string, TitleProblem> {
  const problems = new Map<string, TitleProblem>();
  const seen = new Map<string, number>();
  const key = (title: string) => title.trim().toLocaleLowerCase();
  for (const t of threads) seen.set(key(t.title), (seen.get(key(t.title)) ?? 0) + 1);
  for (const t of threads) {
    if (length(t.title) < TITLE_MIN) problems.set(t.id, 'short');
    else if (length(t.title) > TITLE_MAX) problems.set(t.id, 'long');
    else if ((seen.get(key(t.title)) ?? 0) > 1) problems.set(t.id, 'taken');
  }
  return problems;
}
