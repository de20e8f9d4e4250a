import { affineDesign32, golferDesign32, modularDesign, type Design } from './designs.js';
import { accepts, shuffle, temperature, type Random } from './random.js';
import type { Room } from './room.js';

/**
 * Plans a fresh café with an exact design when one fits (P7): nothing held yet, no previous plan,
 * every open table able to take ⌈people / tables⌉, at most one staying host per table. Returns
 * each core round's seats (the home round is planned after), or null when no design applies.
 * Who takes which cell is then chosen to spread the stakeholder groups (balanceGroups).
 */
export function construct(room: Room, core: number, random: Random, iterations: number): { method: Design['method']; seats: Int32Array[] } | null {
  return constructRounds(room, core, random, iterations) ?? longestPrefix(room, core, random, iterations);
}

/** When no design covers every round, the longest run of first rounds one covers (at least two), for the search to start from. */
function longestPrefix(room: Room, core: number, random: Random, iterations: number): { method: Design['method']; seats: Int32Array[] } | null {
  for (let rounds = core - 1; rounds >= 2; rounds--) {
    const built = constructRounds(room, rounds, random, iterations);
    if (built) return built;
  }
  return null;
}

function constructRounds(room: Room, core: number, random: Random, iterations: number): { method: Design['method']; seats: Int32Array[] } | null {
  const n = room.ids.length;
  if (room.fromRound !== 0 || room.previous || core < 1 || n === 0) return null;
  if (room.fixed[0]!.some((t, p) => t !== room.hostTable[p])) return null;
  const open: number[] = [];
  for (let t = 0; t < room.enabled.length; t++) if (room.enabled[t]) open.push(t);
  const tables = open.length;
  const size = Math.ceil(n / tables);
  if (open.some((t) => room.capacity[t]! < size)) return null;
  const hostRow = new Int32Array(n).fill(-1);
  const hosted = new Uint8Array(tables);
  for (let p = 0; p < n; p++) {
    const t = room.hostTable[p]!;
    if (t < 0) continue;
    const row = open.indexOf(t);
    if (hosted[row]) return null;
    hosted[row] = 1;
    hostRow[p] = row;
  }
  const hasHosts = hosted.some((h) => h === 1);
  const golfers = !hasHosts && tables === 8 && size === 4 && n >= 31;
  const design = modularDesign(tables, size, core, hasHosts) ?? (golfers ? (affineDesign32(core) ?? golferDesign32(core)) : null);
  if (!design) return null;

  // Cells are numbered column by column (cell = c·tables + row); hosts take column 0 of their
  // table's row, which never moves; the empty cells are in the last column, so no table ever
  // has two of them and sizes stay within one of each other.
  const holes = design.cells - n;
  const cellOf = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(design.cells);
  for (let p = 0; p < n; p++) if (hostRow[p]! >= 0) ((cellOf[p] = hostRow[p]!), (taken[hostRow[p]!] = 1));
  let holesLeft = holes;
  for (let cell = design.cells - 1; cell >= 0 && holesLeft > 0; cell--) if (!taken[cell]) ((taken[cell] = 1), holesLeft--);
  const freeCells: number[] = [];
  for (let cell = 0; cell < design.cells; cell++) if (!taken[cell]) freeCells.push(cell);
  // Dealt column by column in group order, members of one group mostly land in different rows
  // of different columns, which the designs keep apart; the search below mends the rest.
  const travellers = shuffle(
    Array.from({ length: n }, (_, p) => p).filter((p) => hostRow[p]! < 0),
    random,
  ).sort((a, b) => room.groupOf[a]! - room.groupOf[b]!);
  travellers.forEach((p, i) => (cellOf[p] = freeCells[i]!));
  balanceGroups(room, design, cellOf, travellers, random, iterations);
  const rows = design.tableOf.map((tableOf) => Int32Array.from(cellOf, (cell) => tableOf[cell]!));
  relabel(rows, tables, hosted);
  const seats = rows.map((round) => Int32Array.from(round, (row) => open[row]!));
  return { method: design.method, seats };
}

/** Up to this many tables free to rename, a round is renamed exactly (cubic in them); above, first fit. */
const EXACT_TABLES = 100;
/** Above this many tables free to rename (a square matrix of them), renaming is left out. */
const RELABEL_TABLES = 2000;

/**
 * Renames each round's tables so that as few people as possible return to a table they sat at in
 * another round (P2): who sits with whom stays as the design has it, so repeats and groups do not
 * change. Hosted tables keep their names (their hosts stay). Each round in turn is an assignment
 * of its tables to names, solved exactly against the other rounds, in passes while one helps;
 * with many tables, each takes the first name none of its people has had, in one pass.
 */
function relabel(rows: Int32Array[], tables: number, hosted: Uint8Array): void {
  const free: number[] = [];
  for (let t = 0; t < tables; t++) if (!hosted[t]) free.push(t);
  if (free.length < 2 || free.length > RELABEL_TABLES || rows.length < 2) return;
  const index = new Int32Array(tables).fill(-1);
  free.forEach((t, a) => (index[t] = a));
  const people = rows[0]!.length;
  const exact = free.length <= EXACT_TABLES;
  let best = returnsIn(rows);
  let bestRows = rows.map((round) => round.slice());
  for (let pass = 0; pass < (exact ? 4 : 1) && best > 0; pass++) {
    let renamed = false;
    for (const [j, round] of rows.entries()) {
      // cost[a][b]: people at free table a in round j who sat at free table b in an earlier round
      // (the first pass: exactly the returns), then how often they sit there in the other rounds.
      const cost = free.map(() => new Array<number>(free.length).fill(0));
      let returns = 0;
      for (let p = 0; p < people; p++) {
        const a = index[round[p]!]!;
        if (a < 0) continue;
        const elsewhere = pass === 0 ? new Set(rows.slice(0, j).map((other) => index[other[p]!]!)) : rows.filter((_, k) => k !== j).map((other) => index[other[p]!]!);
        for (const b of elsewhere) {
          if (b < 0) continue;
          cost[a]![b]!++;
          if (b === a) returns++;
        }
      }
      if (returns === 0) continue;
      const name = exact ? assign(cost) : firstFit(cost);
      let total = 0;
      name.forEach((b, a) => (total += cost[a]![b]!));
      if (total >= returns) continue;
      renamed = true;
      for (let p = 0; p < people; p++) {
        const a = index[round[p]!]!;
        if (a >= 0) round[p] = free[name[a]!]!;
      }
    }
    if (!renamed) break;
    // Later passes even out how often each person sits at a table, which need not lower the returns: the best naming is kept.
    const now = returnsIn(rows);
    if (now < best) ((best = now), (bestRows = rows.map((round) => round.slice())));
  }
  rows.forEach((round, j) => round.set(bestRows[j]!));
}

/** Seats at a table the person sat at in an earlier round. */
function returnsIn(rows: Int32Array[]): number {
  let returns = 0;
  for (let p = 0; p < rows[0]!.length; p++) {
    const seen = new Set<number>();
    for (const round of rows) {
      if (seen.has(round[p]!)) returns++;
      seen.add(round[p]!);
    }
  }
  return returns;
}

/** Each row in turn takes the first column from its own on that costs nothing and is not taken; rows left take what is left. */
function firstFit(cost: number[][]): Int32Array {
  const n = cost.length;
  const name = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    for (let k = 0; k < n; k++) {
      const b = (a + k) % n;
      if (!taken[b] && cost[a]![b] === 0) {
        ((name[a] = b), (taken[b] = 1));
        break;
      }
    }
  }
  let next = 0;
  for (let a = 0; a < n; a++) {
    if (name[a]! >= 0) continue;
    while (taken[next]) next++;
    ((name[a] = next), (taken[next] = 1));
  }
  return name;
}

/** A cheapest assignment of rows to columns of a square cost matrix (the Hungarian method with potentials): `result[row]` = column. */
function assign(cost: number[][]): Int32Array {
  const n = cost.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOf = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let col = 0;
    const least = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[col] = 1;
      const row = rowOf[col]!;
      let delta = Infinity;
      let next = 0;
      for (let c = 1; c <= n; c++) {
        if (used[c]) continue;
        const reduced = cost[row - 1]![c - 1]! - u[row]! - v[c]!;
        if (reduced < least[c]!) ((least[c] = reduced), (way[c] = col));
        if (least[c]! < delta) ((delta = least[c]!), (next = c));
      }
      for (let c = 0; c <= n; c++) {
        if (used[c]) ((u[rowOf[c]!] = u[rowOf[c]!]! + delta), (v[c] = v[c]! - delta));
        else least[c] = least[c]! - delta;
      }
      col = next;
    } while (rowOf[col] !== 0);
    do {
      const prev = way[col]!;
      rowOf[col] = rowOf[prev]!;
      col = prev;
    } while (col !== 0);
  }
  const result = new Int32Array(n);
  for (let c = 1; c <= n; c++) result[rowOf[c]! - 1] = c - 1;
  return result;
}


/**
 * Swaps whole schedules between travellers (which keeps a design's zero repeats) to lower the
 * number of same-group pairs at a table, by simulated annealing within the iteration budget.
 */
function balanceGroups(room: Room, design: Design, cellOf: Int32Array, travellers: number[], random: Random, iterations: number): void {
  const groups = room.groupCount;
  if (groups === 0 || travellers.length < 2) return;
  const rounds = design.tableOf.length;
  const tables = Math.max(...design.tableOf[0]!) + 1;
  const count = new Int32Array(rounds * tables * groups);
  const at = (j: number, t: number) => (j * tables + t) * groups;
  let cost = 0;
  for (let p = 0; p < cellOf.length; p++) {
    const g = room.groupOf[p]!;
    if (g < 0) continue;
    for (let j = 0; j < rounds; j++) {
      const slot = at(j, design.tableOf[j]![cellOf[p]!]!) + g;
      cost += count[slot]!;
      count[slot]!++;
    }
  }
  // The change in same-group pairs at table base when `out` leaves and `into` joins.
  const exchange = (base: number, out: number, into: number) => (out === into ? 0 : (out >= 0 ? 1 - count[base + out]! : 0) + (into >= 0 ? count[base + into]! : 0));
  const apply = (base: number, out: number, into: number) => {
    if (out >= 0) count[base + out]!--;
    if (into >= 0) count[base + into]!++;
  };
  const start = 1.0;
  const end = 0.02;
  for (let it = 0; it < iterations && cost > 0; it++) {
    const p = travellers[random.below(travellers.length)]!;
    const q = travellers[random.below(travellers.length)]!;
    const gp = room.groupOf[p]!;
    const gq = room.groupOf[q]!;
    if (gp === gq) continue;
    let delta = 0;
    for (let j = 0; j < rounds; j++) {
      const tp = design.tableOf[j]![cellOf[p]!]!;
      const tq = design.tableOf[j]![cellOf[q]!]!;
      if (tp !== tq) delta += exchange(at(j, tp), gp, gq) + exchange(at(j, tq), gq, gp);
    }
    if (!accepts(delta, temperature(start, end, it / iterations), random)) continue;
    for (let j = 0; j < rounds; j++) {
      const tp = design.tableOf[j]![cellOf[p]!]!;
      const tq = design.tableOf[j]![cellOf[q]!]!;
      if (tp !== tq) (apply(at(j, tp), gp, gq), apply(at(j, tq), gq, gp));
    }
    [cellOf[p], cellOf[q]] = [cellOf[q]!, cellOf[p]!];
    cost += delta;
  }
}
