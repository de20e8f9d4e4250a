import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupsAtBound, planRotation, type RotationInput, type RotationPlan } from '../../shared/rotation/index.js';
import { planViolations, recount, returnsToTables, rotationRoom } from '../helpers/rotation-rooms.js';

/** Plans with a fifth of the default budget unless the test names one: these cafés are small. */
function planned(input: RotationInput): RotationPlan {
  const result = planRotation({ iterations: 200_000, ...input });
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.field} ${result.reason}`);
  return result.plan;
}

/** Table of each person in a round, for short assertions. */
const tableOf = (plan: RotationPlan, round: number, id: string) => plan.seats[round]![id];

describe('the rotation planner', () => {
  it('P1 seats everyone once per round, fills uneven tables within capacity and keeps sizes within one', () => {
    const input = rotationRoom({ people: 23, size: 5, rounds: 4 });
    input.tables = [...input.tables.slice(0, 4), { id: 'small', capacity: 3, enabled: true }, { id: 'closed', capacity: 8, enabled: false }];
    const plan = planned(input);
    expect(planViolations(input, plan)).toEqual([]);
    for (const seats of plan.seats) {
      expect(Object.keys(seats)).toHaveLength(23);
      expect(Object.values(seats)).not.toContain('closed');
    }
    expect(plan.quality.tableSize).toEqual({ min: 3, max: 5, overCapacity: 0 });
  });

  it('P1 P9 refuses more people than free seats at the open tables, and a seat at a table that does not exist', () => {
    const crowded = rotationRoom({ people: 21, size: 5, rounds: 2, tables: 4 });
    expect(planRotation(crowded)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', field: 'tables' });
    const ghost = { ...rotationRoom({ people: 8, size: 4, rounds: 3 }), history: [{ p0: 'nowhere' }] };
    expect(planRotation(ghost)).toMatchObject({ ok: false, code: 'TABLE_NOT_FOUND', field: 'history' });
  });

  it('P9 refuses malformed input with the field at fault', () => {
    const base = rotationRoom({ people: 8, size: 4, rounds: 3 });
    expect(planRotation({ ...base, rounds: 0 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', field: 'rounds' });
    expect(planRotation({ ...base, seed: 0.5 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', field: 'seed' });
    expect(planRotation({ ...base, participants: [{ id: 'a' }, { id: 'a' }] })).toMatchObject({ ok: false, field: 'participants' });
    expect(planRotation({ ...base, fromRound: 2, history: [] })).toMatchObject({ ok: false, field: 'history' });
    expect(planRotation({ ...base, participants: [{ id: 'a', host: true, homeTable: 'x' }] })).toMatchObject({ ok: false, code: 'TABLE_NOT_FOUND' });
    const hosts = { ...base, participants: [0, 1, 2, 3, 4].map((i) => ({ id: `h${i}`, host: true, homeTable: 't0' })) };
    expect(planRotation(hosts)).toMatchObject({ ok: false, field: 'participants' });
  });

  it('P2 avoids repeats before spreading groups: 20 people at tables of 4 for 3 rounds meet no one twice', () => {
    const plan = planned(rotationRoom({ people: 20, size: 4, rounds: 3, groups: [8, 6, 6] }));
    expect(recount(rotationRoom({ people: 20, size: 4, rounds: 3 }), plan).repeatedPairs).toBe(0);
    expect(plan.quality.groupsPerTable.worst).toBeGreaterThanOrEqual(2);
  });

  it('P2 counts held rounds: people who met in round 0 are not seated together again', () => {
    const input = rotationRoom({ people: 16, size: 4, rounds: 3 });
    input.history = [Object.fromEntries(input.participants.map((p, i) => [p.id, `t${i >> 2}`]))];
    const plan = planned(input);
    expect(planViolations(input, plan)).toEqual([]);
    expect(recount(input, plan).repeatedPairs).toBe(0);
    expect(plan.quality.repeatedPairs).toBe(0);
  });

  it('P2 travellers do not return to a table they sat at: 36 people at 8 tables for 3 rounds, with or without hosts and groups', () => {
    for (const shape of [{}, { hosts: 8 }, { groups: [12, 10, 8, 6] }]) {
      const input = rotationRoom({ people: 36, size: 5, rounds: 3, tables: 8, ...shape });
      const plan = planned({ ...input, iterations: 1_000_000 });
      expect(planViolations(input, plan)).toEqual([]);
      expect(plan.quality, JSON.stringify(shape)).toMatchObject({ repeatedPairs: 0, revisits: 0, revisitBound: 0 });
      expect(returnsToTables(input, plan), JSON.stringify(shape)).toBe(0);
    }
  });

  it('P2 counts held rounds for returns too: re-planned from round 2, no one goes back to a table of rounds 1 and 2', () => {
    const input = rotationRoom({ people: 36, size: 5, rounds: 4, tables: 8 });
    // Held rounds the planner did not make: person i sat at table i mod 8, then (i + 1) mod 8.
    const held = [0, 1].map((shift) => Object.fromEntries(input.participants.map((p, i) => [p.id, `t${(i + shift) % 8}`])));
    const replan = { ...input, fromRound: 2, history: held, iterations: 1_000_000 };
    const plan = planned(replan);
    expect(planViolations(replan, plan)).toEqual([]);
    expect(returnsToTables(replan, plan)).toBe(0);
    expect(plan.quality.revisits).toBe(0);
    for (const p of input.participants) for (const r of [2, 3]) expect([held[0]![p.id], held[1]![p.id]]).not.toContain(tableOf(plan, r, p.id));
  });

  it('P2 P4 P8 a staying host at home and the home round\u2019s return to the first table are not returns', () => {
    const input = { ...rotationRoom({ people: 36, size: 5, rounds: 4, tables: 8, hosts: 8 }), homeLastRound: true };
    const plan = planned(input);
    expect(planViolations(input, plan)).toEqual([]);
    for (const p of input.participants) expect(tableOf(plan, 3, p.id)).toBe(tableOf(plan, 0, p.id));
    expect(plan.quality).toMatchObject({ revisits: 0, revisitBound: 0, hosts: { inPlace: 32, expected: 32 } });
    expect(returnsToTables(input, plan)).toBe(0);
  });

  it('P2 P10 with more rounds than tables everyone returns somewhere, and the bound says so', () => {
    const input = rotationRoom({ people: 12, size: 4, rounds: 5 });
    const plan = planned(input);
    // Five rounds at three tables: each of the 12 returns at least twice.
    expect(plan.quality.revisitBound).toBe(24);
    expect(plan.quality.revisits).toBe(returnsToTables(input, plan));
    expect(plan.quality.revisits).toBeGreaterThanOrEqual(24);
  });

  it('P7 P2 a design\u2019s tables are renamed round by round: who meets whom stays, and fewer return to a table', () => {
    const four = rotationRoom({ people: 32, size: 4, rounds: 4 });
    const plan = planned(four);
    // The modular design alone sends the column that shifts by 4 back to its tables of rounds 1 and 2.
    expect(plan.quality).toMatchObject({ method: 'modular', repeatedPairs: 0, revisits: 0 });
    expect(returnsToTables(four, plan)).toBe(0);
    const nine = rotationRoom({ people: 32, size: 4, rounds: 9 });
    const affine = planned(nine);
    expect(affine.quality).toMatchObject({ method: 'affine', repeatedPairs: 0, revisitBound: 32 });
    expect(recount(nine, affine).repeatedPairs).toBe(0);
    // Unrenamed, one person sat at the same table all nine rounds (105 returns in all).
    expect(affine.quality.revisits).toBeLessThanOrEqual(64);
    for (const p of nine.participants) {
      const tables = affine.seats.map((s) => s[p.id]);
      for (const t of tables) expect(tables.filter((x) => x === t).length, p.id).toBeLessThanOrEqual(3);
    }
    // Hosts at 50 of 200 tables: the travellers in the hosts' column, which never moves, sat at one table every round (450 returns).
    const hosted = rotationRoom({ people: 1000, size: 5, rounds: 4, hosts: 50 });
    const partly = planned(hosted);
    expect(partly.quality).toMatchObject({ method: 'modular', repeatedPairs: 0, revisits: 0, hosts: { inPlace: 200, expected: 200 } });
    expect(returnsToTables(hosted, partly)).toBe(0);
  });

  it('P3 keeps everyone seated in the round under way where they sit, over capacity and at a closed table too, and returns held rounds unchanged', () => {
    const input = rotationRoom({ people: 10, size: 4, rounds: 3 });
    input.tables = [...input.tables.slice(0, 2), { id: 't2', capacity: 4, enabled: false }];
    const held = { p0: 't0', p1: 't0', p2: 't1', p3: 't1', p4: 't2', p5: 't2', p6: 't0', p7: 't1', p8: 't0', p9: 't1' };
    input.tables = [...input.tables, { id: 't3', capacity: 4, enabled: true }];
    input.history = [held, { p0: 't0', p1: 't0', p2: 't0', p3: 't0', p4: 't0', p5: 't2' }];
    const plan = planned(input);
    expect(plan.seats[0]).toEqual(held);
    expect(tableOf(plan, 1, 'p4')).toBe('t0');
    expect(tableOf(plan, 1, 'p5')).toBe('t2');
    expect(planViolations(input, plan)).toEqual([]);
  });

  it('P4 keeps hosts at their tables in every round unless released or hosts travel', () => {
    const input = { ...rotationRoom({ people: 32, size: 4, rounds: 6, hosts: 8 }), releasedHosts: ['p7'] };
    const plan = planned(input);
    for (let r = 0; r < 6; r++) for (let h = 0; h < 7; h++) expect(tableOf(plan, r, `p${h}`)).toBe(`t${h}`);
    expect(new Set(plan.seats.map((s) => s.p7)).size).toBeGreaterThan(1);
    expect(plan.quality.hosts).toEqual({ inPlace: 42, expected: 42 });
    const travelling = planned({ ...input, hostsStay: false });
    expect(travelling.quality.hosts.expected).toBe(0);
    expect(new Set(travelling.seats.map((s) => s.p0)).size).toBeGreaterThan(1);
  });

  it('P5 gives the same plan for the same input and seed, and another for another seed', () => {
    const input = rotationRoom({ people: 30, size: 4, rounds: 4, groups: [10, 10, 10], tables: 8 });
    expect(planned(input)).toEqual(planned(structuredClone(input)));
    expect(planned({ ...input, seed: 2 }).seats).not.toEqual(planned(input).seats);
  });

  it('P5 the planner uses no chance but its seeded generator and no Math function an engine may round its own way', () => {
    const folder = join(import.meta.dirname, '../../shared/rotation');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(folder, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/Math\.(random|exp|pow|log|sqrt|sin|cos|tan|atan|hypot|cbrt|expm1|log1p)\b|Date\.now|performance\.now/);
    }
  });

  it('P6 re-planning an unchanged café changes no seat; a late arrival changes few others', () => {
    const input = rotationRoom({ people: 27, size: 4, rounds: 4, groups: [9, 9, 9], tables: 7 });
    const first = planned(input);
    const again = planned({ ...input, previous: first, seed: 9 });
    expect(again.quality.changedSeats).toBe(0);
    expect(again.seats).toEqual(first.seats);
    const late = planned({ ...input, participants: [...input.participants, { id: 'late', group: 'group-0' }], previous: first, fromRound: 1, history: [first.seats[0]!] });
    expect(planViolations({ ...input, participants: [...input.participants, { id: 'late' }], fromRound: 1, history: [first.seats[0]!] }, late)).toEqual([]);
    expect(late.quality.changedSeats).toBeLessThanOrEqual(6);
  });

  it('P6 when a held round went otherwise than planned, re-planning steers clear of the pairs it made', () => {
    const input = rotationRoom({ people: 16, size: 4, rounds: 4 });
    const first = planned(input);
    // In round 0 p0 and p1 swapped tables: p0 met p1's table-mates instead of its own.
    const held = { ...first.seats[0]!, p0: first.seats[0]!.p1!, p1: first.seats[0]!.p0! };
    const now = { ...input, fromRound: 1, history: [held], previous: first };
    const next = planned(now);
    expect(planViolations(now, next)).toEqual([]);
    const keptAsPlanned = recount(input, { ...first, seats: [held, ...first.seats.slice(1)] }).repeatedPairs;
    expect(keptAsPlanned).toBeGreaterThan(0);
    expect(recount(input, next).repeatedPairs).toBeLessThan(keptAsPlanned);
  });

  it('P6 after a departure and a table closed between rounds, re-planning keeps more seats than a fresh plan, still without repeats', () => {
    const input = rotationRoom({ people: 24, size: 4, rounds: 4, tables: 7 });
    const first = planned(input);
    const participants = input.participants.filter((p) => p.id !== 'p3');
    const tables = input.tables.map((t) => (t.id === 't6' ? { ...t, enabled: false } : t));
    const now = { ...input, participants, tables, fromRound: 2, history: first.seats.slice(0, 2) };
    const next = planned({ ...now, previous: first });
    expect(planViolations(now, next)).toEqual([]);
    expect(next.quality.repeatedPairs).toBe(0);
    const fresh = planned(now);
    const differences = [2, 3].flatMap((r) => participants.filter((p) => fresh.seats[r]![p.id] !== first.seats[r]![p.id])).length;
    expect(next.quality.changedSeats).toBeLessThan(differences);
    // Everyone who sat at the closed table has to move.
    const atClosed = participants.filter((p) => [2, 3].some((r) => first.seats[r]![p.id] === 't6')).length;
    expect(next.quality.changedSeats).toBeGreaterThanOrEqual(atClosed);
  });

  it('P1 P6 a table added mid-café gets its share of people from the next round on', () => {
    const input = rotationRoom({ people: 24, size: 6, rounds: 4, tables: 4 });
    const first = planned(input);
    const tables = [...input.tables, { id: 'extra', capacity: 6, enabled: true }];
    const now = { ...input, tables, fromRound: 1, history: [first.seats[0]!], previous: first };
    const next = planned(now);
    expect(planViolations(now, next)).toEqual([]);
    for (const r of [1, 2, 3]) expect(Object.values(next.seats[r]!).filter((t) => t === 'extra').length).toBeGreaterThanOrEqual(4);
    expect(next.quality.tableSize).toMatchObject({ min: 4, max: 5 });
  });

  it('P4 P6 a table whose host left is planned like any other, the empty seat taken by travellers', () => {
    const input = rotationRoom({ people: 20, size: 4, rounds: 4, hosts: 5 });
    const first = planned(input);
    const participants = input.participants.filter((p) => p.id !== 'p2');
    const now = { ...input, participants, fromRound: 1, history: [first.seats[0]!], previous: first };
    const next = planned(now);
    expect(planViolations(now, next)).toEqual([]);
    expect(next.quality.hosts).toEqual({ inPlace: 12, expected: 12 });
    for (const r of [1, 2, 3]) expect(Object.values(next.seats[r]!).filter((t) => t === 't2').length).toBeGreaterThanOrEqual(3);
  });

  it('P8 sends everyone back to their round-0 table in the last round, and does not count the reunions', () => {
    const input = { ...rotationRoom({ people: 20, size: 4, rounds: 4 }), homeLastRound: true };
    const plan = planned(input);
    for (const p of input.participants) expect(tableOf(plan, 3, p.id)).toBe(tableOf(plan, 0, p.id));
    expect(plan.quality.repeatedPairs).toBe(0);
    expect(planViolations(input, plan)).toEqual([]);
  });

  it('P8 seats a late arrival in the home round where there is room', () => {
    const input = { ...rotationRoom({ people: 18, size: 4, rounds: 3, tables: 5 }), homeLastRound: true };
    const first = planned(input);
    const withLate = { ...input, participants: [...input.participants, { id: 'late' }], fromRound: 1, history: [first.seats[0]!], previous: first };
    const plan = planned(withLate);
    expect(planViolations(withLate, plan)).toEqual([]);
    expect(tableOf(plan, 2, 'late')).toBeDefined();
  });

  it('P10 reports what the seats show: repeats recounted, sizes, groups against their bound', () => {
    const input = rotationRoom({ people: 32, size: 4, rounds: 9, hosts: 8 });
    const plan = planned(input);
    const counted = recount(input, plan);
    expect(plan.quality.repeatedPairs).toBe(counted.repeatedPairs);
    expect(plan.quality.mostMeetings).toBe(counted.mostMeetings);
    // Each host meets 27 seats' worth of the 24 non-hosts: at least 3 repeats each.
    expect(plan.quality.repeatBound).toBe(24);
    expect(plan.quality.repeatMeetings).toBeGreaterThanOrEqual(24);
    // Four people of the second group reach at most four of the eight tables in a round.
    const mixed = planned(rotationRoom({ people: 40, size: 5, rounds: 3, groups: [36, 4] }));
    // Twelve distinct groups for eight tables a round: some table holds one group only, so the worst bound is 1, not 2.
    expect(mixed.quality.groupsPerTable).toEqual({ mean: 1.5, worst: 1, boundWorst: 1, boundMean: 1.5, tablesBelowBound: 0 });
    expect(groupsAtBound(mixed.quality.groupsPerTable)).toBe(true);
  });
});
