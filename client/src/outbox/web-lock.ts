/**
 * One tab per device sends an outbox, so two open tabs of the same host link never send the
 * queue twice or out of order (O6). The Web Locks API grants a named lock to one tab at a time —
 * but only in a secure context, and a café on a venue LAN is plain http. There, and on Safari
 * before 15.4, a lease in IndexedDB (idb-storage.ts, takeLease) does the same: taken in one
 * transaction, renewed while sending, running out by itself when a tab dies while it holds it.
 */
import type { SendLock } from './outbox.js';
import { linkKey, releaseLease, takeLease } from './idb-storage.js';
import { newId } from '../lib/ids.js';

const LEASE_MS = 5000;
const RETRY_MS = 200;

export function webLock(secret: string): SendLock {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return idbLock(secret);
  const name = `tablecloth-outbox-${linkKey(secret)}`;
  return (send) => locks.request(name, send) as Promise<Awaited<ReturnType<typeof send>>>;
}

/** The lock through a lease in IndexedDB, for pages without Web Locks (and for the Node drills, on fake-indexeddb). */
export function idbLock(secret: string, dbName?: string): SendLock {
  const holder = newId();
  return async (send) => {
    while (!(await takeLease(secret, holder, Date.now(), LEASE_MS, dbName))) {
      await new Promise((r) => setTimeout(r, RETRY_MS + Math.random() * RETRY_MS));
    }
    const renew = setInterval(() => void takeLease(secret, holder, Date.now(), LEASE_MS, dbName), LEASE_MS / 3);
    try {
      return await send();
    } finally {
      clearInterval(renew);
      await releaseLease(secret, holder, dbName);
    }
  };
}
