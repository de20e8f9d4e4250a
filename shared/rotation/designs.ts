/**
 * Exact designs with no repeated pair: which cell sits at which table in each round. A planner
 * then decides who takes which cell (construct.ts).
 */
export interface Design {
  method: 'modular' | 'affine' | 'golfer';
  cells: number;
  /** `tableOf[j][cell]`: the table (0…tables−1) of a cell in round j. */
  tableOf: Int32Array[];
}

/**
 * The modular design: cell (c, i) of k columns and T rows sits at table (i + j·m_c) mod T in
 * round j. Two cells meet at most once over `rounds` rounds when no (round gap × multiplier gap)
 * is a multiple of T. With `stationary` the first column's multiplier is 0 (hosts), otherwise
 * they run 1…k, so everyone travels.
 */
export function modularDesign(tables: number, size: number, rounds: number, stationary: boolean): Design | null {
  if (tables < 1 || size < 1) return null;
  for (let d = 1; d < rounds; d++) for (let e = 1; e < size; e++) if ((d * e) % tables === 0) return null;
  const shift = stationary ? 0 : 1;
  const tableOf: Int32Array[] = [];
  for (let j = 0; j < rounds; j++) {
    const row = new Int32Array(tables * size);
    for (let c = 0; c < size; c++) for (let i = 0; i < tables; i++) row[c * tables + i] = (i + j * (c + shift)) % tables;
    tableOf.push(row);
  }
  return { method: 'modular', cells: tables * size, tableOf };
}

/**
 * Nine planes through the origin of GF(2)^5 (each given by two of its three non-zero points)
 * that pairwise meet only there, a largest partial spread: the parallel classes of their cosets
 * seat 32 people at 8 tables of 4 for 9 rounds without a repeated pair (test/rotation/designs.test.ts
 * checks it). Found by a small backtracking search; ten such planes do not exist.
 */
export const SPREAD_32: readonly (readonly [number, number])[] = [
  [1, 2],
  [4, 8],
  [5, 10],
  [6, 16],
  [7, 18],
  [9, 17],
  [11, 20],
  [13, 19],
  [14, 23],
];

/** One round of an affine design: the tables are the cosets of the plane {0, a, b, a ⊕ b}, in the order of their least member. */
function planeRound(a: number, b: number): Int32Array {
  const first = (x: number) => Math.min(x, x ^ a, x ^ b, x ^ a ^ b);
  const reps = [...new Set(Array.from({ length: 32 }, (_, x) => first(x)))].sort((u, v) => u - v);
  return Int32Array.from({ length: 32 }, (_, x) => reps.indexOf(first(x)));
}

/** The affine design for 32 people at 8 tables of 4, up to 9 rounds: round j's tables are the cosets of plane j. */
export function affineDesign32(rounds: number): Design | null {
  if (rounds > SPREAD_32.length) return null;
  return { method: 'affine', cells: 32, tableOf: SPREAD_32.slice(0, rounds).map(([a, b]) => planeRound(a, b)) };
}

/**
 * 32 people at 8 tables of 4 for 10 rounds with no repeated pair (the social golfer problem
 * 8-4-10), which the planner's search does not find within its budget. Found once, in seconds, by
 * bench/golfer-search.ts (seed 11) and kept here as data: the first five rounds are the cosets of
 * five planes of GF(2)^5 that meet only at the origin; the other five (people as the numbers
 * 0–31, tables between bars) split the pairs those leave unmet into tables of four, so that each
 * person misses exactly one other. test/rotation/designs.test.ts checks both.
 */
export const GOLFER_32_10 = {
  planes: [
    [19, 5],
    [3, 13],
    [28, 2],
    [11, 15],
    [12, 21],
  ] as readonly (readonly [number, number])[],
  rounds: [
    '0 1 6 17 | 2 8 16 24 | 3 9 19 27 | 4 12 22 28 | 5 18 20 21 | 7 15 23 29 | 10 11 13 26 | 14 25 30 31',
    '0 7 16 26 | 1 8 9 25 | 2 3 10 18 | 4 14 19 20 | 5 15 24 31 | 6 22 23 30 | 11 12 17 27 | 13 21 28 29',
    '0 8 23 31 | 1 7 19 21 | 2 5 26 29 | 3 11 20 28 | 4 13 16 25 | 6 15 18 27 | 9 14 17 22 | 10 12 24 30',
    '0 9 18 24 | 1 26 27 28 | 2 11 19 25 | 3 4 5 30 | 6 12 20 29 | 7 13 22 31 | 8 14 15 21 | 10 16 17 23',
    '0 10 27 29 | 1 11 16 22 | 2 4 21 31 | 3 17 24 25 | 5 12 13 23 | 6 7 14 28 | 8 18 19 26 | 9 15 20 30',
  ] as readonly string[],
};

/** The stored 10-round design for 32 people at 8 tables of 4 (GOLFER_32_10), or its first rounds. */
export function golferDesign32(rounds: number): Design | null {
  if (rounds > GOLFER_32_10.planes.length + GOLFER_32_10.rounds.length) return null;
  const stored = GOLFER_32_10.rounds.map((round) => {
    const tableOf = new Int32Array(32);
    round.split('|').forEach((table, t) => table.trim().split(' ').forEach((person) => (tableOf[Number(person)] = t)));
    return tableOf;
  });
  const tableOf = [...GOLFER_32_10.planes.map(([a, b]) => planeRound(a, b)), ...stored].slice(0, rounds);
  return { method: 'golfer', cells: 32, tableOf };
}
