import { describe, expect, it } from 'vitest';
import { affineDesign32, GOLFER_32_10, golferDesign32, modularDesign, SPREAD_32, type Design } from '../../shared/rotation/designs.js';
import { planRotation } from '../../shared/rotation/index.js';
import { planViolations, recount, rotationRoom } from '../helpers/rotation-rooms.js';

/** The most times two cells of a design share a table. */
function mostMeetings(design: Design): number {
  let most = 0;
  for (let a = 0; a < design.cells; a++) {
    for (let b = a + 1; b < design.cells; b++) most = Math.max(most, design.tableOf.filter((round) => round[a] === round[b]).length);
  }
  return most;
}

/** Table sizes of every round of a design. */
const sizes = (design: Design) => design.tableOf.map((round) => [...new Set(round)].map((t) => round.filter((x) => x === t).length));

describe('exact designs', () => {
  it('P7 the nine planes of GF(2)^5 meet only at the origin, so 32 people at 8 tables of 4 meet no one twice in 9 rounds', () => {
    const planes = SPREAD_32.map(([a, b]) => [a, b, a ^ b]);
    expect(new Set(planes.flat()).size).toBe(27);
    const design = affineDesign32(9)!;
    expect(sizes(design).flat().every((s) => s === 4)).toBe(true);
    expect(sizes(design).every((round) => round.length === 8)).toBe(true);
    expect(mostMeetings(design)).toBe(1);
    expect(affineDesign32(10)).toBeNull();
  });

  it('P7 the modular design repeats no pair when no round gap times multiplier gap is a multiple of the tables', () => {
    const design = modularDesign(44, 5, 3, false)!;
    expect(mostMeetings(design)).toBe(1);
    expect(mostMeetings(modularDesign(7, 7, 7, true)!)).toBe(1);
    // 8 tables: round gap 4 × multiplier gap 2 is 8, so a fifth round would repeat.
    expect(modularDesign(8, 4, 4, false)).not.toBeNull();
    expect(modularDesign(8, 4, 5, false)).toBeNull();
  });

  it('P7 P2 220 people of six uneven groups at 44 tables of 5 for 3 rounds: no repeat, five groups at every table', () => {
    const input = rotationRoom({ people: 220, size: 5, rounds: 3, groups: [44, 40, 40, 36, 32, 28] });
    const result = planRotation(input);
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.quality).toMatchObject({ method: 'modular', repeatedPairs: 0, groupsPerTable: { worst: 5, tablesBelowBound: 0 } });
    expect(recount(input, result.plan).repeatedPairs).toBe(0);
    expect(planViolations(input, result.plan)).toEqual([]);
  });

  it('P7 P4 staying hosts take the column that never moves', () => {
    const input = rotationRoom({ people: 35, size: 5, rounds: 5, hosts: 7 });
    const result = planRotation(input);
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.quality).toMatchObject({ method: 'modular', repeatedPairs: 0, hosts: { inPlace: 35, expected: 35 } });
    expect(planViolations(input, result.plan)).toEqual([]);
  });

  it('P7 the stored schedule seats 32 people at 8 tables of 4 for 10 rounds, each round a partition, and no pair meets twice', () => {
    const planes = GOLFER_32_10.planes.map(([a, b]) => [a, b, a ^ b]);
    expect(new Set(planes.flat()).size).toBe(15);
    const design = golferDesign32(10)!;
    expect(design.tableOf).toHaveLength(10);
    for (const round of GOLFER_32_10.rounds) {
      const people = round.split('|').map((table) => table.trim().split(' ').map(Number));
      expect(people.map((table) => table.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);
      expect(people.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, p) => p));
    }
    expect(sizes(design).every((round) => round.length === 8 && round.every((s) => s === 4))).toBe(true);
    expect(mostMeetings(design)).toBe(1);
    // 10 rounds meet 30 of the 31 others: each person misses exactly one, the 16 pairs never met.
    const missed = Array.from({ length: 32 }, (_, a) => Array.from({ length: 32 }, (_, b) => b).filter((b) => b !== a && design.tableOf.every((round) => round[a] !== round[b])));
    expect(missed.every((others) => others.length === 1)).toBe(true);
    expect(golferDesign32(4)!.tableOf).toEqual(design.tableOf.slice(0, 4));
    expect(golferDesign32(11)).toBeNull();
  });

  it('P7 P2 32 people at 8 tables of 4 for 10 rounds take the stored schedule: no repeat, and the groups spread', () => {
    for (const shape of [
      { people: 32, size: 4, rounds: 10 },
      { people: 31, size: 4, rounds: 10, groups: [8, 8, 8, 7] },
    ]) {
      const input = rotationRoom(shape);
      const result = planRotation(input);
      if (!result.ok) throw new Error(result.reason);
      expect(result.plan.quality).toMatchObject({ method: 'golfer', repeatedPairs: 0, mostMeetings: 1 });
      expect(recount(input, result.plan).repeatedPairs).toBe(0);
      expect(planViolations(input, result.plan)).toEqual([]);
    }
    const grouped = planRotation(rotationRoom({ people: 32, size: 4, rounds: 10, groups: [8, 8, 8, 8] }));
    if (!grouped.ok) throw new Error(grouped.reason);
    // Who takes which cell spreads the four groups: 2.75 per table without it (a budget of one swap).
    expect(grouped.plan.quality).toMatchObject({ method: 'golfer', repeatedPairs: 0 });
    expect(grouped.plan.quality.groupsPerTable.mean).toBeGreaterThanOrEqual(2.9);
  });

  it('P7 beyond 10 rounds at 8 tables of 4 the stored rounds are kept and the search plans the eleventh', () => {
    const input = rotationRoom({ people: 32, size: 4, rounds: 11 });
    const result = planRotation(input);
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.quality.method).toBe('golfer+search');
    expect(planViolations(input, result.plan)).toEqual([]);
    const firstTen = { ...result.plan, seats: result.plan.seats.slice(0, 10) };
    expect(recount({ ...input, rounds: 10 }, firstTen).repeatedPairs).toBe(0);
  });
});
