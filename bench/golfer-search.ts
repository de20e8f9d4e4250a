/**
 * The offline search that found the 10-round schedule for 32 people at 8 tables of 4 with no pair
 * meeting twice (the social golfer problem 8-4-10, issue 6's stretch goal), stored as data in
 * shared/rotation/designs.ts (GOLFER_32_10) because the planner cannot find it within its budget.
 *
 * People are the 32 vectors of GF(2)^5. k planes through the origin that meet only there give k
 * rounds whose tables are the planes' cosets (the affine design); the pairs those rounds leave
 * unmet are x–y with x ⊕ y outside the planes, a graph of degree 31 − 3k. The other 10 − k rounds
 * must split that graph into tables of four who all still have to meet, leaving 16 pairs unmet
 * (one per person, since 10 rounds meet 30 of the 31 others). That is an exact cover — each person
 * once per round, each unmet pair at most once — solved by Knuth's dancing links, with the rounds'
 * order fixed by the tables of person 0. With 6 or more planes no partial spread extends (every
 * case is exhausted within a few hundred nodes); with k = 5 random partial spreads are tried, each
 * within a node budget, until one extends. It stops by itself at the first schedule or after
 * --seconds, and prints the planes and the other rounds' tables as JSON.
 *
 * Tried before and not enough: annealing over swaps with a cyclic symmetry of order 10, 5 or 2
 * (best 10 repeated pairs; with order 10 an exhaustive search shows none exists), and the tabu
 * search of Dotú and Van Hentenryck without symmetry (best about 20).
 *
 *   nice -n 10 npx tsx bench/golfer-search.ts                 k = 5, seed 11, at most 600 s
 *   nice -n 10 npx tsx bench/golfer-search.ts --planes 6      shows that six planes never extend (sample)
 */
import { seededRandom } from '../shared/rotation/random.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const PEOPLE = 32;
const ROUNDS = 10;
const k = option('--planes', 5);
const seconds = option('--seconds', 600);
const nodeBudget = option('--nodes', 2_000_000);
const random = seededRandom(option('--seed', 11));
const rest = ROUNDS - k;

/** k random planes {0, a, b, a ⊕ b} of GF(2)^5 that pairwise meet only at 0. */
function partialSpread(): [number, number][] {
  for (;;) {
    const used = new Set([0]);
    const planes: [number, number][] = [];
    for (let tries = 0; tries < 500 && planes.length < k; tries++) {
      const a = 1 + random.below(31);
      const b = 1 + random.below(31);
      if (a === b || used.has(a) || used.has(b) || used.has(a ^ b)) continue;
      planes.push([a, b]);
      for (const x of [a, b, a ^ b]) used.add(x);
    }
    if (planes.length === k) return planes;
  }
}

interface Option {
  round: number;
  table: number[];
  /** Dancing-links columns: person p in round r is r·32 + p + 1; unmet pair e is 32·rest + e + 1. */
  columns: number[];
}

/** Dancing links over `options`: the first `primary` columns must each be covered once, the others at most once. */
class ExactCover {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly up: Int32Array;
  readonly down: Int32Array;
  readonly column: Int32Array;
  readonly size: Int32Array;
  readonly option: Int32Array;
  readonly first: Int32Array;
  nodes = 0;

  constructor(primary: number, columns: number, options: Option[]) {
    const total = 1 + columns + options.reduce((sum, o) => sum + o.columns.length, 0);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.up = new Int32Array(total);
    this.down = new Int32Array(total);
    this.column = new Int32Array(total);
    this.size = new Int32Array(total);
    this.option = new Int32Array(total);
    this.first = new Int32Array(options.length);
    for (let c = 0; c <= columns; c++) ((this.left[c] = c), (this.right[c] = c), (this.up[c] = c), (this.down[c] = c), (this.column[c] = c));
    for (let c = 0; c <= primary; c++) ((this.left[c] = c === 0 ? primary : c - 1), (this.right[c] = c === primary ? 0 : c + 1));
    let n = columns + 1;
    options.forEach((o, i) => {
      this.first[i] = n;
      for (const c of o.columns) {
        this.column[n] = c;
        this.option[n] = i;
        this.up[n] = this.up[c]!;
        this.down[n] = c;
        this.down[this.up[c]!] = n;
        this.up[c] = n;
        this.size[c]!++;
        const head = this.first[i]!;
        if (n === head) ((this.left[n] = n), (this.right[n] = n));
        else ((this.left[n] = this.left[head]!), (this.right[n] = head), (this.right[this.left[head]!] = n), (this.left[head] = n));
        n++;
      }
    });
  }

  cover(c: number): void {
    this.right[this.left[c]!] = this.right[c]!;
    this.left[this.right[c]!] = this.left[c]!;
    for (let i = this.down[c]!; i !== c; i = this.down[i]!) {
      for (let j = this.right[i]!; j !== i; j = this.right[j]!) {
        this.down[this.up[j]!] = this.down[j]!;
        this.up[this.down[j]!] = this.up[j]!;
        this.size[this.column[j]!]!--;
      }
    }
  }

  uncover(c: number): void {
    for (let i = this.up[c]!; i !== c; i = this.up[i]!) {
      for (let j = this.left[i]!; j !== i; j = this.left[j]!) {
        this.size[this.column[j]!]!++;
        this.down[this.up[j]!] = j;
        this.up[this.down[j]!] = j;
      }
    }
    this.right[this.left[c]!] = c;
    this.left[this.right[c]!] = c;
  }

  /** Takes option i (covers its columns); `undo` gives it back. */
  take(i: number): void {
    const f = this.first[i]!;
    this.cover(this.column[f]!);
    for (let j = this.right[f]!; j !== f; j = this.right[j]!) this.cover(this.column[j]!);
  }

  undo(i: number): void {
    const f = this.first[i]!;
    for (let j = this.left[f]!; j !== f; j = this.left[j]!) this.uncover(this.column[j]!);
    this.uncover(this.column[f]!);
  }

  /** The options of a solution, [] when there is none, null when the node budget ran out. */
  solve(budget: number, chosen: number[] = []): number[] | null {
    if (++this.nodes > budget) return null;
    if (this.right[0] === 0) return chosen.slice();
    let best = this.right[0]!;
    for (let c = best; c !== 0; c = this.right[c]!) if (this.size[c]! < this.size[best]!) best = c;
    if (this.size[best] === 0) return [];
    this.cover(best);
    let found: number[] | null = [];
    for (let r = this.down[best]!; r !== best && found?.length === 0; r = this.down[r]!) {
      chosen.push(this.option[r]!);
      for (let j = this.right[r]!; j !== r; j = this.right[j]!) this.cover(this.column[j]!);
      found = this.solve(budget, chosen);
      for (let j = this.left[r]!; j !== r; j = this.left[j]!) this.uncover(this.column[j]!);
      chosen.pop();
    }
    this.uncover(best);
    return found;
  }
}

/** The other rounds for these planes, [] when there are none, null when the budget ran out. */
function extend(planes: [number, number][]): { tables: Option[]; nodes: number } | null {
  const inPlanes = new Set([0, ...planes.flatMap(([a, b]) => [a, b, a ^ b])]);
  const unmet = (x: number, y: number) => !inPlanes.has(x ^ y);
  const pairId = new Int32Array(PEOPLE * PEOPLE).fill(-1);
  let pairs = 0;
  for (let x = 0; x < PEOPLE; x++) for (let y = x + 1; y < PEOPLE; y++) if (unmet(x, y)) pairId[x * PEOPLE + y] = pairs++;
  const quads: number[][] = [];
  for (let a = 0; a < PEOPLE; a++)
    for (let b = a + 1; b < PEOPLE; b++)
      if (unmet(a, b))
        for (let c = b + 1; c < PEOPLE; c++)
          if (unmet(a, c) && unmet(b, c)) for (let d = c + 1; d < PEOPLE; d++) if (unmet(a, d) && unmet(b, d) && unmet(c, d)) quads.push([a, b, c, d]);
  const primary = rest * PEOPLE;
  const options: Option[] = [];
  for (let round = 0; round < rest; round++) {
    for (const table of quads) {
      const columns = table.map((p) => round * PEOPLE + p + 1);
      for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) columns.push(primary + 1 + pairId[table[i]! * PEOPLE + table[j]!]!);
      options.push({ round, table, columns });
    }
  }
  const cover = new ExactCover(primary, primary + pairs, options);
  const index = new Map(options.map((o, i) => [`${o.round}:${o.table.join(',')}`, i]));
  // The rounds are interchangeable: person 0's tables go to rounds 0, 1, … in the order of their second member.
  const through0 = quads.filter((q) => q[0] === 0);
  let outcome: number[] | null = [];
  const place0 = (round: number, from: number, taken: number[][]): void => {
    if (outcome === null || outcome.length > 0) return;
    if (round === rest) {
      const pre = taken.map((t, r) => index.get(`${r}:${t.join(',')}`)!);
      pre.forEach((i) => cover.take(i));
      const found = cover.solve(nodeBudget);
      outcome = found === null ? null : found.length > 0 ? [...pre, ...found] : [];
      pre.reverse().forEach((i) => cover.undo(i));
      return;
    }
    for (let i = from; i < through0.length; i++) {
      const q = through0[i]!;
      if (taken.some((t) => t.some((x) => x !== 0 && q.includes(x)))) continue;
      place0(round + 1, i + 1, [...taken, q]);
    }
  };
  place0(0, 0, []);
  const result: number[] | null = outcome;
  if (result === null) return null;
  return { tables: result.map((i) => options[i]!), nodes: cover.nodes };
}

const deadline = Date.now() + seconds * 1000;
let tried = 0;
let exhausted = 0;
while (Date.now() < deadline) {
  const planes = partialSpread();
  tried++;
  const found = extend(planes);
  if (found === null) continue;
  if (found.tables.length === 0) {
    exhausted++;
    continue;
  }
  const rounds = Array.from({ length: rest }, (_, r) =>
    found.tables
      .filter((o) => o.round === r)
      .map((o) => o.table)
      .sort((x, y) => x[0]! - y[0]!),
  );
  console.log(JSON.stringify({ planes, rounds }));
  console.error(`found after ${tried} partial spreads (${exhausted} shown not to extend)`);
  process.exit(0);
}
console.error(`none found: ${tried} partial spreads of ${k} planes tried, ${exhausted} shown not to extend, ${tried - exhausted} over the node budget`);
process.exitCode = 1;
