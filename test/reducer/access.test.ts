import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/domain/commands.js';
import { decide, reduce, resolveActor } from '../../shared/domain/reducer.js';
import { scopeOf } from '../../shared/domain/visibility.js';
import {
  accepted,
  addIdea,
  cafeSetup,
  CO_FACILITATOR,
  createCafe,
  FACILITATOR,
  hostOf,
  join,
  MINUTE,
  refused,
  startCafe,
  SYSTEM,
  T0,
  WALL,
  type TestCafe,
} from '../helpers/cafe-factory.js';

/** One of every client command, aimed at table 1 and an idea there. */
const everyClientCommand: Command[] = [
  addIdea('idea-any', '1', 0),
  { type: 'editIdea', ideaId: 'idea-t1', text: 'changed' },
  { type: 'starIdea', ideaId: 'idea-t1', starred: true },
  { type: 'deleteIdea', ideaId: 'idea-t1' },
  { type: 'hideIdea', ideaId: 'idea-t1', hidden: true },
  { type: 'takeSeat', tableId: '1' },
  { type: 'updateProfile', displayName: 'Wall' },
  { type: 'openCafe' },
  { type: 'startRound' },
  { type: 'pauseRound' },
  { type: 'resumeRound' },
  { type: 'extendRound', ms: MINUTE },
  { type: 'nextRound' },
  { type: 'undoNextRound' },
  { type: 'closeCafe' },
  { type: 'broadcast', text: 'Hello' },
  { type: 'editCafe', title: 'Mine now' },
  { type: 'editRound', round: 2, question: 'Mine?' },
  { type: 'addRound', question: 'More?', durationMs: 10 * MINUTE },
  { type: 'removeRound', round: 2 },
  { type: 'addTable', tableId: '9', name: 'Nine' },
  { type: 'editTable', tableId: '1', enabled: false },
  { type: 'startRehearsal' },
  { type: 'resetRehearsal' },
  { type: 'issueLink', linkId: 'link-new', role: 'facilitator', tableId: null },
  { type: 'revokeLink', linkId: hostOf('2') },
];

/** A running café with an idea at table 1 and Ana seated there. */
function runningCafe(): TestCafe {
  const cafe = createCafe();
  join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana' });
  startCafe(cafe);
  accepted(cafe, hostOf('1'), addIdea('idea-t1', '1', 0));
  return cafe;
}

describe('who may act', () => {
  it('A1 the wall only reads: every command from the wall is refused', () => {
    const cafe = runningCafe();
    for (const command of everyClientCommand) refused(cafe, WALL, command, 'FORBIDDEN');
    expect(scopeOf(cafe.state, WALL)).toEqual({ role: 'wall' });
  });

  it('A2 an unknown link is refused', () => {
    const cafe = runningCafe();
    refused(cafe, 'link-nobody-knows', addIdea('idea-x', '1', 0), 'UNAUTHENTICATED');
    refused(cafe, 'link-nobody-knows', { type: 'nextRound' }, 'UNAUTHENTICATED');
    expect(resolveActor(cafe.state, 'link-nobody-knows')).toBe('UNAUTHENTICATED');
    expect(scopeOf(cafe.state, 'link-nobody-knows')).toBe('UNAUTHENTICATED');
  });

  it('A2 a revoked link fails from the very next command, whatever it was allowed before', () => {
    const cafe = runningCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-before', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'revokeLink', linkId: hostOf('1') });
    refused(cafe, hostOf('1'), addIdea('idea-after', '1', 0), 'LINK_REVOKED');
    refused(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-before', starred: true }, 'LINK_REVOKED');
    expect(scopeOf(cafe.state, hostOf('1'))).toBe('LINK_REVOKED');
    accepted(cafe, FACILITATOR, { type: 'revokeLink', linkId: 'participant-ana' });
    refused(cafe, 'participant-ana', addIdea('idea-ana', '1', 0), 'LINK_REVOKED');
    accepted(cafe, FACILITATOR, { type: 'revokeLink', linkId: CO_FACILITATOR });
    refused(cafe, CO_FACILITATOR, { type: 'pauseRound' }, 'LINK_REVOKED');
  });

  it('A2 re-issuing a table’s host link (a lost tablet) revokes the previous one', () => {
    const cafe = runningCafe();
    const entry = accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'host-link-1-b', role: 'host', tableId: '1' });
    expect(entry.event).toEqual({ type: 'linkIssued', link: { id: 'host-link-1-b', role: 'host', tableId: '1', revoked: false }, revokes: hostOf('1') });
    refused(cafe, hostOf('1'), addIdea('idea-old-tablet', '1', 0), 'LINK_REVOKED');
    accepted(cafe, 'host-link-1-b', addIdea('idea-new-tablet', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'host-link-1-c', role: 'host', tableId: '1' });
    expect(cafe.state.links['host-link-1-b']!.revoked).toBe(true);
    expect(cafe.state.links[hostOf('2')]!.revoked).toBe(false);
  });

  it('A3 a host acts only on the ideas of their own table', () => {
    const cafe = runningCafe();
    accepted(cafe, hostOf('2'), addIdea('idea-t2', '2', 0));
    refused(cafe, hostOf('1'), addIdea('idea-at-2', '2', 0), 'NOT_YOUR_TABLE');
    refused(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-t2', text: 'mine?' }, 'NOT_YOUR_TABLE');
    refused(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-t2', starred: true }, 'NOT_YOUR_TABLE');
    refused(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-t2' }, 'NOT_YOUR_TABLE');
    const ideaCommands = new Set(['addIdea', 'editIdea', 'starIdea', 'deleteIdea']);
    for (const command of everyClientCommand.filter((c) => !ideaCommands.has(c.type))) refused(cafe, hostOf('1'), command, 'FORBIDDEN');
  });

  it('A4 a participant adds at their table, edits their own ideas, sits and updates their profile, and nothing else', () => {
    const cafe = runningCafe();
    accepted(cafe, 'participant-ana', addIdea('idea-ana', '1', 0));
    accepted(cafe, 'participant-ana', { type: 'editIdea', ideaId: 'idea-ana', text: 'better' });
    refused(cafe, 'participant-ana', { type: 'editIdea', ideaId: 'idea-t1', text: 'the host’s' }, 'NOT_YOUR_IDEA');
    accepted(cafe, 'participant-ana', { type: 'updateProfile', displayName: 'Ana B.' });
    const allowed = new Set(['addIdea', 'editIdea', 'takeSeat', 'updateProfile']);
    for (const command of everyClientCommand.filter((c) => !allowed.has(c.type))) refused(cafe, 'participant-ana', command, 'FORBIDDEN');
    accepted(cafe, 'participant-ana', { type: 'takeSeat', tableId: '2' });
    refused(cafe, 'participant-ana', { type: 'issueLink', linkId: 'link-mine', role: 'host', tableId: '2' }, 'FORBIDDEN');
  });

  it('A5 the facilitator and a co-facilitator run the café but do not sit or have a profile', () => {
    const cafe = runningCafe();
    refused(cafe, FACILITATOR, { type: 'takeSeat', tableId: '1' }, 'FORBIDDEN');
    refused(cafe, FACILITATOR, { type: 'updateProfile', displayName: 'Fac' }, 'FORBIDDEN');
    refused(cafe, FACILITATOR, { type: 'join', participantId: 'participant-fac', displayName: null, group: null, consent: { publish: false, showName: false }, tableId: null }, 'FORBIDDEN');
    accepted(cafe, CO_FACILITATOR, { type: 'pauseRound' });
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    accepted(cafe, CO_FACILITATOR, { type: 'hideIdea', ideaId: 'idea-t1', hidden: true });
    accepted(cafe, CO_FACILITATOR, { type: 'addTable', tableId: '4', name: 'Four' });
  });

  it('A5 the system actor only joins participants, and only creates a café that does not exist', () => {
    const cafe = runningCafe();
    for (const command of everyClientCommand) refused(cafe, SYSTEM, command, 'FORBIDDEN');
    const create: Command = { type: 'createCafe', cafeId: 'c2', joinCode: 'XYZ234', setup: cafeSetup(), links: [] };
    refused(cafe, SYSTEM, create, 'CAFE_EXISTS');
    refused(cafe, FACILITATOR, create, 'CAFE_EXISTS');
    expect(decide(null, create, { actor: FACILITATOR, now: T0 })).toEqual({ ok: false, code: 'CAFE_NOT_FOUND' });
    expect(decide(null, { type: 'openCafe' }, { actor: SYSTEM, now: T0 })).toEqual({ ok: false, code: 'CAFE_NOT_FOUND' });
    expect(reduce(null, create, { actor: SYSTEM, now: T0, seq: 1, opId: 'op-1' }).ok).toBe(true);
  });

  it('A6 the facilitator revokes any link but their own', () => {
    const cafe = runningCafe();
    refused(cafe, FACILITATOR, { type: 'revokeLink', linkId: FACILITATOR }, 'FORBIDDEN');
    refused(cafe, CO_FACILITATOR, { type: 'revokeLink', linkId: CO_FACILITATOR }, 'FORBIDDEN');
    refused(cafe, FACILITATOR, { type: 'revokeLink', linkId: 'link-missing' }, 'LINK_NOT_FOUND');
    accepted(cafe, CO_FACILITATOR, { type: 'revokeLink', linkId: WALL });
    expect(cafe.state.links[WALL]!.revoked).toBe(true);
    accepted(cafe, CO_FACILITATOR, { type: 'revokeLink', linkId: FACILITATOR });
    refused(cafe, FACILITATOR, { type: 'revokeLink', linkId: CO_FACILITATOR }, 'LINK_REVOKED');
  });

  it('A6 issued links need a fresh id, and a host link an existing table', () => {
    const cafe = runningCafe();
    refused(cafe, FACILITATOR, { type: 'issueLink', linkId: 'host-link-9', role: 'host', tableId: '9' }, 'TABLE_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'issueLink', linkId: 'host-link-x', role: 'host', tableId: null }, 'TABLE_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'issueLink', linkId: WALL, role: 'wall', tableId: null }, 'OP_ID_CONFLICT');
    refused(cafe, FACILITATOR, { type: 'issueLink', linkId: 'participant-ana', role: 'wall', tableId: null }, 'OP_ID_CONFLICT');
    const wall = accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'wall-link-2', role: 'wall', tableId: '1' });
    expect(wall.event).toEqual({ type: 'linkIssued', link: { id: 'wall-link-2', role: 'wall', tableId: null, revoked: false }, revokes: null });
    accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'facilitator-link-3', role: 'facilitator', tableId: null });
    accepted(cafe, 'facilitator-link-3', { type: 'pauseRound' });
    expect(cafe.state.links[FACILITATOR]!.revoked).toBe(false);
  });
});
