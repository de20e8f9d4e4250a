/**
 * Export jobs in the embedded store (the ExportJobStore port of server/export/job-store.ts), on
 * the SqliteStore's connection: the same file, WAL and `synchronous = FULL`, so an outcome is on
 * disk when `putOutcome` resolves. The lease is a compare-and-set in one immediate transaction.
 */
import type Database from 'better-sqlite3';
import type { ExportJob, ExportJobStore, OutcomeRecord } from '../export/job-store.js';

/** Schema version 2 (sqlite-store.ts runs it as a migration; version 3 adds EXPORT_JOBS_RUNNING). */
export const EXPORT_JOBS_SCHEMA = `
  CREATE TABLE export_jobs (
    job_id        TEXT PRIMARY KEY,
    cafe_id       TEXT NOT NULL REFERENCES cafes(cafe_id),
    created_at    INTEGER NOT NULL,
    job           TEXT NOT NULL,
    lease_holder  TEXT,
    lease_expires INTEGER
  );
  CREATE INDEX export_jobs_by_cafe ON export_jobs (cafe_id, created_at);
  CREATE TABLE export_outcomes (
    job_id    TEXT NOT NULL REFERENCES export_jobs(job_id),
    thread_id TEXT NOT NULL,
    outcome   TEXT,
    intent    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, thread_id)
  ) WITHOUT ROWID;
`;

/** Schema version 3: whether a run is under way, for the jobs a starting server resumes. */
export const EXPORT_JOBS_RUNNING = `
  ALTER TABLE export_jobs ADD COLUMN running INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX export_jobs_running ON export_jobs (job_id) WHERE running = 1;
`;

interface JobRow { job: string }

/** Removes the café's jobs and their outcomes and intents (inside the caller's transaction, or alone). */
export function deleteExportJobsOf(db: Database.Database, cafeId: string): void {
  db.prepare('DELETE FROM export_outcomes WHERE job_id IN (SELECT job_id FROM export_jobs WHERE cafe_id = ?)').run(cafeId);
  db.prepare('DELETE FROM export_jobs WHERE cafe_id = ?').run(cafeId);
}
interface LeaseRow { lease_holder: string | null; lease_expires: number | null }
interface OutcomeRow { thread_id: string; outcome: string }

export function sqliteExportJobs(db: Database.Database): ExportJobStore {
  const stmt = {
    insertJob: db.prepare<[string, string, number, string]>('INSERT INTO export_jobs (job_id, cafe_id, created_at, job) VALUES (?, ?, ?, ?)'),
    jobExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM export_jobs WHERE job_id = ?'),
    cafeExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM cafes WHERE cafe_id = ?'),
    job: db.prepare<[string], JobRow>('SELECT job FROM export_jobs WHERE job_id = ?'),
    jobs: db.prepare<[string], JobRow>('SELECT job FROM export_jobs WHERE cafe_id = ? ORDER BY created_at, job_id'),
    lease: db.prepare<[string], LeaseRow>('SELECT lease_holder, lease_expires FROM export_jobs WHERE job_id = ?'),
    setLease: db.prepare<[string | null, number | null, string]>('UPDATE export_jobs SET lease_holder = ?, lease_expires = ? WHERE job_id = ?'),
    release: db.prepare<[string, string]>('UPDATE export_jobs SET lease_holder = NULL, lease_expires = NULL WHERE job_id = ? AND lease_holder = ?'),
    putOutcome: db.prepare<[string, string, string, number]>(
      `INSERT INTO export_outcomes (job_id, thread_id, outcome, intent) VALUES (?, ?, ?, 0)
       ON CONFLICT (job_id, thread_id) DO UPDATE SET outcome = excluded.outcome, intent = CASE WHEN ? = 1 THEN 0 ELSE intent END`),
    outcomes: db.prepare<[string], OutcomeRow>('SELECT thread_id, outcome FROM export_outcomes WHERE job_id = ? AND outcome IS NOT NULL'),
    recordIntent: db.prepare<[string, string]>(
      `INSERT INTO export_outcomes (job_id, thread_id, outcome, intent) VALUES (?, ?, NULL, 1)
       ON CONFLICT (job_id, thread_id) DO UPDATE SET intent = 1`),
    intent: db.prepare<[string, string], { intent: number }>('SELECT intent FROM export_outcomes WHERE job_id = ? AND thread_id = ?'),
    setRunning: db.prepare<[number, string]>('UPDATE export_jobs SET running = ? WHERE job_id = ?'),
    running: db.prepare<[], { job_id: string }>('SELECT job_id FROM export_jobs WHERE running = 1 ORDER BY job_id'),
  };

  const createTx = db.transaction((job: ExportJob): 'created' | 'exists' => {
    if (stmt.jobExists.get(job.jobId)) return 'exists';
    if (!stmt.cafeExists.get(job.cafeId)) throw new Error(`export job for an unknown café ${job.cafeId}`);
    stmt.insertJob.run(job.jobId, job.cafeId, job.createdAt, JSON.stringify(job));
    return 'created';
  });

  const leaseTx = db.transaction((jobId: string, holder: string, now: number, ttlMs: number): boolean => {
    const row = stmt.lease.get(jobId);
    if (!row) return false;
    const free = row.lease_holder === null || row.lease_expires === null || row.lease_expires <= now || row.lease_holder === holder;
    if (!free) return false;
    stmt.setLease.run(holder, now + ttlMs, jobId);
    return true;
  });

  return {
    async createJob(job) {
      return createTx.immediate(job);
    },
    async getJob(jobId) {
      const row = stmt.job.get(jobId);
      return row ? (JSON.parse(row.job) as ExportJob) : null;
    },
    async listJobs(cafeId) {
      return stmt.jobs.all(cafeId).map((r) => JSON.parse(r.job) as ExportJob);
    },
    async takeLease(jobId, holder, now, ttlMs) {
      return leaseTx.immediate(jobId, holder, now, ttlMs);
    },
    async releaseLease(jobId, holder) {
      stmt.release.run(jobId, holder);
    },
    async leaseHeld(jobId, now) {
      const row = stmt.lease.get(jobId);
      return row?.lease_holder != null && row.lease_expires !== null && row.lease_expires > now;
    },
    async putOutcome(jobId, threadId, record, options = {}) {
      stmt.putOutcome.run(jobId, threadId, JSON.stringify(record), options.settlesIntent ? 1 : 0);
    },
    async outcomes(jobId) {
      return new Map(stmt.outcomes.all(jobId).map((r) => [r.thread_id, JSON.parse(r.outcome) as OutcomeRecord]));
    },
    async recordIntent(jobId, threadId) {
      stmt.recordIntent.run(jobId, threadId);
    },
    async hadIntent(jobId, threadId) {
      return stmt.intent.get(jobId, threadId)?.intent === 1;
    },
    async deleteCafe(cafeId) {
      db.transaction(() => deleteExportJobsOf(db, cafeId)).immediate();
    },
    async setRunning(jobId, running) {
      stmt.setRunning.run(running ? 1 : 0, jobId);
    },
    async runningJobs() {
      return stmt.running.all().map((r) => r.job_id);
    },
  };
}
