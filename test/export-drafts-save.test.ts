/**
 * What the export screen sends to save a thread's draft in the café (editSeedThread, SPEC H17):
 * client/src/facilitator/export-drafts.ts, saveOp and isSaved.
 */
import { describe, expect, it } from 'vitest';
import { isSaved, saveOp } from '../client/src/facilitator/export-drafts.js';

describe('saving a seed thread draft', () => {
  it('sends only what differs from what the café holds, trimmed; an empty text means the generated one', () => {
    expect(saveOp('theme', 'theme-a', { title: '  A title long enough ' }, undefined, false)).toEqual({ type: 'editSeedThread', grouping: 'theme', threadId: 'theme-a', title: 'A title long enough' });
    expect(saveOp('theme', 'theme-a', { title: 'A title long enough' }, { title: 'A title long enough' }, false)).toBeNull();
    expect(saveOp('table', 'table-1', { body: '## Ours\n' }, { title: 'Kept title here' }, false)).toEqual({ type: 'editSeedThread', grouping: 'table', threadId: 'table-1', title: null, body: '## Ours' });
    expect(saveOp('theme', 'theme-a', { body: '   ' }, { body: 'Old body' }, false)).toEqual({ type: 'editSeedThread', grouping: 'theme', threadId: 'theme-a', body: null });
    expect(saveOp('theme', 'theme-a', { skip: true }, undefined, false)).toEqual({ type: 'editSeedThread', grouping: 'theme', threadId: 'theme-a', publish: false });
  });

  it('holds back a title the targets would refuse, and choosing the thread again while it is wrong; leaving it out goes', () => {
    expect(saveOp('theme', 'theme-a', { title: 'Short' }, undefined, true)).toBeNull();
    expect(saveOp('theme', 'theme-a', { title: 'Short', body: 'New body' }, undefined, true)).toEqual({ type: 'editSeedThread', grouping: 'theme', threadId: 'theme-a', body: 'New body' });
    expect(saveOp('theme', 'theme-a', {}, { skip: true }, true)).toBeNull();
    expect(saveOp('theme', 'theme-a', { skip: true }, {}, true)).toEqual({ type: 'editSeedThread', grouping: 'theme', threadId: 'theme-a', publish: false });
  });

  it('tells a draft the café holds, as the café normalises it, from one it does not', () => {
    expect(isSaved({ title: ' A title long enough ', body: 'Text\n' }, { title: 'A title long enough', body: 'Text' })).toBe(true);
    expect(isSaved({ title: 'A title long enough' }, {})).toBe(false);
    expect(isSaved({ skip: true }, { skip: true })).toBe(true);
    expect(isSaved({}, { skip: true })).toBe(false);
  });
});
