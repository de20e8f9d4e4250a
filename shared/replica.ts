/**
 * A client's copy of the café: applies what the server sends strictly in sequence, ignores what it
 * already has, and says when it has seen a gap (then the client asks for `sync`). Used by every
 * face and by the test clients; knows nothing of sockets.
 */
import type { WireEntry } from './domain/events.js';
import { evolve } from './domain/evolve.js';
import type { CafeState } from './domain/state.js';
import type { Scope } from './domain/visibility.js';
import type { OpsMessage, Snapshot, SyncAck } from './protocol.js';

export type ApplyResult = 'applied' | 'stale' | 'gap';

export class CafeReplica {
  state: CafeState | null = null;
  scope: Scope | null = null;
  /** Everything visible to this client up to this sequence number has been applied. */
  seq = 0;

  applySnapshot(snapshot: Snapshot): void {
    this.state = snapshot.state;
    this.scope = snapshot.scope;
    this.seq = snapshot.state.seq;
  }

  /** A live message: applied when it follows on from what we have; 'gap' when something before it is missing. */
  applyOps(message: OpsMessage): ApplyResult {
    if (message.upTo <= this.seq) return 'stale';
    if (message.prev > this.seq || this.state === null) return 'gap';
    this.applyEntries(message.entries, message.upTo);
    return 'applied';
  }

  /** The answer to `sync`. */
  applySync(ack: SyncAck): ApplyResult {
    if (!ack.ok) return 'stale';
    if (ack.kind === 'snapshot') {
      this.applySnapshot(ack.snapshot);
      return 'applied';
    }
    // Operations only make sense on top of a snapshot: without one, wait for it.
    if (ack.upTo <= this.seq || this.state === null) return 'stale';
    this.applyEntries(ack.entries, ack.upTo);
    return 'applied';
  }

  private applyEntries(entries: WireEntry[], upTo: number): void {
    let state = this.state;
    for (const entry of entries) {
      if (entry.seq <= this.seq) continue;
      state = evolve(state, { ...entry, actor: '' });
    }
    if (state) this.state = { ...state, seq: upTo };
    this.seq = upTo;
  }
}
