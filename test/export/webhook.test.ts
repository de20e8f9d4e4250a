import MarkdownIt from 'markdown-it';
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExportError, type ExportClock } from '../../server/export/exporter.js';
import { idempotencyKeyFor, WebhookExporter, webhookSignature, type WebhookTarget } from '../../server/export/webhook.js';
import { freePort } from '../helpers/redis-server.js';
import { generateThreads, TINY_JPEG } from '../helpers/seed-threads.js';
import { startWebhookReceiver, verifySignature, type TestWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'whsec-4c1f0e2b9d';
const md = new MarkdownIt({ html: true, linkify: true });

/** A clock that moves only when the exporter sleeps, and remembers each sleep. */
function testClock(start = Date.UTC(2026, 2, 14, 18, 30)): ExportClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

let clock = testClock();
let receiver: TestWebhookReceiver;
const threads = generateThreads({ hostile: true, photos: true });

function exporter(overrides: Partial<WebhookTarget> = {}, random = () => 0.5) {
  return new WebhookExporter({ url: receiver.url, secret: SECRET, ...overrides }, clock, random);
}

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET, () => clock.now());
});
afterAll(async () => {
  await receiver.close();
});
afterEach(() => {
  receiver.requests.length = 0;
  receiver.deliveries.clear();
  clock = testClock();
});

type Element = DefaultTreeAdapterTypes.Element;
function elements(node: DefaultTreeAdapterTypes.ParentNode): Element[] {
  return node.childNodes.flatMap((child) => ('tagName' in child ? [child, ...elements(child)] : []));
}

describe('webhook exporter against a receiver that verifies and de-duplicates', () => {
  it('delivers 135 threads, each signed over timestamp and body, with a stable Idempotency-Key', async () => {
    const hook = exporter();
    for (const thread of threads) {
      await expect(hook.publish(thread)).resolves.toEqual({
        status: 'created',
        remoteId: idempotencyKeyFor(thread.cafeId, thread.id),
        url: `https://community.example/t/${encodeURIComponent(idempotencyKeyFor(thread.cafeId, thread.id))}`,
      });
    }
    expect(receiver.requests).toHaveLength(135);
    expect(receiver.requests.every((r) => r.answer === 201)).toBe(true);
    expect(receiver.deliveries.size).toBe(135);
    const first = receiver.requests[0]!;
    expect(first.headers['idempotency-key']).toMatch(/^cafe-export-test-[0-9a-f]{8}\.table-1-round-0-[0-9a-f]{8}$/);
    expect(first.headers['x-tablecloth-timestamp']).toBe(String(clock.now() / 1000));
    expect(first.headers['x-tablecloth-signature']).toBe(webhookSignature(SECRET, String(clock.now() / 1000), first.body));
  });

  it('sends the thread as data with text exactly as typed, the photos intact, and renderings that keep hostile text inert', async () => {
    const hook = exporter();
    for (const thread of threads.slice(0, 12)) await hook.publish(thread);
    for (const thread of threads.slice(0, 12)) {
      const body = receiver.deliveries.get(idempotencyKeyFor(thread.cafeId, thread.id)) as {
        format: string;
        version: number;
        thread: { id: string; title: string; ideas: { text: string; author: string | null }[]; photos: { base64: string; file: string }[] };
        rendered: { html: string; markdown: string };
      };
      expect(body).toMatchObject({ format: 'tablecloth-seed-thread', version: 1, thread: { id: thread.id, title: thread.title } });
      expect(body.thread.ideas.map((idea) => idea.text)).toEqual(thread.ideas.map((idea) => idea.text));
      expect(Buffer.compare(Buffer.from(body.thread.photos[0]!.base64, 'base64'), TINY_JPEG)).toBe(0);
      const html = elements(parseFragment(body.rendered.html));
      expect(html.filter((e) => e.tagName === 'script' || e.tagName === 'a' || e.attrs.some((a) => a.name.startsWith('on')))).toEqual([]);
      expect(html.filter((e) => e.tagName === 'img')).toHaveLength(1);
      const markdown = elements(parseFragment(md.render(body.rendered.markdown)));
      expect(markdown.filter((e) => ['script', 'a', 'img'].includes(e.tagName) && e.attrs.some((a) => a.value.includes('evil') || a.name.startsWith('on')))).toEqual([]);
      expect(markdown.filter((e) => e.tagName === 'a')).toEqual([]);
      expect(markdown.filter((e) => e.tagName === 'img').map((e) => e.attrs.find((a) => a.name === 'src')!.value)).toEqual([body.thread.photos[0]!.file]);
    }
  });

  it('sends the same body and key again on a re-run; the receiver replays its answer and the exporter reports found', async () => {
    const hook = exporter();
    for (const thread of threads.slice(0, 5)) await hook.publish(thread);
    const firstBodies = receiver.requests.map((r) => r.body);
    for (const thread of threads.slice(0, 5)) await expect(hook.publish(thread)).resolves.toMatchObject({ status: 'found' });
    expect(receiver.requests.slice(5).map((r) => r.body)).toEqual(firstBodies);
    expect(receiver.deliveries.size).toBe(5);
  });
});

describe('webhook exporter: retries', () => {
  it('retries 5xx with exponential backoff and jitter, on the injected clock, and succeeds', async () => {
    receiver.failNext(3, 503);
    const jitter = [0, 1, 0.5];
    await expect(exporter({ baseDelayMs: 100 }, () => jitter.shift()!).publish(threads[0]!)).resolves.toMatchObject({ status: 'created' });
    expect(receiver.requests.map((r) => r.answer)).toEqual([503, 503, 503, 201]);
    // Steps of 100, 200, 400 ms: half fixed, half jitter (0, 1, 0.5).
    expect(clock.sleeps).toEqual([50, 200, 300]);
  });

  it('re-signs each attempt with its own timestamp, so a retry after a long wait is not refused as stale', async () => {
    receiver.failNext(2, 500);
    await exporter({ baseDelayMs: 200_000, maxDelayMs: 400_000 }).publish(threads[0]!);
    const stamps = receiver.requests.map((r) => Number(r.headers['x-tablecloth-timestamp']));
    expect(stamps[2]! - stamps[0]!).toBeGreaterThan(300);
    expect(receiver.requests.at(-1)!.answer).toBe(201);
  });

  it('honours Retry-After on 429, in seconds and as an HTTP date', async () => {
    receiver.failNext(1, 429, { 'Retry-After': '7' });
    receiver.failNext(1, 503, { 'Retry-After': new Date(clock.now() + 7_000 + 12_000).toUTCString() });
    await exporter().publish(threads[0]!);
    expect(clock.sleeps).toEqual([7_000, 12_000]);
  });

  it('retries 408 and 409, and gives up on other 4xx at once: TARGET_REFUSED, final', async () => {
    receiver.failNext(1, 408);
    receiver.failNext(1, 409);
    await expect(exporter().publish(threads[0]!)).resolves.toMatchObject({ status: 'created' });
    receiver.requests.length = 0;
    receiver.failNext(1, 422);
    const error = await exporter().publish(threads[1]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect(error).toMatchObject({ code: 'TARGET_REFUSED', retryable: false });
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports a wrong secret as TARGET_AUTH without retrying or naming the secret', async () => {
    const error = await new WebhookExporter({ url: receiver.url, secret: 'not-the-secret-at-all' }, clock).publish(threads[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TARGET_AUTH', retryable: false });
    expect((error as Error).message).not.toContain('not-the-secret-at-all');
    expect(receiver.requests.map((r) => r.answer)).toEqual([401]);
  });

  it('after a lost answer sends again with the same key; the receiver keeps one delivery (at least once, de-duplicated)', async () => {
    receiver.loseNextAnswers(1);
    await expect(exporter().publish(threads[9]!)).resolves.toMatchObject({ status: 'found' });
    expect(receiver.requests.map((r) => r.answer)).toEqual(['lost', 200]);
    expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(receiver.deliveries.size).toBe(1);
  });

  it('gives up after maxAttempts of server errors with TARGET_UNREACHABLE, retryable, for the job to try later', async () => {
    receiver.failNext(4, 500);
    const error = await exporter({ maxAttempts: 4 }).publish(threads[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
    expect(receiver.requests).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than allowed: the job is told to try later', async () => {
    receiver.failNext(1, 503, { 'Retry-After': '3600' });
    const error = await exporter({ maxRetryAfterMs: 60_000 }).publish(threads[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
    expect(clock.sleeps).toEqual([]);
  });

  it('reports a rate limit that outlasts the attempts as TARGET_RATE_LIMITED, retryable', async () => {
    receiver.failNext(3, 429, { 'Retry-After': '2' });
    const error = await exporter({ maxAttempts: 3 }).publish(threads[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TARGET_RATE_LIMITED', retryable: true });
    expect(clock.sleeps).toEqual([2_000, 2_000]);
  });

  it('does not follow a redirect (it would send the thread somewhere not configured): TARGET_REFUSED', async () => {
    receiver.failNext(1, 307, { Location: 'https://elsewhere.example/hook' });
    const error = await exporter().publish(threads[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TARGET_REFUSED', retryable: false });
    expect((error as Error).message).toContain('https://elsewhere.example/hook');
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses a URL that is not http(s) or a short secret as TARGET_CONFIG before sending anything', async () => {
    await expect(new WebhookExporter({ url: 'ftp://example.org/hook', secret: SECRET }, clock).publish(threads[0]!)).rejects.toMatchObject({ code: 'TARGET_CONFIG', retryable: false });
    await expect(new WebhookExporter({ url: 'not a url', secret: SECRET }, clock).publish(threads[0]!)).rejects.toMatchObject({ code: 'TARGET_CONFIG' });
    await expect(new WebhookExporter({ url: receiver.url, secret: 'short' }, clock).publish(threads[0]!)).rejects.toMatchObject({ code: 'TARGET_CONFIG' });
    expect(receiver.requests).toEqual([]);
  });

  it('reports a receiver that is down as TARGET_UNREACHABLE after backing off', async () => {
    const hook = new WebhookExporter({ url: `http://127.0.0.1:${await freePort()}/hook`, secret: SECRET, maxAttempts: 3 }, clock, () => 0.5);
    const error = await hook.publish(threads[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(clock.sleeps).toEqual([375, 750]);
  });
});

describe('the verification recipe receivers follow', () => {
  it('accepts the signature the exporter makes and refuses a changed body or a moved timestamp', () => {
    const body = '{"thread":1}';
    const signature = webhookSignature(SECRET, '1773513000', body);
    expect(verifySignature(SECRET, '1773513000', body, signature)).toBe(true);
    expect(verifySignature(SECRET, '1773513000', '{"thread":2}', signature)).toBe(false);
    expect(verifySignature(SECRET, '1773513001', body, signature)).toBe(false);
  });

  it('lets the receiver refuse a replayed request once its timestamp is older than five minutes', async () => {
    await exporter().publish(threads[0]!);
    const captured = receiver.requests[0]!;
    await clock.sleep(301_000);
    const replay = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'another-key',
        'X-Tablecloth-Timestamp': String(captured.headers['x-tablecloth-timestamp']),
        'X-Tablecloth-Signature': String(captured.headers['x-tablecloth-signature']),
      },
      body: captured.body,
    });
    expect(replay.status).toBe(401);
    expect(receiver.deliveries.has('another-key')).toBe(false);
  });
});
