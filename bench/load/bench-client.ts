/**
 * One simulated device of the bench, on a real Socket.IO connection (websocket transport,
 * 127.0.0.1): a wall, a host's tablet, a phone, or the facilitator's console that watches the
 * café's head. It speaks Tablecloth's protocol or the bare relay's, and keeps only what the bench
 * needs: the sequence number it is complete up to, and the ideas that reach it.
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type OpsMessage, type ServerToClientEvents } from '../../shared/protocol.js';
import type { RelayClientEvents, RelayServerEvents } from './relay-protocol.js';

export type Role = 'wall' | 'host' | 'phone' | 'console';
export type Target = 'tablecloth' | 'relay';

export interface Seat {
  role: Role;
  tableId: string | null;
  /** Which server process it connects to. */
  server: number;
  /** Its link's secret (Tablecloth only). */
  secret: string;
}

const CONNECT_MS = 30_000;
const ACK_MS = 15_000;

/** The rooms Tablecloth sends an idea of table `tableId` to (shared/domain/visibility.ts, `audience`); the relay uses the same. */
export const ideaRooms = (tableId: string): string[] => ['staff', 'wall', `host:${tableId}`, `guests:${tableId}`];

function relayRooms(seat: Seat): string[] {
  switch (seat.role) {
    case 'wall':
      return ['wall'];
    case 'console':
      return ['staff'];
    case 'host':
      return [`host:${seat.tableId}`];
    case 'phone':
      return [`guests:${seat.tableId}`];
  }
}

export class BenchClient {
  /** Complete up to this sequence number (Tablecloth), or the last relayed number seen. */
  seq = 0;
  /** Messages whose `prev` was beyond what this client had (it would have to sync). */
  gaps = 0;
  /** When the current connection's first message (snapshot, catch-up or relay's ready) arrived. */
  welcomedAt: number | null = null;
  /** What that first message was: a catch-up by sequence number should be `ops`. */
  welcomedWith: 'snapshot' | 'ops' | 'ready' | null = null;
  private socket: Socket | null = null;
  private expectingClose = false;

  constructor(
    readonly seat: Seat,
    private readonly target: Target,
    private readonly url: string,
    private readonly events: { onIdeas: (client: BenchClient, ideaIds: string[]) => void; onError: (what: string) => void },
  ) {}

  /** Connects (saying `since` when given) and resolves at the first message. */
  connect(since?: number): Promise<void> {
    this.welcomedAt = null;
    this.welcomedWith = null;
    this.expectingClose = false;
    const auth =
      this.target === 'relay'
        ? { rooms: relayRooms(this.seat) }
        : { secret: this.seat.secret, protocol: PROTOCOL_VERSION, ...(since === undefined ? {} : { since }) };
    const socket = io(this.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: CONNECT_MS });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.seat.role} did not get its first message within ${CONNECT_MS / 1000} s`)), CONNECT_MS);
      const welcome = (how: 'snapshot' | 'ops' | 'ready') => {
        if (this.welcomedAt !== null) return;
        this.welcomedAt = performance.now();
        this.welcomedWith = how;
        clearTimeout(timer);
        resolve();
      };
      if (this.target === 'relay') {
        const relay = socket as Socket<RelayServerEvents, RelayClientEvents>;
        relay.on('ready', () => welcome('ready'));
        relay.on('ops', (m) => {
          this.seq = Math.max(this.seq, m.upTo);
          this.events.onIdeas(this, m.entries.map((e) => e.ideaId));
        });
      } else {
        const ours = socket as Socket<ServerToClientEvents, ClientToServerEvents>;
        ours.on('snapshot', (s) => {
          this.seq = s.state.seq;
          welcome('snapshot');
        });
        ours.on('ops', (m) => {
          this.onOps(m);
          welcome('ops');
        });
        ours.on('revoked', (e) => this.events.onError(`${this.seat.role} revoked: ${e.code}`));
      }
      socket.on('connect_error', (e) => {
        clearTimeout(timer);
        reject(new Error(`${this.seat.role} could not connect: ${e.message}`));
      });
      socket.on('disconnect', (reason) => {
        if (!this.expectingClose) this.events.onError(`${this.seat.role} disconnected: ${reason}`);
      });
    });
  }

  private onOps(m: OpsMessage): void {
    if (m.prev > this.seq) this.gaps++;
    this.seq = Math.max(this.seq, m.upTo);
    const ideas: string[] = [];
    for (const e of m.entries) if (e.event.type === 'ideaAdded') ideas.push(e.event.idea.id);
    if (ideas.length > 0) this.events.onIdeas(this, ideas);
  }

  /** Sends an idea for the client's table; resolves with its acknowledged sequence number, or null when not connected. */
  async sendIdea(ideaId: string, text: string): Promise<number | null> {
    const socket = this.socket;
    const tableId = this.seat.tableId;
    if (!socket?.connected || tableId === null) return null;
    if (this.target === 'relay') {
      const relay = socket as Socket<RelayServerEvents, RelayClientEvents>;
      return (await relay.timeout(ACK_MS).emitWithAck('op', { rooms: ideaRooms(tableId), entry: { ideaId, text } })).seq;
    }
    const ours = socket as Socket<ServerToClientEvents, ClientToServerEvents>;
    const ack = await ours.timeout(ACK_MS).emitWithAck('op', { id: `op-${ideaId}`, op: { type: 'addIdea', ideaId, tableId, round: 0, text } });
    if (!ack.ok) throw new Error(`addIdea refused: ${ack.error.code}`);
    return ack.seq;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  close(): void {
    this.expectingClose = true;
    this.socket?.io.reconnection(false);
    this.socket?.disconnect();
  }
}
