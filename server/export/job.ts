/**
 * The export job: publishes a café's seed threads, as of one pinned sequence number, to one
 * target, one thread at a time, recording each outcome durably before moving on. It holds a
 * lease so two processes never run one job together, resumes where it stopped after a restart,
 * and hands exporters a journal kept in the job store (docs/export.md, "The export job").
 */
import type { ExportProgress } from '../../shared/export-api.js';
import type { SeedPhoto } from '../../shared/harvest/seed-thread.js';
import type { PhotoStore } from '../photos/photo-store.js';
import { evolve } from '../../shared/domain/evolve.js';
import type { CafeState } from '../../shared/domain/state.js';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { seedThreads, writtenInsights } from '../../shared/harvest/threads.js';
import type { CafeStore } from '../store/store.js';
import { ExportError, type ExportClock, type ExportJournal, type Exporter, type PublishOutcome } from './exporter.js';
import type { ExportJob, ExportJobStore, OutcomeRecord } from './job-store.js';
import { cafeIdeas } from './ideas-csv.js';

/** A seed thread as the job sends it: with the facilitator's edits applied. */
export type JobThread = SeedThread & { body?: string };

export type { ExportProgress };

export type RunStatus =
  /** Every thread was handed to the exporter (some may have failed). */
  | 'finished'
  /** Another holder has the lease: nothing was done. */
  | 'busy'
  /** The lease was lost while running: stopped after recording the thread in hand. */
  | 'lease-lost'
  /** `signal` was aborted (the server is shutting down): stopped after recording the thread in hand. */
  | 'stopped';

export interface RunExportJobOptions {
  jobs: ExportJobStore;
  /** The café's log, read up to the job's pinned sequence number. */
  cafes: CafeStore;
  exporter: Exporter;
  jobId: string;
  /** Who runs it (a process and run id); the lease is held in this name. */
  holder: string;
  clock: ExportClock;
  onProgress?: (progress: ExportProgress) => void;
  /** Also hand the threads whose failure was final to the exporter again (an explicit retry). */
  retryFinal?: boolean;
  /** How long the lease lasts without renewal; renewed before every thread and every third of it. */
  leaseMs?: number;
  /** Stops the run before the next thread; the next run resumes there. */
  signal?: AbortSignal;
  /** Where the tablecloth photos are: each thread gets the bytes of its photos (H14) just before it is published. */
  photos?: PhotoStore | null;
}

const CAPTION: Record<string, (table: string, round: number) => string> = {
  en: (table, round) => `Tablecloth of ${table}, round ${round}`,
  de: (table, round) => `Tischdecke von ${table}, Runde ${round}`,
};

/** The thread with the bytes of its photos; a photo whose file is gone is left out, not guessed. */
async function withPhotos(thread: JobThread, state: CafeState, photos: PhotoStore | null | undefined): Promise<JobThread> {
  if (!photos || !thread.photoIds?.length) return thread;
  const caption = CAPTION[state.language] ?? CAPTION.en!;
  const loaded: SeedPhoto[] = [];
  for (const id of thread.photoIds) {
    const photo = Object.hasOwn(state.photos, id) ? state.photos[id] : undefined;
    const bytes = photo ? await photos.get(state.id, id) : null;
    if (!photo || !bytes) continue;
    const table = state.tables.find((t) => t.id === photo.tableId)?.name ?? photo.tableId;
    loaded.push({ id, caption: caption(table, photo.round + 1), contentType: 'image/jpeg', bytes });
  }
  return { ...thread, photos: loaded };
}

export class ExportJobNotFound extends Error {
  constructor(readonly jobId: string) {
    super(`no export job ${jobId}`);
  }
}

const READ_BATCH = 1000;
const DEFAULT_LEASE_MS = 60_000;

/** The café's state as of `seq`, replayed from its log: later entries never mix in. */
export async function stateAt(cafes: CafeStore, cafeId: string, seq: number): Promise<CafeState | null> {
  let state: CafeState | null = null;
  let since = 0;
  while (since < seq) {
    const entries = await cafes.readSince(cafeId, since, Math.min(READ_BATCH, seq - since));
    if (entries.length === 0) break;
    for (const entry of entries) state = evolve(state, entry);
    since = entries[entries.length - 1]!.seq;
  }
  return state;
}

/** The job's threads: the chosen ones (all when none were chosen), with the edits applied. */
export function jobThreads(state: CafeState, job: Pick<ExportJob, 'grouping' | 'threadIds' | 'edits'>): JobThread[] {
  const chosen = job.threadIds === null ? null : new Set(job.threadIds);
  return seedThreads(state, job.grouping)
    .filter((t) => chosen === null || chosen.has(t.id))
    .map((t) => {
      const edit = Object.hasOwn(job.edits, t.id) ? job.edits[t.id] : undefined;
      const thread: JobThread = { ...t };
      if (edit?.title !== undefined) thread.title = edit.title;
      if (edit?.body !== undefined) thread.body = edit.body;
      return thread;
    });
}

/** Whether a thread with this outcome is done for a normal run. */
export function isFinal(outcome: OutcomeRecord | undefined): boolean {
  if (!outcome) return false;
  return outcome.status !== 'failed' || outcome.error?.retryable === false;
}

export function progressOf(threads: { id: string; title: string }[], outcomes: Map<string, OutcomeRecord>): ExportProgress {
  const progress: ExportProgress = { total: threads.length, done: 0, created: 0, found: 0, maybeSent: [], failed: [], pending: 0 };
  for (const t of threads) {
    const o = outcomes.get(t.id);
    if (!o) progress.pending++;
    else if (o.status === 'created' || o.status === 'found') {
      progress.done++;
      progress[o.status]++;
    } else if (o.status === 'maybe-sent') progress.maybeSent.push(t.id);
    else progress.failed.push({ threadId: t.id, title: t.title, code: o.error?.code ?? 'UNKNOWN', message: o.error?.message ?? '', retryable: o.error?.retryable ?? false });
  }
  return progress;
}

/**
 * What an outcome does to the exporter's intent (docs/export.md, NING): `created` (and `found`)
 * and every ExportError except TARGET_INVALID settle it; `maybe-sent` never does.
 */
function record(outcome: PublishOutcome | ExportError | Error, at: number, attempts: number): { record: OutcomeRecord; settlesIntent: boolean } {
  if (outcome instanceof ExportError) {
    const error = { code: outcome.code, message: outcome.message, retryable: outcome.retryable };
    return { record: { status: 'failed', remoteId: null, url: null, error, at, attempts }, settlesIntent: outcome.code !== 'TARGET_INVALID' };
  }
  if (outcome instanceof Error) {
    // Not an exporter's refusal: a bug or a store failure. Its text may hold anything, so it is not kept.
    const error = { code: 'EXPORT_INTERNAL', message: 'The exporter failed unexpectedly; try again.', retryable: true };
    return { record: { status: 'failed', remoteId: null, url: null, error, at, attempts }, settlesIntent: false };
  }
  if (outcome.status === 'maybe-sent') {
    const error = { code: 'MAYBE_SENT', message: outcome.reason, retryable: false };
    return { record: { status: 'maybe-sent', remoteId: null, url: null, error, at, attempts }, settlesIntent: false };
  }
  return { record: { status: outcome.status, remoteId: outcome.remoteId, url: outcome.url, error: null, at, attempts }, settlesIntent: true };
}

/**
 * What the café's other jobs to the same target and grouping recorded per thread: a thread one of
 * them published (created or found) is `found` here with its remote id, without a send; one they
 * left `maybe-sent` stays in doubt. So a new job creates nothing twice even on a target that
 * cannot be asked (NING) or that would take a second copy (mail, files).
 */
async function otherJobsOutcomes(jobs: ExportJobStore, job: ExportJob): Promise<{ outcomes: Map<string, OutcomeRecord>; jobIds: string[] }> {
  const outcomes = new Map<string, OutcomeRecord>();
  const others = (await jobs.listJobs(job.cafeId)).filter((o) => o.jobId !== job.jobId && o.target === job.target && o.grouping === job.grouping);
  for (const other of others) {
    for (const [threadId, o] of await jobs.outcomes(other.jobId)) {
      const known = outcomes.get(threadId);
      if (o.status === 'created' || o.status === 'found') {
        if (known?.status !== 'created' && known?.status !== 'found') outcomes.set(threadId, o);
      } else if (o.status === 'maybe-sent' && !known) outcomes.set(threadId, o);
    }
  }
  return { outcomes, jobIds: others.map((o) => o.jobId) };
}

/** The outcome another job's record gives this thread without a send, or null when it must be sent. */
function carriedOver(other: OutcomeRecord | undefined, at: number, attempts: number): OutcomeRecord | null {
  if (other?.status === 'created' || other?.status === 'found') return { status: 'found', remoteId: other.remoteId, url: other.url, error: null, at, attempts };
  if (other?.status === 'maybe-sent') {
    const error = { code: 'MAYBE_SENT', message: `An earlier export of this café to this target may have sent it. ${other.error?.message ?? ''}`.trim(), retryable: false };
    return { status: 'maybe-sent', remoteId: null, url: null, error, at, attempts };
  }
  return null;
}

export async function runExportJob(options: RunExportJobOptions): Promise<{ status: RunStatus; progress: ExportProgress | null }> {
  const { jobs, cafes, exporter, jobId, holder, clock } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const job = await jobs.getJob(jobId);
  if (!job) throw new ExportJobNotFound(jobId);
  if (!(await jobs.takeLease(jobId, holder, clock.now(), leaseMs))) return { status: 'busy', progress: null };
  // Marked before the first send, so a restart resumes the job even if this process dies.
  await jobs.setRunning(jobId, true);

  let leaseLost = false;
  const renew = async () => {
    if (!leaseLost && !(await jobs.takeLease(jobId, holder, clock.now(), leaseMs))) leaseLost = true;
  };
  // A slow thread (rate limits, a long upload) must not let the lease lapse under it.
  const heartbeat = setInterval(() => void renew().catch(() => (leaseLost = true)), Math.max(100, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  try {
    const state = await stateAt(cafes, job.cafeId, job.pinnedSeq);
    if (!state) throw new Error(`café ${job.cafeId} has no log up to ${job.pinnedSeq}`);
    const threads = jobThreads(state, job);
    const outcomes = await jobs.outcomes(jobId);
    // Discourse is asked instead (by external_id): it knows better than our records, e.g. a topic deleted since.
    const others = exporter.target === 'discourse' ? { outcomes: new Map<string, OutcomeRecord>(), jobIds: [] } : await otherJobsOutcomes(jobs, job);
    const journal: ExportJournal = {
      recordIntent: (threadId) => jobs.recordIntent(jobId, threadId),
      // Another job's unsettled intent is as much in doubt as this job's own.
      hadIntent: async (threadId) => {
        for (const id of [jobId, ...others.jobIds]) if (await jobs.hadIntent(id, threadId)) return true;
        return false;
      },
    };
    options.onProgress?.(progressOf(threads, outcomes));

    for (const thread of threads) {
      const before = outcomes.get(thread.id);
      const retry = options.retryFinal && before?.status === 'failed';
      if (isFinal(before) && !retry) continue;
      if (options.signal?.aborted) return { status: 'stopped', progress: progressOf(threads, outcomes) };
      await renew();
      if (leaseLost) return { status: 'lease-lost', progress: progressOf(threads, outcomes) };
      const carried = carriedOver(others.outcomes.get(thread.id), clock.now(), before?.attempts ?? 0);
      let result: OutcomeRecord;
      if (carried) {
        result = carried;
        await jobs.putOutcome(jobId, thread.id, result);
      } else {
        let outcome: PublishOutcome | Error;
        try {
          outcome = await exporter.publish(await withPhotos(thread, state, options.photos), journal);
        } catch (error) {
          outcome = error instanceof Error ? error : new Error(String(error));
        }
        const recorded = record(outcome, clock.now(), (before?.attempts ?? 0) + 1);
        result = recorded.record;
        await jobs.putOutcome(jobId, thread.id, result, { settlesIntent: recorded.settlesIntent });
      }
      outcomes.set(thread.id, result);
      options.onProgress?.(progressOf(threads, outcomes));
      if (leaseLost) return { status: 'lease-lost', progress: progressOf(threads, outcomes) };
    }
    if (exporter.complete) {
      const all = await Promise.all(threads.map((t) => withPhotos(t, state, options.photos)));
      await exporter.complete({ id: state.id, title: state.title, language: state.language === 'de' ? 'de' : 'en', ideas: cafeIdeas(state), insights: writtenInsights(state) }, all);
    }
    await jobs.setRunning(jobId, false);
    return { status: 'finished', progress: progressOf(threads, outcomes) };
  } finally {
    clearInterval(heartbeat);
    await Promise.resolve(exporter.close?.()).catch(() => undefined);
    await jobs.releaseLease(jobId, holder).catch(() => undefined);
  }
}
