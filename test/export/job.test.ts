/**
 * The export job (server/export/job.ts) against real parts: a café built by the real reducer in a
 * real SQLite file, the Discourse exporter over real HTTP to the local Discourse test server, and
 * the job as a real child process where it is killed or raced.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discourseExporter } from '../../server/export/discourse.js';
import { discourseExternalId } from '../../server/export/discourse-text.js';
import { realClock, type ExportClock } from '../../server/export/exporter.js';
import type { ExportJob } from '../../server/export/job-store.js';
import { jobThreads, runExportJob, stateAt, type ExportProgress } from '../../server/export/job.js';
import { FilePhotoStore } from '../../server/photos/photo-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { accepted, FACILITATOR, hostOf, type TestCafe } from '../helpers/cafe-factory.js';
import { startDiscourseServer, steppingClock, type DiscourseServerOptions, type DiscourseTestServer } from '../helpers/discourse-server.js';
import { exportJobChild } from '../helpers/export-api.js';
import { harvestedCafe, marker, storeCafe, themeId } from '../helpers/export-cafe.js';
import { TINY_JPEG } from '../helpers/seed-threads.js';

const API_KEY = 'job-test-key-0123456789abcdef';

let dir: string;
let store: SqliteStore;
let servers: DiscourseTestServer[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tablecloth-export-job-'));
  store = SqliteStore.open(join(dir, 'tablecloth.db'));
  servers = [];
});
afterEach(async () => {
  for (const s of servers) expect(s.violations).toEqual([]);
  await Promise.all(servers.map((s) => s.close()));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function discourse(options: DiscourseServerOptions = {}): Promise<DiscourseTestServer> {
  const server = await startDiscourseServer({ apiKey: API_KEY, rateLimit: null, ...options });
  servers.push(server);
  return server;
}

/** Stores the café and a job for all its themes, pinned at the café's head now. */
async function jobFor(cafe: TestCafe, overrides: Partial<ExportJob> = {}): Promise<ExportJob> {
  await storeCafe(store, cafe);
  const job: ExportJob = {
    jobId: `job-${randomUUID()}`,
    cafeId: cafe.state.id,
    target: 'community',
    grouping: 'theme',
    pinnedSeq: await store.head(cafe.state.id),
    threadIds: null,
    edits: {},
    createdAt: Date.now(),
    ...overrides,
  };
  expect(await store.exportJobs.createJob(job)).toBe('created');
  return job;
}

function run(job: ExportJob, server: DiscourseTestServer, more: { holder?: string; clock?: ExportClock; apiKey?: string; retryFinal?: boolean; onProgress?: (p: ExportProgress) => void } = {}) {
  const clock = more.clock ?? realClock;
  return runExportJob({
    jobs: store.exportJobs,
    cafes: store,
    exporter: discourseExporter({ baseUrl: server.url, apiKey: more.apiKey ?? API_KEY, apiUsername: 'system', clock }),
    jobId: job.jobId,
    holder: more.holder ?? 'test-process',
    clock,
    retryFinal: more.retryFinal,
    onProgress: more.onProgress,
  });
}

const creates = (server: DiscourseTestServer) => server.requests.filter((r) => r.method === 'POST' && r.path === '/posts.json');

/** Every thread of the job is on the server exactly once, and recorded created or found with its topic. */
async function expectExportedOnce(job: ExportJob, server: DiscourseTestServer, threadCount: number): Promise<void> {
  const outcomes = await store.exportJobs.outcomes(job.jobId);
  expect(outcomes.size).toBe(threadCount);
  expect(server.topics).toHaveLength(threadCount);
  for (const [threadId, outcome] of outcomes) {
    expect(['created', 'found']).toContain(outcome.status);
    const topic = server.topicByExternalId(discourseExternalId(job.cafeId, threadId));
    expect(topic && String(topic.id)).toBe(outcome.remoteId);
  }
  const externalIds = creates(server).map((r) => r.externalId);
  expect(new Set(externalIds).size).toBe(externalIds.length);
}

/** Runs the job in a child process; resolves with its exit and its output lines. */
function child(job: ExportJob, server: DiscourseTestServer, holder: string, env: Record<string, string> = {}) {
  return exportJobChild({ JOB_DB: join(dir, 'tablecloth.db'), JOB_ID: job.jobId, JOB_HOLDER: holder, DISCOURSE_URL: server.url, DISCOURSE_KEY: API_KEY, ...env });
}

/** Kills the job's process the moment the Discourse server has stored create number `n` and holds its answer. */
async function killHalfway(cafe: TestCafe, n: number) {
  let onHeld = () => {};
  const server = await discourse({ holdAnswerOfCreates: [n], onHeld: () => onHeld() });
  const job = await jobFor(cafe);
  // A short lease: the next process waits for the dead one's to run out, as after a crash.
  const first = child(job, server, 'process-1', { LEASE_MS: '1500' });
  onHeld = () => first.proc.kill('SIGKILL');
  const killed = await first.exited;
  expect(killed.signal).toBe('SIGKILL');
  return { server, job, killed };
}

describe('the export job', () => {
  it('publishes every seed thread once, reports n of m, and a second run sends nothing', async () => {
    const cafe = harvestedCafe({ tables: 5, rounds: 2 });
    const server = await discourse();
    const job = await jobFor(cafe);
    const reports: ExportProgress[] = [];
    const first = await run(job, server, { onProgress: (p) => reports.push(p) });
    expect(first.status).toBe('finished');
    expect(first.progress).toMatchObject({ total: 10, done: 10, created: 10, found: 0, maybeSent: [], failed: [], pending: 0 });
    expect(reports.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await expectExportedOnce(job, server, 10);
    expect(server.topicByExternalId(discourseExternalId(job.cafeId, `theme-${themeId(1, 3)}`))?.raw).toContain(marker(1, 3, 1));

    const requestsBefore = server.requests.length;
    const again = await run(job, server);
    expect(again).toMatchObject({ status: 'finished', progress: { done: 10, created: 10 } });
    expect(server.requests.length).toBe(requestsBefore);

    // A new job for the same café and target finds every topic and creates none.
    const fresh = await jobFor(cafe);
    expect((await run(fresh, server)).progress).toMatchObject({ total: 10, done: 10, found: 10, created: 0 });
    expect(creates(server)).toHaveLength(10);
  });

  it('exports the café as of its pinned sequence number: later edits do not mix in', async () => {
    const cafe = harvestedCafe({ tables: 3, rounds: 1 });
    const server = await discourse();
    const job = await jobFor(cafe);
    accepted(cafe, FACILITATOR, { type: 'renameTheme', themeId: themeId(0, 1), name: 'Renamed after the job was created' });
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-r0-t2-0', hidden: true });
    accepted(cafe, FACILITATOR, { type: 'deleteTheme', themeId: themeId(0, 3) });
    await storeCafe(store, cafe);
    expect(await store.head(job.cafeId)).toBeGreaterThan(job.pinnedSeq);

    expect((await run(job, server)).progress).toMatchObject({ total: 3, created: 3 });
    expect(server.topics.map((t) => t.title)).toEqual([1, 2, 3].map((t) => `Runde 1, Tisch ${t}: gemeinsam planen`));
    expect(server.topics[1]!.raw).toContain(marker(0, 2, 0));
    // The café itself did change: a job created now would see it.
    const now = await stateAt(store, job.cafeId, await store.head(job.cafeId));
    expect(jobThreads(now!, job).map((t) => t.title)).toEqual(['Renamed after the job was created', 'Runde 1, Tisch 2: gemeinsam planen']);
  });

  it('publishes only the chosen threads, with the titles edited in the preview', async () => {
    const cafe = harvestedCafe({ tables: 4, rounds: 1 });
    const server = await discourse();
    const chosen = [`theme-${themeId(0, 2)}`, `theme-${themeId(0, 4)}`];
    const job = await jobFor(cafe, { threadIds: chosen, edits: { [chosen[1]!]: { title: 'Montags gemeinsam anfangen, ab sofort' } } });
    expect((await run(job, server)).progress).toMatchObject({ total: 2, created: 2 });
    expect(server.topics.map((t) => [t.externalId, t.title])).toEqual([
      [discourseExternalId(job.cafeId, chosen[0]!), 'Runde 1, Tisch 2: gemeinsam planen'],
      [discourseExternalId(job.cafeId, chosen[1]!), 'Montags gemeinsam anfangen, ab sofort'],
    ]);
  });

  it('records a final failure with its reason, skips it on a normal run, and retries it when asked', async () => {
    const cafe = harvestedCafe({ tables: 3, rounds: 1 });
    const server = await discourse();
    const job = await jobFor(cafe);
    const failed = await run(job, server, { apiKey: 'a-wrong-key-0123456789abcdef' });
    expect(failed.progress?.done).toBe(0);
    expect(failed.progress?.failed.map((f) => [f.code, f.retryable])).toEqual([['TARGET_AUTH', false], ['TARGET_AUTH', false], ['TARGET_AUTH', false]]);
    expect(failed.progress?.failed[0]!.message).toMatch(/403/);
    expect(server.topics).toEqual([]);

    const requests = server.requests.length;
    expect((await run(job, server)).progress?.failed).toHaveLength(3);
    expect(server.requests.length).toBe(requests);

    expect((await run(job, server, { retryFinal: true })).progress).toMatchObject({ done: 3, created: 3, failed: [] });
    expect([...(await store.exportJobs.outcomes(job.jobId)).values()].map((o) => o.attempts)).toEqual([2, 2, 2]);
    await expectExportedOnce(job, server, 3);
  });

  it('retries a retryable failure on the next run, finding the topic whose answer was lost', async () => {
    const clock = steppingClock();
    const cafe = harvestedCafe({ tables: 3, rounds: 1 });
    const server = await discourse({ clock, loseAnswerOfCreates: [2], unreachableAfterLossMs: 10 * 60_000 });
    const job = await jobFor(cafe);
    const first = await run(job, server, { clock });
    expect(first.progress?.failed.map((f) => [f.threadId, f.code, f.retryable])).toEqual([
      [`theme-${themeId(0, 2)}`, 'TARGET_UNREACHABLE', true],
      [`theme-${themeId(0, 3)}`, 'TARGET_UNREACHABLE', true],
    ]);
    clock.advance(11 * 60_000);
    expect((await run(job, server, { clock })).progress).toMatchObject({ done: 3, created: 2, found: 1, failed: [] });
    await expectExportedOnce(job, server, 3);
  });

  it('lets one of two holders racing for one job run it; the other does nothing', async () => {
    const cafe = harvestedCafe({ tables: 4, rounds: 2 });
    const server = await discourse();
    const job = await jobFor(cafe);
    const [a, b] = await Promise.all([run(job, server, { holder: 'holder-a' }), run(job, server, { holder: 'holder-b' })]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'finished']);
    await expectExportedOnce(job, server, 8);
    expect(creates(server)).toHaveLength(8);
  });

  it('stops cleanly when its lease is taken over, after recording the thread in hand', async () => {
    const cafe = harvestedCafe({ tables: 4, rounds: 1 });
    const server = await discourse();
    const job = await jobFor(cafe);
    let published = 0;
    const result = await run(job, server, {
      onProgress: (p) => {
        published = p.done;
        // After the second thread another process takes the lease over (it had expired).
        if (p.done === 2) void store.exportJobs.takeLease(job.jobId, 'intruder', Date.now() + 3_600_000, 60_000);
      },
    });
    expect(result.status).toBe('lease-lost');
    expect(published).toBe(2);
    expect((await store.exportJobs.outcomes(job.jobId)).size).toBe(2);
    expect(await store.exportJobs.takeLease(job.jobId, 'someone-else', Date.now() + 3_600_001, 60_000)).toBe(false);
  });
});

describe('the export job in a process of its own', () => {
  it('resumes after being killed between the remote create and its local record, creating nothing twice', async () => {
    const cafe = harvestedCafe({ tables: 6, rounds: 2 });
    const { server, job } = await killHalfway(cafe, 5);
    // Four outcomes recorded; the fifth topic is on the server, its outcome is not.
    expect((await store.exportJobs.outcomes(job.jobId)).size).toBe(4);
    expect(server.topics).toHaveLength(5);

    const second = await child(job, server, 'process-2', { WAIT_MS: '10000' }).exited;
    expect(second.code).toBe(0);
    expect(second.lines.at(-1)).toEqual({ result: 'finished' });
    expect((second.lines.at(-2) as { progress: ExportProgress }).progress).toMatchObject({ total: 12, done: 12, created: 11, found: 1 });
    await expectExportedOnce(job, server, 12);
    expect(creates(server)).toHaveLength(12);
    // The resumed run asked only about the threads without an outcome.
    const lookups = server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/t/external_id/'));
    expect(lookups).toHaveLength(5 + 8);
  });

  it('exports a café of 45 tables × 3 rounds (135 themes) through a kill halfway, each thread exactly once', { timeout: 90_000 }, async () => {
    const cafe = harvestedCafe({ tables: 45, rounds: 3 });
    const { server, job } = await killHalfway(cafe, 70);
    expect((await store.exportJobs.outcomes(job.jobId)).size).toBe(69);

    const second = await child(job, server, 'process-2', { WAIT_MS: '10000' }).exited;
    expect(second.lines.at(-1)).toEqual({ result: 'finished' });
    await expectExportedOnce(job, server, 135);
    expect(creates(server)).toHaveLength(135);
    const outcomes = [...(await store.exportJobs.outcomes(job.jobId)).values()];
    expect(outcomes.filter((o) => o.status === 'found')).toHaveLength(1);

    const third = await child(job, server, 'process-3').exited;
    expect(third.lines.at(-1)).toEqual({ result: 'finished' });
    expect(creates(server)).toHaveLength(135);
  });

  it('never publishes a thread twice when two processes start the same job together', async () => {
    const cafe = harvestedCafe({ tables: 6, rounds: 2 });
    const server = await discourse();
    const job = await jobFor(cafe);
    const [a, b] = await Promise.all([child(job, server, 'process-a').exited, child(job, server, 'process-b').exited]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const results = [a.lines.at(-1), b.lines.at(-1)];
    expect(results).toContainEqual({ result: 'finished' });
    await expectExportedOnce(job, server, 12);
    expect(creates(server)).toHaveLength(12);
  });
});

describe('photos in the export', () => {
  it('H14 each thread takes the photos of its tables and rounds, uploaded to Discourse and shown in the post; a hidden photo stays home', async () => {
    const cafe = harvestedCafe({ tables: 2, rounds: 1 });
    const photos = new FilePhotoStore(join(dir, 'photos'));
    for (const [photoId, table] of [['photo-cloth-t1', '1'], ['photo-cloth-t2', '2']] as const) {
      accepted(cafe, hostOf(table), { type: 'addPhoto', photoId, tableId: table, round: 0, bytes: TINY_JPEG.length, width: 1, height: 1 });
      expect(await photos.put(cafe.state.id, photoId, TINY_JPEG)).toBe('stored');
    }
    accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-cloth-t2', hidden: true });
    const job = await jobFor(cafe);
    const server = await discourse();
    const result = await runExportJob({
      jobs: store.exportJobs,
      cafes: store,
      exporter: discourseExporter({ baseUrl: server.url, apiKey: API_KEY, apiUsername: 'system', clock: realClock }),
      jobId: job.jobId,
      holder: 'photo-test',
      clock: realClock,
      photos,
    });
    expect(result.status).toBe('finished');
    expect(server.uploads).toHaveLength(1);
    const withPhoto = server.topics.filter((t) => t.raw.includes('upload://'));
    // One thread (table 1's theme) with its photo, captioned; table 2's hidden photo went nowhere.
    expect(withPhoto).toHaveLength(1);
    expect(withPhoto[0]!.raw).toMatch(/!\[Tablecloth of Table 1\\?, round 1\]\(upload:\/\//);
    expect(server.topics).toHaveLength(2);
  });
});
