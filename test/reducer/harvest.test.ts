import { describe, expect, it } from 'vitest';
import { cardKey, dotsUsed, NO_HARVEST, themeOf } from '../../shared/domain/state.js';
import { snapshotFor, visibleTo } from '../../shared/domain/visibility.js';
import {
  accepted,
  addIdea,
  createCafe,
  FACILITATOR,
  hostOf,
  join,
  refused,
  startCafe,
  WALL,
  type TestCafe,
} from '../helpers/cafe-factory.js';

const THEME_A = 'theme-aaaaaaaa';
const THEME_B = 'theme-bbbbbbbb';

/** A café in round 0 with six ideas at tables 1 and 2, and two phones. */
function cafeWithIdeas(): TestCafe {
  const cafe = createCafe({ travelMs: 0 });
  join(cafe, 'participant-ana', { tableId: '1' });
  join(cafe, 'participant-ben', { tableId: '2' });
  startCafe(cafe);
  for (let i = 0; i < 3; i++) accepted(cafe, hostOf('1'), addIdea(`idea-t1-${i}`, '1', 0, `Table one idea ${i}`));
  for (let i = 0; i < 3; i++) accepted(cafe, hostOf('2'), addIdea(`idea-t2-${i}`, '2', 0, `Table two idea ${i}`));
  return cafe;
}

/** The same café in the harvest. */
function harvestCafe(): TestCafe {
  const cafe = cafeWithIdeas();
  // No travel time: "next" starts the next round at once, and after the last opens the harvest.
  for (let i = 0; i < 3; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  expect(cafe.state.phase.kind).toBe('harvest');
  return cafe;
}

describe('themes', () => {
  it('H1 themes, the vote and the spotlight wait for the harvest, stop at closing, and are the facilitator’s', () => {
    const early = cafeWithIdeas();
    refused(early, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Teacher training' }, 'WRONG_PHASE');
    refused(early, FACILITATOR, { type: 'openVote' }, 'WRONG_PHASE');
    refused(early, FACILITATOR, { type: 'spotlight', tableId: '1' }, 'WRONG_PHASE');
    const cafe = harvestCafe();
    refused(cafe, hostOf('1'), { type: 'createTheme', themeId: THEME_A, name: 'Teacher training' }, 'FORBIDDEN');
    refused(cafe, 'participant-ana', { type: 'createTheme', themeId: THEME_A, name: 'Teacher training' }, 'FORBIDDEN');
    refused(cafe, WALL, { type: 'createTheme', themeId: THEME_A, name: 'Teacher training' }, 'FORBIDDEN');
    refused(cafe, hostOf('1'), { type: 'openVote' }, 'FORBIDDEN');
    refused(cafe, 'participant-ana', { type: 'spotlight', tableId: '1' }, 'FORBIDDEN');
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Teacher training' });
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, FACILITATOR, { type: 'renameTheme', themeId: THEME_A, name: 'Training' }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'openVote' }, 'CAFE_CLOSED');
  });

  it('H2 an idea is in at most one theme; moving takes it out of the other, null out of all; unknown and deleted ideas are refused', () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Teacher training', ideaIds: ['idea-t1-0', 'idea-t2-0'] });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'Parents', ideaIds: ['idea-t2-0', 'idea-t1-1'] });
    expect(cafe.state.themes[THEME_A]!.ideaIds).toEqual(['idea-t1-0']);
    expect(cafe.state.themes[THEME_B]!.ideaIds).toEqual(['idea-t2-0', 'idea-t1-1']);
    accepted(cafe, FACILITATOR, { type: 'moveIdeas', ideaIds: ['idea-t1-1', 'idea-t2-2'], themeId: THEME_A });
    expect(cafe.state.themes[THEME_A]!.ideaIds).toEqual(['idea-t1-0', 'idea-t1-1', 'idea-t2-2']);
    expect(themeOf(cafe.state, 'idea-t1-1')?.id).toBe(THEME_A);
    accepted(cafe, FACILITATOR, { type: 'moveIdeas', ideaIds: ['idea-t1-0'], themeId: null });
    expect(themeOf(cafe.state, 'idea-t1-0')).toBeUndefined();
    refused(cafe, FACILITATOR, { type: 'moveIdeas', ideaIds: ['idea-nowhere-1'], themeId: THEME_A }, 'IDEA_NOT_FOUND');
    accepted(cafe, FACILITATOR, { type: 'deleteIdea', ideaId: 'idea-t2-1' });
    refused(cafe, FACILITATOR, { type: 'moveIdeas', ideaIds: ['idea-t2-1'], themeId: THEME_A }, 'IDEA_DELETED');
    refused(cafe, FACILITATOR, { type: 'moveIdeas', ideaIds: ['idea-t1-0'], themeId: 'theme-missing' }, 'THEME_NOT_FOUND');
  });

  it('H3 names are unique whatever their case, trimmed and limited; ids are unique; unknown themes are refused', () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: '  Lehrkräftefortbildung ' });
    expect(cafe.state.themes[THEME_A]!.name).toBe('Lehrkräftefortbildung');
    refused(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'LEHRKRÄFTEFORTBILDUNG' }, 'THEME_EXISTS');
    refused(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Another name' }, 'THEME_EXISTS');
    refused(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: '   ' }, 'TEXT_EMPTY');
    refused(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'x'.repeat(81) }, 'TEXT_TOO_LONG');
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'Elternarbeit' });
    refused(cafe, FACILITATOR, { type: 'renameTheme', themeId: THEME_B, name: 'lehrkräftefortbildung' }, 'THEME_EXISTS');
    accepted(cafe, FACILITATOR, { type: 'renameTheme', themeId: THEME_B, name: 'Eltern als Partner' });
    expect(cafe.state.themes[THEME_B]!.name).toBe('Eltern als Partner');
    refused(cafe, FACILITATOR, { type: 'renameTheme', themeId: 'theme-missing', name: 'X' }, 'THEME_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'deleteTheme', themeId: 'theme-missing' }, 'THEME_NOT_FOUND');
  });

  it('H4 merging moves ideas, phone and paper dots and ballots into the kept theme and removes the other', () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Training', ideaIds: ['idea-t1-0'] });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'Learning together', ideaIds: ['idea-t2-0', 'idea-t2-1'] });
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 3 });
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_B, add: true });
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: true });
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: THEME_B, count: 7 });
    refused(cafe, FACILITATOR, { type: 'mergeThemes', themeId: THEME_A, from: THEME_A }, 'INVALID_PAYLOAD');
    accepted(cafe, FACILITATOR, { type: 'mergeThemes', themeId: THEME_A, from: THEME_B });
    expect(cafe.state.themes[THEME_B]).toBeUndefined();
    expect(cafe.state.themes[THEME_A]).toMatchObject({ ideaIds: ['idea-t1-0', 'idea-t2-0', 'idea-t2-1'], phoneDots: 2, paperDots: 7 });
    expect(cafe.state.ballots['participant-ana']).toEqual({ [THEME_A]: 2 });
    refused(cafe, FACILITATOR, { type: 'mergeThemes', themeId: THEME_A, from: THEME_B }, 'THEME_NOT_FOUND');
  });

  it('H5 deleting a theme frees its ideas and gives the dots back', () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Training', ideaIds: ['idea-t1-0'] });
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 1 });
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: true });
    expect(dotsUsed(cafe.state, 'participant-ana')).toBe(1);
    accepted(cafe, FACILITATOR, { type: 'deleteTheme', themeId: THEME_A });
    expect(themeOf(cafe.state, 'idea-t1-0')).toBeUndefined();
    expect(dotsUsed(cafe.state, 'participant-ana')).toBe(0);
  });
});

describe('the dot vote', () => {
  function votingCafe(dots?: number): TestCafe {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Training', ideaIds: ['idea-t1-0'] });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'Parents', ideaIds: ['idea-t2-0'] });
    accepted(cafe, FACILITATOR, dots === undefined ? { type: 'openVote' } : { type: 'openVote', dots });
    return cafe;
  }

  it('H6 the vote opens with 3 dots by default or N, closes, and opens again with the last N', () => {
    const cafe = votingCafe();
    expect(cafe.state.vote).toEqual({ open: true, dots: 3 });
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 5 });
    accepted(cafe, FACILITATOR, { type: 'closeVote' });
    expect(cafe.state.vote).toEqual({ open: false, dots: 5 });
    refused(cafe, FACILITATOR, { type: 'closeVote' }, 'VOTE_CLOSED');
    accepted(cafe, FACILITATOR, { type: 'openVote' });
    expect(cafe.state.vote).toEqual({ open: true, dots: 5 });
  });

  it('H7 a phone places at most N dots, takes back only its own, not while closed; paper dots add to the votes', () => {
    const cafe = votingCafe(2);
    refused(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: false }, 'NO_DOT_HERE');
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: true });
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: true });
    refused(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_B, add: true }, 'NO_DOTS_LEFT');
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: false });
    accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_B, add: true });
    accepted(cafe, 'participant-ben', { type: 'castDot', themeId: THEME_B, add: true });
    refused(cafe, 'participant-ben', { type: 'castDot', themeId: 'theme-missing', add: true }, 'THEME_NOT_FOUND');
    refused(cafe, hostOf('1'), { type: 'castDot', themeId: THEME_B, add: true }, 'FORBIDDEN');
    refused(cafe, FACILITATOR, { type: 'castDot', themeId: THEME_B, add: true }, 'FORBIDDEN');
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: THEME_B, count: 12 });
    expect(cafe.state.themes[THEME_A]).toMatchObject({ phoneDots: 1, paperDots: 0 });
    expect(cafe.state.themes[THEME_B]).toMatchObject({ phoneDots: 2, paperDots: 12 });
    accepted(cafe, FACILITATOR, { type: 'closeVote' });
    refused(cafe, 'participant-ben', { type: 'castDot', themeId: THEME_A, add: true }, 'VOTE_CLOSED');
  });

  it('H8 the room sees totals; who put which dot only the facilitator and that phone', () => {
    const cafe = votingCafe(3);
    const entry = accepted(cafe, 'participant-ana', { type: 'castDot', themeId: THEME_A, add: true });
    const ana = { role: 'participant', participantId: 'participant-ana', tableId: '1' } as const;
    const ben = { role: 'participant', participantId: 'participant-ben', tableId: '2' } as const;
    expect(visibleTo({ role: 'facilitator' }, entry, cafe.state)?.event).toMatchObject({ participantId: 'participant-ana' });
    expect(visibleTo(ana, entry, cafe.state)?.event).toMatchObject({ participantId: 'participant-ana' });
    for (const scope of [ben, { role: 'wall' } as const, { role: 'host', tableId: '1' } as const]) {
      expect(visibleTo(scope, entry, cafe.state)?.event).toEqual({ type: 'dotCast', themeId: THEME_A, participantId: null, delta: 1 });
    }
    expect(snapshotFor(ana, cafe.state).ballots).toEqual({ 'participant-ana': { [THEME_A]: 1 } });
    expect(snapshotFor(ben, cafe.state).ballots).toEqual({});
    expect(snapshotFor({ role: 'wall' }, cafe.state).ballots).toEqual({});
    expect(snapshotFor({ role: 'wall' }, cafe.state).themes[THEME_A]!.phoneDots).toBe(1);
  });
});

describe('harvest cards and the spotlight', () => {
  it('H9 a host sets their table’s card from its ideas of the round or text; others, unknown ideas and future rounds are refused', () => {
    const cafe = cafeWithIdeas();
    accepted(cafe, hostOf('1'), {
      type: 'setHarvestCard',
      tableId: '1',
      round: 0,
      insights: [{ ideaId: 'idea-t1-2' }, { text: '  Mehr Zeit für Austausch  ' }],
    });
    expect(cafe.state.harvestCards[cardKey('1', 0)]!.insights).toEqual([
      { ideaId: 'idea-t1-2', text: null },
      { ideaId: null, text: 'Mehr Zeit für Austausch' },
    ]);
    refused(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '2', round: 0, insights: [] }, 'NOT_YOUR_TABLE');
    refused(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 0, insights: [{ ideaId: 'idea-t2-0' }] }, 'IDEA_NOT_FOUND');
    refused(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 1, insights: [] }, 'ROUND_NOT_STARTED');
    refused(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 0, insights: [{ text: ' ' }] }, 'TEXT_EMPTY');
    refused(cafe, 'participant-ana', { type: 'setHarvestCard', tableId: '1', round: 0, insights: [] }, 'FORBIDDEN');
    accepted(cafe, FACILITATOR, { type: 'setHarvestCard', tableId: '2', round: 0, insights: [] });
    expect(cafe.state.harvestCards[cardKey('2', 0)]!.insights).toEqual([]);
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, FACILITATOR, { type: 'setHarvestCard', tableId: '2', round: 0, insights: [] }, 'CAFE_CLOSED');
  });

  it('H10 the spotlight is one known table or none, and a rehearsal reset clears the whole harvest', () => {
    const cafe = createCafe({ travelMs: 0, rounds: [{ question: 'One round?', durationMs: 60_000 }] });
    accepted(cafe, FACILITATOR, { type: 'startRehearsal' });
    startCafe(cafe);
    accepted(cafe, hostOf('1'), addIdea('idea-rehearsal-1', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    refused(cafe, FACILITATOR, { type: 'spotlight', tableId: '9' }, 'TABLE_NOT_FOUND');
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '1' });
    expect(cafe.state.spotlight).toBe('1');
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Rehearsal theme', ideaIds: ['idea-rehearsal-1'] });
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: null });
    expect(cafe.state.spotlight).toBeNull();
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'resetRehearsal' });
    expect({ themes: cafe.state.themes, spotlight: cafe.state.spotlight, vote: cafe.state.vote, cards: cafe.state.harvestCards, ballots: cafe.state.ballots }).toEqual({
      themes: NO_HARVEST.themes,
      spotlight: null,
      vote: null,
      cards: {},
      ballots: {},
    });
  });
});

describe('photos', () => {
  const photo = (photoId: string, tableId = '1', round = 0) => ({ type: 'addPhoto', photoId, tableId, round, bytes: 180_000, width: 1600, height: 1200 }) as const;

  it('H13 a host adds a photo of their table for a started round, the facilitator of any; phones, walls, other tables, future rounds and big photos are refused', () => {
    const cafe = cafeWithIdeas();
    accepted(cafe, hostOf('1'), photo('photo-table1-r0'));
    expect(cafe.state.photos['photo-table1-r0']).toMatchObject({ tableId: '1', round: 0, width: 1600, height: 1200, hidden: false, contentType: 'image/jpeg' });
    refused(cafe, hostOf('1'), photo('photo-table2-r0', '2'), 'NOT_YOUR_TABLE');
    refused(cafe, hostOf('1'), photo('photo-table1-r1', '1', 1), 'ROUND_NOT_STARTED');
    refused(cafe, hostOf('1'), photo('photo-table1-r0'), 'OP_ID_CONFLICT');
    refused(cafe, hostOf('1'), { ...photo('photo-too-big'), width: 1601 }, 'PHOTO_INVALID');
    refused(cafe, 'participant-ana', photo('photo-phone-1'), 'FORBIDDEN');
    refused(cafe, WALL, photo('photo-wall-1'), 'FORBIDDEN');
    accepted(cafe, FACILITATOR, photo('photo-table2-r0', '2'));
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, FACILITATOR, photo('photo-after-close', '2'), 'CAFE_CLOSED');
  });

  it('H14 the facilitator hides a photo, also after closing; only the facilitator and its table host still see it', () => {
    const cafe = cafeWithIdeas();
    accepted(cafe, hostOf('1'), photo('photo-table1-r0'));
    refused(cafe, hostOf('1'), { type: 'hidePhoto', photoId: 'photo-table1-r0', hidden: true }, 'FORBIDDEN');
    refused(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-missing', hidden: true }, 'PHOTO_NOT_FOUND');
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-table1-r0', hidden: true });
    expect(Object.keys(snapshotFor({ role: 'wall' }, cafe.state).photos)).toEqual([]);
    expect(Object.keys(snapshotFor({ role: 'participant', participantId: 'participant-ana', tableId: '1' }, cafe.state).photos)).toEqual([]);
    expect(Object.keys(snapshotFor({ role: 'host', tableId: '1' }, cafe.state).photos)).toEqual(['photo-table1-r0']);
    expect(Object.keys(snapshotFor({ role: 'host', tableId: '2' }, cafe.state).photos)).toEqual([]);
    expect(snapshotFor({ role: 'facilitator' }, cafe.state).photos['photo-table1-r0']!.hidden).toBe(true);
  });
});
