import { affineDesign32, modularDesign, type Design } from './designs.js';
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
  const design = modularDesign(tables, size, core, hasHosts) ?? (!hasHosts && tables === 8 && size === 4 && n >= 31 ? affineDesign32(core) : null);
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
  const seats = design.tableOf.map((tableOf) => Int32Array.from(cellOf, (cell) => open[tableOf[cell]!]!));
  return { method: design.method, seats };
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
