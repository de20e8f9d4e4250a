/**
 * Property tests: random cafés (tables of different sizes, some closed, hosts, groups), planned
 * from the start and then re-planned mid-café after late arrivals, departures and a table closed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupsAtBound, planRotation, type RotationInput, type RotationPlan, type Seating } from '../../shared/rotation/index.js';
import { planViolations, recount, returnsToTables } from '../helpers/rotation-rooms.js';

const ITERATIONS = 3000;

const cafe: fc.Arbitrary<RotationInput> = fc
  .record({
    capacities: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 7 }),
    closed: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    fill: fc.double({ min: 0.3, max: 1, noNaN: true }),
    rounds: fc.integer({ min: 1, max: 5 }),
    groups: fc.integer({ min: 0, max: 4 }),
    hosts: fc.boolean(),
    homeLastRound: fc.boolean(),
    seed: fc.integer(),
  })
  .map(({ capacities, closed, fill, rounds, groups, hosts, homeLastRound, seed }) => {
    const tables = capacities.map((capacity, t) => ({ id: `t${t}`, capacity, enabled: t === 0 || !closed[t] }));
    const seats = tables.filter((t) => t.enabled).reduce((sum, t) => sum + t.capacity, 0);
    const people = Math.max(1, Math.floor(seats * fill));
    const participants = Array.from({ length: people }, (_, i) => ({
      id: `p${i}`,
      ...(groups > 0 && i % 5 !== 4 ? { group: `g${i % groups}` } : {}),
      ...(hosts && i < tables.length && tables[i]!.enabled ? { host: true, homeTable: `t${i}` } : {}),
    }));
    return { participants, tables, rounds, seed, homeLastRound, iterations: ITERATIONS };
  });

function planned(input: RotationInput): RotationPlan {
  const result = planRotation(input);
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.reason}`);
  return result.plan;
}

/** A café under way at round `from`: what happened so far, some of the round's seats taken, two late arrivals, one departure, the last table closed. */
const midCafe = fc.tuple(cafe, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()).map(([input, at, seatedShare, changeRoom]) => {
  const first = planned(input);
  const from = at % input.rounds;
  const current: Record<string, string> = {};
  for (const [i, [id, t]] of Object.entries(first.seats[from]!).entries()) if (i < seatedShare * input.participants.length) current[id] = t;
  let { participants, tables } = input;
  if (changeRoom) {
    participants = [...participants.slice(1), { id: 'late-1', group: 'g0' }, { id: 'late-2' }];
    tables = tables.map((t, i) => (i === tables.length - 1 && i > 0 ? { ...t, enabled: false } : t));
  }
  const history: Seating[] = [...first.seats.slice(0, from), current];
  return { first, next: { ...input, participants, tables, fromRound: from, history, previous: first } as RotationInput, changeRoom };
});

const freeSeats = (input: RotationInput) => input.tables.filter((t) => t.enabled).reduce((sum, t) => sum + t.capacity, 0);

describe('planner properties', () => {
  it('P1 P4 P8 every plan of a fresh café seats everyone within capacity, sizes within one, hosts at home', () => {
    fc.assert(
      fc.property(cafe, (input) => {
        expect(planViolations(input, planned(input))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('P1 P3 P4 re-planning mid-café never moves a seated person, keeps held rounds, capacities and hosts', () => {
    fc.assert(
      fc.property(midCafe, ({ next }) => {
        const result = planRotation(next);
        if (!result.ok) {
          // Only a café with more people than open seats may be refused.
          expect(result).toMatchObject({ code: 'INVALID_PAYLOAD', field: expect.stringMatching(/tables|participants/) });
          expect(next.participants.length).toBeGreaterThan(freeSeats(next));
          return;
        }
        expect(planViolations(next, result.plan)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('P5 the same input and seed give the same plan', () => {
    fc.assert(
      fc.property(midCafe, ({ next }) => {
        expect(planRotation(next)).toEqual(planRotation(structuredClone(next)));
      }),
      { numRuns: 40 },
    );
  });

  it('P6 re-planning with nothing changed changes no seat; after arrivals and a departure, few', () => {
    fc.assert(
      fc.property(midCafe, ({ first, next, changeRoom }) => {
        const result = planRotation(next);
        if (!result.ok) return;
        const plannedRounds = next.rounds - next.fromRound!;
        if (!changeRoom) expect(result.plan.quality.changedSeats).toBe(0);
        else expect(result.plan.quality.changedSeats).toBeLessThanOrEqual(plannedRounds * (2 + next.tables[next.tables.length - 1]!.capacity));
        expect(result.plan.seats.slice(0, next.fromRound)).toEqual(first.seats.slice(0, next.fromRound));
      }),
      { numRuns: 80 },
    );
  });

  it('P10 the report agrees with a recount of the returned seats', () => {
    fc.assert(
      fc.property(cafe, (input) => {
        const plan = planned(input);
        const counted = recount(input, plan);
        expect(plan.quality.repeatedPairs).toBe(counted.repeatedPairs);
        expect(plan.quality.mostMeetings).toBe(counted.mostMeetings);
        expect(plan.quality.repeatMeetings).toBeGreaterThanOrEqual(plan.quality.repeatBound);
        expect(plan.quality.tableSize.overCapacity).toBeLessThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('P10 returns to a table are recounted alike and never below their bound, fresh and re-planned', () => {
    fc.assert(
      fc.property(cafe, midCafe, (input, { next }) => {
        const fresh = planned(input);
        expect(fresh.quality.revisits).toBe(returnsToTables(input, fresh));
        expect(fresh.quality.revisits).toBeGreaterThanOrEqual(fresh.quality.revisitBound!);
        const result = planRotation(next);
        if (!result.ok) return;
        const q = result.plan.quality;
        expect(q.revisits).toBe(returnsToTables(next, result.plan));
        expect(q.revisits).toBeGreaterThanOrEqual(q.revisitBound!);
      }),
      { numRuns: 60 },
    );
  });

  it('P10 the worst table\u2019s group bound never exceeds the mean bound, and a plan at both bounds is not reported short', () => {
    fc.assert(
      fc.property(cafe, (input) => {
        const g = planned(input).quality.groupsPerTable;
        expect(g.boundWorst).toBeLessThanOrEqual(Math.floor(g.boundMean));
        expect(g.worst).toBeLessThanOrEqual(g.boundWorst);
        expect(g.mean).toBeLessThanOrEqual(g.boundMean);
        if (g.worst === g.boundWorst) expect(g.tablesBelowBound).toBe(0);
        else expect(g.tablesBelowBound).toBeGreaterThan(0);
        expect(groupsAtBound(g)).toBe(g.mean === g.boundMean && g.worst === g.boundWorst);
      }),
      { numRuns: 80 },
    );
  });
});
