/**
 * The export screen's choices before an export (client/src/facilitator/export-drafts.ts): which
 * titles the targets would refuse, and the export request built from the facilitator's edits.
 */
import { describe, expect, it } from 'vitest';
import { exportRequest, titleProblems, type Drafts, type PreviewThread } from '../client/src/facilitator/export-drafts.js';

const thread = (id: string, title: string): PreviewThread => ({
  id,
  cafeId: 'cafe-1',
  cafeTitle: 'Schulen von morgen',
  title,
  questions: [],
  rounds: [0],
  tableNames: ['Tisch 1'],
  stakeholderMix: { contributed: [], missing: [] },
  votes: null,
  ideas: [],
  insights: [],
  invitation: 'Was würdest du ergänzen?',
  category: null,
  tags: [],
  language: 'de',
  body: `Generated body of ${id}\n`,
});

const threads = [thread('theme-a', 'Zeit für Projekte im Stundenplan'), thread('theme-b', 'Frühstück für alle am Morgen'), thread('theme-c', 'Mentoring für neue Lehrkräfte')];

describe('titles the targets would refuse', () => {
  it('names a title under 15 or over 255 characters, counting code points, and one used twice (case ignored)', () => {
    const drafts: Drafts = {
      'theme-a': { title: 'Zu kurz 🥐🥐🥐🥐🥐' },
      'theme-b': { title: 'x'.repeat(256) },
      'theme-c': { title: 'ZEIT FÜR PROJEKTE IM STUNDENPLAN' },
    };
    expect(titleProblems(threads, drafts)).toEqual(new Map([['theme-a', 'short'], ['theme-b', 'long']]));
    expect(titleProblems(threads, { 'theme-c': { title: 'ZEIT FÜR PROJEKTE IM STUNDENPLAN' } })).toEqual(
      new Map([['theme-a', 'taken'], ['theme-c', 'taken']]),
    );
  });

  it('does not hold a thread left out against the others', () => {
    const drafts: Drafts = { 'theme-a': { skip: true, title: 'kurz' }, 'theme-c': { title: 'Zeit für Projekte im Stundenplan' } };
    expect(titleProblems(threads, drafts).size).toBe(0);
  });
});

describe('the export request', () => {
  it('names every previewed thread, so one that appeared since the preview does not go out unseen', () => {
    expect(exportRequest('community', 'theme', threads, {})).toEqual({ target: 'community', grouping: 'theme', threadIds: ['theme-a', 'theme-b', 'theme-c'], edits: {} });
  });

  it('lists the chosen threads and sends only edits that change something, titles trimmed, empty bodies not at all', () => {
    const drafts: Drafts = {
      'theme-a': { title: '  Zeit für Projekte – neu gedacht  ', body: 'Generated body of theme-a\n' },
      'theme-b': { skip: true, body: 'Not sent: the thread is left out' },
      'theme-c': { title: 'Mentoring für neue Lehrkräfte', body: '## Eigene Worte\n\n**fett**' },
    };
    expect(exportRequest('hook', 'table', threads, drafts)).toEqual({
      target: 'hook',
      grouping: 'table',
      threadIds: ['theme-a', 'theme-c'],
      edits: { 'theme-a': { title: 'Zeit für Projekte – neu gedacht' }, 'theme-c': { body: '## Eigene Worte\n\n**fett**' } },
    });
    expect(exportRequest('hook', 'theme', threads, { 'theme-a': { body: '   ' } }).edits).toEqual({});
  });
});
