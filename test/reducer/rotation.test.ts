import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/domain/commands.js';
import type { LogEntry } from '../../shared/domain/events.js';
import { evolve } from '../../shared/domain/evolve.js';
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

  it('M5 M6 M11 the phone sees its own seats, hosts the arrivals per table and group, the wall those and seats by number, the facilitator everything', () => {
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
    const host = { role: 'host' as const, tableId: '2' };
    expect(visibleTo(host, entry, state)?.event).toMatchObject({ plan: { seats: {}, arrivals, quality: null } });
    expect(snapshotFor(host, state).plan).toMatchObject({ seats: {}, arrivals, quality: null });
    // M11: the wall's "find your table" board: seats by participant number, no ids.
    const board = { '#1': SEATS['p-anna'], '#2': SEATS['p-ben'], '#3': SEATS['p-cem'] };
    expect(visibleTo({ role: 'wall' }, entry, state)?.event).toMatchObject({ plan: { seats: board, arrivals, quality: null } });
    expect(snapshotFor({ role: 'wall' }, state).plan).toMatchObject({ seats: board, arrivals, quality: null });
    expect(visibleTo({ role: 'facilitator' }, entry, state)?.event).toEqual(entry.event);
    const request = accepted(cafe, FACILITATOR, { type: 'planRotation' });
    expect(visibleTo({ role: 'wall' }, request, cafe.state)).toBeNull();
    expect(visibleTo(anna, request, cafe.state)).toBeNull();
    expect(visibleTo({ role: 'facilitator' }, request, cafe.state)?.event).toEqual({ type: 'rotationRequested' });
  });

  it('M7 participants are numbered in the order they join or are added; people without a phone are added by the facilitator', () => {
    const cafe = planned();
    expect(Object.values(cafe.state.participants).map((p) => p.number)).toEqual([1, 2, 3]);
    const added = accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'no-phone-1', displayName: '  Dora ', group: 'parents' });
    expect(added.event.type).toBe('participantAdded');
    expect(cafe.state.participants['no-phone-1']).toMatchObject({ number: 4, displayName: 'Dora', group: 'parents', consent: { publish: false, showName: false }, hostOf: null, left: false, seats: [] });
    expect(cafe.state.links['no-phone-1']).toBeUndefined();
    join(cafe, 'p-eva');
    expect(cafe.state.participants['p-eva']!.number).toBe(5);
    refused(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'no-phone-1' }, 'PARTICIPANT_EXISTS');
    refused(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'p-anna' }, 'PARTICIPANT_EXISTS');
    refused(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'no-phone-2', group: 'pirates' }, 'UNKNOWN_GROUP');
    refused(cafe, 'p-anna', { type: 'addParticipant', participantId: 'no-phone-3' }, 'FORBIDDEN');
    refused(cafe, hostOf('1'), { type: 'addParticipant', participantId: 'no-phone-3' }, 'FORBIDDEN');
    expect(Object.keys(cafe.state.participants)).toHaveLength(5);
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'no-phone-late' });
    expect(cafe.state.participants['no-phone-late']!.number).toBe(6);
  });

  it('M8 the facilitator names one host per table and releases them', () => {
    const cafe = planned();
    accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-anna', tableId: '1' });
    expect(cafe.state.participants['p-anna']!.hostOf).toBe('1');
    accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-ben', tableId: '1' });
    expect([cafe.state.participants['p-anna']!.hostOf, cafe.state.participants['p-ben']!.hostOf]).toEqual([null, '1']);
    accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-anna', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-ben', tableId: null });
    expect([cafe.state.participants['p-anna']!.hostOf, cafe.state.participants['p-ben']!.hostOf]).toEqual(['2', null]);
    refused(cafe, FACILITATOR, { type: 'setHost', participantId: 'nobody-here', tableId: '1' }, 'PARTICIPANT_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-cem', tableId: '99' }, 'TABLE_NOT_FOUND');
    refused(cafe, 'p-cem', { type: 'setHost', participantId: 'p-cem', tableId: '1' }, 'FORBIDDEN');
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-cem', tableId: '1' }, 'CAFE_CLOSED');
  });

  it('M9 a phone leaves and comes back; the facilitator marks anyone; taking a seat brings them back', () => {
    const cafe = planned();
    accepted(cafe, 'p-anna', { type: 'setLeft', left: true });
    expect(cafe.state.participants['p-anna']!.left).toBe(true);
    accepted(cafe, 'p-anna', { type: 'setLeft', left: false });
    expect(cafe.state.participants['p-anna']!.left).toBe(false);
    refused(cafe, 'p-anna', { type: 'setLeft', participantId: 'p-ben', left: true }, 'FORBIDDEN');
    const marked = accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-ben', left: true });
    expect(cafe.state.participants['p-ben']!.left).toBe(true);
    // The phone itself hears of it; no other phone does.
    expect(visibleTo({ role: 'participant', participantId: 'p-ben', tableId: null }, marked, cafe.state)?.event).toEqual({ type: 'participantLeft', participantId: 'p-ben', left: true });
    expect(visibleTo({ role: 'participant', participantId: 'p-anna', tableId: null }, marked, cafe.state)).toBeNull();
    expect(visibleTo({ role: 'participant', participantId: '', tableId: null }, marked, cafe.state)).toBeNull();
    refused(cafe, FACILITATOR, { type: 'setLeft', left: true }, 'PARTICIPANT_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'setLeft', participantId: 'nobody-here', left: true }, 'PARTICIPANT_NOT_FOUND');
    refused(cafe, WALL, { type: 'setLeft', participantId: 'p-ben', left: false }, 'FORBIDDEN');
    accepted(cafe, 'p-ben', { type: 'takeSeat', tableId: '2' });
    expect(cafe.state.participants['p-ben']!.left).toBe(false);
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, 'p-anna', { type: 'setLeft', left: true }, 'CAFE_CLOSED');
  });

  it('M10 a table takes a capacity from 1 to 50, or null for an even share', () => {
    const cafe = planned();
    expect(cafe.state.tables.every((t) => t.capacity === null)).toBe(true);
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', capacity: 3 });
    expect(cafe.state.tables.find((t) => t.id === '2')).toMatchObject({ capacity: 3, enabled: true });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', name: 'Window' });
    expect(cafe.state.tables.find((t) => t.id === '2')).toMatchObject({ capacity: 3, name: 'Window' });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', capacity: null });
    expect(cafe.state.tables.find((t) => t.id === '2')!.capacity).toBeNull();
  });

  it('M11 the wall hears of people by number and group only, never their id, name or consent', () => {
    const cafe = planned();
    const wall = { role: 'wall' as const };
    const joined = join(cafe, 'p-secret-id', { displayName: 'Very Private', group: 'teachers', consent: { publish: true, showName: true } });
    const seen = visibleTo(wall, joined, cafe.state)!.event;
    expect(seen).toEqual({ type: 'participantAdded', participant: { ...cafe.state.participants['p-secret-id']!, id: '#4', displayName: null, consent: { publish: false, showName: false }, joinedAt: 0 } });
    for (const command of [{ type: 'takeSeat' as const, tableId: '2' }, { type: 'setLeft' as const, left: true }]) {
      const entry = accepted(cafe, 'p-secret-id', command);
      expect(visibleTo(wall, entry, cafe.state)!.event).toMatchObject({ participantId: '#4' });
    }
    const host = accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-secret-id', tableId: '2' });
    expect(visibleTo(wall, host, cafe.state)!.event).toEqual({ type: 'hostSet', participantId: '#4', tableId: '2' });
    expect(visibleTo({ role: 'host', tableId: '2' }, host, cafe.state)).toBeNull();
    // A catch-up (judged on the current state) rebuilds the same wall state as a fresh snapshot: no seat twice.
    let replica = evolve(null, cafe.log[0]!);
    for (const entry of cafe.log.slice(1)) {
      const seenNow = visibleTo(wall, entry, cafe.state);
      if (seenNow) replica = evolve(replica, { ...entry, event: seenNow.event });
    }
    expect(replica.participants).toEqual(snapshotFor(wall, cafe.state).participants);
    expect(replica.participants['#4']!.seats).toEqual([{ round: 0, tableId: '2' }]);
    const all = JSON.stringify(cafe.log.map((e) => visibleTo(wall, e, cafe.state)));
    expect(all).not.toContain('p-secret-id');
    expect(all).not.toContain('Very Private');
  });
});
