import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../server/store/sqlite-store.js';
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
      expect(store.pragmas().userVersion).toBe(1);
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
      expect(after.pragmas().userVersion).toBe(1);
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

  it('closes idempotently and rejects a ping once closed', async () => {
    const store = SqliteStore.open(':memory:');
    await store.ping();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.ping()).rejects.toThrow();
  });
});
