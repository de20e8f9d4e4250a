import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../server/store/sqlite-store.js';
import { exportJob, exportJobStoreContract } from './export-job-store-contract.js';
import { storeContract } from './store-contract.js';

storeContract('sqlite (file)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tablecloth-store-'));
  const store = SqliteStore.open(join(dir, 'cafe.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

storeContract('sqlite (memory)', async () => {
  const store = SqliteStore.open(':memory:');
  return { store, cleanup: () => store.close() };
});

exportJobStoreContract('sqlite (file)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tablecloth-jobs-'));
  const store = SqliteStore.open(join(dir, 'cafe.db'));
  return {
    cafes: store,
    jobs: store.exportJobs,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

exportJobStoreContract('sqlite (memory)', async () => {
  const store = SqliteStore.open(':memory:');
  return { cafes: store, jobs: store.exportJobs, cleanup: () => store.close() };
});

describe('sqlite store', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tablecloth-sqlite-'));
    path = join(dir, 'nested', 'deeper', 'cafe.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the parent directories of a file database', async () => {
    const store = SqliteStore.open(path);
    try {
      expect(existsSync(path)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('runs a file database in WAL mode with synchronous FULL, foreign keys and a busy timeout', async () => {
    const store = SqliteStore.open(path);
    try {
      const p = store.pragmas();
      expect(p.journalMode).toBe('wal');
      expect(p.synchronous).toBe(2);
      expect(p.foreignKeys).toBe(1);
      expect(p.busyTimeout).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('sets the schema version in user_version', async () => {
    const store = SqliteStore.open(path);
    try {
      expect(store.pragmas().userVersion).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('keeps cafés, credentials and the log across close and re-open', async () => {
    const cafe = { cafeId: 'cafe-durable', joinCode: 'JOIN42', createdAt: 1_700_000_000_000 };
    const cred = { secretHash: 'a'.repeat(64), cafeId: cafe.cafeId, linkId: 'link-f', wrappedKey: 'wrapped' };
    const first = { opId: 'op-1', actor: 'system', at: 1, event: { type: 'rehearsalStarted' as const } };
    const second = { opId: 'op-2', actor: 'link-f', at: 2, event: { type: 'broadcastSet' as const, broadcast: { text: 'Hallo 👋', at: 2 } } };

    const before = SqliteStore.open(path);
    expect(await before.createCafe(cafe, first, [cred])).toBe('created');
    expect(await before.append(cafe.cafeId, 1, second)).toEqual({ status: 'appended', seq: 2 });
    await before.close();

    const after = SqliteStore.open(path);
    try {
      expect(after.pragmas().userVersion).toBe(3);
      expect(await after.getCafe(cafe.cafeId)).toEqual(cafe);
      expect(await after.findCafeByJoinCode(cafe.joinCode)).toEqual(cafe);
      expect(await after.findCredential(cred.secretHash)).toEqual(cred);
      expect(await after.head(cafe.cafeId)).toBe(2);
      expect(await after.readSince(cafe.cafeId, 0)).toEqual([{ ...first, seq: 1 }, { ...second, seq: 2 }]);
      expect(await after.append(cafe.cafeId, 2, second)).toEqual({ status: 'duplicate', entry: { ...second, seq: 2 } });
    } finally {
      await after.close();
    }
  });

  it('keeps export jobs, outcomes, intents and the lease across close and re-open', async () => {
    const cafe = { cafeId: 'cafe-export', joinCode: 'EXP42', createdAt: 1 };
    const first = { opId: 'op-1', actor: 'system', at: 1, event: { type: 'rehearsalStarted' as const } };
    const job = exportJob(cafe.cafeId);
    const outcome = { status: 'created' as const, remoteId: '7', url: 'https://community.test/t/x/7', error: null, at: 5, attempts: 1 };

    const before = SqliteStore.open(path);
    await before.createCafe(cafe, first, []);
    expect(await before.exportJobs.createJob(job)).toBe('created');
    await before.exportJobs.putOutcome(job.jobId, 'theme-a', outcome, { settlesIntent: true });
    await before.exportJobs.recordIntent(job.jobId, 'theme-ö');
    expect(await before.exportJobs.takeLease(job.jobId, 'process-a', 1_000, 60_000)).toBe(true);
    await before.close();

    const after = SqliteStore.open(path);
    try {
      expect(await after.exportJobs.getJob(job.jobId)).toEqual(job);
      expect(await after.exportJobs.listJobs(cafe.cafeId)).toEqual([job]);
      expect(await after.exportJobs.outcomes(job.jobId)).toEqual(new Map([['theme-a', outcome]]));
      expect(await after.exportJobs.hadIntent(job.jobId, 'theme-ö')).toBe(true);
      expect(await after.exportJobs.hadIntent(job.jobId, 'theme-a')).toBe(false);
      expect(await after.exportJobs.takeLease(job.jobId, 'process-b', 2_000, 60_000)).toBe(false);
      expect(await after.exportJobs.takeLease(job.jobId, 'process-b', 61_000, 60_000)).toBe(true);
    } finally {
      await after.close();
    }
  });

  it('migrates a version 1 file to the current version, keeping its cafés and log', async () => {
    const cafe = { cafeId: 'cafe-old', joinCode: 'OLD42', createdAt: 1 };
    const first = { opId: 'op-1', actor: 'system', at: 1, event: { type: 'rehearsalStarted' as const } };
    const old = SqliteStore.open(path);
    await old.createCafe(cafe, first, []);
    await old.close();
    // Back to what a version 1 server wrote: no export tables, user_version 1.
    const raw = new Database(path);
    raw.exec('DROP TABLE export_outcomes; DROP TABLE export_jobs; PRAGMA user_version = 1;');
    raw.close();

    const migrated = SqliteStore.open(path);
    try {
      expect(migrated.pragmas().userVersion).toBe(3);
      expect(await migrated.readSince(cafe.cafeId, 0)).toEqual([{ ...first, seq: 1 }]);
      const job = exportJob(cafe.cafeId);
      expect(await migrated.exportJobs.createJob(job)).toBe('created');
      expect(await migrated.exportJobs.getJob(job.jobId)).toEqual(job);
    } finally {
      await migrated.close();
    }
  });

  it('migrates a version 2 file to version 3: its jobs kept, none marked running', async () => {
    const cafe = { cafeId: 'cafe-v2', joinCode: 'V2X42', createdAt: 1 };
    const first = { opId: 'op-1', actor: 'system', at: 1, event: { type: 'rehearsalStarted' as const } };
    const job = exportJob(cafe.cafeId);
    const old = SqliteStore.open(path);
    await old.createCafe(cafe, first, []);
    expect(await old.exportJobs.createJob(job)).toBe('created');
    await old.close();
    // Back to what a version 2 server wrote: no running column.
    const raw = new Database(path);
    raw.exec('DROP INDEX export_jobs_running; ALTER TABLE export_jobs DROP COLUMN running; PRAGMA user_version = 2;');
    raw.close();

    const migrated = SqliteStore.open(path);
    try {
      expect(migrated.pragmas().userVersion).toBe(3);
      expect(await migrated.exportJobs.getJob(job.jobId)).toEqual(job);
      expect(await migrated.exportJobs.runningJobs()).toEqual([]);
      await migrated.exportJobs.setRunning(job.jobId, true);
      expect(await migrated.exportJobs.runningJobs()).toEqual([job.jobId]);
    } finally {
      await migrated.close();
    }
  });

  it('closes idempotently and rejects a ping once closed', async () => {
    const store = SqliteStore.open(':memory:');
    await store.ping();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.ping()).rejects.toThrow();
  });
});
