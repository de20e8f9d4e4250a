/**
 * A simulated table-host tablet for the Node drills: the real client outbox (client/src/outbox/)
 * on fake-indexeddb — the one substitute allowed, Node has no IndexedDB — over a real Socket.IO
 * connection, with a CafeReplica as the faces keep it. It reconnects by itself after a drop, to the
 * next of its server addresses (as a load balancer would send it to a surviving process), and
 * catches up by sequence number. "Reloading" it opens a new tablet on the same secret: the outbox
 * comes back from the storage.
 */
import 'fake-indexeddb/auto';
import { io, type Socket } from 'socket.io-client';
import { newId } from '../../client/src/lib/ids.js';
import { idbStorage } from '../../client/src/outbox/idb-storage.js';
import { Outbox, type OutboxOp, type OutgoingOp, type Payload, type SendLock } from '../../client/src/outbox/outbox.js';
import type { ClientCommand, UploadCommand } from '../../shared/domain/commands.js';
import { currentRound, type CafeState } from '../../shared/domain/state.js';
import { wireError, type WireError } from '../../shared/errors.js';
import { PROTOCOL_VERSION, type ClientToServerEvents, type OpAck, type ServerToClientEvents } from '../../shared/protocol.js';
import { CafeReplica } from '../../shared/replica.js';

export interface TabletOptions {
  /** The server addresses to try in turn, or a function that picks one for each (re)connect. */
  urls: string[] | (() => string);
  secret: string;
  /** The send lock (two "tabs" of one tablet share one); none by default. */
  lock?: SendLock;
  /** Another device with the same link: its own IndexedDB (tabs of one device share one). */
  device?: string;
  /** Delay before reconnecting after a drop, ms (a random part up to the same again is added). */
  reconnectMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STUCK_CONNECTING_MS = 2000;

export class SimulatedTablet {
  readonly replica = new CafeReplica();
  outbox!: Outbox;
  /** Ideas this tablet added that the server acknowledged. */
  readonly acknowledged = new Set<string>();
  /** Why the server refused this link, once it did. */
  refusal: WireError | null = null;
  connects = 0;
  /** Operations the server answered as repeats (sent twice: after a lost answer, or by two tabs). */
  duplicates = 0;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private urlIndex = 0;
  private currentUrl = '';
  private offline = false;
  private closed = false;
  private maxAckedSeq = 0;
  private connectingSince = 0;
  /** A drop while the socket is still connecting may end it without any event: start again then. */
  private readonly watchdog = setInterval(() => {
    if (this.closed || this.offline || this.refusal || this.socket?.connected) return;
    if (Date.now() - this.connectingSince > STUCK_CONNECTING_MS) this.connect();
  }, STUCK_CONNECTING_MS / 2);
  private syncing = false;
  private syncAgain = false;

  private constructor(private readonly options: TabletOptions) {}

  static async open(options: TabletOptions): Promise<SimulatedTablet> {
    const tablet = new SimulatedTablet(options);
    tablet.outbox = await Outbox.open({
      storage: idbStorage(options.secret, options.device ? `tablecloth-${options.device}` : undefined),
      send: (op, opId, payload) => tablet.sendOp(op, opId, payload),
      ...(options.lock ? { lock: options.lock } : {}),
      onChange: () => tablet.outbox?.prune(tablet.replica.seq),
    });
    tablet.connect();
    return tablet;
  }

  get state(): CafeState | null {
    return this.replica.state;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /** Queues an idea for this host's table in the round the tablet shows now; resolves once stored. */
  async addIdea(text: string): Promise<string> {
    const state = this.replica.state;
    const scope = this.replica.scope;
    if (!state || scope?.role !== 'host') throw new Error('the tablet has no host state yet');
    const ideaId = newId();
    await this.outbox.put({ type: 'addIdea', ideaId, tableId: scope.tableId, round: currentRound(state), text });
    return ideaId;
  }

  /** Queues any operation. */
  put(op: ClientCommand): Promise<OutgoingOp> {
    return this.outbox.put(op);
  }

  pendingCount(): number {
    return this.outbox.pendingCount;
  }

  refused(): OutgoingOp[] {
    return this.outbox.refused;
  }

  /** The network drops (the socket's transport closes); the tablet reconnects by itself. */
  dropConnection(): void {
    this.socket?.io.engine?.close();
  }

  /** The tablet loses the network until `goOnline`. */
  goOffline(): void {
    this.offline = true;
    this.socket?.disconnect();
  }

  goOnline(): void {
    this.offline = false;
    this.connect();
  }

  /** Waits until nothing waits in the outbox and the replica holds everything acknowledged. */
  async whenSettled(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const busy = this.outbox.list.some((o) => o.status === 'waiting' || o.status === 'sending');
      if (!busy && this.connected && this.replica.seq >= this.maxAckedSeq) return;
      if (Date.now() > deadline) {
        throw new Error(`tablet not settled: ${this.outbox.pendingCount} pending, seq ${this.replica.seq} < ${this.maxAckedSeq}, connected ${this.connected}`);
      }
      await sleep(25);
    }
  }

  /** Waits until the replica is at `seq` or beyond. */
  async caughtUp(seq: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.replica.seq < seq) {
      if (Date.now() > deadline) throw new Error(`tablet at ${this.replica.seq}, not ${seq}`);
      await sleep(25);
    }
  }

  /** Closes the connection and the outbox (the stored operations stay, as in a closed tab). */
  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    this.outbox.close();
    this.socket?.disconnect();
    this.socket = null;
  }

  private nextUrl(): string {
    const urls = this.options.urls;
    if (typeof urls === 'function') return urls();
    return urls[this.urlIndex++ % urls.length]!;
  }

  private connect(): void {
    if (this.closed || this.offline) return;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.connectingSince = Date.now();
    this.currentUrl = this.nextUrl();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.currentUrl, {
      auth: (cb) => cb({ secret: this.options.secret, protocol: PROTOCOL_VERSION, ...(this.replica.state ? { since: this.replica.seq } : {}) }),
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connects++;
      this.outbox.reconnected();
    });
    socket.on('snapshot', (snapshot) => {
      this.replica.applySnapshot(snapshot);
      this.outbox.prune(this.replica.seq);
    });
    socket.on('ops', (message) => {
      if (this.replica.applyOps(message) === 'gap') void this.sync();
      this.outbox.prune(this.replica.seq);
    });
    socket.on('revoked', (error) => (this.refusal = error));
    socket.on('connect_error', (error) => {
      const data = (error as Error & { data?: WireError }).data;
      if (data && !data.retryable) {
        // Refused for good (a revoked link): what waits is moved to the not-accepted list.
        this.refusal = data;
        void this.outbox.flush();
      } else this.reconnectLater(socket); // no answer, or "not now" (the store is away): try again
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect' && reason !== 'io server disconnect') this.reconnectLater(socket);
    });
  }

  private reconnectLater(socket: Socket): void {
    if (socket !== this.socket) return;
    const base = this.options.reconnectMs ?? 100;
    setTimeout(() => {
      if (socket === this.socket) this.connect();
    }, base + Math.random() * base);
  }

  /** As the faces do: a gap seen while a sync is under way asks again right after it. */
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
        this.replica.applySync(await this.socket.timeout(5000).emitWithAck('sync', { since: this.replica.seq }));
      } while (this.syncAgain);
    } catch {
      // The next message or reconnect catches up.
    } finally {
      this.syncing = false;
    }
  }

  /** A photo's upload (H13): over HTTP to the server this tablet is connected to, as the faces do. */
  private async upload(op: UploadCommand, payload: Payload | null): Promise<OpAck> {
    const url = this.currentUrl || null;
    const cafeId = this.replica.state?.id;
    if (!url || !cafeId || !payload || !this.socket?.connected) return { ok: false, error: wireError('STORE_UNAVAILABLE') };
    try {
      const response = await fetch(`${url}/api/cafes/${cafeId}/photos/${op.photoId}?tableId=${op.tableId}&round=${op.round}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${this.options.secret}`, 'content-type': 'image/jpeg' },
        body: payload instanceof ArrayBuffer ? Buffer.from(payload) : payload,
      });
      const body = (await response.json()) as { seq: number; duplicate: boolean; error?: WireError };
      return response.ok ? { ok: true, seq: body.seq, duplicate: body.duplicate } : { ok: false, error: body.error! };
    } catch {
      return { ok: false, error: wireError('STORE_UNAVAILABLE') };
    }
  }

  /** The outbox's transport: the server's answer, or a retryable error when there is none. */
  async sendOp(op: OutboxOp, opId: string, payload: Payload | null = null): Promise<OpAck> {
    if (op.type === 'addPhoto') return this.upload(op, payload);
    if (this.refusal) return { ok: false, error: this.refusal };
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: wireError('STORE_UNAVAILABLE') };
    // As the faces do (CafeConnection.send): a drop settles the wait at once.
    const ack = await new Promise<OpAck>((resolve) => {
      const dropped = () => resolve({ ok: false, error: wireError('STORE_UNAVAILABLE') });
      socket.once('disconnect', dropped);
      socket
        .timeout(5000)
        .emitWithAck('op', { id: opId, op })
        .then(resolve, dropped)
        .finally(() => socket.off('disconnect', dropped));
    });
    if (ack.ok) {
      if (ack.duplicate) this.duplicates++;
      this.maxAckedSeq = Math.max(this.maxAckedSeq, ack.seq);
      if (op.type === 'addIdea') this.acknowledged.add(op.ideaId);
    }
    return ack;
  }
}
