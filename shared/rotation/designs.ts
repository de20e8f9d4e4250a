/**
 * Exact designs with no repeated pair: which cell sits at which table in each round. A planner
 * then decides who takes which cell (construct.ts).
 */
export interface Design {
  method: 'modular' | 'affine';
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

/** The affine design for 32 people at 8 tables of 4, up to 9 rounds: round j's tables are the cosets of plane j. */
export function affineDesign32(rounds: number): Design | null {
  if (rounds > SPREAD_32.length) return null;
  const tableOf: Int32Array[] = [];
  for (let j = 0; j < rounds; j++) {
    const [a, b] = SPREAD_32[j]!;
    const first = (x: number) => Math.min(x, x ^ a, x ^ b, x ^ a ^ b);
    const reps = [...new Set(Array.from({ length: 32 }, (_, x) => first(x)))].sort((u, v) => u - v);
    tableOf.push(Int32Array.from({ length: 32 }, (_, x) => reps.indexOf(first(x))));
  }
  return { method: 'affine', cells: 32, tableOf };
}
