/**
 * One interface for every export target (Discourse, NING, a mailing list, a webhook, files).
 * An export job (server/export/job.ts) hands each seed thread to `publish` in turn and records
 * the outcome before it moves on; each exporter says what it guarantees when an answer is lost.
 */
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import type { HarvestCafe } from './harvest-json.js';

export type PublishOutcome =
  /** Created now. */
  | { status: 'created'; remoteId: string; url: string | null }
  /** Already there from an earlier run (found by its stable id): nothing created. */
  | { status: 'found'; remoteId: string; url: string | null }
  /** Sent, but the answer was lost and the target has no lookup (NING): not sent again, reported. */
  | { status: 'maybe-sent'; reason: string };

/** Refusals an exporter reports instead of throwing anything else. */
export class ExportError extends Error {
  constructor(
    /** Stable code, e.g. `TARGET_REFUSED`, `TARGET_UNREACHABLE`, `TARGET_AUTH`, `TARGET_INVALID`. */
    readonly code: string,
    message: string,
    /** Whether trying the same thread again later may succeed. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Time as the exporter sees it: tests pass a clock they move, so a rate-limited export runs in seconds. */
export interface ExportClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: ExportClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the job keeps for an exporter between attempts (NING records its intents here). */
export interface ExportJournal {
  /** Records, durably, that a send of this thread is about to happen. */
  recordIntent(threadId: string): Promise<void>;
  /** Whether an earlier attempt recorded an intent for this thread without recording an outcome. */
  hadIntent(threadId: string): Promise<boolean>;
}

export interface Exporter {
  readonly target: 'discourse' | 'ning' | 'mail' | 'webhook' | 'files';
  /** What the target gets when an answer is lost and the export is run again, in one sentence (docs and console). */
  readonly guarantee: string;
  publish(thread: SeedThread, journal: ExportJournal): Promise<PublishOutcome>;
  /**
   * Called by the job once every thread was handed over, with all the job's threads: for what
   * belongs to the whole export, not one thread (the files target's index, CSV, JSON and report).
   * Must be idempotent: a re-run calls it again.
   */
  complete?(cafe: HarvestCafe, threads: readonly SeedThread[]): Promise<unknown>;
  /** Lets go of what the exporter holds (the mail exporter's pooled SMTP connection); the job calls it when its run ends. */
  close?(): unknown;
}
