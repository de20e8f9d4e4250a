/**
 * The outbox's storage in IndexedDB, through `idb`: one database per origin, one record per
 * operation, found by the link (a hash of its secret, so the secret itself is not written again)
 * and the queue order. Two tabs of the same link share the records; a BroadcastChannel, where the
 * browser has one, tells the other tabs when they changed.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxStorage, StoredOp } from './outbox.js';

interface OpRecord extends StoredOp {
  readonly link: string;
}

/** Who may send a link's outbox now (idbLease), until when. */
interface Lease {
  holder: string;
  until: number;
}

interface OutboxDB extends DBSchema {
  ops: { key: string; value: OpRecord; indexes: { queue: [string, number] } };
  leases: { key: string; value: Lease };
}

const DB_NAME = 'tablecloth';
const DB_VERSION = 2;

/** A short, stable name for a link secret (cyrb53: not for security, only to avoid storing the secret twice). */
export function linkKey(secret: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < secret.length; i++) {
    const ch = secret.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const databases = new Map<string, Promise<IDBPDatabase<OutboxDB>>>();

function database(name: string): Promise<IDBPDatabase<OutboxDB>> {
  let db = databases.get(name);
  if (db) return db;
  db = openDB<OutboxDB>(name, DB_VERSION, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        // Keyed by operation id: two tabs may put operations in the same millisecond.
        const ops = d.createObjectStore('ops', { keyPath: 'opId' });
        ops.createIndex('queue', ['link', 'order']);
      }
      if (oldVersion < 2) d.createObjectStore('leases');
    },
  });
  databases.set(name, db);
  return db;
}

/**
 * The outbox storage of one link (its secret), shared by every tab of this browser that opens it.
 * `dbName` lets the Node drills give each simulated device a database of its own.
 */
export function idbStorage(secret: string, dbName = DB_NAME): OutboxStorage {
  const link = linkKey(secret);
  const range = IDBKeyRange.bound([link, -Infinity], [link, Infinity]);
  let channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${dbName}-outbox-${link}`) : null;
  const changed = () => channel?.postMessage('changed');
  return {
    async load() {
      const records = await (await database(dbName)).getAllFromIndex('ops', 'queue', range);
      return records.map(({ link: _, ...op }) => op);
    },
    async save(op) {
      await (await database(dbName)).put('ops', { ...op, link });
      changed();
    },
    async remove(opId) {
      await (await database(dbName)).delete('ops', opId);
      changed();
    },
    watch(listener) {
      if (!channel) return () => {};
      channel.onmessage = listener;
      return () => {
        channel?.close();
        channel = null;
      };
    },
  };
}

/**
 * Takes (or renews) a link's send lease for `ttlMs` unless another tab holds one that has not run
 * out. IndexedDB runs read-write transactions on the same store one after the other, across tabs,
 * so the read and the write below are one step: two tabs never both get it.
 */
export async function takeLease(secret: string, holder: string, now: number, ttlMs: number, dbName = DB_NAME): Promise<boolean> {
  const tx = (await database(dbName)).transaction('leases', 'readwrite');
  const name = linkKey(secret);
  const current = await tx.store.get(name);
  const free = !current || current.holder === holder || current.until <= now;
  if (free) await tx.store.put({ holder, until: now + ttlMs }, name);
  await tx.done;
  return free;
}

export async function releaseLease(secret: string, holder: string, dbName = DB_NAME): Promise<void> {
  const tx = (await database(dbName)).transaction('leases', 'readwrite');
  const name = linkKey(secret);
  if ((await tx.store.get(name))?.holder === holder) await tx.store.delete(name);
  await tx.done;
}
