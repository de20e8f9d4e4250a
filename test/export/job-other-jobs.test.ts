/**
 * A new export job creates nothing an earlier job of the café to the same target already
 * published (server/export/job.ts): checked on NING, which has no lookup, over real HTTP to the
 * local NING test server, with a real SQLite store.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportClock } from '../../server/export/exporter.js';
import type { ExportJob } from '../../server/export/job-store.js';
import { runExportJob } from '../../server/export/job.js';
import { ningExporter } from '../../server/export/ning.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { harvestedCafe, storeCafe } from '../helpers/export-cafe.js';
import { startNingServer, type NingServer } from '../helpers/ning-server.js';

const CONSUMER = { consumerKey: 'tablecloth-key', consumerSecret: 'consumer-secret-0123' };
const MEMBER = { email: 'manager@example.org', password: 'pw', token: 'tok-3f9a', tokenSecret: 'token-secret-4567' };
const SUBDOMAIN = 'schulevonmorgen';

let store: SqliteStore;
let ning: NingServer;
let clock: ExportClock;

beforeEach(async () => {
  store = SqliteStore.open(':memory:');
  let now = 1_750_000_000_000;
  clock = { now: () => now, sleep: async (ms) => void (now += ms) };
  ning = await startNingServer({ subdomain: SUBDOMAIN, ...CONSUMER, members: [MEMBER], clock });
  await storeCafe(store, harvestedCafe({ tables: 3, rounds: 2 }));
});
afterEach(async () => {
  await ning.close();
  await store.close();
});

async function newJob(overrides: Partial<ExportJob> = {}): Promise<ExportJob> {
  const cafeId = 'cafe-thursday';
  const job: ExportJob = { jobId: `job-${randomUUID()}`, cafeId, target: 'ning', grouping: 'theme', pinnedSeq: await store.head(cafeId), threadIds: null, edits: {}, createdAt: clock.now(), ...overrides };
  expect(await store.exportJobs.createJob(job)).toBe('created');
  return job;
}

function run(job: ExportJob) {
  const exporter = ningExporter({ subdomain: SUBDOMAIN, ...CONSUMER, token: MEMBER.token, tokenSecret: MEMBER.tokenSecret, baseUrl: ning.baseUrl, clock });
  return runExportJob({ jobs: store.exportJobs, cafes: store, exporter, jobId: job.jobId, holder: 'test', clock });
}

const creates = () => ning.requests.filter((r) => r.path.endsWith('/2.0/Discussion'));

describe('a second export job of the same café and target', () => {
  it('finds what an earlier job published, with its remote id, and sends nothing', async () => {
    const first = await newJob();
    expect((await run(first)).progress).toMatchObject({ total: 6, created: 6 });
    expect(creates()).toHaveLength(6);

    const second = await newJob();
    expect((await run(second)).progress).toMatchObject({ total: 6, done: 6, created: 0, found: 6 });
    expect(creates()).toHaveLength(6);
    expect(ning.discussions).toHaveLength(6);
    const before = await store.exportJobs.outcomes(first.jobId);
    for (const [threadId, outcome] of await store.exportJobs.outcomes(second.jobId)) {
      expect(outcome).toMatchObject({ status: 'found', remoteId: before.get(threadId)!.remoteId, attempts: 0 });
    }
    // A third job finds them too, from either earlier job's record.
    expect((await run(await newJob())).progress).toMatchObject({ found: 6 });
    expect(creates()).toHaveLength(6);
  });

  it('publishes what no earlier job to that target published: other threads, another grouping, another target', async () => {
    const first = await newJob({ threadIds: ['theme-theme-r0-t01', 'theme-theme-r0-t02'] });
    expect((await run(first)).progress).toMatchObject({ created: 2 });
    expect((await run(await newJob())).progress).toMatchObject({ total: 6, found: 2, created: 4 });
    expect((await run(await newJob({ grouping: 'table' }))).progress).toMatchObject({ total: 3, found: 0, created: 3 });
    expect((await run(await newJob({ target: 'ning-elsewhere' }))).progress).toMatchObject({ total: 6, found: 0, created: 6 });
    expect(ning.discussions).toHaveLength(2 + 4 + 3 + 6);
  });

  it('keeps a thread an earlier job left in doubt in doubt, without a send', async () => {
    ning.loseAnswerOfCreate(2);
    const first = await newJob();
    expect((await run(first)).progress).toMatchObject({ created: 5, maybeSent: ['theme-theme-r0-t02'] });
    const second = await newJob();
    const again = await run(second);
    expect(again.progress).toMatchObject({ found: 5, created: 0, maybeSent: ['theme-theme-r0-t02'] });
    expect((await store.exportJobs.outcomes(second.jobId)).get('theme-theme-r0-t02')?.error?.message).toMatch(/earlier export/);
    expect(ning.discussions).toHaveLength(6);
    expect(creates()).toHaveLength(6);
  });

  it('answers maybe-sent for a thread whose send an earlier job began but never recorded', async () => {
    const first = await newJob({ threadIds: ['theme-theme-r1-t03'] });
    // As if its process died between recording the intent and the send's outcome.
    await store.exportJobs.recordIntent(first.jobId, 'theme-theme-r1-t03');
    const second = await newJob();
    expect((await run(second)).progress).toMatchObject({ created: 5, maybeSent: ['theme-theme-r1-t03'] });
    expect(ning.discussions).toHaveLength(5);
  });
});
