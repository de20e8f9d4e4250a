import type { Room } from './room.js';

/** Above this many person × table cells the visits are counted by looking through the rounds instead. */
const DENSE_CELLS = 32_000_000;

/**
 * Returns to a table (P2, P10): a person seated where they sat in another round. Not counted are
 * a staying host at the home table (P4) and the home round's return to the round-0 table (P8),
 * which are by design. `seats[j]` holds planned round j (−1: not planned yet); whoever changes a
 * seat after the first `elsewhere` says so with `moved`, which keeps a count per person and table.
 */
export class TableVisits {
  readonly #room: Room;
  readonly #seats: readonly Int32Array[];
  readonly #tables: number;
  #count: Uint8Array | null | undefined;

  constructor(room: Room, seats: readonly Int32Array[]) {
    this.#room = room;
    this.#seats = seats;
    this.#tables = room.capacity.length;
  }

  /** Whether p at table t in planned round j is a visit that counts. */
  counts(j: number, p: number, t: number): boolean {
    const room = this.#room;
    return t >= 0 && room.hostTable[p] !== t && !(j === room.homeRound && t === this.#firstTable(p));
  }

  /** How many times p sits at t (a visit that counts in round j) in the held rounds and the planned rounds other than j, those visits that count. */
  elsewhere(j: number, p: number, t: number): number {
    const count = this.#counted();
    const seats = this.#seats;
    if (!count) {
      let visits = 0;
      for (const held of this.#room.held) if (held[p] === t) visits++;
      for (let k = 0; k < seats.length; k++) if (k !== j && seats[k]![p] === t && this.counts(k, p, t)) visits++;
      return visits;
    }
    let visits = count[p * this.#tables + t]! - (seats[j]![p] === t ? 1 : 0);
    const home = this.#room.homeRound;
    if (home >= 0 && home !== j && seats[home]![p] === t && !this.counts(home, p, t)) visits--;
    return visits;
  }

  /** Records that p's seat in some planned round changed from table `from` to `to` (−1: none). */
  moved(p: number, from: number, to: number): void {
    const count = this.#count;
    if (!count) return;
    if (from >= 0) count[p * this.#tables + from]!--;
    if (to >= 0) count[p * this.#tables + to]!++;
  }

  /** Every seat per person and table, held and planned, counted once when first needed. */
  #counted(): Uint8Array | null {
    if (this.#count !== undefined) return this.#count;
    const n = this.#room.ids.length;
    if (n * this.#tables > DENSE_CELLS) return (this.#count = null);
    const count = new Uint8Array(n * this.#tables);
    for (const round of [...this.#room.held, ...this.#seats]) for (let p = 0; p < n; p++) if (round[p]! >= 0) count[p * this.#tables + round[p]!]!++;
    return (this.#count = count);
  }

  /** p's table in café round 0, where the home round sends them back. */
  #firstTable(p: number): number {
    const room = this.#room;
    return room.fromRound === 0 ? this.#seats[0]![p]! : (room.held[0]?.[p] ?? -1);
  }
}
