/** H17: the facilitator's seed-thread edits are part of the café (shared/domain/seed-edits.ts). */
import { describe, expect, it } from 'vitest';
import { decideSeedEdit } from '../../shared/domain/seed-edits.js';
import { seedEditKey } from '../../shared/domain/state.js';
import { snapshotFor, visibleTo } from '../../shared/domain/visibility.js';
import { seedThreads } from '../../shared/harvest/threads.js';
import { accepted, addIdea, createCafe, FACILITATOR, hostOf, join, refused, WALL, type TestCafe } from '../helpers/cafe-factory.js';

const THEME_A = 'theme-aaaaaaaa';
const THEME_B = 'theme-bbbbbbbb';
const A = `theme-${THEME_A}`;
const B = `theme-${THEME_B}`;

/** Two themes in the harvest, each with a publishable idea. */
function harvested(): TestCafe {
  const cafe = createCafe({ travelMs: 0 });
  join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana' });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, FACILITATOR, { type: 'startRound' });
  accepted(cafe, 'participant-ana', addIdea('idea-ana-1', '1', 0, 'Teachers learn from each other in open classrooms'));
  accepted(cafe, hostOf('2'), addIdea('idea-host-2', '2', 0, 'Parents visit once a month'));
  for (let i = 0; i < 3; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_A, name: 'Learning from each other', ideaIds: ['idea-ana-1'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: THEME_B, name: 'Parents as partners', ideaIds: ['idea-host-2'] });
  return cafe;
}

const edit = (threadId: string, patch: { title?: string | null; body?: string | null; publish?: boolean }, grouping: 'theme' | 'question' | 'table' = 'theme') =>
  ({ type: 'editSeedThread', grouping, threadId, ...patch }) as const;

describe('seed-thread edits', () => {
  it('H17 the facilitator saves a title, a body and the choice; null puts the generated text back; an edit back to all generated leaves nothing', () => {
    const cafe = harvested();
    expect(seedThreads(cafe.state).map((t) => t.id)).toEqual([A, B]);
    accepted(cafe, FACILITATOR, edit(A, { title: '  Peer learning in open classrooms  ' }));
    accepted(cafe, FACILITATOR, edit(A, { body: 'Our own words.\n\nSecond paragraph.' }));
    accepted(cafe, FACILITATOR, edit(B, { publish: false }));
    expect(cafe.state.seedEdits).toEqual({
      [seedEditKey('theme', A)]: { grouping: 'theme', threadId: A, title: 'Peer learning in open classrooms', body: 'Our own words.\n\nSecond paragraph.', publish: true },
      [seedEditKey('theme', B)]: { grouping: 'theme', threadId: B, title: null, body: null, publish: false },
    });
    accepted(cafe, FACILITATOR, edit(A, { title: null }));
    expect(cafe.state.seedEdits[seedEditKey('theme', A)]).toMatchObject({ title: null, body: 'Our own words.\n\nSecond paragraph.' });
    accepted(cafe, FACILITATOR, edit(A, { body: null }));
    accepted(cafe, FACILITATOR, edit(B, { publish: true }));
    expect(cafe.state.seedEdits).toEqual({});
  });

  it('H17 refuses an unknown thread, a title outside 15–255 characters or one another chosen thread has, and a body over 32,000 characters, changing nothing', () => {
    const cafe = harvested();
    refused(cafe, FACILITATOR, edit('theme-unknown', { title: 'A title long enough' }), 'EXPORT_THREAD_NOT_FOUND');
    // The id of a thread by theme is not one by table.
    refused(cafe, FACILITATOR, edit(A, { title: 'A title long enough' }, 'table'), 'EXPORT_THREAD_NOT_FOUND');
    refused(cafe, FACILITATOR, edit(A, { title: '  Too short   ' }), 'EXPORT_TITLE_INVALID');
    refused(cafe, FACILITATOR, edit(A, { title: 'x'.repeat(256) }), 'EXPORT_TITLE_INVALID');
    accepted(cafe, FACILITATOR, edit(A, { title: '🌱'.repeat(255) }));
    refused(cafe, FACILITATOR, edit(A, { title: 'parents as PARTNERS' }), 'EXPORT_TITLE_INVALID');
    refused(cafe, FACILITATOR, edit(A, { body: 'x'.repeat(32_001) }), 'TEXT_TOO_LONG');
    refused(cafe, FACILITATOR, edit(A, { body: '   ' }), 'TEXT_EMPTY');
    accepted(cafe, FACILITATOR, edit(A, { body: 'x'.repeat(32_000) }));
    // A thread left out does not clash: its title is not going out.
    accepted(cafe, FACILITATOR, edit(B, { publish: false }));
    accepted(cafe, FACILITATOR, edit(A, { title: 'Parents as partners' }));
    refused(cafe, FACILITATOR, edit(B, { publish: true }), 'EXPORT_TITLE_INVALID');
  });

  it('H17 only the facilitator edits, and only the facilitator sees the edits', () => {
    const cafe = harvested();
    refused(cafe, hostOf('1'), edit(A, { title: 'A title long enough' }), 'FORBIDDEN');
    refused(cafe, WALL, edit(A, { title: 'A title long enough' }), 'FORBIDDEN');
    refused(cafe, 'participant-ana', edit(A, { title: 'A title long enough' }), 'FORBIDDEN');
    const entry = accepted(cafe, FACILITATOR, edit(A, { title: 'A title long enough' }));
    expect(visibleTo({ role: 'facilitator' }, entry, cafe.state)?.event.type).toBe('seedThreadEdited');
    expect(visibleTo({ role: 'wall' }, entry, cafe.state)).toBeNull();
    expect(visibleTo({ role: 'host', tableId: '1' }, entry, cafe.state)).toBeNull();
    expect(visibleTo({ role: 'participant', participantId: 'participant-ana', tableId: '1' }, entry, cafe.state)).toBeNull();
    expect(snapshotFor({ role: 'facilitator' }, cafe.state).seedEdits).not.toEqual({});
    expect(snapshotFor({ role: 'wall' }, cafe.state).seedEdits).toEqual({});
    expect(snapshotFor({ role: 'host', tableId: '1' }, cafe.state).seedEdits).toEqual({});
    // The rule judged on its own, too: the same refusal without the actor check.
    expect(decideSeedEdit(cafe.state, edit('nope', {}))).toEqual({ ok: false, code: 'EXPORT_THREAD_NOT_FOUND', path: 'threadId' });
  });
});
