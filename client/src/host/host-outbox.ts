/**
 * The host's operations on their way to the server, kept in memory until the server has them.
 * A stand-in for the durable IndexedDB outbox of a later issue: the container only uses `put`,
 * `due`, `sending`, `settle`, `retry`, `discard`, `prune` and `reconnected`, so a durable store
 * with the same methods can take its place.
 */
import type { ClientCommand } from '../../../shared/domain/commands.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { OpAck } from '../../../shared/protocol.js';
import { newId } from '../lib/ids.js';

export type HostOp = Extract<ClientCommand, { type: 'addIdea' | 'editIdea' | 'starIdea' | 'deleteIdea' }>;

export type OutgoingStatus =
  /** Not sent yet, or to be sent again (no connection, no answer, server busy). */
  | 'waiting'
  | 'sending'
  /** Accepted as `seq`; kept until the café state the device holds includes it. */
  | 'sent'
  /** Refused for good: the host decides (try again, copy, remove). */
  | 'refused';

export interface OutgoingOp {
  /** The operation id: the same on every re-send, so the server applies it once. */
  readonly opId: string;
  readonly op: HostOp;
  readonly status: OutgoingStatus;
  readonly error: ErrorCode | null;
  readonly seq: number | null;
  /** Device time before which a failed operation is not tried again. */
  readonly notBefore: number;
  /** Failed attempts in a row, for the back-off. */
  readonly attempts: number;
}

const FIRST_BACKOFF_MS = 2000;
const MAX_BACKOFF_MS = 30_000;

export class HostOutbox {
  // A Map keeps insertion order: operations go out in the order the host made them.
  private readonly ops = new Map<string, OutgoingOp>();

  /** Everything not yet in the café state, oldest first (a new array on every change, for Lit). */
  list: readonly OutgoingOp[] = [];

  put(op: HostOp): OutgoingOp {
    const entry: OutgoingOp = { opId: newId(), op, status: 'waiting', error: null, seq: null, notBefore: 0, attempts: 0 };
    this.set(entry);
    return entry;
  }

  /**
   * The operations to send now, oldest first. Stops at the first one still backing off, so a
   * later change never overtakes an earlier one (a star before the idea's addition, say).
   */
  due(now: number): OutgoingOp[] {
    const due: OutgoingOp[] = [];
    for (const o of this.list) {
      if (o.status !== 'waiting') continue;
      if (o.notBefore > now) break;
      due.push(o);
    }
    return due;
  }

  sending(opId: string): void {
    this.change(opId, { status: 'sending' });
  }

  /** Records the server's answer; returns whether later operations may go out (false: wait and keep the order). */
  settle(opId: string, ack: OpAck, now: number): boolean {
    const entry = this.ops.get(opId);
    if (!entry) return true;
    if (ack.ok) {
      this.change(opId, { status: 'sent', seq: ack.seq, error: null, attempts: 0 });
      return true;
    }
    if (ack.error.retryable) {
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** entry.attempts);
      this.change(opId, { status: 'waiting', error: ack.error.code, notBefore: now + backoff, attempts: entry.attempts + 1 });
      return false;
    }
    this.change(opId, { status: 'refused', error: ack.error.code });
    return true;
  }

  /** The host asks to send a refused operation again (same id: it was never stored). */
  retry(opId: string): void {
    this.change(opId, { status: 'waiting', error: null, notBefore: 0, attempts: 0 });
  }

  discard(opId: string): void {
    if (this.ops.delete(opId)) this.publish();
  }

  /** Drops what the device's café state already includes. Returns whether anything changed. */
  prune(appliedSeq: number): boolean {
    let changed = false;
    for (const [id, o] of this.ops) {
      if (o.status === 'sent' && o.seq !== null && o.seq <= appliedSeq) {
        this.ops.delete(id);
        changed = true;
      }
    }
    if (changed) this.publish();
    return changed;
  }

  /** The connection is back: what waited for it may go at once; an interrupted send goes again. */
  reconnected(): void {
    for (const o of this.ops.values()) {
      if (o.status === 'waiting' || o.status === 'sending') this.ops.set(o.opId, { ...o, status: 'waiting', notBefore: 0 });
    }
    this.publish();
  }

  private set(entry: OutgoingOp): void {
    this.ops.set(entry.opId, entry);
    this.publish();
  }

  private change(opId: string, patch: Partial<OutgoingOp>): void {
    const entry = this.ops.get(opId);
    if (entry) this.set({ ...entry, ...patch });
  }

  private publish(): void {
    this.list = [...this.ops.values()];
  }
}
