/**
 * A real Socket.IO client for tests that behaves like a face: it keeps a CafeReplica, applies
 * what arrives in order, syncs on a gap, and can run with a skewed clock and added latency.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientCommand } from '../../shared/domain/commands.js';
import type { CafeState } from '../../shared/domain/state.js';
import { ClockOffset } from '../../shared/domain/clock.js';
import type { WireError } from '../../shared/errors.js';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type OpAck,
  type OpsMessage,
  type ServerToClientEvents,
  type Snapshot,
  type SyncAck,
} from '../../shared/protocol.js';
import { CafeReplica } from '../../shared/replica.js';

export interface ClientOptions {
  /** This device's clock error in ms (its clock reads now + skew). */
  skewMs?: number;
  /** Delay added before each message is sent and after each is received. */
  latencyMs?: number;
  since?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TestClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly replica = new CafeReplica();
  readonly clock = new ClockOffset();
  readonly received: OpsMessage[] = [];
  readonly snapshots: Snapshot[] = [];
  revokedWith: WireError | null = null;
  connectError: (Error & { data?: WireError }) | null = null;
  gaps = 0;
  private readonly skew: number;
  private readonly latency: number;
  private waiters: (() => void)[] = [];

  constructor(url: string, secret: string, options: ClientOptions = {}) {
    this.skew = options.skewMs ?? 0;
    this.latency = options.latencyMs ?? 0;
    const auth: Record<string, unknown> = { secret, protocol: PROTOCOL_VERSION };
    if (options.since !== undefined) auth.since = options.since;
    this.socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('snapshot', (s) => void this.later(() => this.onSnapshot(s)));
    this.socket.on('ops', (m) => void this.later(() => this.onOps(m)));
    this.socket.on('revoked', (e) => {
      this.revokedWith = e;
      this.notify();
    });
    this.socket.on('connect_error', (e) => {
      this.connectError = e as Error & { data?: WireError };
      this.notify();
    });
    this.socket.on('disconnect', () => this.notify());
  }

  /** This device's own clock, wrong by `skew`. */
  deviceNow(): number {
    return Date.now() + this.skew;
  }

  get state(): CafeState {
    if (!this.replica.state) throw new Error('no state yet');
    return this.replica.state;
  }

  private async later(fn: () => void | Promise<void>): Promise<void> {
    if (this.latency > 0) await sleep(this.latency);
    await fn();
    this.notify();
  }

  private onSnapshot(snapshot: Snapshot): void {
    this.snapshots.push(snapshot);
    this.replica.applySnapshot(snapshot);
  }

  private async onOps(message: OpsMessage): Promise<void> {
    this.received.push(message);
    if (this.replica.applyOps(message) === 'gap') {
      this.gaps++;
      this.replica.applySync(await this.sync());
    }
  }

  async sync(since = this.replica.seq): Promise<SyncAck> {
    if (this.latency > 0) await sleep(this.latency);
    return this.socket.timeout(5000).emitWithAck('sync', { since });
  }

  /** Sends an operation with a fresh id (or the given one) and waits for the acknowledgement. */
  async send(op: ClientCommand, id: string = randomUUID()): Promise<OpAck> {
    if (this.latency > 0) await sleep(this.latency);
    const ack = await this.socket.timeout(5000).emitWithAck('op', { id, op });
    if (this.latency > 0) await sleep(this.latency);
    return ack;
  }

  /** Sends and insists on success (for set-up steps). */
  async must(op: ClientCommand, id?: string): Promise<number> {
    const ack = await this.send(op, id);
    if (!ack.ok) throw new Error(`${op.type} refused: ${ack.error.code}`);
    return ack.seq;
  }

  /** Measures the clock offset `samples` times, keeping the best (as the faces do). */
  async syncClock(samples = 5): Promise<void> {
    for (let i = 0; i < samples; i++) {
      const sentAt = this.deviceNow();
      if (this.latency > 0) await sleep(this.latency);
      const ack = await this.socket.timeout(5000).emitWithAck('time', { clientSentAt: sentAt });
      if (this.latency > 0) await sleep(this.latency);
      if (!ack.ok) throw new Error(`time refused: ${ack.error.code}`);
      this.clock.add({ sentAt: ack.clientSentAt, serverNow: ack.serverNow, receivedAt: this.deviceNow() });
    }
  }

  /** Waits until `predicate` holds (re-checked after every message), or fails after `timeoutMs`. */
  async until(predicate: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
    });
  }

  /** Waits until the client has caught up to sequence `seq`. */
  caughtUp(seq: number): Promise<void> {
    return this.until(() => this.replica.seq >= seq, `sequence ${seq}`);
  }

  async connected(): Promise<void> {
    await this.until(() => this.replica.state !== null || this.connectError !== null || this.revokedWith !== null, 'first snapshot');
    if (this.connectError) throw this.connectError;
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  close(): void {
    this.socket.io.reconnection(false);
    this.socket.disconnect();
  }
}

/** Connects and waits for the first snapshot. */
export async function connect(url: string, secret: string, options?: ClientOptions): Promise<TestClient> {
  const client = new TestClient(url, secret, options);
  await client.connected();
  return client;
}
