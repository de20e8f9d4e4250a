/**
 * Discourse exporter: one topic per seed thread, created with `POST /posts.json`.
 *
 * Delivery guarantee (docs/export.md, "Discourse"): every topic carries an `external_id` derived
 * from the café and the thread, and the exporter looks it up (`GET /t/external_id/{id}.json`)
 * before every create. A create whose answer was lost is therefore found, never sent again: right
 * away when the lookup after the loss gets through, or by the next run otherwise. Discourse
 * itself refuses a second topic with the same `external_id`, so even a second process cannot
 * make a duplicate. Photos are uploaded only when the topic is not there yet.
 *
 * Nothing here logs, and no error message carries the API key or a request header.
 */
import { createHash } from 'node:crypto';
import type { SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';
import { discourseExternalId, discourseTags, discourseTitles, renderDiscourseRaw, SHORT_URL } from './discourse-text.js';
import { ExportError, realClock, type ExportClock, type ExportJournal, type Exporter, type PublishOutcome } from './exporter.js';

export interface DiscourseExporterOptions {
  /** The site's address, e.g. `https://community.example.org` (a subfolder install keeps its path). */
  baseUrl: string;
  /** An API key allowed to create topics and uploads for `apiUsername` (an admin key, usually `system`). */
  apiKey: string;
  apiUsername: string;
  /** The category id for a thread; by default its `category` when that is a number, else none (the site's default). */
  categoryFor?(thread: SeedThread): number | null | undefined;
  /** The tags for a thread; by default its `tags`. Neutralised for Discourse either way. */
  tagsFor?(thread: SeedThread): string[];
  /** Time for backoff and `Retry-After`; tests pass one they move. */
  clock?: ExportClock;
  fetch?: typeof globalThis.fetch;
  /** How often one request is tried when rate limited (429) before giving up with TARGET_RATE_LIMITED. */
  maxRateLimitedAttempts?: number;
  /** How often a lookup or upload is tried when the network fails (creates are never re-sent blind). */
  maxNetworkAttempts?: number;
}

/** What a topic looks like once found or created. */
interface Topic {
  id: number;
  slug: string;
}

/** The first answer of a request, or `lost` when the connection failed before one came. */
type Answer = { lost: false; status: number; headers: Headers; body: unknown } | { lost: true; reason: string };

/** A 422 saying the title is taken (Discourse's English and German texts for `has_already_been_used`). */
const TITLE_TAKEN = /title.*(already been used|already been taken)|titel.*bereits (verwendet|benutzt|vergeben)/i;

const MAX_BACKOFF_MS = 120_000;

export function discourseExporter(options: DiscourseExporterOptions): Exporter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const clock = options.clock ?? realClock;
  const doFetch = options.fetch ?? globalThis.fetch;
  const maxRateLimited = options.maxRateLimitedAttempts ?? 10;
  const maxNetwork = options.maxNetworkAttempts ?? 4;
  const categoryFor =
    options.categoryFor ?? ((thread: SeedThread) => (thread.category !== null && /^\d+$/.test(thread.category) ? Number(thread.category) : null));
  /** Uploads of this exporter's lifetime by content hash: a retried thread does not upload its photos again. */
  const uploaded = new Map<string, string>();

  /** Never let the key reach a message, whatever a server echoes. */
  const redact = (text: string) => (options.apiKey ? text.split(options.apiKey).join('[redacted]') : text);
  const fail = (code: string, message: string, retryable: boolean) => new ExportError(code, redact(`Discourse: ${message}`), retryable);

  async function send(method: 'GET' | 'POST', path: string, body?: { json: unknown } | { form: FormData }): Promise<Answer> {
    const headers: Record<string, string> = { 'Api-Key': options.apiKey, 'Api-Username': options.apiUsername, Accept: 'application/json' };
    let payload: string | FormData | undefined;
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      payload = body.form;
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, body: payload, redirect: 'manual' });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { lost: true, reason: cause ?? (error instanceof Error ? error.name : 'network error') };
    }
    let parsed: unknown = null;
    try {
      const text = await response.text();
      parsed = text ? JSON.parse(text) : null;
    } catch (error) {
      if (!(error instanceof SyntaxError)) return { lost: true, reason: 'answer cut off' };
    }
    return { lost: false, status: response.status, headers: response.headers, body: parsed };
  }

  /** Waits as Discourse asks (`Retry-After`, or `extras.wait_seconds`), else doubling from 1 s. */
  function waitFor(answer: { headers: Headers; body: unknown }, attempt: number): number {
    const header = answer.headers.get('retry-after');
    let seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : NaN;
    if (Number.isNaN(seconds) && header) {
      const at = Date.parse(header);
      if (!Number.isNaN(at)) seconds = Math.max(0, (at - clock.now()) / 1000);
    }
    const extras = (answer.body as { extras?: { wait_seconds?: unknown } } | null)?.extras;
    if (Number.isNaN(seconds) && typeof extras?.wait_seconds === 'number') seconds = extras.wait_seconds;
    const ms = Number.isNaN(seconds) ? 1000 * 2 ** attempt : seconds * 1000;
    return Math.min(MAX_BACKOFF_MS, Math.max(ms, 250));
  }

  /**
   * One request through rate limits: a 429 waits and sends again (Discourse did nothing with the
   * refused request). A lost connection is retried only when `retryLost` (reads and uploads).
   */
  async function request(method: 'GET' | 'POST', path: string, what: string, retryLost: boolean, body?: () => { json: unknown } | { form: FormData }) {
    let limited = 0;
    let lostCount = 0;
    for (;;) {
      const answer = await send(method, path, body?.());
      if (answer.lost) {
        lostCount++;
        if (!retryLost || lostCount >= maxNetwork) return answer;
        await clock.sleep(1000 * 2 ** (lostCount - 1));
        continue;
      }
      if (answer.status === 429) {
        limited++;
        if (limited >= maxRateLimited) throw fail('TARGET_RATE_LIMITED', `${what}: still rate limited after ${limited} tries`, true);
        await clock.sleep(waitFor(answer, limited - 1));
        continue;
      }
      return answer;
    }
  }

  function errorsOf(body: unknown): string {
    const errors = (body as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? errors.filter((e) => typeof e === 'string').join('; ') : '';
  }

  /** Maps an answer that is not the expected one to an ExportError. */
  function refusal(what: string, answer: Answer): ExportError {
    if (answer.lost) return fail('TARGET_UNREACHABLE', `${what}: no answer (${answer.reason})`, true);
    const detail = errorsOf(answer.body);
    const says = detail ? `: ${detail}` : '';
    if (answer.status === 401 || answer.status === 403) return fail('TARGET_AUTH', `${what}: refused with ${answer.status}${says} (check the API key, its user and its scopes)`, false);
    if (answer.status === 422) return fail('TARGET_INVALID', `${what}: refused with 422${says}`, false);
    if (answer.status >= 500 || answer.status === 408) return fail('TARGET_UNREACHABLE', `${what}: answered ${answer.status}${says}`, true);
    return fail('TARGET_REFUSED', `${what}: answered ${answer.status}${says}`, false);
  }

  function topicUrl(topic: Topic): string {
    return `${base}/t/${encodeURIComponent(topic.slug)}/${topic.id}`;
  }

  /** Where a topic redirect points: `/t/{slug}/{id}(.json)`, absolute or not. */
  function topicFromLocation(location: string): Topic | null {
    let path: string;
    try {
      path = new URL(location, `${base}/`).pathname;
    } catch {
      return null;
    }
    const match = /\/t\/([^/]+)\/(\d+)(?:\.json)?\/?$/.exec(path);
    return match ? { slug: decodeURIComponent(match[1]!), id: Number(match[2]) } : null;
  }

  /** The topic with this external id, or null when Discourse has none. */
  async function lookUp(externalId: string): Promise<Topic | null> {
    const what = 'looking up the topic';
    const answer = await request('GET', `/t/external_id/${encodeURIComponent(externalId)}.json`, what, true);
    if (answer.lost) throw refusal(what, answer);
    if (answer.status >= 300 && answer.status < 400) {
      const topic = topicFromLocation(answer.headers.get('location') ?? '');
      if (!topic) throw fail('TARGET_REFUSED', `${what}: a redirect to no topic`, false);
      return topic;
    }
    if (answer.status === 200) {
      const body = answer.body as { id?: unknown; slug?: unknown } | null;
      if (typeof body?.id === 'number') return { id: body.id, slug: typeof body.slug === 'string' ? body.slug : 'topic' };
      throw fail('TARGET_REFUSED', `${what}: an answer without a topic`, false);
    }
    if (answer.status === 404) return null;
    throw refusal(what, answer);
  }

  async function upload(photo: SeedPhoto): Promise<string> {
    const key = createHash('sha256').update(photo.bytes).digest('hex');
    const known = uploaded.get(key);
    if (known) return known;
    const what = 'uploading a photo';
    const answer = await request('POST', '/uploads.json', what, true, () => {
      const form = new FormData();
      form.set('upload_type', 'composer');
      form.set('synchronous', 'true');
      form.set('file', new Blob([Uint8Array.from(photo.bytes)], { type: photo.contentType }), `tablecloth-${key.slice(0, 16)}.jpg`);
      return { form };
    });
    if (answer.lost || answer.status !== 200) throw refusal(what, answer);
    const shortUrl = (answer.body as { short_url?: unknown } | null)?.short_url;
    if (typeof shortUrl !== 'string' || !SHORT_URL.test(shortUrl)) throw fail('TARGET_REFUSED', `${what}: no usable short_url in the answer`, false);
    uploaded.set(key, shortUrl);
    return shortUrl;
  }

  async function publish(thread: SeedThread, _journal: ExportJournal): Promise<PublishOutcome> {
    const externalId = discourseExternalId(thread.cafeId, thread.id);
    const existing = await lookUp(externalId);
    if (existing) return { status: 'found', remoteId: String(existing.id), url: topicUrl(existing) };

    const photos = new Map<string, string>();
    for (const photo of thread.photos) photos.set(photo.id, await upload(photo));
    const raw = renderDiscourseRaw(thread, photos);
    const category = categoryFor(thread);
    const tags = discourseTags(options.tagsFor?.(thread) ?? thread.tags);
    const what = 'creating the topic';

    for (const title of discourseTitles(thread, externalId)) {
      const body: Record<string, unknown> = { title, raw, external_id: externalId };
      if (typeof category === 'number') body.category = category;
      if (tags.length) body.tags = tags;
      const answer = await request('POST', '/posts.json', what, false, () => ({ json: body }));
      if (answer.lost || answer.status >= 500) {
        // The create may have happened: look, never send it again blind.
        const found = await lookUp(externalId).catch(() => null);
        if (found) return { status: 'found', remoteId: String(found.id), url: topicUrl(found) };
        throw refusal(what, answer);
      }
      if (answer.status === 200) {
        const post = answer.body as { topic_id?: unknown; topic_slug?: unknown } | null;
        if (typeof post?.topic_id !== 'number') throw fail('TARGET_REFUSED', `${what}: an answer without a topic id`, false);
        const topic = { id: post.topic_id, slug: typeof post.topic_slug === 'string' ? post.topic_slug : 'topic' };
        return { status: 'created', remoteId: String(topic.id), url: topicUrl(topic) };
      }
      if (answer.status === 422) {
        // Another run (or a create racing this one) may own the external id by now.
        const found = await lookUp(externalId);
        if (found) return { status: 'found', remoteId: String(found.id), url: topicUrl(found) };
        if (TITLE_TAKEN.test(errorsOf(answer.body))) continue;
      }
      throw refusal(what, answer);
    }
    throw fail('TARGET_INVALID', `${what}: every title tried is already used on the site; edit the thread's title`, false);
  }

  return {
    target: 'discourse',
    guarantee:
      'Looks each topic up by its external_id before creating it, so a create whose answer was lost is found on the next look-up, never sent twice.',
    publish,
  };
}
