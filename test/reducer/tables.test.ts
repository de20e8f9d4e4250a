import { describe, expect, it } from 'vitest';
import { reduce } from '../../shared/domain/reducer.js';
import { tablesDuring } from '../../shared/domain/state.js';
import { seatingRound, tableOf } from '../../shared/domain/state.js';
import {
  accepted,
  addIdea,
  cafeSetup,
  createCafe,
  FACILITATOR,
  hostOf,
  join,
  refused,
  startCafe,
  SYSTEM,
  T0,
  type TestCafe,
} from '../helpers/cafe-factory.js';

function seats(cafe: TestCafe, participantId: string) {
  return cafe.state.participants[participantId]!.seats;
}

describe('tables', () => {
  it('T1 a number of tables gives numbered tables, a list of names gives ids 1, 2, 3 in order', () => {
    const counted = createCafe({ tables: 3 });
    expect(counted.state.tables).toEqual([
      { id: '1', name: 'Table 1', enabled: true, capacity: null },
      { id: '2', name: 'Table 2', enabled: true, capacity: null },
      { id: '3', name: 'Table 3', enabled: true, capacity: null },
    ]);
    const named = createCafe({ tables: ['  Oak ', 'Birch'] });
    expect(named.state.tables).toEqual([
      { id: '1', name: 'Oak', enabled: true, capacity: null },
      { id: '2', name: 'Birch', enabled: true, capacity: null },
    ]);
    expect(named.state.links[hostOf('2')]).toEqual({ id: hostOf('2'), role: 'host', tableId: '2', revoked: false });
  });

  it('T1 a host link must name an existing table and table names must not be empty', () => {
    const links = [{ id: 'host-link-7', role: 'host' as const, tableId: '7' }];
    const badLink = reduce(null, { type: 'createCafe', cafeId: 'c', joinCode: 'XYZ234', setup: cafeSetup({ tables: 3 }), links }, { actor: SYSTEM, now: T0, seq: 1, opId: 'o' });
    expect(badLink).toMatchObject({ ok: false, code: 'TABLE_NOT_FOUND' });
    const badName = reduce(null, { type: 'createCafe', cafeId: 'c', joinCode: 'XYZ234', setup: cafeSetup({ tables: ['Oak', ' '] }), links: [] }, { actor: SYSTEM, now: T0, seq: 1, opId: 'o' });
    expect(badName).toMatchObject({ ok: false, code: 'TEXT_EMPTY', path: 'setup.tables.1' });
  });

  it('T2 the facilitator adds tables while a round runs, with unique ids', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'addTable', tableId: 'garden', name: ' Garden table ' });
    expect(cafe.state.tables.at(-1)).toEqual({ id: 'garden', name: 'Garden table', enabled: true, capacity: null });
    refused(cafe, FACILITATOR, { type: 'addTable', tableId: 'garden', name: 'Again' }, 'TABLE_EXISTS');
    refused(cafe, FACILITATOR, { type: 'addTable', tableId: '1', name: 'Again' }, 'TABLE_EXISTS');
    refused(cafe, FACILITATOR, { type: 'addTable', tableId: 'empty', name: '  ' }, 'TEXT_EMPTY');
    refused(cafe, FACILITATOR, { type: 'addTable', tableId: 'long', name: 'n'.repeat(61) }, 'TEXT_TOO_LONG');
    // The new table works at once: a host link can be issued and people sit there.
    accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'host-link-garden', role: 'host', tableId: 'garden' });
    accepted(cafe, 'host-link-garden', addIdea('idea-garden', 'garden', 0));
    join(cafe, 'participant-ana', { tableId: 'garden' });
    expect(tableOf(cafe.state.participants['participant-ana']!)).toBe('garden');
  });

  it('T3 the facilitator renames, disables and enables tables while the café runs', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', name: ' Window ' });
    expect(cafe.state.tables[1]).toEqual({ id: '2', name: 'Window', enabled: true, capacity: null });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', enabled: false });
    expect(cafe.state.tables[1]).toEqual({ id: '2', name: 'Window', enabled: false, capacity: null });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', enabled: true });
    expect(cafe.state.tables[1]!.enabled).toBe(true);
    refused(cafe, FACILITATOR, { type: 'editTable', tableId: '42', enabled: false }, 'TABLE_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'editTable', tableId: '2', name: '' }, 'TEXT_EMPTY');
    refused(cafe, hostOf('2'), { type: 'editTable', tableId: '2', name: 'Mine' }, 'FORBIDDEN');
  });

  it('T4 a disabled table refuses new seats but keeps its people and their ideas', () => {
    const cafe = createCafe();
    join(cafe, 'participant-ana', { tableId: '2' });
    join(cafe, 'participant-ben', { tableId: '1' });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '2', enabled: false });
    refused(cafe, 'participant-ben', { type: 'takeSeat', tableId: '2' }, 'TABLE_DISABLED');
    refused(cafe, SYSTEM, { type: 'join', participantId: 'participant-cem', displayName: null, group: null, consent: { publish: true, showName: false }, tableId: '2' }, 'TABLE_DISABLED');
    expect(tableOf(cafe.state.participants['participant-ana']!)).toBe('2');
    accepted(cafe, 'participant-ana', addIdea('idea-ana-disabled', '2', 0));
    accepted(cafe, hostOf('2'), addIdea('idea-host-disabled', '2', 0));
    expect(cafe.state.ideas['idea-ana-disabled']?.tableId).toBe('2');
    refused(cafe, 'participant-ben', { type: 'takeSeat', tableId: '42' }, 'TABLE_NOT_FOUND');
  });
});

describe('seats', () => {
  it('T5 seats are recorded per round and never removed; the last one is where a participant sits', () => {
    const cafe = createCafe();
    join(cafe, 'participant-ana', { tableId: '1' });
    startCafe(cafe);
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '3' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '1' });
    expect(seats(cafe, 'participant-ana')).toEqual([
      { round: 0, tableId: '1' },
      { round: 0, tableId: '2' },
      { round: 1, tableId: '3' },
      { round: 1, tableId: '1' },
    ]);
    expect(tableOf(cafe.state.participants['participant-ana']!)).toBe('1');
  });

  it('T6 the seating round follows the phase', () => {
    const cafe = createCafe();
    join(cafe, 'participant-setup', { tableId: '1' });
    expect(seatingRound(cafe.state)).toBe(0);
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    expect(seatingRound(cafe.state)).toBe(0);
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    expect(seatingRound(cafe.state)).toBe(0);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('travel');
    expect(seatingRound(cafe.state)).toBe(1);
    join(cafe, 'participant-travel', { tableId: '2' });
    expect(seats(cafe, 'participant-travel')).toEqual([{ round: 1, tableId: '2' }]);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(seatingRound(cafe.state)).toBe(1);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    expect(seatingRound(cafe.state)).toBe(2);
    accepted(cafe, 'participant-setup', { type: 'takeSeat', tableId: '3' });
    expect(seats(cafe, 'participant-setup').at(-1)).toEqual({ round: 2, tableId: '3' });
  });

  it('T7 a participant adds ideas for the table they sat at in the idea’s round', () => {
    const cafe = createCafe();
    join(cafe, 'participant-ana', { tableId: '1' });
    join(cafe, 'participant-new', {});
    startCafe(cafe);
    refused(cafe, 'participant-new', addIdea('idea-unseated', '1', 0), 'NOT_SEATED');
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    // A round-0 note typed offline belongs to table 1, where Ana sat in round 0.
    accepted(cafe, 'participant-ana', addIdea('idea-late-r0', '1', 0));
    refused(cafe, 'participant-ana', addIdea('idea-wrong-r0', '2', 0), 'NOT_YOUR_TABLE');
    accepted(cafe, 'participant-ana', addIdea('idea-r1', '2', 1));
    refused(cafe, 'participant-ana', addIdea('idea-wrong-r1', '1', 1), 'NOT_YOUR_TABLE');
    const p = cafe.state.participants['participant-ana']!;
    expect(tablesDuring(p, 0)).toEqual(['1']);
    expect(tablesDuring(p, 1)).toEqual(['2']);
    expect(tablesDuring(p, 2)).toEqual(['2']); // no seat yet in round 2: the last seat before it
  });

  it('T8 joining creates a participant and their link, with a checked name and group', () => {
    const cafe = createCafe();
    startCafe(cafe);
    const entry = join(cafe, 'participant-ana', { tableId: '3', displayName: '  Ana  ', group: ' teachers ', consent: { publish: true, showName: false } });
    expect(entry.event.type).toBe('participantJoined');
    expect(cafe.state.participants['participant-ana']).toEqual({
      id: 'participant-ana',
      displayName: 'Ana',
      group: 'teachers',
      consent: { publish: true, showName: false },
      seats: [{ round: 0, tableId: '3' }],
      joinedAt: cafe.now,
      number: 1,
      hostOf: null,
      left: false,
    });
    expect(cafe.state.links['participant-ana']).toEqual({ id: 'participant-ana', role: 'participant', tableId: null, revoked: false });
    join(cafe, 'participant-anon', { displayName: ' ' });
    expect(cafe.state.participants['participant-anon']).toMatchObject({ displayName: null, group: null, seats: [] });
    const joinAs = (participantId: string, extra: object) => ({
      type: 'join' as const, participantId, displayName: null, group: null, consent: { publish: false, showName: false }, tableId: null, ...extra,
    });
    refused(cafe, SYSTEM, joinAs('participant-x', { group: 'astronauts' }), 'UNKNOWN_GROUP');
    refused(cafe, SYSTEM, joinAs('participant-ana', {}), 'OP_ID_CONFLICT');
    refused(cafe, SYSTEM, joinAs(FACILITATOR, {}), 'OP_ID_CONFLICT');
    refused(cafe, SYSTEM, joinAs('participant-y', { tableId: '99' }), 'TABLE_NOT_FOUND');
    refused(cafe, SYSTEM, joinAs('participant-z', { displayName: 'n'.repeat(61) }), 'TEXT_TOO_LONG');
  });
});

describe('rehearsal', () => {
  it('T9 a rehearsal starts only in setup or the lobby', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'startRehearsal' });
    expect(cafe.state.rehearsal).toBe(true);
    expect(cafe.state.phase.kind).toBe('setup');
    const lobby = createCafe();
    accepted(lobby, FACILITATOR, { type: 'openCafe' });
    accepted(lobby, FACILITATOR, { type: 'startRehearsal' });
    expect(lobby.state.rehearsal).toBe(true);
    const running = createCafe();
    startCafe(running);
    refused(running, FACILITATOR, { type: 'startRehearsal' }, 'WRONG_PHASE');
    refused(lobby, hostOf('1'), { type: 'startRehearsal' }, 'FORBIDDEN');
  });

  it('T10 a rehearsal reset clears ideas, seats, broadcast and progress but keeps tables, rounds, links and people', () => {
    const cafe = createCafe();
    refused(cafe, FACILITATOR, { type: 'resetRehearsal' }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'startRehearsal' });
    join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana' });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'addTable', tableId: '4', name: 'Extra' });
    accepted(cafe, hostOf('1'), addIdea('idea-rehearsal', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Testing' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    const { tables, rounds, links } = cafe.state;
    accepted(cafe, FACILITATOR, { type: 'resetRehearsal' });
    expect(cafe.state).toMatchObject({ rehearsal: false, ideas: {}, phase: { kind: 'lobby' }, undo: null, roundsStarted: 0, broadcast: null });
    expect(cafe.state.tables).toEqual(tables);
    expect(cafe.state.rounds).toEqual(rounds);
    expect(cafe.state.links).toEqual(links);
    expect(cafe.state.participants['participant-ana']).toMatchObject({ displayName: 'Ana', seats: [] });
    refused(cafe, FACILITATOR, { type: 'resetRehearsal' }, 'WRONG_PHASE');
    // The real café starts afresh, and a rehearsal idea id is free again.
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, hostOf('1'), addIdea('idea-rehearsal', '1', 0));
  });

  it('T10 a closed café is never wiped by a rehearsal reset', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'startRehearsal' });
    startCafe(cafe);
    accepted(cafe, hostOf('1'), addIdea('idea-kept', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, FACILITATOR, { type: 'resetRehearsal' }, 'CAFE_CLOSED');
    expect(cafe.state.ideas['idea-kept']).toBeDefined();
  });

  it('T10 a rehearsal reset forgets a pending undo', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'startRehearsal' });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.undo).not.toBeNull();
    accepted(cafe, FACILITATOR, { type: 'resetRehearsal' });
    refused(cafe, FACILITATOR, { type: 'undoNextRound' }, 'NOTHING_TO_UNDO');
  });
});

describe('returning home', () => {
  it('T11 a return-home round moves nobody: participants take their home seat themselves', () => {
    const cafe = createCafe({ travelMs: 0 });
    join(cafe, 'participant-ana', { tableId: '1' });
    startCafe(cafe);
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.rounds[2]!.returnHome).toBe(true);
    expect(cafe.state.phase).toMatchObject({ kind: 'round', round: 2 });
    expect(tableOf(cafe.state.participants['participant-ana']!)).toBe('2');
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '1' });
    expect(seats(cafe, 'participant-ana').at(-1)).toEqual({ round: 2, tableId: '1' });
  });
});
