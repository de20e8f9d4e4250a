/**
 * The NING exporter against a local server that follows NING's API contract
 * (test/helpers/ning-server.ts): real HTTP on loopback, OAuth 1.0 PLAINTEXT checked, 503 past
 * 20 requests per second on a clock shared with the exporter, so rate-limited runs take no real time.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportError, type ExportClock, type Exporter, type ExportJournal, type PublishOutcome } from '../../server/export/exporter.js';
import { headerText } from '../../server/export/neutralize.js';
import { ningExporter, obtainNingToken, renderNingDescription, type NingExporterOptions } from '../../server/export/ning.js';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { startNingServer, type NingServer } from '../helpers/ning-server.js';
import { generateThreads, HOSTILE_TEXTS } from '../helpers/seed-threads.js';

// Secrets with characters that must be percent-encoded: a signature built without RFC 3986
// encoding (or encoded twice, or not at all in the header) does not match.
const CONSUMER = { consumerKey: 'tablecloth-key', consumerSecret: 'c0ns/umer s&cret+%ü' };
const MEMBER = { email: 'manager@example.org', password: 'pa:ss wörd', token: 'tok-3f9a', tokenSecret: 't0ken=se(cret)!*' };
const SUBDOMAIN = 'schulevonmorgen';

/** Time that moves only when someone sleeps: a backoff of seconds costs nothing. */
function steppedClock(): ExportClock & { slept: number[] } {
  let now = 1_750_000_000_000;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; } };
}

/**
 * The job's side of the journal, in memory: an intent is settled by `created` and by an
 * ExportError that says nothing was created (every code but TARGET_INVALID); never by `maybe-sent`.
 */
class MemoryJournal implements ExportJournal {
  readonly intents = new Set<string>();
  readonly settled = new Set<string>();
  async recordIntent(threadId: string): Promise<void> {
    this.intents.add(threadId);
  }
  async hadIntent(threadId: string): Promise<boolean> {
    return this.intents.has(threadId) && !this.settled.has(threadId);
  }
}

type Result = { thread: SeedThread; outcome: PublishOutcome } | { thread: SeedThread; error: ExportError };

/** What the export job does, reduced: each thread not yet settled, in turn, its outcome recorded. */
async function runExport(exporter: Exporter, threads: SeedThread[], journal: MemoryJournal): Promise<Result[]> {
  const results: Result[] = [];
  for (const thread of threads.filter((t) => !journal.settled.has(t.id))) {
    try {
      const outcome = await exporter.publish(thread, journal);
      if (outcome.status === 'created') journal.settled.add(thread.id);
      results.push({ thread, outcome });
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      if (error.code !== 'TARGET_INVALID') journal.settled.add(thread.id);
      results.push({ thread, error });
    }
  }
  return results;
}

const statuses = (results: Result[]) => results.map((r) => ('outcome' in r ? r.outcome.status : r.error.code));
const count = (values: string[], value: string) => values.filter((v) => v === value).length;

let server: NingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(clock = steppedClock(), overrides: Partial<NingExporterOptions> = {}) {
  server = await startNingServer({ subdomain: SUBDOMAIN, ...CONSUMER, members: [MEMBER], clock });
  const exporter = ningExporter({ subdomain: SUBDOMAIN, ...CONSUMER, token: MEMBER.token, tokenSecret: MEMBER.tokenSecret, baseUrl: server.baseUrl, clock, ...overrides });
  return { server, exporter, clock, journal: new MemoryJournal() };
}

async function rejection(promise: Promise<unknown>): Promise<ExportError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExportError);
  return error as ExportError;
}

describe('NING exporter', () => {
  it('creates each of 135 threads exactly once, waiting out the 503s of the 20-per-second limit', async () => {
    const { server, exporter, clock, journal } = await setup(steppedClock(), { bundleByCategory: { '1': 'forum-a', '2': 'forum-b' }, bundleId: 'forum-default' });
    const threads = generateThreads();
    expect(threads).toHaveLength(135);

    const results = await runExport(exporter, threads, journal);

    expect(count(statuses(results), 'created')).toBe(135);
    expect(server.discussions).toHaveLength(135);
    expect(new Set(server.discussions.map((d) => d.title))).toEqual(new Set(threads.map((t) => headerText(t.title))));
    const remoteIds = results.map((r) => ('outcome' in r && r.outcome.status === 'created' ? r.outcome.remoteId : null));
    expect(new Set(remoteIds)).toEqual(new Set(server.discussions.map((d) => d.id)));
    // The limit was hit and waited out on the shared clock, one second at a time.
    expect(server.requests.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(6);
    expect(clock.slept.length).toBeGreaterThanOrEqual(6);
    expect(clock.slept.every((ms) => ms === 1000)).toBe(true);
    // The forum follows the thread's category, NING's tag list the thread's tags.
    const byTitle = new Map(server.discussions.map((d) => [d.title, d]));
    const first = byTitle.get(headerText(threads[0]!.title))!;
    expect([first.bundleId, first.tagNames]).toEqual(['forum-a', 'weltcafe, runde-1']);
    expect(byTitle.get(headerText(threads[134]!.title))!.bundleId).toBe('forum-default');
  });

  it('reports a thread whose answer was lost as maybe sent, and a re-run creates nothing more', async () => {
    const { server, exporter, journal } = await setup();
    const threads = generateThreads();
    server.loseAnswerOfCreate(60);

    const first = await runExport(exporter, threads, journal);
    expect(count(statuses(first), 'created')).toBe(134);
    const maybe = first.filter((r) => 'outcome' in r && r.outcome.status === 'maybe-sent');
    expect(maybe.map((r) => r.thread.id)).toEqual([threads[59]!.id]);
    expect(server.requests.filter((r) => r.status === 'lost')).toHaveLength(1);
    expect(server.discussions).toHaveLength(135);

    const requestsBefore = server.requests.length;
    const second = await runExport(exporter, threads, journal);
    expect(second.map((r) => [r.thread.id, 'outcome' in r && r.outcome.status])).toEqual([[threads[59]!.id, 'maybe-sent']]);
    expect(server.requests.length).toBe(requestsBefore);
    expect(server.discussions).toHaveLength(135);
    expect(new Set(server.discussions.map((d) => d.title)).size).toBe(135);
  });

  it('refuses bad credentials with TARGET_AUTH, creates nothing and names no secret', async () => {
    const { server } = await setup();
    const threads = generateThreads({ tables: 2, rounds: 1 });
    const wrong: Partial<NingExporterOptions>[] = [
      { tokenSecret: 'not-the-secret' },
      { consumerSecret: 'not-the-consumer-secret' },
      { consumerKey: 'someone-else' },
      { token: 'unknown-token' },
    ];
    for (const override of wrong) {
      const exporter = ningExporter({ subdomain: SUBDOMAIN, ...CONSUMER, token: MEMBER.token, tokenSecret: MEMBER.tokenSecret, baseUrl: server.baseUrl, clock: steppedClock(), ...override });
      const error = await rejection(exporter.publish(threads[0]!, new MemoryJournal()));
      expect(error.code).toBe('TARGET_AUTH');
      for (const secret of [CONSUMER.consumerSecret, MEMBER.tokenSecret, 'not-the-secret', 'not-the-consumer-secret']) expect(error.message).not.toContain(secret);
    }
    expect(server.discussions).toHaveLength(0);
    expect(server.requests.map((r) => r.status)).toEqual([401, 401, 401, 401]);
  });

  it("obtains a member's token with basic auth, and that token creates a discussion", async () => {
    const { server, clock } = await setup();
    const token = await obtainNingToken({ subdomain: SUBDOMAIN, ...CONSUMER, email: MEMBER.email, password: MEMBER.password, baseUrl: server.baseUrl, clock });
    expect(token).toEqual({ token: MEMBER.token, tokenSecret: MEMBER.tokenSecret });

    const exporter = ningExporter({ subdomain: SUBDOMAIN, ...CONSUMER, ...token, baseUrl: server.baseUrl, clock });
    const outcome = await exporter.publish(generateThreads({ tables: 1, rounds: 1 })[0]!, new MemoryJournal());
    expect(outcome.status).toBe('created');
    expect(server.discussions.map((d) => d.author)).toEqual([MEMBER.email]);

    const error = await rejection(obtainNingToken({ subdomain: SUBDOMAIN, ...CONSUMER, email: MEMBER.email, password: 'guess', baseUrl: server.baseUrl, clock }));
    expect(error.code).toBe('TARGET_AUTH');
    expect(error.message).not.toContain('guess');
  });

  it('reports an HTML page answered with 200 as TARGET_INVALID, and does not send that thread again', async () => {
    const { server, exporter, journal } = await setup();
    const threads = generateThreads({ tables: 3, rounds: 1 });
    server.misbehave('html-200');

    const first = await runExport(exporter, threads.slice(0, 1), journal);
    expect(statuses(first)).toEqual(['TARGET_INVALID']);
    expect('error' in first[0]! && first[0].error.message).toMatch(/may have created/);

    server.misbehave(null);
    const second = await runExport(exporter, threads, journal);
    expect(statuses(second)).toEqual(['maybe-sent', 'created', 'created']);
    expect(server.requests.filter((r) => r.path.endsWith('/Discussion'))).toHaveLength(3);
  });

  it('reports a 200 without an id as TARGET_INVALID, never as a success', async () => {
    const { server, exporter } = await setup();
    server.misbehave('no-id-200');
    const error = await rejection(exporter.publish(generateThreads({ tables: 1, rounds: 1 })[0]!, new MemoryJournal()));
    expect([error.code, error.retryable]).toEqual(['TARGET_INVALID', false]);
  });

  it('reports a create that gets no answer in time as maybe sent', async () => {
    const { server, exporter } = await setup(steppedClock(), { timeoutMs: 300 });
    server.misbehave('hang');
    const outcome = await exporter.publish(generateThreads({ tables: 1, rounds: 1 })[0]!, new MemoryJournal());
    expect(outcome).toMatchObject({ status: 'maybe-sent', reason: expect.stringMatching(/no answer in time/) });
  });

  it('reports a 500 from NING as maybe sent (the server may have acted before failing)', async () => {
    const { server, exporter } = await setup();
    server.misbehave('error-500');
    const outcome = await exporter.publish(generateThreads({ tables: 1, rounds: 1 })[0]!, new MemoryJournal());
    expect(outcome).toMatchObject({ status: 'maybe-sent', reason: expect.stringMatching(/NING answered 500: Internal error/) });
  });

  it('reports a discussion NING refuses (a title that is empty once controls are removed) as TARGET_REFUSED', async () => {
    const { server, exporter } = await setup();
    const [thread] = generateThreads({ tables: 1, rounds: 1 });
    const error = await rejection(exporter.publish({ ...thread!, title: '\u202E\u202C' }, new MemoryJournal()));
    expect([error.code, error.retryable]).toEqual(['TARGET_REFUSED', false]);
    expect(server.requests.map((r) => r.status)).toEqual([400]);
  });

  it('gives up with a retryable TARGET_RATE_LIMITED after its bounded backoff, having created nothing', async () => {
    // The server's clock stands still, so its window never empties however long the exporter waits.
    const serverClock = { now: () => 0, sleep: async () => {} };
    const exporterClock = steppedClock();
    server = await startNingServer({ subdomain: SUBDOMAIN, ...CONSUMER, members: [MEMBER], clock: serverClock, limitPerSecond: 0 });
    const exporter = ningExporter({ subdomain: SUBDOMAIN, ...CONSUMER, token: MEMBER.token, tokenSecret: MEMBER.tokenSecret, baseUrl: server.baseUrl, clock: exporterClock, maxAttempts: 4 });

    const error = await rejection(exporter.publish(generateThreads({ tables: 1, rounds: 1 })[0]!, new MemoryJournal()));
    expect([error.code, error.retryable]).toEqual(['TARGET_RATE_LIMITED', true]);
    expect(exporterClock.slept).toEqual([1000, 2000, 4000]);
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect(server.discussions).toHaveLength(0);
  });

  it('reports a closed port and a failed TLS handshake as TARGET_UNREACHABLE, nothing sent', async () => {
    const { server } = await setup();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // https:// to a server that speaks plain HTTP: the handshake fails before any request leaves.
    const tls = server.baseUrl.replace('http://', 'https://');
    for (const baseUrl of [`http://127.0.0.1:${closedPort}/xn/rest`, tls]) {
      const exporter = ningExporter({ subdomain: SUBDOMAIN, ...CONSUMER, token: MEMBER.token, tokenSecret: MEMBER.tokenSecret, baseUrl, clock: steppedClock() });
      const error = await rejection(exporter.publish(generateThreads({ tables: 1, rounds: 1 })[0]!, new MemoryJournal()));
      expect([error.code, error.retryable]).toEqual(['TARGET_UNREACHABLE', true]);
    }
    expect(server.discussions).toHaveLength(0);
  });

  it('refuses a custom domain where the NING subdomain belongs', () => {
    expect(() => ningExporter({ subdomain: 'community.example.org', ...CONSUMER, token: 't', tokenSecret: 's' })).toThrow(/subdomain/);
  });

  it('stores hostile text inert: the description has only our own elements and no attributes', async () => {
    const { server, exporter, journal } = await setup();
    const threads = generateThreads({ tables: 12, rounds: 1, hostile: true, photos: true });
    const results = await runExport(exporter, threads, journal);
    expect(count(statuses(results), 'created')).toBe(12);

    const allText: string[] = [];
    for (const discussion of server.discussions) {
      const elements: { tag: string; attrs: string[] }[] = [];
      const walk = (node: DefaultTreeAdapterMap['parentNode'] | DefaultTreeAdapterMap['childNode']): void => {
        if ('tagName' in node) elements.push({ tag: node.tagName, attrs: node.attrs.map((a) => a.name) });
        if (node.nodeName === '#text' && 'value' in node) allText.push(node.value);
        if ('childNodes' in node) node.childNodes.forEach(walk);
      };
      walk(parseFragment(discussion.description));
      expect(elements.every((e) => ['ul', 'li', 'h3', 'p', 'strong', 'em'].includes(e.tag))).toBe(true);
      expect(elements.flatMap((e) => e.attrs)).toEqual([]);
      expect(discussion.title).not.toMatch(/[\u202A-\u202E]/);
    }
    const text = allText.join('\n');
    // Every hostile text reached NING as text (the bidi override removed), none as markup.
    for (const hostile of HOSTILE_TEXTS) expect(text).toContain(hostile.replace(/[\u202A-\u202E]/g, ''));
    expect(text).toContain('Tischdecke von Tisch 1, Runde 1');
  });

  it('renders provenance, ideas and the invitation in the thread\'s language, authors only where they opted in', () => {
    const [thread] = generateThreads({ tables: 1, rounds: 1 });
    const english: SeedThread = { ...thread!, language: 'en', invitation: 'What would you add?' };
    const html = renderNingDescription(english);
    expect(html).toContain('<h3>Ideas</h3>');
    expect(html).toContain('Stakeholder mix: Lehrkräfte (');
    expect(html).toContain('No ideas from: Verwaltung');
    expect(html).toContain('<p><strong>What would you add?</strong></p>');
    expect(renderNingDescription(thread!)).toContain('<h3>Ideen</h3>');
    const authors = [...html.matchAll(/<em>([^<]*)<\/em>/g)].map((m) => m[1]);
    expect(authors).toEqual(thread!.ideas.filter((i) => i.author).map((i) => i.author));
  });
});
