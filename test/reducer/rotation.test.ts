import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/domain/commands.js';
import type { LogEntry } from '../../shared/domain/events.js';
import { snapshotFor, visibleTo } from '../../shared/domain/visibility.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, refused, startCafe, SYSTEM, WALL, type TestCafe } from '../helpers/cafe-factory.js';

const QUALITY = qualityReport();

const planned = (): TestCafe => {
  const cafe = createCafe();
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  join(cafe, 'p-anna', { group: 'teachers' });
  join(cafe, 'p-ben', { group: 'parents' });
  join(cafe, 'p-cem');
  return cafe;
};

const plan = (seats: Record<string, string[]>, fromRound = 0): Command => ({ type: 'setRotationPlan', fromRound, seed: 7, seats, quality: QUALITY });
const SEATS = { 'p-anna': ['1', '2', '3'], 'p-ben': ['1', '3', '2'], 'p-cem': ['2', '1', '1'] };

describe('planned rotation', () => {
  it('M1 a café moves freely by default; the facilitator switches to planned rotation, fields left out keep their value', () => {
    const cafe = createCafe();
    expect(cafe.state.rotation).toEqual({ planned: false, hostsStay: true, homeLastRound: false });
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true, homeLastRound: true } });
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { hostsStay: false } });
    expect(cafe.state.rotation).toEqual({ planned: true, hostsStay: false, homeLastRound: true });
    accepted(cafe, FACILITATOR, { type: 'editCafe', title: 'Other title' });
    expect(cafe.state.rotation.planned).toBe(true);
  });

  it('M1 switching back to free movement drops the plan; the harvest and a closed café refuse the change', () => {
    const cafe = planned();
    accepted(cafe, SYSTEM, plan(SEATS));
    expect(cafe.state.plan).not.toBeNull();
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: false } });
    expect(cafe.state.plan).toBeNull();
    startCafe(cafe);
    for (let i = 0; i < 5; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    refused(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } }, 'CAFE_CLOSED');
  });

  it('M1 a rehearsal reset drops the plan', () => {
    const cafe = planned();
    accepted(cafe, FACILITATOR, { type: 'startRehearsal' });
    accepted(cafe, SYSTEM, plan(SEATS));
    accepted(cafe, FACILITATOR, { type: 'resetRehearsal' });
    expect(cafe.state.plan).toBeNull();
  });

  it('M2 the facilitator asks for a plan only in planned rotation, before the harvest, with an open table', () => {
    const cafe = createCafe();
    refused(cafe, FACILITATOR, { type: 'planRotation' }, 'ROTATION_OFF');
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
    refused(cafe, WALL, { type: 'planRotation' }, 'FORBIDDEN');
    refused(cafe, hostOf('1'), { type: 'planRotation' }, 'FORBIDDEN');
    join(cafe, 'p-anna');
    refused(cafe, 'p-anna', { type: 'planRotation' }, 'FORBIDDEN');
    for (const id of ['1', '2', '3']) accepted(cafe, FACILITATOR, { type: 'editTable', tableId: id, enabled: false });
    refused(cafe, FACILITATOR, { type: 'planRotation' }, 'TABLE_DISABLED');
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', enabled: true });
    const entry = accepted(cafe, FACILITATOR, { type: 'planRotation' });
    expect(entry.event).toEqual({ type: 'rotationRequested' });
  });

  it('M3 a plan from the system or the facilitator replaces the one in use; others may not send one', () => {
    const cafe = planned();
    refused(cafe, 'p-anna', plan(SEATS), 'FORBIDDEN');
    refused(cafe, WALL, plan(SEATS), 'FORBIDDEN');
    accepted(cafe, SYSTEM, plan(SEATS));
    expect(cafe.state.plan).toMatchObject({ fromRound: 0, seed: 7, seats: SEATS, quality: QUALITY });
    accepted(cafe, FACILITATOR, plan({ ...SEATS, 'p-cem': ['3', '3', '3'] }));
    expect(cafe.state.plan?.seats['p-cem']).toEqual(['3', '3', '3']);
  });

  it('M3 a plan is refused under free movement, for a round the café has left, or with unknown people, tables or lengths', () => {
    const free = createCafe();
    join(free, 'p-anna');
    refused(free, SYSTEM, plan({ 'p-anna': ['1', '2', '3'] }), 'ROTATION_OFF');
    const cafe = planned();
    refused(cafe, SYSTEM, plan(SEATS, 1), 'WRONG_PHASE');
    refused(cafe, SYSTEM, plan({ ...SEATS, 'p-nobody': ['1', '1', '1'] }), 'INVALID_PAYLOAD');
    refused(cafe, SYSTEM, plan({ ...SEATS, 'p-anna': ['1', '2'] }), 'INVALID_PAYLOAD');
    refused(cafe, SYSTEM, plan({ ...SEATS, 'p-anna': ['1', '2', '9'] }), 'TABLE_NOT_FOUND');
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).toMatchObject({ kind: 'travel', round: 1 });
    refused(cafe, SYSTEM, plan(SEATS, 0), 'WRONG_PHASE');
    accepted(cafe, SYSTEM, plan({ 'p-anna': ['2', '3'] }, 1));
  });

  it('M4 a plan may not move anyone seated in its first round, nor send anyone new to a disabled table', () => {
    const cafe = planned();
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, 'p-anna', { type: 'takeSeat', tableId: '3' });
    refused(cafe, SYSTEM, plan({ 'p-anna': ['2', '1'] }, 1), 'PLAN_MOVES_SEATED');
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '3', enabled: false });
    // Anna stays at the table she sat down at, closed or not; no one else may be sent there.
    accepted(cafe, SYSTEM, plan({ 'p-anna': ['3', '1'] }, 1));
    refused(cafe, SYSTEM, plan({ 'p-anna': ['3', '3'] }, 1), 'TABLE_DISABLED');
    refused(cafe, SYSTEM, plan({ 'p-anna': ['3', '1'], 'p-ben': ['3', '1'] }, 1), 'TABLE_DISABLED');
  });

  it('M5 M6 the phone sees its own seats, the wall and hosts the arrivals per table and group, the facilitator everything', () => {
    const cafe = planned();
    const entry: LogEntry = accepted(cafe, SYSTEM, plan(SEATS));
    const state = cafe.state;
    const arrivals = state.plan!.arrivals;
    expect(arrivals['1']![0]).toEqual({ count: 2, groups: { teachers: 1, parents: 1 } });
    expect(arrivals['2']![0]).toEqual({ count: 1, groups: { '': 1 } });
    expect(arrivals['1']![2]).toEqual({ count: 1, groups: { '': 1 } });
    expect(arrivals['3']![0]).toEqual({ count: 0, groups: {} });
    const anna = { role: 'participant' as const, participantId: 'p-anna', tableId: null };
    for (const view of [visibleTo(anna, entry, state)?.event, { type: 'rotationPlanned', plan: snapshotFor(anna, state).plan }]) {
      expect(view).toMatchObject({ type: 'rotationPlanned', plan: { seats: { 'p-anna': ['1', '2', '3'] }, arrivals: {}, quality: null } });
      expect(Object.keys((view as { plan: { seats: object } }).plan.seats)).toEqual(['p-anna']);
    }
    const room = { role: 'participant' as const, participantId: '', tableId: '1' };
    expect(visibleTo(room, entry, state)?.event).toMatchObject({ plan: { seats: {}, arrivals: {}, quality: null } });
    for (const scope of [{ role: 'wall' as const }, { role: 'host' as const, tableId: '2' }]) {
      expect(visibleTo(scope, entry, state)?.event).toMatchObject({ plan: { seats: {}, arrivals, quality: null } });
      expect(snapshotFor(scope, state).plan).toMatchObject({ seats: {}, arrivals, quality: null });
    }
    expect(visibleTo({ role: 'facilitator' }, entry, state)?.event).toEqual(entry.event);
    const request = accepted(cafe, FACILITATOR, { type: 'planRotation' });
    expect(visibleTo({ role: 'wall' }, request, cafe.state)).toBeNull();
    expect(visibleTo(anna, request, cafe.state)).toBeNull();
    expect(visibleTo({ role: 'facilitator' }, request, cafe.state)?.event).toEqual({ type: 'rotationRequested' });
  });
});
