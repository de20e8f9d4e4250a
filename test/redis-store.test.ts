/**
 * The Redis store against the Redis on REDIS_URL (default 127.0.0.1:6379; .ci/run starts one).
 * These tests fail, never skip, when Redis does not answer. Every store works under its own
 * random key prefix and removes it afterwards, so the tests never touch anyone else's keys.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../server/store/redis-store.js';
import type { NewEntry } from '../server/store/store.js';
import { exportJob, exportJobStoreContract } from './export-job-store-contract.js';
import { storeContract } from './store-contract.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const testPrefix = (): string => `tablecloth-test:${randomUUID()}:`;

storeContract('redis', async () => {
  const store = await RedisStore.connect(REDIS_URL, { prefix: testPrefix() });
  return {
    store,
    cleanup: async () => {
      await store.deletePrefix();
      await store.close();
    },
  };
});

exportJobStoreContract('redis', async () => {
  const store = await RedisStore.connect(REDIS_URL, { prefix: testPrefix() });
  return {
    cafes: store,
    jobs: store.exportJobs,
    cleanup: async () => {
      await store.deletePrefix();
      await store.close();
    },
  };
});

/** Every key under `prefix`, seen through a connection of its own. */
async function keysUnder(prefix: string): Promise<string[]> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const found: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) found.push(...keys);
    return found;
  } finally {
    await client.close();
  }
}

const entry = (opId: string): NewEntry => ({
  opId, actor: 'link-1', at: 1_700_000_000_500, event: { type: 'broadcastSet', broadcast: { text: opId, at: 1 } },
});

describe('redis store', () => {
  let prefix: string;
  /** Two connections on the same prefix, like two server processes on one Redis. */
  let a: RedisStore;
  let b: RedisStore;

  beforeEach(async () => {
    prefix = testPrefix();
    a = await RedisStore.connect(REDIS_URL, { prefix });
    b = await RedisStore.connect(REDIS_URL, { prefix });
  });
  afterEach(async () => {
    await a.deletePrefix();
    await a.close();
    await b.close();
  });

  async function newCafe(): Promise<string> {
    const cafeId = `cafe-${randomUUID()}`;
    expect(await a.createCafe({ cafeId, joinCode: `code-${randomUUID()}`, createdAt: 1 }, entry('op-first'), [])).toBe('created');
    return cafeId;
  }

  it('lets exactly one of two processes through when both append with the same head at the same moment', async () => {
    const cafeId = await newCafe();
    for (let round = 1; round <= 20; round++) {
      const [ra, rb] = await Promise.all([a.append(cafeId, round, entry(`a-${round}`)), b.append(cafeId, round, entry(`b-${round}`))]);
      const results = [ra, rb];
      expect(results.filter((r) => r.status === 'appended')).toEqual([{ status: 'appended', seq: round + 1 }]);
      expect(results.filter((r) => r.status === 'conflict')).toEqual([{ status: 'conflict', head: round + 1 }]);
    }
    expect(await b.head(cafeId)).toBe(21);
    expect((await a.readSince(cafeId, 0)).map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('sees an operation id appended through one process as a duplicate through the other', async () => {
    const cafeId = await newCafe();
    const e = entry('op-once');
    expect(await a.append(cafeId, 1, e)).toEqual({ status: 'appended', seq: 2 });
    expect(await b.append(cafeId, 2, e)).toEqual({ status: 'duplicate', entry: { ...e, seq: 2 } });
    expect(await b.head(cafeId)).toBe(2);
  });

  it('keeps the log contiguous when 20 workers over two processes append 10 entries each, retrying on conflict', async () => {
    const cafeId = await newCafe();
    const sent: string[] = [];
    async function worker(w: number): Promise<void> {
      const store = w % 2 === 0 ? a : b;
      for (let i = 0; i < 10; i++) {
        const e = entry(`op-w${w}-${i}`);
        sent.push(e.opId);
        for (let attempt = 0; ; attempt++) {
          if (attempt > 10_000) throw new Error('worker starved');
          const result = await store.append(cafeId, await store.head(cafeId), e);
          if (result.status === 'appended') break;
          expect(result.status).toBe('conflict');
        }
      }
    }
    await Promise.all(Array.from({ length: 20 }, (_, w) => worker(w)));

    const log = await b.readSince(cafeId, 0);
    expect(await a.head(cafeId)).toBe(201);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    const opIds = log.slice(1).map((e) => e.opId);
    expect(new Set(opIds).size).toBe(200);
    expect([...opIds].sort()).toEqual([...sent].sort());
    for (const opId of sent.slice(0, 5)) expect((await a.findByOpId(cafeId, opId))?.opId).toBe(opId);
  });

  it('keeps a café\'s keys in one hash slot and never lets its operation ids expire', async () => {
    const cafeId = await newCafe();
    await a.append(cafeId, 1, entry('op-2'));
    const keys = (await keysUnder(prefix)).filter((k) => k.includes(':cafe:'));
    expect(keys.sort()).toEqual(['head', 'log', 'ops', 'rec'].map((part) => `${prefix}cafe:{${cafeId}}:${part}`));
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      for (const key of keys) expect(await client.ttl(key)).toBe(-1);
    } finally {
      await client.close();
    }
  });

  it('keeps an export job\'s keys in its café\'s hash slot, and lets only the lease expire', async () => {
    const cafeId = await newCafe();
    const job = exportJob(cafeId);
    expect(await a.exportJobs.createJob(job)).toBe('created');
    await b.exportJobs.putOutcome(job.jobId, 'theme-a', { status: 'found', remoteId: '1', url: null, error: null, at: 1, attempts: 1 });
    await b.exportJobs.recordIntent(job.jobId, 'theme-ö');
    expect(await b.exportJobs.takeLease(job.jobId, 'process-b', Date.now(), 60_000)).toBe(true);
    const keys = (await keysUnder(prefix)).filter((k) => k.includes('export')).sort();
    expect(keys).toEqual([
      `${prefix}cafe:{${cafeId}}:export:${job.jobId}:intent`,
      `${prefix}cafe:{${cafeId}}:export:${job.jobId}:lease`,
      `${prefix}cafe:{${cafeId}}:export:${job.jobId}:out`,
      `${prefix}cafe:{${cafeId}}:exports`,
      `${prefix}exportjob:${job.jobId}`,
    ]);
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      for (const key of keys) {
        const ttl = await client.pTTL(key);
        if (key.endsWith(':lease')) expect(ttl).toBeGreaterThan(50_000);
        else expect(ttl).toBe(-1);
      }
    } finally {
      await client.close();
    }
  });

  it('refuses an append to an unknown café and writes nothing', async () => {
    await expect(a.append(`cafe-${randomUUID()}`, 0, entry('op-x'))).rejects.toThrow(/unknown cafe/);
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('reads a log longer than one batch', async () => {
    const cafeId = await newCafe();
    for (let head = 1; head < 1_200; head++) await a.append(cafeId, head, entry(`op-${head}`));
    const log = await b.readSince(cafeId, 0);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 1_200 }, (_, i) => i + 1));
    expect((await b.readSince(cafeId, 499, 3)).map((e) => e.seq)).toEqual([500, 501, 502]);
    expect(await b.readSince(cafeId, 10, 0)).toEqual([]);
  });

  it('leaves no key under its prefix after deletePrefix', async () => {
    const cafeId = await newCafe();
    await a.addCredential({ secretHash: 'h'.repeat(64), cafeId, linkId: 'link-f', wrappedKey: null });
    await b.append(cafeId, 1, entry('op-2'));
    expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
    expect(await a.deletePrefix()).toBeGreaterThan(0);
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('closes idempotently and rejects a ping once closed', async () => {
    const store = await RedisStore.connect(REDIS_URL, { prefix });
    await store.ping();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.ping()).rejects.toThrow();
  });

  it('rejects connect when Redis does not answer', async () => {
    await expect(RedisStore.connect('redis://127.0.0.1:1')).rejects.toThrow();
  });
});

describe('redis store cleanup', () => {
  it('leaves no key under a contract-run prefix once the store is cleaned up', async () => {
    const prefix = testPrefix();
    const store = await RedisStore.connect(REDIS_URL, { prefix });
    const cafeId = `cafe-${randomUUID()}`;
    await store.createCafe({ cafeId, joinCode: 'J', createdAt: 1 }, entry('op-1'), [{ secretHash: 'x', cafeId, linkId: 'l', wrappedKey: 'w' }]);
    await store.deletePrefix();
    await store.close();
    expect(await keysUnder(prefix)).toEqual([]);
  });
});
