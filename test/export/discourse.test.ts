/**
 * The Discourse exporter against a local Discourse (test/helpers/discourse-server.ts) that
 * validates every request against Discourse's API description and answers as Discourse does:
 * rate limits, duplicate titles, lost answers, bad keys. Time is a stepping clock shared by the
 * exporter's backoff and the server's rate limit, so minutes of waiting take no time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { discourseExporter } from '../../server/export/discourse.js';
import { discourseExternalId } from '../../server/export/discourse-text.js';
import { ExportError, type ExportJournal, type Exporter, type PublishOutcome } from '../../server/export/exporter.js';
import { cookLikeDiscourse, startDiscourseServer, steppingClock, type DiscourseServerOptions, type DiscourseTestServer } from '../helpers/discourse-server.js';
import { generateThreads, TINY_JPEG, type ThreadOptions } from '../helpers/seed-threads.js';

const API_KEY = 'k3y-4b9f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b';
const journal: ExportJournal = { recordIntent: async () => {}, hadIntent: async () => false };

let servers: DiscourseTestServer[] = [];
afterEach(async () => {
  for (const server of servers) {
    // Every request the exporter sent is one the API description allows.
    expect(server.violations).toEqual([]);
    await server.close();
  }
  servers = [];
});

async function setUp(options: DiscourseServerOptions = {}, exporterKey = API_KEY) {
  const clock = steppingClock();
  const server = await startDiscourseServer({ apiKey: API_KEY, apiUsername: 'system', clock, categories: [1, 2, 3], ...options });
  servers.push(server);
  const exporter = () => discourseExporter({ baseUrl: server.url, apiKey: exporterKey, apiUsername: 'system', clock });
  return { clock, server, exporter };
}

/** Threads whose photos differ in content (as real photos do), so each is an upload of its own. */
function threads(options: ThreadOptions = {}): SeedThread[] {
  return generateThreads(options).map((thread, i) => ({
    ...thread,
    photos: thread.photos.map((photo) => ({ ...photo, bytes: Uint8Array.from([...TINY_JPEG, ...Buffer.from(`#${i}`)]) })),
  }));
}

type Result = PublishOutcome | ExportError;

/** What an export job does: each thread in turn, an ExportError recorded as that thread's failure. */
async function run(exporter: Exporter, list: SeedThread[]): Promise<Result[]> {
  const results: Result[] = [];
  for (const thread of list) {
    try {
      results.push(await exporter.publish(thread, journal));
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      results.push(error);
    }
  }
  return results;
}

const creates = (server: DiscourseTestServer) => server.requests.filter((r) => r.method === 'POST' && r.path === '/posts.json');
const statusOf = (r: Result) => (r instanceof ExportError ? r.code : r.status);

function expectEachExactlyOnce(server: DiscourseTestServer, list: SeedThread[]) {
  expect(server.topics).toHaveLength(list.length);
  for (const thread of list) {
    const id = discourseExternalId(thread.cafeId, thread.id);
    expect(server.topics.filter((t) => t.externalId === id), thread.id).toHaveLength(1);
  }
  expect(new Set(server.topics.map((t) => t.title.toLowerCase())).size).toBe(list.length);
}

describe('Discourse exporter', () => {
  it('exports 135 threads with photos through 429s in seconds, each exactly once; a second run creates nothing', async () => {
    const { clock, server, exporter } = await setUp();
    const list = threads({ photos: true });
    expect(list).toHaveLength(135);

    const started = performance.now();
    const first = await run(exporter(), list);
    const elapsed = performance.now() - started;

    expect(first.map(statusOf)).toEqual(list.map(() => 'created'));
    expectEachExactlyOnce(server, list);
    // 135 × (look-up, upload, create) at 60 a minute: rate limited again and again, waited for on the clock.
    expect(server.requests.filter((r) => r.status === 429).length).toBeGreaterThan(5);
    expect(clock.slept).toBeGreaterThanOrEqual(5 * 60_000);
    expect(elapsed).toBeLessThan(20_000);
    // Never more than 60 accepted in any minute.
    const accepted = server.requests.filter((r) => r.status !== 429).map((r) => r.at);
    for (const at of accepted) expect(accepted.filter((t) => t > at - 60_000 && t <= at).length).toBeLessThanOrEqual(60);

    for (const [i, thread] of list.entries()) {
      const outcome = first[i] as Extract<PublishOutcome, { status: 'created' }>;
      const topic = server.topicByExternalId(discourseExternalId(thread.cafeId, thread.id))!;
      expect(outcome.remoteId).toBe(String(topic.id));
      expect(outcome.url).toBe(`${server.url}/t/${topic.slug}/${topic.id}`);
      expect(topic.category).toBe(Number(thread.category));
      expect(topic.tags).toEqual(thread.tags);
      expect(topic.title).toBe(thread.title);
      // The photo was uploaded and is referenced by its short_url.
      const images = cookLikeDiscourse(topic.raw, ['strong_open', 'strong_close', 'em_open', 'em_close', 'image']).images;
      expect(images).toHaveLength(1);
      expect(images[0]!.alt).toBe(thread.photos[0]!.caption);
      expect(server.uploads.map((u) => u.shortUrl)).toContain(images[0]!.src);
    }
    expect(server.uploads).toHaveLength(135);

    const before = server.requests.length;
    const second = await run(exporter(), list);
    expect(second.map(statusOf)).toEqual(list.map(() => 'found'));
    expect(second.map((o) => (o as PublishOutcome & { remoteId: string }).remoteId)).toEqual(first.map((o) => (o as PublishOutcome & { remoteId: string }).remoteId));
    const again = server.requests.slice(before);
    expect(again.filter((r) => r.method === 'POST')).toEqual([]);
    expect(server.topics).toHaveLength(135);
    expect(server.uploads).toHaveLength(135);
  }, 60_000);

  it('a create whose answer was lost is found by the look-up right after it, not sent again', async () => {
    const { server, exporter } = await setUp({ rateLimit: null, loseAnswerOfCreates: [4] });
    const list = threads({ tables: 8, rounds: 1 });
    const results = await run(exporter(), list);
    expect(results.map(statusOf)).toEqual(['created', 'created', 'created', 'found', 'created', 'created', 'created', 'created']);
    expect(server.requests.filter((r) => r.status === 'lost')).toHaveLength(1);
    expectEachExactlyOnce(server, list);
    expect(creates(server)).toHaveLength(8);
  });

  it('a create whose answer was lost while the network went down fails retryable, and the next run finds it instead of creating it again', async () => {
    const { server, exporter } = await setUp({ rateLimit: null, loseAnswerOfCreates: [3], unreachableAfterLossMs: 60_000 });
    const list = threads({ tables: 20, rounds: 1, photos: true });
    const first = await run(exporter(), list);
    expect(first.slice(0, 2).map(statusOf)).toEqual(['created', 'created']);
    expect(first[2]).toBeInstanceOf(ExportError);
    expect(first[2]).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
    // Threads after it could not even be looked up while the network was down: nothing sent for them.
    const down = first.filter((r) => r instanceof ExportError);
    expect(down.length).toBeGreaterThan(1);
    for (const failure of down) expect(failure).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
    expect(first.slice(-3).map(statusOf)).toEqual(['created', 'created', 'created']);

    const lostId = discourseExternalId(list[2]!.cafeId, list[2]!.id);
    const second = await run(exporter(), list);
    expect(second[2]).toMatchObject({ status: 'found', remoteId: String(server.topicByExternalId(lostId)!.id) });
    expect(second.map(statusOf).filter((s) => s === 'created')).toHaveLength(down.length - 1);
    expect(second.every((r) => !(r instanceof ExportError))).toBe(true);
    expectEachExactlyOnce(server, list);
    expect(creates(server).filter((r) => r.externalId === lostId)).toHaveLength(1);
    // Its photo went up once; the found topic uploaded nothing on the second run.
    expect(server.requests.filter((r) => r.path === '/uploads.json' && r.status === 200)).toHaveLength(20);
  });

  it('a title already used on the site (in any case) gets the café’s title, then a short code — deterministically, once per thread', async () => {
    const { server, exporter } = await setUp({ rateLimit: null });
    const cafeA = threads({ tables: 3, rounds: 1, cafeId: 'cafe-a' });
    // Café B: the same titles, one upper-cased, and the same café title (so the second candidate is taken too once used).
    const cafeB = threads({ tables: 3, rounds: 1, cafeId: 'cafe-b' }).map((t, i) => (i === 1 ? { ...t, title: t.title.toUpperCase() } : t));
    const cafeC = threads({ tables: 3, rounds: 1, cafeId: 'cafe-c' });

    expect((await run(exporter(), cafeA)).map(statusOf)).toEqual(['created', 'created', 'created']);
    expect((await run(exporter(), cafeB)).map(statusOf)).toEqual(['created', 'created', 'created']);
    expect((await run(exporter(), cafeC)).map(statusOf)).toEqual(['created', 'created', 'created']);
    const titleOf = (t: SeedThread) => server.topicByExternalId(discourseExternalId(t.cafeId, t.id))!.title;
    expect(cafeB.map(titleOf)).toEqual(cafeB.map((t) => `${t.title} – ${t.cafeTitle}`));
    for (const t of cafeC) expect(titleOf(t)).toMatch(new RegExp(`^${t.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} – ${t.cafeTitle} \\([0-9a-f]{6}\\)$`));
    expect(server.requests.filter((r) => r.status === 422).length).toBe(3 + 6);

    // Run again: found by external id, whatever title each one got.
    const again = await run(exporter(), [...cafeA, ...cafeB, ...cafeC]);
    expect(again.map(statusOf)).toEqual(Array(9).fill('found'));
    expectEachExactlyOnce(server, [...cafeA, ...cafeB, ...cafeC]);
  });

  it('hostile text stays inert in the stored raw: no live mention, hashtag, link, onebox, BBCode or HTML', async () => {
    const { server, exporter } = await setUp({ rateLimit: null });
    const list = threads({ tables: 12, rounds: 2, hostile: true, photos: true });
    const results = await run(exporter(), list);
    expect(results.map(statusOf)).toEqual(list.map(() => 'created'));
    for (const [i, thread] of list.entries()) {
      const topic = server.topicByExternalId(discourseExternalId(thread.cafeId, thread.id))!;
      const cooked = cookLikeDiscourse(topic.raw, ['strong_open', 'strong_close', 'em_open', 'em_close', 'image']);
      expect(cooked.live, `${i}: ${topic.raw}`).toEqual([]);
      for (const idea of thread.ideas) {
        const text = idea.text.replace(/[\u202A-\u202E]/g, '');
        expect(cooked.texts.some((t) => t.startsWith(text)), idea.text).toBe(true);
      }
      expect(topic.raw).not.toMatch(/<(script|img|a)\b/i);
    }
  });

  it('a bad API key is TARGET_AUTH (not retryable), nothing is created, and the key is in no message', async () => {
    const { server, exporter } = await setUp({}, 'wrong-key-never-to-be-printed');
    const list = threads({ tables: 2, rounds: 1, photos: true });
    const results = await run(exporter(), list);
    for (const result of results) {
      expect(result).toBeInstanceOf(ExportError);
      expect(result).toMatchObject({ code: 'TARGET_AUTH', retryable: false });
      expect((result as ExportError).message).not.toContain('wrong-key-never-to-be-printed');
      expect(JSON.stringify(result)).not.toContain('wrong-key-never-to-be-printed');
    }
    expect(server.topics).toEqual([]);
    expect(server.uploads).toEqual([]);
    expect(creates(server)).toEqual([]);
  });

  it('rate limited without end is TARGET_RATE_LIMITED, retryable', async () => {
    const { server, exporter } = await setUp({ rateLimit: { max: 0, windowMs: 60_000 } });
    const [thread] = threads({ tables: 1, rounds: 1 });
    await expect(exporter().publish(thread!, journal)).rejects.toMatchObject({ code: 'TARGET_RATE_LIMITED', retryable: true });
    expect(server.topics).toEqual([]);
  });

  it('a 422 that is not about a used title is TARGET_INVALID with Discourse’s reason, not retryable', async () => {
    const { server, exporter } = await setUp({ rateLimit: null });
    const [thread] = threads({ tables: 1, rounds: 1 });
    const long = { ...thread!, title: `Ein ${'Schulentwicklungsprozessberatung'.repeat(2)} für alle` };
    await expect(exporter().publish(long, journal)).rejects.toMatchObject({
      code: 'TARGET_INVALID',
      retryable: false,
      message: expect.stringContaining('Title seems unclear'),
    });
    const wrongCategory = { ...thread!, category: '99' };
    await expect(exporter().publish(wrongCategory, journal)).rejects.toMatchObject({ code: 'TARGET_INVALID', message: expect.stringContaining('Category') });
    expect(server.topics).toEqual([]);
  });

  it('the category comes from categoryFor when given', async () => {
    const { server } = await setUp({ rateLimit: null });
    const clock = steppingClock();
    const exporter = discourseExporter({ baseUrl: server.url, apiKey: API_KEY, apiUsername: 'system', clock, categoryFor: () => 3 });
    const [thread] = threads({ tables: 1, rounds: 1 });
    expect(await exporter.publish({ ...thread!, category: 'Lernen' }, journal)).toMatchObject({ status: 'created' });
    expect(server.topics[0]!.category).toBe(3);
  });
});

describe('the local Discourse', () => {
  it('refuses and records a request the API description does not allow', async () => {
    const server = await startDiscourseServer({ apiKey: API_KEY, rateLimit: null });
    const headers = { 'Api-Key': API_KEY, 'Api-Username': 'system' };
    const bad = await fetch(`${server.url}/posts.json`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'A perfectly fine title', raw: 'A perfectly fine body text.', categoryId: 1 }),
    });
    expect(bad.status).toBe(400);
    const form = new FormData();
    form.set('file', new Blob([Uint8Array.from(TINY_JPEG)], { type: 'image/jpeg' }), 'x.jpg');
    expect((await fetch(`${server.url}/uploads.json`, { method: 'POST', headers, body: form })).status).toBe(400);
    expect((await fetch(`${server.url}/no/such/route.json`, { headers })).status).toBe(404);
    expect(server.violations).toHaveLength(3);
    expect(server.violations[0]).toMatch(/categoryId/);
    expect(server.violations[1]).toMatch(/upload_type/);
    expect(server.topics).toEqual([]);
    await server.close();
  });

  it('answers a known external id with a redirect to the topic, as Discourse does', async () => {
    const server = await startDiscourseServer({ apiKey: API_KEY, rateLimit: null });
    servers.push(server);
    const headers = { 'Api-Key': API_KEY, 'Api-Username': 'system', 'Content-Type': 'application/json' };
    const created = await fetch(`${server.url}/posts.json`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Was macht Lernen bedeutsam?', raw: 'Eine Frage aus dem Café, zum Weiterreden.', external_id: 'tc-abc' }),
    });
    expect(created.status).toBe(200);
    const lookup = await fetch(`${server.url}/t/external_id/TC-ABC.json`, { headers, redirect: 'manual' });
    expect(lookup.status).toBe(301);
    expect(lookup.headers.get('location')).toBe(`${server.url}/t/was-macht-lernen-bedeutsam/${server.topics[0]!.id}.json`);
    expect((await fetch(`${server.url}/t/external_id/tc-other.json`, { headers })).status).toBe(404);
  });
});
