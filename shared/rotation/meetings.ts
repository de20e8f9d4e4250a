/**
 * How many times each pair of people has shared a table. Dense below a few thousand people (a
 * byte per pair), a map above, where a dense table would take hundreds of megabytes.
 */
export class PairMeetings {
  readonly #n: number;
  readonly #dense: Uint8Array | null;
  readonly #sparse: Map<number, number> | null;

  constructor(n: number) {
    this.#n = n;
    this.#dense = n <= 6000 ? new Uint8Array(n * n) : null;
    this.#sparse = this.#dense ? null : new Map();
  }

  #key(p: number, q: number): number {
    return p < q ? p * this.#n + q : q * this.#n + p;
  }

  get(p: number, q: number): number {
    const key = this.#key(p, q);
    return this.#dense ? this.#dense[key]! : (this.#sparse!.get(key) ?? 0);
  }

  add(p: number, q: number, by: number): void {
    const key = this.#key(p, q);
    if (this.#dense) this.#dense[key] = this.#dense[key]! + by;
    else {
      const m = (this.#sparse!.get(key) ?? 0) + by;
      if (m === 0) this.#sparse!.delete(key);
      else this.#sparse!.set(key, m);
    }
  }

  /** Counts every pair seated together in a round (`seats[p]` = table or −1). */
  addRound(seats: Int32Array, by = 1): void {
    for (const members of tablesOf(seats)) {
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) this.add(members[a]!, members[b]!, by);
    }
  }
}

/** The people at each table of a round, as lists (tables without anyone left out). */
export function tablesOf(seats: Int32Array): number[][] {
  const byTable = new Map<number, number[]>();
  for (let p = 0; p < seats.length; p++) {
    const t = seats[p]!;
    if (t < 0) continue;
    const list = byTable.get(t);
    if (list) list.push(p);
    else byTable.set(t, [p]);
  }
  return [...byTable.values()];
}
