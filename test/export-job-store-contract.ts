/**
 * The behaviour every `ExportJobStore` must show (server/export/job-store.ts), run once per
 * implementation from test/sqlite-store.test.ts and test/redis-store.test.ts. Uses only the ports,
 * and fresh café and job ids per test, so it also runs against a shared Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportJob, ExportJobStore, OutcomeRecord } from '../server/export/job-store.js';
import type { CafeStore } from '../server/store/store.js';

export type ExportJobStoreFactory = () => Promise<{ cafes: CafeStore; jobs: ExportJobStore; cleanup: () => Promise<void> }>;

const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;
const T = 1_780_000_000_000;

export function exportJob(cafeId: string, overrides: Partial<ExportJob> = {}): ExportJob {
  return {
    jobId: uid('job'),
    cafeId,
    target: 'community',
    grouping: 'theme',
    pinnedSeq: 42,
    threadIds: ['theme-a', 'theme-ö'],
    edits: { 'theme-a': { title: 'Lernen neu denken — Schule von morgen', body: 'Zeile 1\nZeile 2 👋' } },
    createdAt: T,
    ...overrides,
  };
}

const created = (remoteId: string, at = T): OutcomeRecord => ({ status: 'created', remoteId, url: `https://community.test/t/x/${remoteId}`, error: null, at, attempts: 1 });
const failed = (code: string, retryable: boolean, attempts = 1): OutcomeRecord => ({
  status: 'failed', remoteId: null, url: null, error: { code, message: `${code} „happened“`, retryable }, at: T + 5, attempts,
});

export function exportJobStoreContract(name: string, makeStore: ExportJobStoreFactory): void {
  describe(`export job store contract: ${name}`, () => {
    let cafes: CafeStore;
    let jobs: ExportJobStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ cafes, jobs, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    async function newCafe(): Promise<string> {
      const cafeId = uid('cafe');
      const first = { opId: uid('op'), actor: 'system', at: T, event: { type: 'rehearsalStarted' as const } };
      expect(await cafes.createCafe({ cafeId, joinCode: uid('code'), createdAt: T }, first, [])).toBe('created');
      return cafeId;
    }
    async function newJob(overrides: Partial<ExportJob> = {}): Promise<ExportJob> {
      const job = exportJob(await newCafe(), overrides);
      expect(await jobs.createJob(job)).toBe('created');
      return job;
    }

    describe('jobs', () => {
      it('keeps a job exactly as created, a null choice of threads included', async () => {
        const job = await newJob();
        expect(await jobs.getJob(job.jobId)).toEqual(job);
        const all = await newJob({ threadIds: null, edits: {}, grouping: 'table' });
        expect(await jobs.getJob(all.jobId)).toEqual(all);
      });

      it('answers exists for a taken job id and keeps the first job', async () => {
        const job = await newJob();
        expect(await jobs.createJob({ ...job, target: 'other', pinnedSeq: 99 })).toBe('exists');
        expect(await jobs.getJob(job.jobId)).toEqual(job);
      });

      it('refuses a job for an unknown café and writes nothing', async () => {
        const job = exportJob(uid('cafe'));
        await expect(jobs.createJob(job)).rejects.toThrow();
        expect(await jobs.getJob(job.jobId)).toBeNull();
        expect(await jobs.listJobs(job.cafeId)).toEqual([]);
      });

      it('answers null for an unknown job', async () => {
        expect(await jobs.getJob(uid('job'))).toBeNull();
      });

      it('lists a café\u2019s jobs oldest first, and no other café\u2019s', async () => {
        const cafeId = await newCafe();
        const later = exportJob(cafeId, { createdAt: T + 2 });
        const earlier = exportJob(cafeId, { createdAt: T + 1 });
        expect(await jobs.createJob(later)).toBe('created');
        expect(await jobs.createJob(earlier)).toBe('created');
        await newJob();
        expect(await jobs.listJobs(cafeId)).toEqual([earlier, later]);
        expect(await jobs.listJobs(uid('cafe'))).toEqual([]);
      });
    });

    describe('the lease', () => {
      it('is taken when free, refused to another holder until it expires, then taken by that one', async () => {
        const { jobId } = await newJob();
        expect(await jobs.takeLease(jobId, 'process-a', T, 30_000)).toBe(true);
        expect(await jobs.takeLease(jobId, 'process-b', T + 29_999, 30_000)).toBe(false);
        expect(await jobs.takeLease(jobId, 'process-b', T + 30_000, 30_000)).toBe(true);
        expect(await jobs.takeLease(jobId, 'process-a', T + 30_001, 30_000)).toBe(false);
      });

      it('is extended when its holder takes it again', async () => {
        const { jobId } = await newJob();
        expect(await jobs.takeLease(jobId, 'process-a', T, 10_000)).toBe(true);
        expect(await jobs.takeLease(jobId, 'process-a', T + 8_000, 10_000)).toBe(true);
        // The first lease would have ended at T + 10,000; the extension holds until T + 18,000.
        expect(await jobs.takeLease(jobId, 'process-b', T + 17_999, 10_000)).toBe(false);
        expect(await jobs.takeLease(jobId, 'process-b', T + 18_000, 10_000)).toBe(true);
      });

      it('is seen as held until it expires or is given up', async () => {
        const { jobId } = await newJob();
        expect(await jobs.leaseHeld(jobId, T)).toBe(false);
        expect(await jobs.takeLease(jobId, 'process-a', T, 10_000)).toBe(true);
        expect(await jobs.leaseHeld(jobId, T + 9_999)).toBe(true);
        expect(await jobs.leaseHeld(jobId, T + 10_000)).toBe(false);
        await jobs.releaseLease(jobId, 'process-a');
        expect(await jobs.leaseHeld(jobId, T + 1)).toBe(false);
        expect(await jobs.leaseHeld(`job-unknown-${jobId}`, T)).toBe(false);
      });

      it('is given up only by its holder', async () => {
        const { jobId } = await newJob();
        expect(await jobs.takeLease(jobId, 'process-a', T, 60_000)).toBe(true);
        await jobs.releaseLease(jobId, 'process-b');
        expect(await jobs.takeLease(jobId, 'process-b', T + 1, 60_000)).toBe(false);
        await jobs.releaseLease(jobId, 'process-a');
        expect(await jobs.takeLease(jobId, 'process-b', T + 2, 60_000)).toBe(true);
      });

      it('goes to exactly one of two holders racing for it, twenty times over', async () => {
        for (let round = 0; round < 20; round++) {
          const { jobId } = await newJob();
          const results = await Promise.all([jobs.takeLease(jobId, 'process-a', T, 30_000), jobs.takeLease(jobId, 'process-b', T, 30_000)]);
          expect(results.filter(Boolean)).toHaveLength(1);
        }
      });

      it('goes to exactly one of ten holders racing for an expired lease', async () => {
        const { jobId } = await newJob();
        expect(await jobs.takeLease(jobId, 'process-old', T, 1_000)).toBe(true);
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => jobs.takeLease(jobId, `process-${i}`, T + 5_000, 30_000)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('is refused for an unknown job', async () => {
        expect(await jobs.takeLease(uid('job'), 'process-a', T, 30_000)).toBe(false);
      });
    });

    describe('outcomes', () => {
      it('keeps each thread\u2019s outcome and overwrites it with a later one', async () => {
        const { jobId } = await newJob();
        expect(await jobs.outcomes(jobId)).toEqual(new Map());
        await jobs.putOutcome(jobId, 'theme-a', failed('TARGET_UNREACHABLE', true));
        await jobs.putOutcome(jobId, 'theme-ö', created('101'));
        await jobs.putOutcome(jobId, 'theme-a', created('102', T + 9));
        expect(await jobs.outcomes(jobId)).toEqual(new Map([['theme-a', created('102', T + 9)], ['theme-ö', created('101')]]));
      });

      it('keeps the outcomes of two jobs apart', async () => {
        const a = await newJob();
        const b = exportJob(a.cafeId);
        expect(await jobs.createJob(b)).toBe('created');
        await jobs.putOutcome(a.jobId, 'theme-a', created('1'));
        await jobs.putOutcome(b.jobId, 'theme-a', failed('TARGET_AUTH', false));
        expect(await jobs.outcomes(a.jobId)).toEqual(new Map([['theme-a', created('1')]]));
        expect(await jobs.outcomes(b.jobId)).toEqual(new Map([['theme-a', failed('TARGET_AUTH', false)]]));
      });

      it('keeps a maybe-sent outcome with its reason', async () => {
        const { jobId } = await newJob();
        const maybe: OutcomeRecord = { status: 'maybe-sent', remoteId: null, url: null, error: { code: 'MAYBE_SENT', message: 'Look for it.', retryable: false }, at: T, attempts: 2 };
        await jobs.putOutcome(jobId, 'theme-a', maybe);
        expect((await jobs.outcomes(jobId)).get('theme-a')).toEqual(maybe);
      });
    });

    describe('deleting a café', () => {
      it('removes every job of the café with its outcomes, intents and lease, and no other café\u2019s', async () => {
        const a = await newJob();
        const a2 = exportJob(a.cafeId);
        expect(await jobs.createJob(a2)).toBe('created');
        const b = await newJob();
        for (const job of [a, a2, b]) {
          await jobs.putOutcome(job.jobId, 'theme-a', created('7'));
          await jobs.recordIntent(job.jobId, 'theme-ö');
          expect(await jobs.takeLease(job.jobId, 'process-a', T, 60_000)).toBe(true);
        }
        await jobs.deleteCafe(a.cafeId);
        for (const job of [a, a2]) {
          expect(await jobs.getJob(job.jobId)).toBeNull();
          expect(await jobs.outcomes(job.jobId)).toEqual(new Map());
          expect(await jobs.hadIntent(job.jobId, 'theme-ö')).toBe(false);
          expect(await jobs.takeLease(job.jobId, 'process-b', T + 1, 60_000)).toBe(false);
        }
        expect(await jobs.listJobs(a.cafeId)).toEqual([]);
        expect(await jobs.getJob(b.jobId)).toEqual(b);
        expect(await jobs.outcomes(b.jobId)).toEqual(new Map([['theme-a', created('7')]]));
        expect(await jobs.hadIntent(b.jobId, 'theme-ö')).toBe(true);
        expect(await jobs.takeLease(b.jobId, 'process-b', T + 1, 60_000)).toBe(false);
        // The job ids are free again.
        expect(await jobs.createJob(a)).toBe('created');
      });

      it('does nothing for a café without jobs', async () => {
        const job = await newJob();
        await jobs.deleteCafe(uid('cafe'));
        expect(await jobs.getJob(job.jobId)).toEqual(job);
      });
    });

    describe('runs under way (resumed when a server starts)', () => {
      it('lists a job while it is marked running, in any café, and not after', async () => {
        const a = await newJob();
        const b = await newJob();
        expect(await jobs.runningJobs()).not.toContain(a.jobId);
        await jobs.setRunning(a.jobId, true);
        await jobs.setRunning(b.jobId, true);
        await jobs.setRunning(a.jobId, true);
        const listed = await jobs.runningJobs();
        expect(listed).toContain(a.jobId);
        expect(listed).toContain(b.jobId);
        expect(listed.filter((id) => id === a.jobId)).toHaveLength(1);
        await jobs.setRunning(a.jobId, false);
        expect(await jobs.runningJobs()).not.toContain(a.jobId);
        expect(await jobs.runningJobs()).toContain(b.jobId);
        await jobs.setRunning(b.jobId, false);
        expect(await jobs.runningJobs()).not.toContain(b.jobId);
      });

      it('ignores an unknown job', async () => {
        const jobId = uid('job');
        await jobs.setRunning(jobId, true);
        expect(await jobs.runningJobs()).not.toContain(jobId);
        await jobs.setRunning(jobId, false);
      });

      it('keeps the mark apart from the lease and the outcomes', async () => {
        const { jobId } = await newJob();
        await jobs.setRunning(jobId, true);
        expect(await jobs.takeLease(jobId, 'process-a', T, 1_000)).toBe(true);
        await jobs.releaseLease(jobId, 'process-a');
        await jobs.putOutcome(jobId, 'theme-a', created('1'), { settlesIntent: true });
        expect(await jobs.runningJobs()).toContain(jobId);
        await jobs.setRunning(jobId, false);
      });
    });

    describe('intents (the exporters\u2019 journal)', () => {
      it('remembers an intent until an outcome settles it, and only then', async () => {
        const { jobId } = await newJob();
        expect(await jobs.hadIntent(jobId, 'theme-a')).toBe(false);
        await jobs.recordIntent(jobId, 'theme-a');
        expect(await jobs.hadIntent(jobId, 'theme-a')).toBe(true);
        expect(await jobs.hadIntent(jobId, 'theme-ö')).toBe(false);
        // maybe-sent never settles an intent.
        await jobs.putOutcome(jobId, 'theme-a', { status: 'maybe-sent', remoteId: null, url: null, error: null, at: T, attempts: 1 });
        expect(await jobs.hadIntent(jobId, 'theme-a')).toBe(true);
        await jobs.putOutcome(jobId, 'theme-a', failed('TARGET_UNREACHABLE', true), { settlesIntent: true });
        expect(await jobs.hadIntent(jobId, 'theme-a')).toBe(false);
        expect((await jobs.outcomes(jobId)).get('theme-a')).toEqual(failed('TARGET_UNREACHABLE', true));
        // A later send records a new intent, which the earlier outcome does not settle.
        await jobs.recordIntent(jobId, 'theme-a');
        expect(await jobs.hadIntent(jobId, 'theme-a')).toBe(true);
        expect((await jobs.outcomes(jobId)).get('theme-a')).toEqual(failed('TARGET_UNREACHABLE', true));
      });

      it('keeps the intents of two jobs apart', async () => {
        const a = await newJob();
        const b = await newJob();
        await jobs.recordIntent(a.jobId, 'theme-a');
        expect(await jobs.hadIntent(b.jobId, 'theme-a')).toBe(false);
      });
    });
  });
}
