import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CafeEvent, LogEntry } from '../../shared/domain/events.js';
import type { CafeState, Idea } from '../../shared/domain/state.js';
import { audience, ideaFor, isHarvest, roomOf, sameScope, scopeOf, snapshotFor, visibleTo, type Room, type Scope } from '../../shared/domain/visibility.js';
import { CafeReplica } from '../../shared/replica.js';
import { ANA, BEN, markerOf, propertyCafe, steps } from '../helpers/cafe-arbitraries.js';
import {
  accepted,
  addIdea,
  attempt,
  createCafe,
  EVERYTHING,
  FACILITATOR,
  hostOf,
  join,
  NOTHING,
  startCafe,
  WALL,
  type TestCafe,
} from '../helpers/cafe-factory.js';

const facilitator: Scope = { role: 'facilitator' };
const wall: Scope = { role: 'wall' };
const host1: Scope = { role: 'host', tableId: '1' };
const ana: Scope = { role: 'participant', participantId: ANA, tableId: '1' };
const ben: Scope = { role: 'participant', participantId: BEN, tableId: '2' };
const nowhere: Scope = { role: 'participant', participantId: 'participant-standing', tableId: null };

/** Ana (name shown) at table 1, Ben (nothing shown) at table 2, round 0 running. */
function seatedCafe(): TestCafe {
  const cafe = createCafe();
  join(cafe, ANA, { tableId: '1', displayName: 'Ana', group: 'teachers', consent: EVERYTHING });
  join(cafe, BEN, { tableId: '2', displayName: 'Ben', group: 'students', consent: NOTHING });
  join(cafe, 'participant-standing', {});
  startCafe(cafe);
  return cafe;
}

function last(cafe: TestCafe): LogEntry {
  return cafe.log[cafe.log.length - 1]!;
}

/** The event each scope receives live for the last entry (null: not sent). */
function fanOut(cafe: TestCafe, scopes: Record<string, Scope>): Record<string, CafeEvent | null> {
  const entry = last(cafe);
  return Object.fromEntries(Object.entries(scopes).map(([name, scope]) => [name, visibleTo(scope, entry, cafe.state)?.event ?? null]));
}

describe('scopes and rooms', () => {
  it('A7 each link resolves to a scope and each scope listens to one room', () => {
    const cafe = seatedCafe();
    expect(scopeOf(cafe.state, FACILITATOR)).toEqual(facilitator);
    expect(scopeOf(cafe.state, WALL)).toEqual(wall);
    expect(scopeOf(cafe.state, hostOf('1'))).toEqual(host1);
    expect(scopeOf(cafe.state, ANA)).toEqual(ana);
    expect(scopeOf(cafe.state, 'participant-standing')).toEqual(nowhere);
    expect(scopeOf(cafe.state, 'system')).toBe('FORBIDDEN');
    expect([facilitator, wall, host1, ana, nowhere].map(roomOf)).toEqual(['staff', 'wall', 'host:1', 'guests:1', 'lobby']);
    accepted(cafe, BEN, { type: 'takeSeat', tableId: '3' });
    const moved = scopeOf(cafe.state, BEN);
    expect(moved).toEqual({ role: 'participant', participantId: BEN, tableId: '3' });
    expect(sameScope(moved as Scope, ben)).toBe(false);
    expect(sameScope(ana, { ...ana })).toBe(true);
    expect(sameScope(ana, { ...ana, participantId: 'participant-other' })).toBe(false);
  });

  it('A8 idea events go to staff, the wall and the idea’s table; people to staff and the wall (M11), links only to staff; the café to everyone', () => {
    const cafe = seatedCafe();
    accepted(cafe, hostOf('2'), addIdea('idea-t2', '2', 0));
    expect(audience(last(cafe).event, cafe.state)).toEqual(['staff', 'wall', 'host:2', 'guests:2']);
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-t2', hidden: true });
    expect(audience(last(cafe).event, cafe.state)).toEqual(['staff', 'wall', 'host:2', 'guests:2']);
    for (const command of [{ type: 'takeSeat' as const, tableId: '3' }, { type: 'updateProfile' as const, displayName: 'B.' }]) {
      accepted(cafe, BEN, command);
      expect(audience(last(cafe).event, cafe.state)).toEqual(['staff', 'wall']);
    }
    join(cafe, 'participant-cem', { tableId: '1' });
    expect(audience(last(cafe).event, cafe.state)).toEqual(['staff', 'wall']);
    accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'wall-link-2', role: 'wall', tableId: null });
    expect(audience(last(cafe).event, cafe.state)).toEqual(['staff']);
    expect(audience(cafe.log[0]!.event, cafe.state)).toEqual(['staff']);
    accepted(cafe, FACILITATOR, { type: 'addTable', tableId: '4', name: 'Four' });
    const everyone = ['staff', 'wall', 'lobby', 'host:1', 'guests:1', 'host:2', 'guests:2', 'host:3', 'guests:3', 'host:4', 'guests:4'];
    expect(audience(last(cafe).event, cafe.state)).toEqual(everyone);
    for (const command of [{ type: 'pauseRound' as const }, { type: 'broadcast' as const, text: 'Hi' }, { type: 'editCafe' as const, title: 'T' }]) {
      accepted(cafe, FACILITATOR, command);
      expect(audience(last(cafe).event, cafe.state)).toEqual(everyone);
    }
  });
});

describe('what each scope receives', () => {
  it('A9 visibleTo sends the facilitator everything unchanged and others only their rooms’ entries', () => {
    const cafe = seatedCafe();
    accepted(cafe, ANA, addIdea('idea-ana', '1', 0));
    const entry = last(cafe);
    expect(visibleTo(facilitator, entry, cafe.state)).toEqual({ seq: entry.seq, opId: entry.opId, at: entry.at, event: entry.event });
    expect(visibleTo(facilitator, entry, cafe.state)).not.toHaveProperty('actor');
    expect(visibleTo(ben, entry, cafe.state)).toBeNull();
    expect(visibleTo(nowhere, entry, cafe.state)).toBeNull();
    expect(visibleTo({ role: 'host', tableId: '2' }, entry, cafe.state)).toBeNull();
    expect(visibleTo(wall, entry, cafe.state)?.event).toMatchObject({ type: 'ideaAdded', idea: { id: 'idea-ana', seq: entry.seq } });
    accepted(cafe, BEN, { type: 'updateProfile', displayName: 'Benjamin' });
    // M11: the wall hears of it by number, without the name.
    expect(fanOut(cafe, { facilitator, wall, ana, ben })).toMatchObject({ ana: null, ben: null, facilitator: { type: 'profileUpdated', displayName: 'Benjamin' } });
    const benNumber = cafe.state.participants[BEN]!.number;
    expect(fanOut(cafe, { wall }).wall).toEqual({ type: 'profileUpdated', participantId: `#${benNumber}`, displayName: null, group: cafe.state.participants[BEN]!.group, consent: { publish: false, showName: false } });
  });

  it('A9 catch-up is judged on the current state: an idea hidden since is left out, one shown again arrives', () => {
    const cafe = seatedCafe();
    accepted(cafe, ANA, addIdea('idea-ana', '1', 0, 'Before'));
    const added = last(cafe);
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-ana', hidden: true });
    expect(visibleTo(wall, added, cafe.state)).toBeNull();
    expect(visibleTo(host1, added, cafe.state)?.event.type).toBe('ideaAdded');
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-ana', hidden: false });
    expect(visibleTo(wall, added, cafe.state)?.event).toMatchObject({ type: 'ideaAdded', idea: { text: 'Before' } });
  });

  it('A10 snapshots: the facilitator everything, the wall every table, a host and a participant their table', () => {
    const cafe = seatedCafe();
    accepted(cafe, ANA, addIdea('idea-t1', '1', 0));
    accepted(cafe, hostOf('1'), addIdea('idea-t1-hidden', '1', 0));
    accepted(cafe, hostOf('1'), addIdea('idea-t1-deleted', '1', 0));
    accepted(cafe, BEN, addIdea('idea-t2', '2', 0));
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-t1-hidden', hidden: true });
    accepted(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-t1-deleted' });
    const ids = (s: CafeState) => Object.keys(s.ideas).sort();
    expect(snapshotFor(facilitator, cafe.state)).toBe(cafe.state);
    expect(ids(snapshotFor(wall, cafe.state))).toEqual(['idea-t1', 'idea-t2']);
    expect(ids(snapshotFor(host1, cafe.state))).toEqual(['idea-t1', 'idea-t1-hidden']);
    expect(ids(snapshotFor(ana, cafe.state))).toEqual(['idea-t1']);
    expect(ids(snapshotFor(ben, cafe.state))).toEqual(['idea-t2']);
    expect(ids(snapshotFor(nowhere, cafe.state))).toEqual([]);
    for (const scope of [wall, host1]) expect(snapshotFor(scope, cafe.state).links).toEqual({});
    expect(snapshotFor(host1, cafe.state).participants).toEqual({});
    // M11: the wall knows everyone by number, group and seats only.
    const people = Object.values(cafe.state.participants);
    expect(snapshotFor(wall, cafe.state).participants).toEqual(
      Object.fromEntries(people.map((p) => [`#${p.number}`, { ...p, id: `#${p.number}`, displayName: null, consent: { publish: false, showName: false }, joinedAt: 0 }])),
    );
    expect(JSON.stringify(snapshotFor(wall, cafe.state).participants)).not.toContain(ANA);
    const mine = snapshotFor(ana, cafe.state);
    expect(Object.keys(mine.participants)).toEqual([ANA]);
    expect(Object.keys(mine.links)).toEqual([ANA]);
    expect(mine.phase).toEqual(cafe.state.phase);
    expect(mine.seq).toBe(cafe.state.seq);
  });

  it('A11 display names are shown only with consent, except to the facilitator', () => {
    const cafe = seatedCafe();
    accepted(cafe, ANA, addIdea('idea-ana', '1', 0));
    accepted(cafe, BEN, addIdea('idea-ben', '2', 0));
    const anaIdea = cafe.state.ideas['idea-ana']!;
    const benIdea = cafe.state.ideas['idea-ben']!;
    for (const scope of [wall, host1, ana, ben]) expect(ideaFor(scope, anaIdea).author.displayName).toBe('Ana');
    for (const scope of [wall, { role: 'host', tableId: '2' } as Scope]) expect(ideaFor(scope, benIdea).author.displayName).toBeNull();
    // The author and the facilitator still see it.
    expect(ideaFor(ben, benIdea).author.displayName).toBe('Ben');
    expect(ideaFor(facilitator, benIdea).author.displayName).toBe('Ben');
    expect(snapshotFor(wall, cafe.state).ideas['idea-ben']!.author.displayName).toBeNull();
    expect(snapshotFor(ben, cafe.state).ideas['idea-ben']!.author.displayName).toBe('Ben');
    expect(fanOut(cafe, { wall, facilitator })).toMatchObject({
      wall: { idea: { author: { displayName: null } } },
      facilitator: { idea: { author: { displayName: 'Ben' } } },
    });
    expect(JSON.stringify(snapshotFor(wall, cafe.state))).not.toContain('Ben');
  });

  it('A12 a participant receives nothing of another table’s ideas', () => {
    const cafe = seatedCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-t1', '1', 0, 'Only for table one'));
    const t1Entries = [last(cafe)];
    accepted(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-t1', text: 'Still only table one' });
    t1Entries.push(last(cafe));
    accepted(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-t1', starred: true });
    t1Entries.push(last(cafe));
    for (const entry of t1Entries) expect(visibleTo(ben, entry, cafe.state)).toBeNull();
    expect(JSON.stringify(snapshotFor(ben, cafe.state))).not.toContain('table one');
    // Moving to table 1 gives Ben a new scope; the fresh snapshot for it has table 1's ideas.
    accepted(cafe, BEN, { type: 'takeSeat', tableId: '1' });
    const moved = scopeOf(cafe.state, BEN) as Scope;
    expect(Object.keys(snapshotFor(moved, cafe.state).ideas)).toEqual(['idea-t1']);
  });
});

describe('hidden and deleted ideas', () => {
  it('I9 a hidden idea’s text reaches only the facilitator, the table’s host and its author', () => {
    const cafe = seatedCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-rude', '1', 0, 'Something rude'));
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-rude', hidden: true });
    expect(fanOut(cafe, { wall, ana, host1 })).toEqual({
      wall: { type: 'ideaHidden', ideaId: 'idea-rude', hidden: true },
      ana: { type: 'ideaHidden', ideaId: 'idea-rude', hidden: true },
      host1: { type: 'ideaHidden', ideaId: 'idea-rude', hidden: true },
    });
    accepted(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-rude', text: 'Something ruder' });
    expect(fanOut(cafe, { wall, ana, host1, facilitator })).toMatchObject({
      wall: null,
      ana: null,
      host1: { type: 'ideaEdited', text: 'Something ruder' },
      facilitator: { type: 'ideaEdited', text: 'Something ruder' },
    });
    for (const scope of [wall, ana]) expect(JSON.stringify(snapshotFor(scope, cafe.state))).not.toContain('rude');
    expect(snapshotFor(host1, cafe.state).ideas['idea-rude']).toMatchObject({ hidden: true, text: 'Something ruder' });
    // Its author keeps their own words, marked hidden, instead of seeing them vanish.
    accepted(cafe, ANA, addIdea('idea-own', '1', 0, 'My own words'));
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-own', hidden: true });
    expect(snapshotFor(ana, cafe.state).ideas['idea-own']).toMatchObject({ hidden: true, text: 'My own words' });
    expect(visibleTo(ana, last(cafe), cafe.state)?.event).toEqual({ type: 'ideaHidden', ideaId: 'idea-own', hidden: true });
    expect(JSON.stringify(snapshotFor(wall, cafe.state))).not.toContain('My own words');
  });

  it('I9 an idea shown again reaches the wall and participants whole, as ideaRestored', () => {
    const cafe = seatedCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-back', '1', 0, 'First words'));
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-back', hidden: true });
    accepted(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-back', text: 'Better words' });
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-back', hidden: false });
    const shown = fanOut(cafe, { wall, ana, host1 });
    const restored = cafe.state.ideas['idea-back']!;
    expect(shown.wall).toEqual({ type: 'ideaRestored', idea: restored });
    expect(shown.ana).toMatchObject({ type: 'ideaRestored', idea: { text: 'Better words', hidden: false } });
    expect(shown.host1).toEqual({ type: 'ideaHidden', ideaId: 'idea-back', hidden: false });
  });

  it('I9 a deleted idea’s earlier entries carry nothing to anyone but the facilitator in catch-up', () => {
    const cafe = seatedCafe();
    accepted(cafe, ANA, addIdea('idea-del', '1', 0, 'Delete me please'));
    const added = last(cafe);
    accepted(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-del' });
    const deleted = last(cafe);
    for (const scope of [wall, ana, host1]) {
      expect(visibleTo(scope, added, cafe.state)).toBeNull();
      expect(visibleTo(scope, deleted, cafe.state)?.event).toEqual({ type: 'ideaDeleted', ideaId: 'idea-del' });
      expect(JSON.stringify(snapshotFor(scope, cafe.state))).not.toContain('Delete me');
    }
    expect(visibleTo(facilitator, added, cafe.state)?.event.type).toBe('ideaAdded');
  });
});

/** The parts of a café a face shows: the ideas it may show, and everything else but the log position. */
function shown(state: CafeState, seesHidden: boolean): unknown {
  const ideas: Record<string, Idea> = {};
  for (const idea of Object.values(state.ideas)) if (!idea.deleted && (seesHidden || !idea.hidden)) ideas[idea.id] = idea;
  return { ...state, ideas, seq: 'any' };
}

describe('visibility under random use', () => {
  const scopes: [string, Scope, boolean][] = [
    ['wall', wall, false],
    ['Ana at table 1', ana, false],
    ['host of table 1', host1, true],
  ];

  it('I9 A12 no snapshot or entry for the wall or a participant carries a hidden, deleted or other table’s text', () => {
    fc.assert(
      fc.property(steps, (run) => {
        const cafe = propertyCafe();
        const markersOf = new Map<string, string[]>(); // idea id → every text marker it has had
        const forbiddenFor = (scope: Scope, state: CafeState): string[] =>
          [...markersOf].flatMap(([id, markers]) => {
            const idea = state.ideas[id]!;
            // A14: in the harvest every table may see every visible idea.
            const otherTable = scope.role === 'participant' && idea.tableId !== scope.tableId && !isHarvest(state);
            const own = scope.role === 'participant' && idea.author.participantId === scope.participantId;
            return (idea.hidden && !own) || idea.deleted || otherTable ? markers : [];
          });
        for (const s of run) {
          cafe.now += s.dt;
          const result = attempt(cafe, s.actor, s.command);
          if (!result.ok) continue;
          const marker = markerOf(s.command);
          if (marker !== null && 'ideaId' in s.command) markersOf.set(s.command.ideaId, [...(markersOf.get(s.command.ideaId) ?? []), marker]);
          for (const scope of [wall, ana]) {
            const live = JSON.stringify(visibleTo(scope, result.entry, cafe.state));
            for (const m of forbiddenFor(scope, cafe.state)) expect(live).not.toContain(m);
          }
        }
        for (const scope of [wall, ana]) {
          const forbidden = forbiddenFor(scope, cafe.state);
          const snapshot = JSON.stringify(snapshotFor(scope, cafe.state));
          const catchUp = JSON.stringify(cafe.log.map((e) => visibleTo(scope, e, cafe.state)));
          for (const m of forbidden) {
            expect(snapshot).not.toContain(m);
            expect(catchUp).not.toContain(m);
          }
          for (const idea of Object.values(snapshotFor(scope, cafe.state).ideas)) {
            const own = scope.role === 'participant' && idea.author.participantId === scope.participantId;
            expect((idea.hidden && !own) || idea.deleted).toBe(false);
            if (scope.role === 'participant' && !isHarvest(cafe.state)) expect(idea.tableId).toBe(scope.tableId);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('A13 S5 a face fed live messages from its snapshot, fetching on a gap, shows what a fresh snapshot shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), steps, fc.option(fc.nat({ max: 20 })), (connectAfter, run, lostAt) => {
        const cafe = propertyCafe();
        const lastSentTo = new Map<Room, number>(); // as the server keeps it, for `prev`
        const faces = new Map<string, CafeReplica>();
        let lost = false;
        /** What a face gets from `sync`: everything for its scope after its seq, judged on the current state. */
        const sync = (face: CafeReplica, scope: Scope) => {
          const entries = cafe.log.flatMap((e) => (e.seq > face.seq ? [visibleTo(scope, e, cafe.state)].filter((w) => w !== null) : []));
          expect(face.applySync({ ok: true, kind: 'ops', entries, upTo: cafe.state.seq })).toBe('applied');
        };
        run.forEach((s, i) => {
          if (i === connectAfter) {
            for (const [name, scope] of scopes) {
              const face = new CafeReplica();
              face.applySnapshot({ scope, state: snapshotFor(scope, cafe.state), serverNow: cafe.now });
              faces.set(name, face);
            }
          }
          cafe.now += s.dt;
          const result = attempt(cafe, s.actor, s.command);
          if (!result.ok) return;
          const prev = new Map<Room, number>();
          for (const room of audience(result.entry.event, cafe.state)) {
            prev.set(room, lastSentTo.get(room) ?? 0);
            lastSentTo.set(room, result.entry.seq);
          }
          for (const [name, scope] of scopes) {
            const face = faces.get(name);
            const p = prev.get(roomOf(scope));
            if (!face || p === undefined) continue; // not connected, or nothing for its room
            if (name === 'wall' && i === lostAt) {
              lost = true; // this message never arrives
              continue;
            }
            const wire = visibleTo(scope, result.entry, cafe.state);
            // A filtered-out entry still comes as an empty message, so the face does not mistake it for a gap.
            const outcome = face.applyOps({ entries: wire ? [wire] : [], prev: p, upTo: result.entry.seq });
            const expected = name === 'wall' && lost ? 'gap' : 'applied';
            expect(outcome, name).toBe(expected);
            if (outcome === 'gap') {
              sync(face, scope);
              lost = false;
            }
          }
        });
        for (const [name, scope, seesHidden] of scopes) {
          const face = faces.get(name);
          if (!face) continue;
          if (face.seq < (lastSentTo.get(roomOf(scope)) ?? 0)) sync(face, scope); // the lost message was the room's last
          expect(shown(face.state!, seesHidden), name).toEqual(shown(snapshotFor(scope, cafe.state), seesHidden));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the harvest', () => {
  it('A14 in the harvest every table sees every visible idea, and hosts see hidden ones only of their own table', () => {
    const cafe = seatedCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-one', '1', 0, 'From table one'));
    accepted(cafe, hostOf('2'), addIdea('idea-two', '2', 0, 'From table two'));
    accepted(cafe, hostOf('2'), addIdea('idea-two-hidden', '2', 0, 'Hidden at table two'));
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-two-hidden', hidden: true });
    expect(Object.keys(snapshotFor(ana, cafe.state).ideas)).toEqual(['idea-one']);
    expect(audience(last(cafe).event, cafe.state)).not.toContain('guests:1');
    for (let i = 0; i < 10 && cafe.state.phase.kind !== 'harvest'; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    expect(Object.keys(snapshotFor(ana, cafe.state).ideas).sort()).toEqual(['idea-one', 'idea-two']);
    expect(Object.keys(snapshotFor(host1, cafe.state).ideas).sort()).toEqual(['idea-one', 'idea-two']);
    expect(Object.keys(snapshotFor({ role: 'host', tableId: '2' }, cafe.state).ideas).sort()).toEqual(['idea-one', 'idea-two', 'idea-two-hidden']);
    accepted(cafe, hostOf('2'), { type: 'starIdea', ideaId: 'idea-two', starred: true });
    const rooms = audience(last(cafe).event, cafe.state);
    expect(rooms).toContain('guests:1');
    expect(visibleTo(ana, last(cafe), cafe.state)?.event).toEqual({ type: 'ideaStarred', ideaId: 'idea-two', starred: true });
  });
});
