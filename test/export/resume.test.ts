/**
 * Export jobs resume by themselves when a server starts (issue 5: "survives a server restart,
 * resumes where it stopped"): real servers on port 0 over one real store (SQLite, and Redis for
 * several processes), the local Discourse test server as the target, and a real child process
 * SIGKILLed mid-job.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discourseExternalId } from '../../server/export/discourse-text.js';
import type { ExportJobStore } from '../../server/export/job-store.js';
import type { ExportTarget } from '../../server/export/targets.js';
import { RedisStore } from '../../server/store/redis-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import type { CafeStore } from '../../server/store/store.js';
import { startDiscourseServer, type DiscourseServerOptions, type DiscourseTestServer } from '../helpers/discourse-server.js';
import { exportJobChild, facilitatorSecret, startExportApi, type ExportApiServer } from '../helpers/export-api.js';
import { harvestedCafe, storeCafe } from '../helpers/export-cafe.js';
import { spawnServer } from '../helpers/process.js';

const API_KEY = 'resume-test-key-0123456789abcdef';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let dir: string;
let servers: ExportApiServer[];
let discourse: DiscourseTestServer | null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tablecloth-resume-'));
  servers = [];
  discourse = null;
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  if (discourse) {
    expect(discourse.violations).toEqual([]);
    await discourse.close();
  }
  await rm(dir, { recursive: true, force: true });
});

async function startDiscourse(options: DiscourseServerOptions = {}): Promise<{ server: DiscourseTestServer; target: ExportTarget }> {
  discourse = await startDiscourseServer({ apiKey: API_KEY, rateLimit: null, ...options });
  return { server: discourse, target: { name: 'community', kind: 'discourse', settings: { baseUrl: discourse.url, apiKey: API_KEY, apiUsername: 'system' } } };
}

async function serve(store: CafeStore, jobs: ExportJobStore, target: ExportTarget, secret: string, leaseMs = 1_500): Promise<ExportApiServer> {
  const server = await startExportApi({ store, jobs, targets: [target], secret, leaseMs });
  servers.push(server);
  return server;
}

/** Creates Discourse accepted (a create answered 429 created nothing). */
const creates = (server: DiscourseTestServer) => server.requests.filter((r) => r.method === 'POST' && r.path === '/posts.json' && r.status === 200);

/** Each of the job's threads is on Discourse exactly once and recorded with its topic. */
function expectOnceEach(server: DiscourseTestServer, cafeId: string, threads: { threadId: string; outcome: { status: string; remoteId: string } }[]): void {
  expect(server.topics).toHaveLength(threads.length);
  expect(creates(server)).toHaveLength(threads.length);
  for (const t of threads) {
    expect(['created', 'found']).toContain(t.outcome.status);
    expect(String(server.topicByExternalId(discourseExternalId(cafeId, t.threadId))?.id)).toBe(t.outcome.remoteId);
  }
}

describe('export jobs resume when a server starts', () => {
  it('a job stopped by the server closing mid-way is finished by the next server on the same store, each thread once', async () => {
    const store = SqliteStore.open(join(dir, 'tablecloth.db'));
    try {
      const cafe = harvestedCafe({ tables: 6, rounds: 2 });
      await storeCafe(store, cafe);
      const secret = await facilitatorSecret(store, cafe.state.id);
      // A slow target: 8 requests a second, so the export takes a few seconds.
      const { server: target, target: config } = await startDiscourse({ rateLimit: { max: 8, windowMs: 1_000 } });
      const first = await serve(store, store.exportJobs, config, secret);
      const cafeId = cafe.state.id;
      const { body } = await first.call('POST', `/api/cafes/${cafeId}/exports`, { target: 'community' });
      const jobId = body.job.jobId as string;
      expect((await first.call('POST', `/api/cafes/${cafeId}/exports/${jobId}/run`)).status).toBe(202);
      let done = 0;
      while (done < 3) {
        done = (await first.call('GET', `/api/cafes/${cafeId}/exports/${jobId}`)).body.progress.done;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await first.close();
      servers.splice(servers.indexOf(first), 1);
      const stopped = (await store.exportJobs.outcomes(jobId)).size;
      expect(stopped).toBeGreaterThanOrEqual(3);
      expect(stopped).toBeLessThan(12);
      expect(await store.exportJobs.runningJobs()).toEqual([jobId]);

      const second = await serve(store, store.exportJobs, config, secret);
      // Nothing runs until the start step is called: buildApp starts no work of its own.
      expect((await second.call('GET', `/api/cafes/${cafeId}/exports/${jobId}`)).body.running).toBe(false);
      // A third server on the same store that resumes nothing: it must still see the job run.
      const third = await serve(store, store.exportJobs, config, secret);
      expect(await second.resumeExports()).toEqual([jobId]);
      // While the resumed run progresses, every server says it runs (the console offers no "Resume").
      const seen: { server: string; done: number; running: boolean }[] = [];
      const until = Date.now() + 20_000;
      for (let progressed = false; !progressed && Date.now() < until; ) {
        for (const [name, api] of [['second', second], ['third', third]] as const) {
          const { body: now } = await api.call('GET', `/api/cafes/${cafeId}/exports/${jobId}`);
          if (now.progress.done > stopped && now.progress.done < 12) {
            seen.push({ server: name, done: now.progress.done, running: now.running });
          }
        }
        progressed = seen.some((s) => s.server === 'second') && seen.some((s) => s.server === 'third');
      }
      expect(new Set(seen.map((s) => s.server))).toEqual(new Set(['second', 'third']));
      expect(seen.every((s) => s.running)).toBe(true);
      const finished = await second.finished(cafeId, jobId);
      expect(finished.progress).toMatchObject({ total: 12, done: 12, failed: [], maybeSent: [] });
      expect(finished.running).toBe(false);
      expect((await third.call('GET', `/api/cafes/${cafeId}/exports/${jobId}`)).body.running).toBe(false);
      expectOnceEach(target, cafeId, finished.threads);
      expect(await store.exportJobs.runningJobs()).toEqual([]);
      // A third start has nothing to resume.
      expect(await second.resumeExports()).toEqual([]);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      servers = [];
      await store.close();
    }
  });

  it('a job whose process was SIGKILLed is taken over once its lease runs out', async () => {
    const path = join(dir, 'tablecloth.db');
    const store = SqliteStore.open(path);
    try {
      const cafe = harvestedCafe({ tables: 5, rounds: 2 });
      await storeCafe(store, cafe);
      const secret = await facilitatorSecret(store, cafe.state.id);
      const { server: target, target: config } = await startDiscourse();
      const jobId = `job-${randomUUID()}`;
      const cafeId = cafe.state.id;
      await store.exportJobs.createJob({ jobId, cafeId, target: 'community', grouping: 'theme', pinnedSeq: await store.head(cafeId), threadIds: null, edits: {}, createdAt: Date.now() });
      const killed = await exportJobChild({ JOB_DB: path, JOB_ID: jobId, JOB_HOLDER: 'process-1', LEASE_MS: '2000', EXPORT_TARGET: JSON.stringify(config), KILL_AFTER_PUBLISH: '4' }).exited;
      expect(killed.signal).toBe('SIGKILL');
      // Four topics on Discourse, three outcomes recorded: the fourth was in hand.
      expect(target.topics).toHaveLength(4);
      expect((await store.exportJobs.outcomes(jobId)).size).toBe(3);

      const server = await serve(store, store.exportJobs, config, secret, 2_000);
      const started = Date.now();
      expect(await server.resumeExports()).toEqual([jobId]);
      const finished = await server.finished(cafeId, jobId);
      expect(finished.progress).toMatchObject({ total: 10, done: 10, created: 9, found: 1 });
      expectOnceEach(target, cafeId, finished.threads);
      // It waited for the dead process's lease (2 s from its last renewal), no longer than a few polls past it.
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      servers = [];
      await store.close();
    }
  });

  it('the server process (server/main.ts) resumes a job left under way by itself once it listens', { timeout: 90_000 }, async () => {
    const store = SqliteStore.open(join(dir, 'tablecloth.db'));
    const cafe = harvestedCafe({ tables: 4, rounds: 2 });
    const jobId = `job-${randomUUID()}`;
    const { server: target, target: config } = await startDiscourse();
    try {
      await storeCafe(store, cafe);
      await store.exportJobs.createJob({ jobId, cafeId: cafe.state.id, target: 'community', grouping: 'theme', pinnedSeq: await store.head(cafe.state.id), threadIds: null, edits: {}, createdAt: Date.now() });
      // Left by a process that died two minutes ago: its lease has run out, the job is still marked.
      expect(await store.exportJobs.takeLease(jobId, 'dead-process', Date.now() - 120_000, 1_000)).toBe(true);
      await store.exportJobs.setRunning(jobId, true);
    } finally {
      await store.close();
    }
    const targetsFile = join(dir, 'targets.json');
    await writeFile(targetsFile, JSON.stringify({ targets: [config] }));
    const server = spawnServer({ DATA_DIR: dir, EXPORT_TARGETS_FILE: targetsFile });
    try {
      await server.ready;
      const until = Date.now() + 30_000;
      while (target.topics.length < 8 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(target.topics).toHaveLength(8);
      expect(creates(target)).toHaveLength(8);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    const after = SqliteStore.open(join(dir, 'tablecloth.db'));
    try {
      expect(await after.exportJobs.runningJobs()).toEqual([]);
      expect([...(await after.exportJobs.outcomes(jobId)).values()].every((o) => o.status === 'created')).toBe(true);
    } finally {
      await after.close();
    }
  });

  it('on Redis, of three servers starting together, exactly one takes each job left under way', { timeout: 30_000 }, async () => {
    const prefix = `tablecloth-test:${randomUUID()}:`;
    const stores = await Promise.all([0, 1, 2].map(() => RedisStore.connect(REDIS_URL, { prefix })));
    try {
      const [a] = stores as [RedisStore, RedisStore, RedisStore];
      const { server: target, target: config } = await startDiscourse();
      const cafe = harvestedCafe({ tables: 4, rounds: 2 });
      await storeCafe(a, cafe);
      const cafeId = cafe.state.id;
      const secret = await facilitatorSecret(a, cafeId);
      // Two jobs (by theme, by table) left under way by a process that died holding their leases.
      const jobIds = [`job-${randomUUID()}`, `job-${randomUUID()}`];
      for (const [i, grouping] of (['theme', 'table'] as const).entries()) {
        await a.exportJobs.createJob({ jobId: jobIds[i]!, cafeId, target: 'community', grouping, pinnedSeq: await a.head(cafeId), threadIds: null, edits: {}, createdAt: Date.now() + i });
        expect(await a.exportJobs.takeLease(jobIds[i]!, 'dead-process', Date.now(), 1_000)).toBe(true);
        await a.exportJobs.setRunning(jobIds[i]!, true);
      }
      const apis = await Promise.all(stores.map((s) => serve(s, s.exportJobs, config, secret, 1_000)));
      const resumed = await Promise.all(apis.map((api) => api.resumeExports()));
      for (const ids of resumed) expect([...ids].sort()).toEqual([...jobIds].sort());
      for (const jobId of jobIds) await apis[0]!.finished(cafeId, jobId);
      // 8 themes and 4 tables: each created once, by whichever server took the job.
      expect(creates(target)).toHaveLength(12);
      expect(new Set(target.topics.map((t) => t.externalId)).size).toBe(12);
      expect(await a.exportJobs.runningJobs()).toEqual([]);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      servers = [];
      await stores[0]!.deletePrefix();
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
