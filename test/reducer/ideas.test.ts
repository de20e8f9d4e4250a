import { describe, expect, it } from 'vitest';
import type { Idea } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { HOST_CONSENT } from '../../shared/domain/reducer.js';
import {
  accepted,
  addIdea,
  createCafe,
  EVERYTHING,
  FACILITATOR,
  hostOf,
  join,
  MINUTE,
  NOTHING,
  refused,
  startCafe,
  WALL,
  type TestCafe,
} from '../helpers/cafe-factory.js';

function ideaIn(cafe: TestCafe, id: string): Idea {
  const idea = cafe.state.ideas[id];
  if (!idea) throw new Error(`no idea ${id}`);
  return idea;
}

/** A café in round 0 with Ana at table 1 (name shown) and Ben at table 2 (nothing shown). */
function runningCafe(): TestCafe {
  const cafe = createCafe();
  join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana', group: 'teachers', consent: EVERYTHING });
  join(cafe, 'participant-ben', { tableId: '2', displayName: 'Ben', group: 'students', consent: NOTHING });
  startCafe(cafe);
  return cafe;
}

describe('the round of an idea', () => {
  it('I2 the round is the one the device gives, never re-stamped on arrival', () => {
    const cafe = createCafe({ travelMs: 0 });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    // Typed offline in round 0, arriving in round 2.
    accepted(cafe, hostOf('1'), addIdea('idea-offline-r0', '1', 0));
    expect(ideaIn(cafe, 'idea-offline-r0').round).toBe(0);
    accepted(cafe, hostOf('1'), addIdea('idea-now-r2', '1', 2));
    expect(ideaIn(cafe, 'idea-now-r2').round).toBe(2);
    accepted(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-offline-r0', text: 'Edited in round 2' });
    expect(ideaIn(cafe, 'idea-offline-r0').round).toBe(0);
  });

  it('I3 an idea for a round that has not started is refused, and so are ideas before the first round', () => {
    const cafe = createCafe();
    refused(cafe, FACILITATOR, addIdea('idea-in-setup', '1', 0), 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    refused(cafe, hostOf('1'), addIdea('idea-in-lobby', '1', 0), 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    refused(cafe, hostOf('1'), addIdea('idea-future', '1', 1), 'ROUND_NOT_STARTED');
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('travel');
    refused(cafe, hostOf('1'), addIdea('idea-travel-next', '1', 1), 'ROUND_NOT_STARTED');
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, hostOf('1'), addIdea('idea-closed', '1', 0), 'CAFE_CLOSED');
  });

  it('I4 an idea is on time during its round and the travel after it, late afterwards', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, hostOf('1'), addIdea('idea-r0-running', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    accepted(cafe, hostOf('1'), addIdea('idea-r0-paused', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, hostOf('1'), addIdea('idea-r0-travel', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, hostOf('1'), addIdea('idea-r0-in-r1', '1', 0));
    accepted(cafe, hostOf('1'), addIdea('idea-r1-in-r1', '1', 1));
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    accepted(cafe, hostOf('1'), addIdea('idea-r2-harvest', '1', 2));
    const late = Object.fromEntries(Object.values(cafe.state.ideas).map((i) => [i.id, i.late]));
    expect(late).toEqual({
      'idea-r0-running': false,
      'idea-r0-paused': false,
      'idea-r0-travel': false,
      'idea-r0-in-r1': true,
      'idea-r1-in-r1': false,
      'idea-r2-harvest': true,
    });
  });

  it('I5 idea ids are unique, even after deletion, and the table must exist', () => {
    const cafe = runningCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-unique', '1', 0));
    refused(cafe, hostOf('1'), addIdea('idea-unique', '1', 0, 'Another text'), 'IDEA_EXISTS');
    refused(cafe, 'participant-ana', addIdea('idea-unique', '1', 0), 'IDEA_EXISTS');
    accepted(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-unique' });
    refused(cafe, hostOf('1'), addIdea('idea-unique', '1', 0), 'IDEA_EXISTS');
    refused(cafe, FACILITATOR, addIdea('idea-nowhere', '99', 0), 'TABLE_NOT_FOUND');
  });
});

describe('who may do what with ideas', () => {
  it('I6 hosts add for their table, participants for theirs, the facilitator for any, the wall never', () => {
    const cafe = runningCafe();
    accepted(cafe, hostOf('1'), addIdea('idea-host-1', '1', 0));
    refused(cafe, hostOf('1'), addIdea('idea-host-1-at-2', '2', 0), 'NOT_YOUR_TABLE');
    accepted(cafe, 'participant-ana', addIdea('idea-ana', '1', 0));
    refused(cafe, 'participant-ana', addIdea('idea-ana-at-2', '2', 0), 'NOT_YOUR_TABLE');
    accepted(cafe, FACILITATOR, addIdea('idea-fac-3', '3', 0));
    refused(cafe, WALL, addIdea('idea-wall', '1', 0), 'FORBIDDEN');
    expect(Object.keys(cafe.state.ideas).sort()).toEqual(['idea-ana', 'idea-fac-3', 'idea-host-1']);
  });

  it('I7 hosts edit their table’s ideas, participants their own, the facilitator any', () => {
    const cafe = runningCafe();
    join(cafe, 'participant-cem', { tableId: '1' });
    accepted(cafe, 'participant-ana', addIdea('idea-ana', '1', 0, 'Ana wrote this'));
    accepted(cafe, hostOf('2'), addIdea('idea-host-2', '2', 0));
    cafe.now += MINUTE;
    accepted(cafe, 'participant-ana', { type: 'editIdea', ideaId: 'idea-ana', text: '  Ana rewrote this ' });
    expect(ideaIn(cafe, 'idea-ana')).toMatchObject({ text: 'Ana rewrote this', editedAt: cafe.now });
    refused(cafe, 'participant-cem', { type: 'editIdea', ideaId: 'idea-ana', text: 'Not mine' }, 'NOT_YOUR_IDEA');
    refused(cafe, 'participant-ana', { type: 'editIdea', ideaId: 'idea-host-2', text: 'Not mine' }, 'NOT_YOUR_IDEA');
    accepted(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-ana', text: 'Host tidied it' });
    refused(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-host-2', text: 'Not my table' }, 'NOT_YOUR_TABLE');
    accepted(cafe, FACILITATOR, { type: 'editIdea', ideaId: 'idea-host-2', text: 'Facilitator fixed a typo' });
    refused(cafe, WALL, { type: 'editIdea', ideaId: 'idea-ana', text: 'Wall' }, 'FORBIDDEN');
    refused(cafe, FACILITATOR, { type: 'editIdea', ideaId: 'idea-missing', text: 'Where?' }, 'IDEA_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'editIdea', ideaId: 'idea-ana', text: ' ' }, 'TEXT_EMPTY');
    expect(ideaIn(cafe, 'idea-host-2').text).toBe('Facilitator fixed a typo');
  });

  it('I8 hosts star and delete their table’s ideas and the facilitator any; participants and the wall may not', () => {
    const cafe = runningCafe();
    accepted(cafe, 'participant-ana', addIdea('idea-ana', '1', 0));
    accepted(cafe, hostOf('2'), addIdea('idea-t2', '2', 0));
    accepted(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-ana', starred: true });
    expect(ideaIn(cafe, 'idea-ana').starred).toBe(true);
    refused(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-t2', starred: true }, 'NOT_YOUR_TABLE');
    refused(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-t2' }, 'NOT_YOUR_TABLE');
    refused(cafe, 'participant-ana', { type: 'starIdea', ideaId: 'idea-ana', starred: false }, 'FORBIDDEN');
    refused(cafe, 'participant-ana', { type: 'deleteIdea', ideaId: 'idea-ana' }, 'FORBIDDEN');
    refused(cafe, WALL, { type: 'starIdea', ideaId: 'idea-ana', starred: false }, 'FORBIDDEN');
    refused(cafe, WALL, { type: 'deleteIdea', ideaId: 'idea-ana' }, 'FORBIDDEN');
    accepted(cafe, FACILITATOR, { type: 'starIdea', ideaId: 'idea-t2', starred: true });
    accepted(cafe, FACILITATOR, { type: 'deleteIdea', ideaId: 'idea-t2' });
    accepted(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-ana' });
    expect(ideaIn(cafe, 'idea-ana').deleted).toBe(true);
    expect(ideaIn(cafe, 'idea-t2').deleted).toBe(true);
  });

  it('I10 only the facilitator hides and shows ideas, also after closing, and the text is kept', () => {
    const cafe = runningCafe();
    accepted(cafe, 'participant-ana', addIdea('idea-rude', '1', 0, 'Something rude'));
    refused(cafe, hostOf('1'), { type: 'hideIdea', ideaId: 'idea-rude', hidden: true }, 'FORBIDDEN');
    refused(cafe, 'participant-ana', { type: 'hideIdea', ideaId: 'idea-rude', hidden: true }, 'FORBIDDEN');
    refused(cafe, WALL, { type: 'hideIdea', ideaId: 'idea-rude', hidden: true }, 'FORBIDDEN');
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-rude', hidden: true });
    expect(ideaIn(cafe, 'idea-rude')).toMatchObject({ hidden: true, text: 'Something rude' });
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-rude', hidden: false });
    expect(ideaIn(cafe, 'idea-rude').hidden).toBe(false);
    refused(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-none', hidden: true }, 'IDEA_NOT_FOUND');
  });

  it('I11 a deleted idea becomes a tombstone that can no longer change', () => {
    const cafe = runningCafe();
    accepted(cafe, 'participant-ana', addIdea('idea-gone', '1', 0, 'Delete me'));
    accepted(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-gone', starred: true });
    accepted(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-gone' });
    expect(ideaIn(cafe, 'idea-gone')).toMatchObject({ id: 'idea-gone', deleted: true, text: '', starred: false, tableId: '1', round: 0 });
    refused(cafe, 'participant-ana', { type: 'editIdea', ideaId: 'idea-gone', text: 'Back' }, 'IDEA_DELETED');
    refused(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-gone', starred: true }, 'IDEA_DELETED');
    refused(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-gone' }, 'IDEA_DELETED');
    refused(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-gone', hidden: true }, 'IDEA_DELETED');
  });
});

describe('authors, consent and capture', () => {
  it('I12 a participant’s idea stores their name, group and consent as they were when it was written', () => {
    const cafe = runningCafe();
    accepted(cafe, 'participant-ana', addIdea('idea-ana-1', '1', 0));
    expect(ideaIn(cafe, 'idea-ana-1')).toMatchObject({
      author: { role: 'participant', participantId: 'participant-ana', displayName: 'Ana', group: 'teachers' },
      consent: { publish: true, showName: true },
      createdAt: cafe.now,
      editedAt: null,
      starred: false,
      hidden: false,
      deleted: false,
    });
    accepted(cafe, 'participant-ana', { type: 'updateProfile', displayName: 'Anastasia', group: 'parents', consent: NOTHING });
    expect(cafe.state.participants['participant-ana']).toMatchObject({ displayName: 'Anastasia', group: 'parents', consent: NOTHING });
    accepted(cafe, 'participant-ana', addIdea('idea-ana-2', '1', 0));
    expect(ideaIn(cafe, 'idea-ana-1')).toMatchObject({ author: { displayName: 'Ana', group: 'teachers' }, consent: EVERYTHING });
    expect(ideaIn(cafe, 'idea-ana-2')).toMatchObject({ author: { displayName: 'Anastasia', group: 'parents' }, consent: NOTHING });
    accepted(cafe, 'participant-ben', addIdea('idea-ben', '2', 0));
    expect(ideaIn(cafe, 'idea-ben')).toMatchObject({ author: { displayName: 'Ben', group: 'students' }, consent: NOTHING });
  });

  it('I12 a profile update checks the name and the group', () => {
    const cafe = runningCafe();
    refused(cafe, 'participant-ana', { type: 'updateProfile', group: 'astronauts' }, 'UNKNOWN_GROUP');
    refused(cafe, 'participant-ana', { type: 'updateProfile', displayName: 'n'.repeat(61) }, 'TEXT_TOO_LONG');
    accepted(cafe, 'participant-ana', { type: 'updateProfile', displayName: '   ', group: null });
    expect(cafe.state.participants['participant-ana']).toMatchObject({ displayName: null, group: null, consent: EVERYTHING });
  });

  it('I13 a host captures for the table with a stakeholder-group chip and no name', () => {
    const cafe = runningCafe();
    accepted(cafe, hostOf('1'), { type: 'addIdea', ideaId: 'idea-chip', tableId: '1', round: 0, text: 'Parents want reports', group: ' parents ' });
    expect(ideaIn(cafe, 'idea-chip')).toMatchObject({
      author: { role: 'host', participantId: null, displayName: null, group: 'parents' },
      consent: HOST_CONSENT,
    });
    expect(HOST_CONSENT).toEqual({ publish: true, showName: false });
    accepted(cafe, hostOf('1'), { type: 'addIdea', ideaId: 'idea-nochip', tableId: '1', round: 0, text: 'No chip', group: null });
    expect(ideaIn(cafe, 'idea-nochip').author.group).toBeNull();
    refused(cafe, hostOf('1'), { type: 'addIdea', ideaId: 'idea-badchip', tableId: '1', round: 0, text: 'x', group: 'astronauts' }, 'UNKNOWN_GROUP');
    accepted(cafe, FACILITATOR, { type: 'addIdea', ideaId: 'idea-fac', tableId: '3', round: 0, text: 'From the front', group: 'students' });
    expect(ideaIn(cafe, 'idea-fac')).toMatchObject({ author: { role: 'facilitator', participantId: null, displayName: null, group: 'students' }, consent: HOST_CONSENT });
  });

  it('I13 a participant may not choose a group on an idea', () => {
    const cafe = runningCafe();
    refused(cafe, 'participant-ana', { type: 'addIdea', ideaId: 'idea-ana-chip', tableId: '1', round: 0, text: 'x', group: 'students' }, 'FORBIDDEN');
    accepted(cafe, 'participant-ana', { type: 'addIdea', ideaId: 'idea-ana-nochip', tableId: '1', round: 0, text: 'x', group: null });
    expect(ideaIn(cafe, 'idea-ana-nochip').author.group).toBe('teachers');
  });
});

describe('pre-moderation', () => {
  it('I14 with pre-moderation a phone\'s idea is held until the facilitator shows it; the host\'s is not', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'editCafe', premoderation: true });
    join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana' });
    startCafe(cafe);
    accepted(cafe, 'participant-ana', addIdea('idea-held', '1', 0, 'Wait for me'));
    accepted(cafe, hostOf('1'), addIdea('idea-host', '1', 0, 'Straight to the wall'));
    expect(ideaIn(cafe, 'idea-held')).toMatchObject({ held: true, hidden: true });
    expect(ideaIn(cafe, 'idea-host')).toMatchObject({ held: false, hidden: false });
    const wall = snapshotFor({ role: 'wall' }, cafe.state);
    expect(Object.keys(wall.ideas)).toEqual(['idea-host']);
    const author = snapshotFor({ role: 'participant', participantId: 'participant-ana', tableId: '1' }, cafe.state);
    expect(author.ideas['idea-held']?.text).toBe('Wait for me');
    const other = snapshotFor({ role: 'participant', participantId: 'someone-else', tableId: '1' }, cafe.state);
    expect(other.ideas['idea-held']).toBeUndefined();
    expect(snapshotFor({ role: 'host', tableId: '1' }, cafe.state).ideas['idea-held']?.held).toBe(true);
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-held', hidden: false });
    expect(ideaIn(cafe, 'idea-held')).toMatchObject({ held: false, hidden: false });
    expect(Object.keys(snapshotFor({ role: 'wall' }, cafe.state).ideas).sort()).toEqual(['idea-held', 'idea-host']);
  });
});
