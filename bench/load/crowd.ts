/**
 * Everyone in the benchmark's room: walls, hosts' tablets and phones, spread over the server
 * processes. Sends ideas at a steady rate from hosts and phones and times each from the moment
 * its `op` is emitted to the moment a wall receives the `ops` message holding it, on this
 * process's clock (performance.now()) alone.
 */
import { SAYINGS } from '../sayings.js';
import { BenchClient, type Seat, type Target } from './bench-client.js';

const CONNECT_CONCURRENCY = 100;

export interface Sample {
  ms: number;
  /** Sent to one server process and received through another. */
  crossProcess: boolean;
}

interface Sent {
  at: number;
  server: number;
  measured: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Crowd {
  readonly clients: BenchClient[];
  readonly walls: BenchClient[];
  /** Watches the café's head (Tablecloth: the facilitator's console, in the staff room). */
  readonly console: BenchClient;
  readonly samples: Sample[] = [];
  readonly errors: string[] = [];
  /** Ideas sent while measuring, and how many wall deliveries of them arrived. */
  measuredSent = 0;
  measuredDelivered = 0;
  /** The sequence number acknowledged for the last idea of each table. */
  readonly lastSeqOfTable = new Map<string, number>();
  private readonly sent = new Map<string, Sent>();
  private readonly hosts = new Map<string, BenchClient>();
  private readonly phonesAt = new Map<string, BenchClient[]>();
  private sentCount = 0;
  private measuring = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    seats: Seat[],
    consoleSeat: Seat,
    target: Target,
    urls: string[],
    private readonly runId: string,
  ) {
    const events = {
      onIdeas: (client: BenchClient, ids: string[]) => this.onIdeas(client, ids),
      onError: (what: string) => this.error(what),
    };
    this.clients = seats.map((seat) => new BenchClient(seat, target, urls[seat.server]!, events));
    this.console = new BenchClient(consoleSeat, target, urls[consoleSeat.server]!, events);
    this.walls = this.clients.filter((c) => c.seat.role === 'wall');
    for (const c of this.clients) {
      if (c.seat.role === 'host') this.hosts.set(c.seat.tableId!, c);
      if (c.seat.role === 'phone') {
        const at = this.phonesAt.get(c.seat.tableId!) ?? [];
        at.push(c);
        this.phonesAt.set(c.seat.tableId!, at);
      }
    }
  }

  error(what: string): void {
    this.errors.push(what);
  }

  /** Connects every client, a hundred at a time; each waits for its first message. */
  async connectAll(clients: BenchClient[] = [this.console, ...this.clients]): Promise<void> {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < clients.length; i = next++) await clients[i]!.connect();
    };
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, clients.length) }, worker));
  }

  /**
   * Sends `rate` ideas a second for `seconds`, the share `phoneShare` from phones, tables in turn;
   * timed only when `measured`. Senders not connected (in a storm) are skipped.
   */
  async send(rate: number, seconds: number, phoneShare: number, measured: boolean): Promise<void> {
    this.measuring = measured;
    const tables = this.hosts.size;
    const start = performance.now();
    let due = 0;
    while (performance.now() - start < seconds * 1000) {
      const wanted = Math.floor(((performance.now() - start) / 1000) * rate) + 1;
      for (; due < wanted; due++) {
        const n = this.sentCount++;
        const tableId = String((n % tables) + 1);
        const round = Math.floor(n / tables);
        const phones = this.phonesAt.get(tableId) ?? [];
        // Bresenham-like: of every run of sends to a table, the share phoneShare comes from phones.
        const fromPhone = phones.length > 0 && Math.floor((round + 1) * phoneShare) > Math.floor(round * phoneShare);
        const sender = fromPhone ? phones[round % phones.length]! : this.hosts.get(tableId)!;
        if (!sender.connected) continue;
        this.emit(sender, n);
      }
      await sleep(Math.min(50, 1000 / rate / 2));
    }
  }

  private emit(sender: BenchClient, n: number): void {
    const ideaId = `${this.runId}-${n.toString(36)}`;
    const text = `${SAYINGS[n % SAYINGS.length]} (${n + 1})`;
    this.sent.set(ideaId, { at: performance.now(), server: sender.seat.server, measured: this.measuring });
    if (this.measuring) this.measuredSent++;
    const tableId = sender.seat.tableId!;
    const flight = sender
      .sendIdea(ideaId, text)
      .then(
        (seq) => {
          if (seq === null) this.error(`${sender.seat.role} at table ${tableId} could not send (not connected)`);
          else this.lastSeqOfTable.set(tableId, Math.max(seq, this.lastSeqOfTable.get(tableId) ?? 0));
        },
        (e: unknown) => this.error(`${sender.seat.role} at table ${tableId}: ${e instanceof Error ? e.message : e}`),
      )
      .finally(() => this.inFlight.delete(flight));
    this.inFlight.add(flight);
  }

  private onIdeas(client: BenchClient, ids: string[]): void {
    const now = performance.now();
    if (client.seat.role !== 'wall') return;
    for (const id of ids) {
      const sent = this.sent.get(id);
      if (!sent?.measured) continue;
      this.measuredDelivered++;
      this.samples.push({ ms: now - sent.at, crossProcess: sent.server !== client.seat.server });
    }
  }

  /** Waits for every acknowledgement and until each wall has every measured idea, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (this.inFlight.size > 0 && performance.now() < until) await Promise.race([...this.inFlight, sleep(100)]);
    const expected = this.measuredSent * this.walls.length;
    while (this.measuredDelivered < expected && performance.now() < until) await sleep(50);
    if (this.measuredDelivered < expected) this.error(`${expected - this.measuredDelivered} of ${expected} wall deliveries of measured ideas never arrived`);
  }

  closeAll(): void {
    for (const c of [this.console, ...this.clients]) c.close();
  }
}
