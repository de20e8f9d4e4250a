/**
 * Discourse category per question or theme and tags (issue 5): the mapping in the target's
 * settings, checked when the targets file loads, and the topics it makes on the Discourse test
 * server (which validates every request against Discourse's OpenAPI document).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.js';
import { derivedTag } from '../../server/export/discourse-routing.js';
import type { ExportJournal } from '../../server/export/exporter.js';
import { exporterFor, parseExportTargets } from '../../server/export/targets.js';
import { seedThreads } from '../../shared/harvest/threads.js';
import { startDiscourseServer, steppingClock, type DiscourseTestServer } from '../helpers/discourse-server.js';
import { harvestedCafe, themeId } from '../helpers/export-cafe.js';
import { accepted, FACILITATOR } from '../helpers/cafe-factory.js';

const journal: ExportJournal = { recordIntent: async () => {}, hadIntent: async () => false };
const SECRET = 'k3y-never-shown-0123456789abcdef';
const base = { baseUrl: 'https://c.test', apiKey: SECRET, apiUsername: 'system' };
let servers: DiscourseTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('Discourse routing settings', () => {
  it.each([
    ['a default category that is not a number', { categoryId: '7' }, /"categoryId"/],
    ['a question mapping with a bad round', { categoryByQuestion: { first: 2 } }, /"categoryByQuestion".*round numbers/],
    ['a question mapping to a non-category', { categoryByQuestion: { 1: -2 } }, /"categoryByQuestion".*positive whole number/],
    ['a theme mapping that is a list', { categoryByTheme: [1] }, /"categoryByTheme" must be an object/],
    ['a theme named twice in other case', { categoryByTheme: { Learning: 1, learning: 2 } }, /named twice/],
    ['a tag Discourse would refuse', { tags: ['Weltcafé'] }, /"tags"/],
    ['a tag of 21 characters', { tags: ['a'.repeat(21)] }, /"tags"/],
    ['a flag that is not one', { tagPerThread: 'yes' }, /"tagPerThread"/],
  ])('refuses %s at load, naming the setting and never a secret', (_name, settings, problem) => {
    let error: unknown;
    try {
      parseExportTargets({ targets: [{ name: 'community', kind: 'discourse', settings: { ...base, ...settings } }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^EXPORT_TARGETS_FILE: target "community": /);
    expect((error as ConfigError).message).toMatch(problem);
    expect((error as ConfigError).message).not.toContain(SECRET);
  });

  it('makes tags from any text as Discourse accepts them: lower case a-z, 0-9 and hyphens, at most 20', () => {
    expect(derivedTag('Schüler:innen & Eltern — Zusammenarbeit')).toBe('schuler-innen-eltern');
    expect(derivedTag('<script>@admin #staff')).toBe('script-admin-staff');
    expect(derivedTag('Große Straße')).toBe('grosse-strasse');
    expect(derivedTag('日本')).toBe('');
  });
});

describe('Discourse routing on the test server', () => {
  async function exportWith(settings: object, grouping: 'theme' | 'question') {
    const clock = steppingClock();
    const server = await startDiscourseServer({ apiKey: SECRET, apiUsername: 'system', clock, categories: [1, 2, 3, 7] });
    servers.push(server);
    const [target] = parseExportTargets({ targets: [{ name: 'community', kind: 'discourse', settings: { ...base, baseUrl: server.url, ...settings } }] });
    const cafe = harvestedCafe({ tables: 2, rounds: 2 });
    accepted(cafe, FACILITATOR, { type: 'renameTheme', themeId: themeId(0, 1), name: 'Lernen über Grenzen hinweg' });
    const exporter = exporterFor(target!, clock);
    for (const thread of seedThreads(cafe.state, grouping)) expect((await exporter.publish(thread, journal)).status).toBe('created');
    return server.topics.map((t) => ({ title: t.title, category: t.category, tags: t.tags }));
  }

  it('puts a theme in its category (names compared without case), the rest in the default, with the fixed tags and one per theme', async () => {
    const topics = await exportWith({ categoryId: 7, categoryByTheme: { 'LERNEN ÜBER GRENZEN HINWEG': 2 }, tags: ['weltcafe'], tagPerThread: true }, 'theme');
    expect(topics).toHaveLength(4);
    expect(topics[0]).toEqual({ title: 'Lernen über Grenzen hinweg', category: 2, tags: ['weltcafe', 'lernen-uber-grenzen'] });
    expect(topics.slice(1).every((t) => t.category === 7 && t.tags[0] === 'weltcafe' && t.tags.length === 2)).toBe(true);
  });

  it('puts each question in the category of its round, and tags it round-<n>', async () => {
    const topics = await exportWith({ categoryByQuestion: { 1: 1, 2: 3 }, tagPerThread: true }, 'question');
    expect(topics.map((t) => [t.category, t.tags])).toEqual([
      [1, ['round-1']],
      [3, ['round-2']],
    ]);
  });
});
