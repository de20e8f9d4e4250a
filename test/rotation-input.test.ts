/** What the server tells the planner about a café (server/rotation/rotation-planner.ts), read from cafés built with the real reducer. */
import { describe, expect, it } from 'vitest';
import { planTrigger, rotationInput, seedOf } from '../server/rotation/rotation-planner.js';
import type { Command } from '../shared/domain/commands.js';
import { planRotation } from '../shared/rotation/index.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from './helpers/cafe-factory.js';
import { qualityReport } from './helpers/rotation-quality.js';

function planned(): TestCafe {
  const cafe = createCafe({ tables: 3 });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true, homeLastRound: true } });
  for (const id of ['p-anna', 'p-ben', 'p-cem', 'p-dora']) join(cafe, id, { group: id === 'p-dora' ? null : 'teachers' });
  return cafe;
}

describe('the planner\u2019s input', () => {
  it('describes people, open tables with an even share each, the settings and a seed fixed per café', () => {
    const cafe = planned();
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '3', enabled: false });
    const input = rotationInput(cafe.state, 1234);
    expect(input.participants).toEqual([{ id: 'p-anna', group: 'teachers' }, { id: 'p-ben', group: 'teachers' }, { id: 'p-cem', group: 'teachers' }, { id: 'p-dora' }]);
    expect(input.tables).toEqual([{ id: '1', capacity: 2, enabled: true }, { id: '2', capacity: 2, enabled: true }, { id: '3', capacity: 2, enabled: false }]);
    expect(input).toMatchObject({ rounds: 3, fromRound: 0, hostsStay: true, homeLastRound: true, iterations: 1234, seed: seedOf(cafe.state.id) });
    expect(seedOf(cafe.state.id)).toBe(seedOf(cafe.state.id));
    expect(seedOf('another-cafe')).not.toBe(seedOf(cafe.state.id));
    // Before the café opens no one has been told a table: no plan in use is passed on.
    accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats: { 'p-anna': ['1', '2', '1'] }, quality: qualityReport() });
    expect(input.previous).toBeUndefined();
    expect(rotationInput(cafe.state).previous).toBeUndefined();
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    expect(rotationInput(cafe.state).previous?.seats).toEqual([{ 'p-anna': '1' }, { 'p-anna': '2' }, { 'p-anna': '1' }]);
  });

  it('M8 M9 M10 names hosts with their table, leaves out who left, and gives capacities: a table’s own, the others an even share of the rest', () => {
    const cafe = planned();
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { homeLastRound: false } });
    accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-ben', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-cem', left: true });
    accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'no-phone-1', group: 'teachers' });
    for (const id of ['p-eva', 'p-finn', 'p-gul', 'p-hal']) join(cafe, id);
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '1', capacity: 2 });
    let input = rotationInput(cafe.state);
    expect(input.participants.map((p) => p.id)).toEqual(['p-anna', 'p-ben', 'p-dora', 'no-phone-1', 'p-eva', 'p-finn', 'p-gul', 'p-hal']);
    expect(input.participants[1]).toEqual({ id: 'p-ben', group: 'teachers', host: true, homeTable: '2' });
    // 8 people, table 1 takes 2: tables 2 and 3 share the other 6.
    expect(input.tables.map((t) => t.capacity)).toEqual([2, 3, 3]);
    // M10: the last round's "everyone returns to their first table" asks the planner for the home round too.
    expect(input.homeLastRound).toBe(true);
    accepted(cafe, FACILITATOR, { type: 'editRound', round: 2, returnHome: false });
    expect(rotationInput(cafe.state).homeLastRound).toBe(false);
    accepted(cafe, FACILITATOR, { type: 'editRound', round: 2, returnHome: true });
    input = rotationInput(cafe.state);
    const result = planRotation(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (let r = 0; r < 3; r++) {
      expect(result.plan.seats[r]!['p-ben']).toBe('2');
      expect(Object.values(result.plan.seats[r]!).filter((t) => t === '1').length).toBeLessThanOrEqual(2);
      expect(result.plan.seats[r]!['p-cem']).toBeUndefined();
    }
  });

  it('gives held rounds where people sat (the last seat before counts) and the round under way only the seats taken in it', () => {
    const cafe = planned();
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    accepted(cafe, 'p-anna', { type: 'takeSeat', tableId: '1' });
    accepted(cafe, 'p-ben', { type: 'takeSeat', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, 'p-ben', { type: 'takeSeat', tableId: '3' });
    const input = rotationInput(cafe.state);
    expect(input.fromRound).toBe(1);
    expect(input.history).toEqual([{ 'p-anna': '1', 'p-ben': '2' }, { 'p-ben': '3' }]);
  });

  it('asks for a plan when planned rotation is switched on, on request, at a change of round, and for people and tables; never under free movement', () => {
    const cafe = createCafe();
    const trigger = (entry: ReturnType<typeof accepted>, before: TestCafe['state']) => planTrigger({ entry, before, after: cafe.state });
    let before = cafe.state;
    expect(trigger(join(cafe, 'p-anna'), before)).toBeNull();
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } }), before)).toBeGreaterThan(0);
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'editCafe', title: 'Still planned' }), before)).toBeNull();
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'planRotation' }), before)).toBeGreaterThan(0);
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'openCafe' }), before)).toBeGreaterThan(0);
    before = cafe.state;
    expect(trigger(join(cafe, 'p-ben'), before)).toBeGreaterThan(0);
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', enabled: false }), before)).toBeGreaterThan(0);
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Coffee is ready' }), before)).toBeNull();
    // The settings that change seats: hosts released, the last round home, the groups; rounds added or sent home.
    for (const command of [
      { type: 'editCafe', rotation: { hostsStay: false } },
      { type: 'editCafe', rotation: { homeLastRound: true } },
      { type: 'editCafe', stakeholderGroups: ['teachers', 'parents'] },
      { type: 'addRound', question: 'And then?', durationMs: 20 * 60_000 },
      { type: 'editRound', round: 3, returnHome: true },
    ] satisfies Command[]) {
      before = cafe.state;
      expect(trigger(accepted(cafe, FACILITATOR, command), before), command.type).toBeGreaterThan(0);
    }
    before = cafe.state;
    expect(trigger(accepted(cafe, FACILITATOR, { type: 'editRound', round: 3, question: 'And then, really?' }), before)).toBeNull();
  });
});
