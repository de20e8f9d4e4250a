/**
 * One tab per device sends an outbox: the Web Locks API grants the named lock to one tab at a
 * time, so two open tabs of the same host link never send the queue twice or out of order.
 * Safari has Web Locks from iPadOS 15.4; on older tablets every tab sends, and the server's
 * operation-id check (S3) still applies each operation once.
 */
import type { SendLock } from './outbox.js';
import { linkKey } from './idb-storage.js';

export function webLock(secret: string): SendLock {
  const name = `tablecloth-outbox-${linkKey(secret)}`;
  return (send) => {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? (locks.request(name, send) as Promise<Awaited<ReturnType<typeof send>>>) : send();
  };
}
