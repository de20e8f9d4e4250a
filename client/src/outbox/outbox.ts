/**
 * The durable outbox: every operation a device makes waits here until the server has acknowledged
 * it. It is stored before it is sent (IndexedDB in the browser, through the storage port), so a
 * reload, a closed tab or a sleeping tablet loses nothing; it is sent in order, one at a time, with
 * the same operation id on every try (the server applies an id once, S3); a retryable refusal
 * stops the queue and waits (the server's `retryAfterMs`, else a growing back-off), a final one
 * moves the operation to the "not accepted" list and lets the ones behind it go. Only one tab of a
 * device sends (the send lock). The rules are O1–O7 in shared/domain/SPEC.md.
 *
 * Nothing here touches the DOM or IndexedDB directly: the browser passes `idbStorage` and
 * `webLock`, the Node drills the same storage on fake-indexeddb, so both run this one class.
 */
import type { ClientCommand, UploadCommand } from '../../../shared/domain/commands.js';
import type { ErrorCode, WireError } from '../../../shared/errors.js';
import type { OpAck } from '../../../shared/protocol.js';
import { newId } from '../lib/ids.js';

/** What a device queues: an operation for the socket, or a photo's upload (it carries the photo as its payload). */
export type OutboxOp = ClientCommand | UploadCommand;

/** Binary data that travels with an operation (the tablecloth photos of the harvest). */
export type Payload = Blob | ArrayBuffer;

/** What the storage keeps of an operation: enough to send it again after a reload. */
export interface StoredOp {
  readonly opId: string;
  /** Position in the queue: operations go out in this order. */
  readonly order: number;
  readonly op: OutboxOp;
  readonly createdAt: number;
  /** The final refusal, once there is one: the operation is then in the "not accepted" list. */
  readonly refused: WireError | null;
  readonly payload?: Payload | null;
}

/** Where the outbox keeps its operations; `idbStorage` in the browser. */
export interface OutboxStorage {
  /** Every stored operation, in queue order. */
  load(): Promise<StoredOp[]>;
  /** Stores an operation (a new one, or a change of one already stored, by `opId`). */
  save(op: StoredOp): Promise<void>;
  remove(opId: string): Promise<void>;
  /** Calls back when another tab changed the stored operations; returns the unsubscribe. */
  watch?(listener: () => void): () => void;
}

/** Runs `send` while no other tab of the device sends the same outbox (Web Locks in the browser). */
export type SendLock = <T>(send: () => Promise<T>) => Promise<T>;

/** Sends one operation and resolves with the server's answer (a retryable error when not connected). */
export type SendOp = (op: OutboxOp, opId: string, payload: Payload | null) => Promise<OpAck>;

export type OutgoingStatus =
  /** Not sent yet, or to be sent again (no connection, no answer, server busy). */
  | 'waiting'
  | 'sending'
  /** Acknowledged as `seq` and gone from the storage; shown until the café state includes it. */
  | 'sent'
  /** Refused for good: in the "not accepted" list until the device tries again or discards it. */
  | 'refused';

export interface OutgoingOp {
  /** The operation id: the same on every try, so the server applies it once. */
  readonly opId: string;
  readonly op: OutboxOp;
  readonly status: OutgoingStatus;
  /** The last refusal (final for `refused`, the reason of the wait for `waiting`). */
  readonly error: ErrorCode | null;
  readonly seq: number | null;
  /** Device time before which a waiting operation is not tried again. */
  readonly notBefore: number;
  /** Failed tries in a row, for the back-off. */
  readonly attempts: number;
}

interface Entry extends OutgoingOp {
  readonly stored: StoredOp;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  send: SendOp;
  lock?: SendLock;
  now?: () => number;
  /** Called after every change of `list` (a face requests an update). */
  onChange?: () => void;
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

const noLock: SendLock = (send) => send();

export class Outbox {
  /** Everything not yet in the café state, in queue order (a new array on every change, for Lit). */
  list: readonly OutgoingOp[] = [];
  private entries = new Map<string, Entry>();
  /** Put and shown, but not yet in the storage. */
  private readonly saving = new Set<string>();
  private lastOrder = 0;
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly unwatch: () => void;
  private readonly lock: SendLock;
  private readonly now: () => number;

  private constructor(private readonly options: OutboxOptions) {
    this.lock = options.lock ?? noLock;
    this.now = options.now ?? Date.now;
    this.unwatch = options.storage.watch?.(() => void this.reload()) ?? (() => {});
  }

  /** Opens the outbox with what the storage kept from earlier pages, and starts sending it. */
  static async open(options: OutboxOptions): Promise<Outbox> {
    const outbox = new Outbox(options);
    await outbox.reload();
    void outbox.flush();
    return outbox;
  }

  /** How many operations wait to be sent (the number the views show). */
  get pendingCount(): number {
    return this.list.filter((o) => o.status === 'waiting' || o.status === 'sending').length;
  }

  /** The operations refused for good, oldest first: the "not accepted" list. */
  get refused(): OutgoingOp[] {
    return this.list.filter((o) => o.status === 'refused');
  }

  /**
   * Queues an operation: shown at once, stored, then sent. Resolves once it is stored (from then
   * on it survives a reload).
   */
  async put(op: OutboxOp, payload: Payload | null = null): Promise<OutgoingOp> {
    // Sub-millisecond wall time: two tabs of one device putting operations one after the other
    // still queue them in the order they were made.
    const order = (this.lastOrder = Math.max(this.lastOrder + 0.001, performance.timeOrigin + performance.now()));
    const stored: StoredOp = { opId: newId(), order, op, createdAt: this.now(), refused: null, payload };
    const entry = this.fresh(stored);
    this.entries.set(entry.opId, entry);
    this.publish();
    this.saving.add(entry.opId);
    try {
      await this.options.storage.save(stored);
    } finally {
      this.saving.delete(entry.opId);
    }
    void this.flush();
    return entry;
  }

  /**
   * Sends what is due, one operation at a time and in order, while this tab holds the send lock.
   * A call during a flush makes that flush look again at the end.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.again = false;
          await this.lock(() => this.sendDue());
        } while (this.again && !this.closed);
      } finally {
        this.flushing = null;
      }
      this.schedule();
    })();
    return this.flushing;
  }

  /** The device asks to send a refused operation again (same id: a refusal left no trace, S4). */
  async retry(opId: string): Promise<void> {
    const entry = this.entries.get(opId);
    if (!entry || entry.status !== 'refused') return;
    const stored = { ...entry.stored, refused: null };
    this.change(opId, { stored, status: 'waiting', error: null, notBefore: 0, attempts: 0 });
    await this.options.storage.save(stored);
    void this.flush();
  }

  /** The device gives up an operation that was refused or not yet sent. */
  async discard(opId: string): Promise<void> {
    if (!this.entries.delete(opId)) return;
    this.publish();
    await this.options.storage.remove(opId);
  }

  /** Forgets acknowledged operations the device's café state already includes. */
  prune(appliedSeq: number): void {
    let changed = false;
    for (const [id, o] of this.entries) {
      if (o.status === 'sent' && o.seq !== null && o.seq <= appliedSeq) {
        this.entries.delete(id);
        changed = true;
      }
    }
    if (changed) this.publish();
  }

  /** The connection is back (socket `connect`, browser `online`): what waited goes at once. */
  reconnected(): void {
    for (const o of this.entries.values()) {
      if (o.status === 'waiting') this.entries.set(o.opId, { ...o, notBefore: 0 });
    }
    this.publish();
    void this.flush();
  }

  /** Stops the timers and the watch; the stored operations stay for the next page. */
  close(): void {
    this.closed = true;
    this.unwatch();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Reads the storage again: another tab may have sent (removed) or added operations. Keeps what
   * only this page knows: the status of operations it is sending and the acknowledged ones.
   */
  private async reload(): Promise<void> {
    const stored = await this.options.storage.load();
    const next = new Map<string, Entry>();
    for (const s of stored) {
      next.set(s.opId, this.entries.get(s.opId) ?? this.fresh(s));
      this.lastOrder = Math.max(this.lastOrder, s.order);
    }
    // Gone from the storage: sent by another tab (its result reaches this page as a café event) —
    // unless acknowledged here (shown until the state has it) or still being stored.
    for (const [id, o] of this.entries) if (!next.has(id) && (o.status === 'sent' || this.saving.has(id))) next.set(id, o);
    this.entries = new Map([...next].sort((a, b) => a[1].stored.order - b[1].stored.order));
    this.publish();
  }

  private async sendDue(): Promise<void> {
    // Another tab may have sent part of the queue while this one waited for the lock.
    await this.reload();
    for (;;) {
      if (this.closed) return;
      const next = this.nextDue();
      if (!next) return;
      this.change(next.opId, { status: 'sending' });
      const ack = await this.options.send(next.op, next.opId, next.stored.payload ?? null);
      if (!(await this.settle(next, ack))) return;
    }
  }

  /** The first operation to send, or none when the head of the queue must wait (order is kept). */
  private nextDue(): Entry | null {
    for (const o of this.entries.values()) {
      if (o.status === 'sent' || o.status === 'refused') continue;
      if (o.status === 'sending') return o;
      return o.notBefore <= this.now() ? o : null;
    }
    return null;
  }

  /** Records the answer; returns whether the operations behind may go now. */
  private async settle(entry: Entry, ack: OpAck): Promise<boolean> {
    if (!this.entries.has(entry.opId)) return true;
    if (ack.ok) {
      this.change(entry.opId, { status: 'sent', seq: ack.seq, error: null, attempts: 0 });
      await this.options.storage.remove(entry.opId);
      return true;
    }
    if (ack.error.retryable) {
      const attempts = entry.attempts + 1;
      const wait = ack.error.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempts - 1));
      this.change(entry.opId, { status: 'waiting', error: ack.error.code, notBefore: this.now() + wait, attempts });
      return false;
    }
    const stored = { ...entry.stored, refused: ack.error };
    this.change(entry.opId, { stored, status: 'refused', error: ack.error.code });
    await this.options.storage.save(stored);
    return true;
  }

  /** Wakes the flush when the head of the queue may be tried again. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    const head = [...this.entries.values()].find((o) => o.status === 'waiting');
    if (!head) return;
    this.timer = setTimeout(() => void this.flush(), Math.max(0, head.notBefore - this.now()));
  }

  private fresh(stored: StoredOp): Entry {
    return {
      stored,
      opId: stored.opId,
      op: stored.op,
      status: stored.refused ? 'refused' : 'waiting',
      error: stored.refused?.code ?? null,
      seq: null,
      notBefore: 0,
      attempts: 0,
    };
  }

  private change(opId: string, patch: Partial<Entry>): void {
    const entry = this.entries.get(opId);
    if (!entry) return;
    this.entries.set(opId, { ...entry, ...patch });
    this.publish();
  }

  private publish(): void {
    this.list = [...this.entries.values()];
    this.options.onChange?.();
  }
}
