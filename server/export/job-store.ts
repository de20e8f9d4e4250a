/**
 * The storage port of export jobs (server/export/job.ts). The SQLite store and the Redis store
 * implement it and both pass test/export-job-store-contract.ts. What it keeps is what a job needs
 * to survive a restart: the job as created (its pinned sequence number, the choice of threads and
 * the edits), one outcome per thread, the exporters' intents (NING's journal) and a lease, so two
 * processes never run one job at the same time.
 */
import type { ThreadGrouping } from '../../shared/harvest/threads.js';

/** The facilitator's changes to one seed thread, from the preview. */
export interface ThreadEdit {
  title?: string;
  /** Kept with the job and handed on as the thread's `body`; see docs/export.md, "The export job". */
  body?: string;
}

export interface ExportJob {
  jobId: string;
  cafeId: string;
  /** The name of a target configured on the server (EXPORT_TARGETS_FILE). */
  target: string;
  grouping: ThreadGrouping;
  /** The café's sequence number when the job was created: the harvest is exported as of then. */
  pinnedSeq: number;
  /** The seed threads chosen to publish, by id; null for all of them. */
  threadIds: string[] | null;
  /** Per seed thread id. */
  edits: Record<string, ThreadEdit>;
  createdAt: number;
}

export interface OutcomeError {
  code: string;
  message: string;
  retryable: boolean;
}

/** What happened to one thread, as far as the job knows: written before the job moves on. */
export interface OutcomeRecord {
  status: 'created' | 'found' | 'maybe-sent' | 'failed';
  remoteId: string | null;
  url: string | null;
  /** For `failed`: the exporter's error; for `maybe-sent`: code `MAYBE_SENT` with the reason; else null. */
  error: OutcomeError | null;
  at: number;
  /** How many times the job handed this thread to the exporter. */
  attempts: number;
}

export interface ExportJobStore {
  /** Stores a new job; 'exists' (and nothing written) when the id is taken. Rejects for an unknown café. */
  createJob(job: ExportJob): Promise<'created' | 'exists'>;
  getJob(jobId: string): Promise<ExportJob | null>;
  /** The café's jobs, oldest first. */
  listJobs(cafeId: string): Promise<ExportJob[]>;
  /**
   * Takes the job's lease for `holder` until `now + ttlMs`, atomically: when nobody holds it, when
   * it expired (`expiresAt <= now`), or when `holder` already holds it (then it is extended).
   */
  takeLease(jobId: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it; does nothing otherwise. */
  releaseLease(jobId: string, holder: string): Promise<void>;
  /** Whether anyone holds the job's lease past `now`: some process, maybe another one, runs the job. */
  leaseHeld(jobId: string, now: number): Promise<boolean>;
  /**
   * Stores (or overwrites) the outcome of one thread; durable when it resolves. With
   * `settlesIntent` the thread's intent is cleared in the same step.
   */
  putOutcome(jobId: string, threadId: string, record: OutcomeRecord, options?: { settlesIntent?: boolean }): Promise<void>;
  /** Every outcome of the job, by thread id. */
  outcomes(jobId: string): Promise<Map<string, OutcomeRecord>>;
  /** Records, durably, that a send of this thread is about to happen. */
  recordIntent(jobId: string, threadId: string): Promise<void>;
  /** Whether an intent is recorded for this thread and no outcome settled it since. */
  hadIntent(jobId: string, threadId: string): Promise<boolean>;
  /**
   * Marks whether a run of the job is under way: set when a run takes the job, cleared when a run
   * has handed every thread over. A job still marked when its process stops (a shutdown, a crash)
   * is resumed by the next server that starts (`runningJobs`). Unknown jobs are ignored.
   */
  setRunning(jobId: string, running: boolean): Promise<void>;
  /** The ids of the jobs marked running, in every café. */
  runningJobs(): Promise<string[]>;
  /** Removes every job of the café with its outcomes, intents and lease; nothing for a café without jobs. */
  deleteCafe(cafeId: string): Promise<void>;
}
