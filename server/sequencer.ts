/**
 * The server is the sequencer: it decides each operation against the café's current state and
 * appends the outcome as the next sequence number. The store's append is the atomic step (the
 * duplicate check, the compare-and-set on the head and the write together); when another process
 * appended first, the sequencer reads what it missed and decides again.
 */
import { createHash } from 'node:crypto';
import type { Command } from '../shared/domain/commands.js';
import type { LogEntry } from '../shared/domain/events.js';
import { evolve } from '../shared/domain/evolve.js';
import { decide } from '../shared/domain/reducer.js';
import type { CafeState } from '../shared/domain/state.js';
import { audience, type Room } from '../shared/domain/visibility.js';
import type { ErrorCode } from '../shared/errors.js';
import { canonicalJson } from './canonical-json.js';
import type { Clock } from './clock.js';
import type { CafeStore } from './store/store.js';

/** A café as this process knows it, and the last sequence number sent to each room. */
interface CafeHead {
  state: CafeState;
  rooms: Map<Room, number>;
}

export interface Appended {
  cafeId: string;
  entry: LogEntry;
  before: CafeState;
  after: CafeState;
  /** For each room of the entry's audience, the sequence number of the previous entry sent there. */
  prev: Map<Room, number>;
}

export type SubmitResult =
  | { ok: true; entry: LogEntry; duplicate: boolean; state: CafeState }
  | { ok: false; code: ErrorCode; path?: string };

const MAX_ATTEMPTS = 20;

/** A fingerprint of an operation, independent of the order of its keys. */
export function digestOf(command: Command): string {
  return createHash('sha256').update(canonicalJson(command)).digest('base64url').slice(0, 22);
}
const READ_BATCH = 1000;

export class Sequencer {
  private readonly heads = new Map<string, CafeHead>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners: ((a: Appended) => void)[] = [];

  constructor(
    private readonly store: CafeStore,
    private readonly clock: Clock,
  ) {}

  /** Called after every entry this process appended (the socket layer fans it out). */
  onAppended(listener: (a: Appended) => void): void {
    this.listeners.push(listener);
  }

  /** The café's current state (after reading anything other processes appended), or null. */
  async state(cafeId: string): Promise<CafeState | null> {
    return this.serial(cafeId, async () => (await this.catchUp(cafeId))?.state ?? null);
  }

  /** Decides and appends one operation; re-sending an operation id returns its original result. */
  async submit(cafeId: string, actor: string, opId: string, command: Command): Promise<SubmitResult> {
    return this.serial(cafeId, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const head = await this.catchUp(cafeId);
        if (!head) return { ok: false, code: 'CAFE_NOT_FOUND' };
        const digest = digestOf(command);
        const earlier = await this.store.findByOpId(cafeId, opId);
        if (earlier) return this.duplicate(earlier, actor, digest, head.state);
        const now = this.clock.now();
        const decision = decide(head.state, command, { actor, now });
        if (!decision.ok) return decision.path === undefined ? { ok: false, code: decision.code } : decision;
        const result = await this.store.append(cafeId, head.state.seq, { opId, actor, at: now, event: decision.event, digest });
        if (result.status === 'duplicate') return this.duplicate(result.entry, actor, digest, head.state);
        if (result.status === 'conflict') {
          // Another process appended first: read it and decide again. Unless the store is behind
          // what this process knows (Redis lost acknowledged writes in a crash): then what this
          // process holds is no longer the café, and it reads the log again from the start.
          if ((await this.store.head(cafeId)) < head.state.seq) this.heads.delete(cafeId);
          continue;
        }
        const entry: LogEntry = { seq: result.seq, opId, actor, at: now, event: decision.event, digest };
        const appended = this.advance(cafeId, head, entry);
        for (const listener of this.listeners) listener(appended);
        return { ok: true, entry, duplicate: false, state: appended.after };
      }
      return { ok: false, code: 'STORE_UNAVAILABLE' };
    });
  }

  /** Drops what this process holds of a café (it was deleted, or its log replaced by an import): read again from the store. */
  forget(cafeId: string): void {
    this.heads.delete(cafeId);
  }

  /** Resolves when every operation in progress in this process has been stored (for a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private duplicate(entry: LogEntry, actor: string, digest: string, state: CafeState): SubmitResult {
    // S3: the same id is the same operation only from the same link, with the same content.
    if (entry.actor !== actor || (entry.digest !== undefined && entry.digest !== digest)) return { ok: false, code: 'OP_ID_CONFLICT', path: 'id' };
    return { ok: true, entry, duplicate: true, state };
  }

  private advance(cafeId: string, head: CafeHead | null, entry: LogEntry): Appended {
    const before = head?.state ?? null;
    const after = evolve(before, entry);
    const rooms = head?.rooms ?? new Map<Room, number>();
    const prev = new Map<Room, number>();
    for (const room of audience(entry.event, after)) {
      prev.set(room, rooms.get(room) ?? 0);
      rooms.set(room, entry.seq);
    }
    this.heads.set(cafeId, { state: after, rooms });
    return { cafeId, entry, before: before ?? after, after, prev };
  }

  /** Applies whatever the store has beyond what this process knows. */
  private async catchUp(cafeId: string): Promise<CafeHead | null> {
    let head = this.heads.get(cafeId) ?? null;
    for (;;) {
      const entries = await this.store.readSince(cafeId, head?.state.seq ?? 0, READ_BATCH);
      for (const entry of entries) {
        this.advance(cafeId, head, entry);
        head = this.heads.get(cafeId)!;
      }
      if (entries.length < READ_BATCH) return head;
    }
  }

  /** Runs tasks for one café one at a time in this process (other processes are handled by the store's compare-and-set). */
  private serial<T>(cafeId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(cafeId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(cafeId, settled);
    void settled.then(() => {
      if (this.queues.get(cafeId) === settled) this.queues.delete(cafeId);
    });
    return next;
  }
}
