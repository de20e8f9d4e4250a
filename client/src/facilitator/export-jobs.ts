/** The export API's answers as the console reads them (docs/protocol.md, "HTTP routes"; docs/export.md). */

export interface ExportTargetInfo {
  name: string;
  kind: 'discourse' | 'ning' | 'mail' | 'webhook' | 'files' | null;
}

export interface ExportProgress {
  total: number;
  done: number;
  created: number;
  found: number;
  maybeSent: string[];
  failed: { threadId: string; title: string; code: string; message: string; retryable: boolean }[];
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

/** Where an API path of this café is. */
export const cafePath = (server: string, cafeId: string, rest: string) => `${server}/api/cafes/${encodeURIComponent(cafeId)}${rest}`;

/** Only web addresses become links on the console (a files target answers file: URLs, which a browser would not open). */
export const linkable = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);
