/**
 * The plan in use, read for the console's preview and the printed seat plan (issue 6): who sits
 * where per round, sorted by number or name, people without phones picked out, and per table and
 * round how many people and groups the plan seats there. Cafés are built through the real reducer.
 */
import { describe, expect, it } from 'vitest';
import { hasPhone, planGaps, planGrid, plannedArrivals, plannedPeople, plannedRounds, tableLabel } from '../../client/src/facilitator/seat-plan.js';
import { comingRound } from '../../shared/domain/room-mix.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';

/** Three tables, five phones and two people added without one; the plan given as the server would send it. */
function plannedCafe(): TestCafe {
  const cafe = createCafe({ tables: ['Red', 'Table 2', 'Blue'] });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  join(cafe, 'p-zoe', { displayName: 'Zoë', group: 'teachers' });
  join(cafe, 'p-anna', { displayName: 'anna', group: 'parents' });
  join(cafe, 'p-ben', { group: 'teachers' });
  join(cafe, 'p-cem', { displayName: 'Cem', group: 'students' });
  join(cafe, 'p-dora', { displayName: 'Dora' });
  accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'p-emil', displayName: 'Émil', group: 'students' });
  accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'p-fay', group: 'parents' });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  const seats = {
    'p-zoe': ['1', '2', '3'],
    'p-anna': ['1', '3', '2'],
    'p-ben': ['1', '1', '1'],
    'p-cem': ['2', '1', '3'],
    'p-dora': ['2', '2', '1'],
    'p-emil': ['3', '3', '2'],
    'p-fay': ['2', '1', '3'],
  };
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
  return cafe;
}

describe('the seat plan, read for people', () => {
  it('lists everyone the plan seats by number, with their tables per planned round, phones marked', () => {
    const cafe = plannedCafe();
    expect(plannedRounds(cafe.state.plan!)).toEqual([0, 1, 2]);
    const people = plannedPeople(cafe.state);
    expect(people.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(people.map((p) => p.id)).toEqual(['p-zoe', 'p-anna', 'p-ben', 'p-cem', 'p-dora', 'p-emil', 'p-fay']);
    expect(people[5]).toMatchObject({ name: 'Émil', group: 'students', phone: false, tables: ['3', '3', '2'] });
    expect(people[0]).toMatchObject({ name: 'Zoë', phone: true });
    expect(hasPhone(cafe.state, 'p-fay')).toBe(false);
  });

  it('sorts by name, ignoring case and accents, nameless people last by number; or only people without phones', () => {
    const cafe = plannedCafe();
    expect(plannedPeople(cafe.state, { order: 'name' }).map((p) => p.name ?? `#${p.number}`)).toEqual(['anna', 'Cem', 'Dora', 'Émil', 'Zoë', '#3', '#7']);
    expect(plannedPeople(cafe.state, { withoutPhoneOnly: true }).map((p) => p.id)).toEqual(['p-emil', 'p-fay']);
  });

  it('plans from the round under way once the café has moved on, and leaves people who left out', () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-dora', left: true });
    const rest = { 'p-zoe': ['2', '3'], 'p-anna': ['3', '2'], 'p-ben': ['1', '1'], 'p-cem': ['1', '3'], 'p-emil': ['3', '2'], 'p-fay': ['1', '3'] };
    accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 1, seed: 2, seats: rest, quality: qualityReport() });
    expect(plannedRounds(cafe.state.plan!)).toEqual([1, 2]);
    expect(plannedPeople(cafe.state).map((p) => p.id)).not.toContain('p-dora');
    expect(planGrid(cafe.state)!.people).toBe(6);
  });

  it('counts people and distinct groups per table and round, against the most groups the table could hold', () => {
    const grid = planGrid(plannedCafe().state)!;
    expect(grid.rounds).toEqual([0, 1, 2]);
    expect(grid.groupsPresent).toBe(3);
    expect(grid.people).toBe(7);
    expect(grid.withoutPhone).toBe(2);
    expect(grid.tables.map((t) => t.label)).toEqual(['1 · Red', 'Table 2', '3 · Blue']);
    // Round 1: table 1 seats Zoë, Anna, Ben (teachers, parents, teachers); table 2 Cem, Dora (no group), Fay.
    expect(grid.tables[0]!.cells[0]).toEqual({ people: 3, groups: 2, bound: 3 });
    expect(grid.tables[1]!.cells[0]).toEqual({ people: 3, groups: 2, bound: 2 });
    expect(grid.tables[2]!.cells[0]).toEqual({ people: 1, groups: 1, bound: 1 });
    const sums = grid.rounds.map((_, i) => grid.tables.reduce((n, t) => n + t.cells[i]!.people, 0));
    expect(sums).toEqual([7, 7, 7]);
  });

  it('shows a closed table only while the plan still seats someone there, and nothing without a plan', () => {
    const cafe = createCafe({ tables: 3 });
    expect(planGrid(cafe.state)).toBe(null);
    expect(plannedPeople(cafe.state)).toEqual([]);
    const planned = plannedCafe();
    accepted(planned, FACILITATOR, { type: 'editTable', tableId: '3', enabled: false });
    // The old plan still seats people at 3 until the server plans again.
    expect(planGrid(planned.state)!.tables.map((t) => t.id)).toEqual(['1', '2', '3']);
  });

  it('names a table by its number, and its name where the name does not say the number', () => {
    const cafe = createCafe({ tables: ['Table 1', 'Blue', '3', 'Tisch 14'] });
    expect(['1', '2', '3', '4'].map((id) => tableLabel(cafe.state, id))).toEqual(['Table 1', '2 · Blue', '3', '4 · Tisch 14']);
  });

  it('says who the plan leaves out, and when the open tables, all with a capacity, seat fewer than are present', () => {
    const cafe = plannedCafe();
    expect(planGaps(cafe.state)).toEqual({ people: 7, unplanned: 0, seats: null });
    join(cafe, 'p-late');
    expect(planGaps(cafe.state)).toMatchObject({ people: 8, unplanned: 1 });
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-late', left: true });
    expect(planGaps(cafe.state)).toMatchObject({ people: 7, unplanned: 0 });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '1', capacity: 2 });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', capacity: 2 });
    // One table without a capacity takes the rest.
    expect(planGaps(cafe.state).seats).toBeNull();
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '3', capacity: 2 });
    expect(planGaps(cafe.state).seats).toBe(6);
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '3', enabled: false });
    expect(planGaps(cafe.state).seats).toBe(4);
  });

  it('gives per table the plan’s people and groups for the round about to be seated: lobby and travel, not during a round', () => {
    const cafe = plannedCafe();
    expect(comingRound(cafe.state)).toBe(0);
    // Round 1: table 1 Zoë, Anna, Ben (teachers, parents); table 2 Cem, Dora (no group), Fay (students, parents); table 3 Émil.
    expect(plannedArrivals(cafe.state)).toEqual({
      round: 0,
      perTable: { '1': { people: 3, groups: 2 }, '2': { people: 3, groups: 2 }, '3': { people: 1, groups: 1 } },
    });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    expect(comingRound(cafe.state)).toBeNull();
    expect(plannedArrivals(cafe.state)).toBeNull();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('travel');
    expect(plannedArrivals(cafe.state)?.round).toBe(1);
    // Round 2 at table 1: Ben, Cem, Fay (teachers, students, parents).
    expect(plannedArrivals(cafe.state)?.perTable['1']).toEqual({ people: 3, groups: 3 });
    // Free movement has no plan to go by.
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: false } });
    expect(plannedArrivals(cafe.state)).toBeNull();
  });
});
