import { describe, expect, it } from 'vitest';
import { affineDesign32, modularDesign, SPREAD_32, type Design } from '../../shared/rotation/designs.js';
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

  it('P7 beyond 9 rounds at 8 tables of 4 the affine rounds are kept and the search plans the tenth', () => {
    const input = rotationRoom({ people: 32, size: 4, rounds: 10 });
    const result = planRotation(input);
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.quality.method).toBe('affine+search');
    expect(planViolations(input, result.plan)).toEqual([]);
    // Round 10 cannot be free of repeats after these nine (no tenth plane exists); it stays far below a search from scratch.
    expect(recount(input, result.plan).repeatedPairs).toBeLessThanOrEqual(16);
  });
});
