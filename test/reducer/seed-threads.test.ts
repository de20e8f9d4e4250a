import { describe, expect, it } from 'vitest';
import { publishable, seedThreads } from '../../shared/harvest/threads.js';
import { harvestPageOpen, publicHarvest } from '../../shared/harvest/public-harvest.js';
import { accepted, addIdea, createCafe, EVERYTHING, FACILITATOR, hostOf, join, NOTHING, refused, type TestCafe } from '../helpers/cafe-factory.js';

const THEME_A = 'theme-aaaaaaaa';
const THEME_B = 'theme-bbbbbbbb';

/**
 * A café in the harvest: Ana (publish and show name), Ben (publish, no name), Cleo (nothing)
 * at tables 1–3, each writing in round 0; hosts note one idea per table; two themes.
 */
function harvested(): TestCafe {
  const cafe = createCafe({ travelMs: 0, stakeholderGroups: ['teachers', 'students', 'parents', 'universities'] });
  join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana', group: 'teachers', consent: EVERYTHING });
  join(cafe, 'participant-ben', { tableId: '2', displayName: 'Ben', group: 'students', consent: { publish: true, showName: false } });
  join(cafe, 'participant-cleo', { tableId: '3', displayName: 'Cleo', group: 'parents', consent: NOTHING });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, FACILITATOR, { type: 'startRound' });
  accepted(cafe, 'participant-ana', addIdea('idea-ana-1', '1', 0, 'Teachers learn from each other in open classrooms'));
  accepted(cafe, 'participant-ben', addIdea('idea-ben-1', '2', 0, 'Students choose one project a term'));
  accepted(cafe, 'participant-cleo', addIdea('idea-cleo-1', '3', 0, 'A parents’ café every month'));
  accepted(cafe, hostOf('1'), { ...addIdea('idea-host-1', '1', 0, 'Peer observation, once a month'), group: 'teachers' } as never);
  accepted(cafe, hostOf('2'), addIdea('idea-host-2', '2', 0, 'Hidden later'));
  accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-host-2', hidden: true });
  for (let i = 0; i < 3; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Learning', ideaIds: ['idea-ana-1', 'idea-host-1', 'idea-ben-1', 'idea-host-2'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'Parents as partners', ideaIds: ['idea-cleo-1'] });
  return cafe;
}

describe('what leaves the café', () => {
  it('H11 never hidden ideas, nor ideas whose author did not consent; names only with consent then and now; the café’s setting stops phones’ ideas', () => {
    const cafe = harvested();
    const [learning, ...rest] = seedThreads(cafe.state);
    // Cleo's theme has nothing publishable: no thread for it.
    expect(rest).toEqual([]);
    // In the theme's order; the hidden host note is left out.
    expect(learning!.ideas.map((i) => [i.id, i.author])).toEqual([
      ['idea-ana-1', 'Ana'],
      ['idea-host-1', null],
      ['idea-ben-1', null],
    ]);
    // Ana withdraws her name, then her consent to publish: both reach back to what she wrote.
    accepted(cafe, 'participant-ana', { type: 'updateProfile', consent: { publish: true, showName: false } });
    expect(seedThreads(cafe.state)[0]!.ideas.find((i) => i.id === 'idea-ana-1')!.author).toBeNull();
    accepted(cafe, 'participant-ana', { type: 'updateProfile', consent: { publish: false, showName: false } });
    expect(publishable(cafe.state, cafe.state.ideas['idea-ana-1']!)).toBe(false);
    accepted(cafe, FACILITATOR, { type: 'editCafe', publishIdeas: false });
    expect(seedThreads(cafe.state)[0]!.ideas.map((i) => i.id)).toEqual(['idea-host-1']);
  });

  it('H12 one thread per theme, question or table, with provenance, the stakeholder mix, votes and a long enough unique title', () => {
    const cafe = harvested();
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 2 });
    accepted(cafe, 'participant-ben', { type: 'castDot', themeId: THEME_A, add: true });
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: THEME_A, count: 4 });
    const [learning] = seedThreads(cafe.state);
    expect(learning).toMatchObject({
      id: `theme-${THEME_A}`,
      title: 'Learning — Schools of tomorrow',
      questions: [{ round: 0, text: 'What does a good school day feel like?' }],
      rounds: [0],
      tableNames: ['Table 1', 'Table 2'],
      votes: 5,
      stakeholderMix: { contributed: [{ group: 'teachers', ideas: 2 }, { group: 'students', ideas: 1 }], missing: ['parents', 'universities'] },
      invitation: 'What would you add? Continue the conversation here.',
      language: 'en',
    });
    const byTable = seedThreads(cafe.state, 'table');
    expect(byTable.map((t) => [t.id, t.title, t.ideas.length])).toEqual([
      ['table-1', 'Table 1 — Schools of tomorrow', 2],
      ['table-2', 'Table 2 — Schools of tomorrow', 1],
    ]);
    const byQuestion = seedThreads(cafe.state, 'question');
    expect(byQuestion.map((t) => [t.id, t.title, t.votes])).toEqual([['round-0', 'What does a good school day feel like?', null]]);
    // Two short names that come out the same get numbered.
    accepted(cafe, FACILITATOR, { type: 'renameTheme', themeId: THEME_B, name: 'Learning!' });
    accepted(cafe, 'participant-cleo', { type: 'updateProfile', consent: EVERYTHING });
    const titles = seedThreads(cafe.state).map((t) => t.title);
    expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
    expect(titles.every((t) => t.length >= 15)).toBe(true);
  });

  it('H14 photos go with the threads of their table and round, not when hidden, not when the café keeps ideas in', () => {
    const cafe = harvested();
    const photo = (photoId: string, tableId: string) => ({ type: 'addPhoto', photoId, tableId, round: 0, bytes: 1000, width: 800, height: 600 }) as const;
    accepted(cafe, hostOf('1'), photo('photo-table-1', '1'));
    accepted(cafe, hostOf('3'), photo('photo-table-3', '3'));
    accepted(cafe, FACILITATOR, photo('photo-table-2', '2'));
    expect(seedThreads(cafe.state)[0]!.photoIds).toEqual(['photo-table-1', 'photo-table-2']);
    expect(seedThreads(cafe.state, 'table').map((t) => t.photoIds)).toEqual([['photo-table-1'], ['photo-table-2']]);
    accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-table-2', hidden: true });
    expect(seedThreads(cafe.state)[0]!.photoIds).toEqual(['photo-table-1']);
    accepted(cafe, FACILITATOR, { type: 'editCafe', publishIdeas: false });
    expect(seedThreads(cafe.state)[0]!.photoIds).toEqual([]);
  });
});

describe('key insights and empty themes', () => {
  it('H18 a host’s written insights go with the threads of their table (by table) and round (by question), none by theme; an insight that is an idea stays an idea', () => {
    const cafe = harvested();
    accepted(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 0, insights: [{ text: 'Open doors <b>first</b>' }, { ideaId: 'idea-host-1' }] });
    accepted(cafe, hostOf('3'), { type: 'setHarvestCard', tableId: '3', round: 1, insights: [{ text: 'Parents want a say' }] });
    const byTable = seedThreads(cafe.state, 'table');
    expect(byTable.map((t) => [t.id, t.insights])).toEqual([
      ['table-1', [{ text: 'Open doors <b>first</b>', tableName: 'Table 1', round: 0 }]],
      ['table-2', []],
      // Table 3's only idea may not leave, but its host's insight does: the thread is there for it, with that round and table.
      ['table-3', [{ text: 'Parents want a say', tableName: 'Table 3', round: 1 }]],
    ]);
    expect(byTable[2]).toMatchObject({ ideas: [], rounds: [1], tableNames: ['Table 3'] });
    const byQuestion = seedThreads(cafe.state, 'question');
    expect(byQuestion.map((t) => [t.id, t.insights.map((i) => i.text)])).toEqual([
      ['round-0', ['Open doors <b>first</b>']],
      ['round-1', ['Parents want a say']],
    ]);
    expect(seedThreads(cafe.state, 'theme').every((t) => t.insights.length === 0)).toBe(true);
    expect(byTable[0]!.ideas.find((i) => i.id === 'idea-host-1')).toBeDefined();
  });

  it('H18 a theme none of whose ideas may leave is exported when it received dots (its name, votes and mix), and left out without', () => {
    const cafe = harvested();
    expect(seedThreads(cafe.state).map((t) => t.id)).toEqual([`theme-${THEME_A}`]);
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 2 });
    expect(seedThreads(cafe.state).map((t) => t.id)).toEqual([`theme-${THEME_A}`]);
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: THEME_B, count: 3 });
    const parents = seedThreads(cafe.state).find((t) => t.id === `theme-${THEME_B}`);
    expect(parents).toMatchObject({ title: 'Parents as partners', votes: 3, ideas: [], stakeholderMix: { contributed: [] } });
    expect(parents!.stakeholderMix.missing).toContain('parents');
  });
});

describe('the public harvest page', () => {
  it('H15 open from the harvest on and after closing, unless switched off; after closing editCafe takes that switch alone', () => {
    const cafe = createCafe({ travelMs: 0 });
    expect(cafe.state.harvestPage).toBe(true);
    expect(harvestPageOpen(cafe.state)).toBe(false);
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    expect(harvestPageOpen(cafe.state)).toBe(false);
    for (let i = 0; i < 3; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    expect(harvestPageOpen(cafe.state)).toBe(true);
    accepted(cafe, FACILITATOR, { type: 'editCafe', harvestPage: false });
    expect(harvestPageOpen(cafe.state)).toBe(false);
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    expect(harvestPageOpen(cafe.state)).toBe(false);
    refused(cafe, FACILITATOR, { type: 'editCafe', harvestPage: true, title: 'Renamed' }, 'CAFE_CLOSED');
    accepted(cafe, FACILITATOR, { type: 'editCafe', harvestPage: true });
    expect(harvestPageOpen(cafe.state)).toBe(true);
    refused(cafe, hostOf('1'), { type: 'editCafe', harvestPage: false }, 'FORBIDDEN');
  });

  it('H11 H14 H15 the page shows publishable ideas by theme with names only by consent, the mix, votes, and photos that are not hidden', () => {
    const cafe = harvested();
    accepted(cafe, hostOf('1'), { type: 'addPhoto', photoId: 'photo-shown', tableId: '1', round: 0, bytes: 1000, width: 800, height: 600 });
    accepted(cafe, hostOf('3'), { type: 'addPhoto', photoId: 'photo-hidden', tableId: '3', round: 0, bytes: 1000, width: 800, height: 600 });
    accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-hidden', hidden: true });
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 2 });
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: THEME_A, count: 4 });
    const page = publicHarvest(cafe.state);
    expect(page.themes.map((t) => [t.name, t.votes, t.ideas.map((i) => [i.id, i.author])])).toEqual([
      ['Learning', 4, [['idea-ana-1', 'Ana'], ['idea-host-1', null], ['idea-ben-1', null]]],
    ]);
    expect(page.themes[0]!.stakeholderMix).toEqual({ contributed: [{ group: 'teachers', ideas: 2 }, { group: 'students', ideas: 1 }], missing: ['parents', 'universities'] });
    expect(page.photos.map((p) => p.id)).toEqual(['photo-shown']);
    expect(JSON.stringify(page)).not.toMatch(/Cleo|parents’ café|Hidden later|participant-/);
    accepted(cafe, FACILITATOR, { type: 'editCafe', publishIdeas: false });
    const kept = publicHarvest(cafe.state);
    expect(kept.photos).toEqual([]);
    expect(kept.themes.flatMap((t) => t.ideas.map((i) => i.id))).toEqual(['idea-host-1']);
  });
});
