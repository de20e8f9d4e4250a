/**
 * The connection every face uses: one Socket.IO connection with the link's secret in the
 * handshake, the café state kept by the shared reducer (CafeReplica), catch-up by sequence number
 * after every reconnect, a sync when a gap shows, and the server clock's offset, re-estimated
 * when the page becomes visible again (a tablet waking up).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import { ClockOffset } from '../../../shared/domain/clock.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { Scope } from '../../../shared/domain/visibility.js';
import type { WireError } from '../../../shared/errors.js';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeAuth,
  type OpAck,
  type OpsMessage,
  type ServerToClientEvents,
  type StatusAck,
  type WallSound,
} from '../../../shared/protocol.js';
import { CafeReplica } from '../../../shared/replica.js';
import { newId } from '../lib/ids.js';

/** Events other than the café's own that a face may listen to through `on`. */
export interface ExtraEvents {
  presence: ServerToClientEvents['presence'];
  connect: () => void;
  disconnect: (reason: string) => void;
}

interface Listenable {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface CafeConnectionOptions {
  secret: string;
  /** Server address; the page's own origin by default. */
  url?: string;
}

const CLOCK_SAMPLES = 4;
/** How long to wait after a handshake refused with a retryable error. */
const HANDSHAKE_RETRY_MS = 2000;

export class CafeConnection implements ReactiveController {
  readonly replica = new CafeReplica();
  readonly clock = new ClockOffset();
  status: ConnectionStatus = 'connecting';
  /** Why the server refused this link (revoked, unknown …), when it did. */
  refusal: WireError | null = null;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private syncing = false;
  private extraListeners: [string, (...args: never[]) => void][] = [];
  private syncAgain = false;
  private connectedAt = Date.now();
  private readonly hosts = new Set<ReactiveControllerHost>();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: CafeConnectionOptions,
  ) {
    this.addHost(host);
  }

  /** Several components of a page can share one connection. */
  addHost(host: ReactiveControllerHost): void {
    this.hosts.add(host);
    host.addController(this);
  }

  get state(): CafeState | null {
    return this.replica.state;
  }

  get scope(): Scope | null {
    return this.replica.scope;
  }

  /** The server's present time by this device's clock and the measured offset. */
  serverNow(): number {
    return this.clock.serverNow(Date.now());
  }

  hostConnected(): void {
    if (this.socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.url ?? '', {
      // A function, so every reconnect says how far this device already is.
      auth: (cb) =>
        cb({ secret: this.options.secret, protocol: PROTOCOL_VERSION, ...(this.replica.state ? { since: this.replica.seq } : {}) } satisfies HandshakeAuth),
      transports: ['websocket', 'polling'],
      // Without it a network that blocks WebSocket (many schools) never gets to long-polling: each reconnect tries WebSocket again.
      tryAllTransports: true,
    });
    this.socket = socket;
    for (const [event, listener] of this.extraListeners) (socket as unknown as Listenable).on(event, listener);
    socket.on('connect', () => {
      this.connectedAt = Date.now();
      this.status = 'connected';
      this.refusal = null;
      void this.measureClock();
      this.update();
    });
    socket.on('disconnect', (reason) => {
      this.status = reason === 'io server disconnect' ? 'refused' : 'reconnecting';
      this.update();
    });
    socket.on('connect_error', (error) => {
      const data = (error as Error & { data?: WireError }).data;
      if (data && !data.retryable) {
        this.refusal = data;
        this.status = 'refused';
      } else {
        this.status = navigator.onLine === false ? 'offline' : 'reconnecting';
        // Socket.IO does not try again after a refusal in the handshake; a retryable one (the
        // store is away for a moment) is only "not now".
        if (data) setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), HANDSHAKE_RETRY_MS);
      }
      this.update();
    });
    socket.on('snapshot', (snapshot) => {
      this.replica.applySnapshot(snapshot);
      // A first, rough estimate (its round trip counts from the connect); `time` samples refine it.
      if (!this.clock.known) this.clock.add({ sentAt: this.connectedAt, serverNow: snapshot.serverNow, receivedAt: Date.now() });
      this.update();
    });
    socket.on('ops', (message) => void this.onOps(message));
    socket.on('revoked', (error) => {
      this.refusal = error;
      this.status = 'refused';
      this.update();
    });
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  hostDisconnected(): void {
    // Keep the connection while any component of the page still uses it.
  }

  /**
   * Listens to another server event (e.g. `presence`) or to the socket's `connect` and
   * `disconnect`, on this connection's socket now and after every reconnect. Returns the unsubscribe.
   */
  on<E extends keyof ExtraEvents>(event: E, listener: ExtraEvents[E]): () => void {
    const entry: [string, (...args: never[]) => void] = [event, listener as (...args: never[]) => void];
    this.extraListeners.push(entry);
    (this.socket as unknown as Listenable | null)?.on(event, entry[1]);
    return () => {
      this.extraListeners = this.extraListeners.filter((e) => e !== entry);
      (this.socket as unknown as Listenable | null)?.off(event, entry[1]);
    };
  }

  /** A wall tells the server whether it can ring the chime. */
  async sendStatus(sound: WallSound): Promise<StatusAck> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'Not connected.', retryable: true } };
    try {
      return await socket.timeout(5000).emitWithAck('status', { sound });
    } catch {
      return { ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'No answer from the server.', retryable: true } };
    }
  }

  /** Closes the connection (the page is going away, or a test is done). */
  close(): void {
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.socket?.io.reconnection(false);
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Sends an operation with a fresh id and resolves with the server's acknowledgement. */
  async send(op: ClientCommand, id: string = newId()): Promise<OpAck> {
    const socket = this.socket;
    const unavailable = (message: string): OpAck => ({ ok: false, error: { code: 'STORE_UNAVAILABLE', message, retryable: true } });
    if (!socket || !socket.connected) return unavailable('Not connected.');
    // A drop while the answer is awaited settles it at once: the outbox sends again on reconnect
    // instead of waiting for the timeout (the server applies the operation id once).
    return new Promise<OpAck>((resolve) => {
      const dropped = () => resolve(unavailable('Connection lost.'));
      socket.once('disconnect', dropped);
      socket
        .timeout(10_000)
        .emitWithAck('op', { id, op })
        .then(resolve, () => resolve(unavailable('No answer from the server.')))
        .finally(() => socket.off('disconnect', dropped));
    });
  }

  private async onOps(message: OpsMessage): Promise<void> {
    if (this.replica.applyOps(message) === 'gap') await this.sync();
    this.update();
  }

  /** Asks for what is missing; a gap seen while a sync is under way asks again right after it. */
  private async sync(): Promise<void> {
    if (!this.socket) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.syncAgain = false;
        const ack = await this.socket.timeout(10_000).emitWithAck('sync', { since: this.replica.seq });
        this.replica.applySync(ack);
      } while (this.syncAgain);
    } catch {
      // The next message or reconnect will try again.
    } finally {
      this.syncing = false;
    }
  }

  /** Several `time` round trips; ClockOffset keeps the one with the shortest round trip. */
  private async measureClock(): Promise<void> {
    for (let i = 0; i < CLOCK_SAMPLES && this.socket?.connected; i++) {
      try {
        const ack = await this.socket.timeout(5000).emitWithAck('time', { clientSentAt: Date.now() });
        if (!ack.ok) return;
        this.clock.add({ sentAt: ack.clientSentAt, serverNow: ack.serverNow, receivedAt: Date.now() });
      } catch {
        return;
      }
    }
    this.update();
  }

  private readonly onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    // The device may have slept: its clock and our state may both be stale.
    this.clock.reset();
    void this.measureClock();
    void this.sync();
  };

  private readonly onOnline = () => {
    if (this.socket && !this.socket.connected) this.socket.connect();
  };

  private readonly onOffline = () => {
    this.status = 'offline';
    this.update();
  };

  private update(): void {
    for (const host of this.hosts) host.requestUpdate();
  }
}
