/**
 * The webhook exporter: one signed JSON POST per seed thread to a configured URL.
 *
 * Delivery is at-least-once with a stable `Idempotency-Key` (café and thread): a POST whose
 * answer was lost is sent again with the same key and the same body, and the receiver keeps the
 * first. Each attempt is signed anew (HMAC-SHA256 over `timestamp.body`) so a receiver can refuse
 * a replayed request by its age; docs/export.md gives the verification recipe.
 */
import { createHmac } from 'node:crypto';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { ExportError, realClock, type ExportClock, type Exporter, type PublishOutcome } from './exporter.js';
import { photoFileName, safeName } from './file-names.js';
import { threadRecord } from './harvest-json.js';
import { threadHtml } from './thread-html.js';
import { threadMarkdown } from './thread-markdown.js';

export interface WebhookTarget {
  url: string;
  /** The shared HMAC key. Kept on the server: never logged, never in an error message. */
  secret: string;
  /** Attempts per thread before the job is told to try later (default 8). */
  maxAttempts?: number;
  /** First backoff in ms, doubled each attempt (default 500), and the most one wait may be (default 60 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for here; the job retries later (default 10 min). */
  maxRetryAfterMs?: number;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'X-Tablecloth-Signature';
export const TIMESTAMP_HEADER = 'X-Tablecloth-Timestamp';
export const WEBHOOK_FORMAT_VERSION = 1;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): the timestamp is signed too, so it cannot be moved. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function idempotencyKeyFor(cafeId: string, threadId: string): string {
  return `${safeName(cafeId)}.${safeName(threadId)}`;
}

/**
 * The body: the thread as data (text as typed: a receiver putting it into HTML escapes it), the
 * same thread rendered as neutralised Markdown and HTML for receivers that post it as it is, and
 * the photos inline. No time in it, so every attempt sends the same bytes.
 */
export function webhookBody(thread: SeedThread): string {
  const record = threadRecord(thread);
  const photoPath = (photo: SeedThread['photos'][number]) => `photos/${photoFileName(photo)}`;
  return JSON.stringify({
    format: 'tablecloth-seed-thread',
    version: WEBHOOK_FORMAT_VERSION,
    idempotencyKey: idempotencyKeyFor(thread.cafeId, thread.id),
    cafe: { id: thread.cafeId, title: thread.cafeTitle },
    thread: {
      ...record,
      photos: record.photos.map((photo, i) => ({ ...photo, base64: Buffer.from(thread.photos[i]!.bytes).toString('base64') })),
    },
    rendered: { markdown: threadMarkdown(thread, photoPath), html: threadHtml(thread, photoPath) },
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Answers worth another try: server errors, timeouts, a concurrent request with the same key, rate limits. */
const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 409 || status === 429;

type Attempt = { ok: true; response: Response } | { ok: false; retryAfter: number | null; reason: string; rateLimited: boolean };

/** A URL the exporter may post to: http or https, parsed once, so a typo is a configuration error and not a network error retried eight times. */
function checkTarget(hook: WebhookTarget): void {
  let url: URL | null = null;
  try {
    url = new URL(hook.url);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new ExportError('TARGET_CONFIG', 'The webhook URL must be an http or https URL', false);
  if (hook.secret.length < 16) throw new ExportError('TARGET_CONFIG', 'The webhook secret must be at least 16 characters', false);
}

export class WebhookExporter implements Exporter {
  readonly target = 'webhook';
  readonly guarantee =
    'At least once with a stable Idempotency-Key: a POST whose answer was lost is sent again with the same key and body, and the receiver keeps the first.';

  constructor(
    private readonly hook: WebhookTarget,
    private readonly clock: ExportClock = realClock,
    /** Jitter source; tests pass a fixed one. */
    private readonly random: () => number = Math.random,
  ) {}

  async publish(thread: SeedThread): Promise<PublishOutcome> {
    const body = webhookBody(thread);
    const key = idempotencyKeyFor(thread.cafeId, thread.id);
    checkTarget(this.hook);
    const attempts = this.hook.maxAttempts ?? 8;
    for (let n = 0; ; n++) {
      const attempt = await this.attempt(body, key);
      if (attempt.ok) return this.outcome(attempt.response, key);
      // A limit that outlasts our attempts is the target's rate limit, not an outage: the job says which.
      const code = attempt.rateLimited ? 'TARGET_RATE_LIMITED' : 'TARGET_UNREACHABLE';
      if (n === attempts - 1) throw new ExportError(code, `The webhook did not take the thread after ${attempts} attempts (${attempt.reason})`, true);
      if (attempt.retryAfter !== null && attempt.retryAfter > (this.hook.maxRetryAfterMs ?? 600_000)) {
        throw new ExportError(code, `The webhook asked to wait ${Math.round(attempt.retryAfter / 1000)} s (${attempt.reason})`, true);
      }
      await this.clock.sleep(attempt.retryAfter ?? this.backoff(n));
    }
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random, so retries of many threads spread out. */
  private backoff(n: number): number {
    const step = Math.min(this.hook.maxDelayMs ?? 60_000, (this.hook.baseDelayMs ?? 500) * 2 ** n);
    return Math.round(step / 2 + (step / 2) * this.random());
  }

  private async attempt(body: string, key: string): Promise<Attempt> {
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    let response: Response;
    try {
      response = await fetch(this.hook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(this.hook.secret, timestamp, body),
        },
        body,
        // A redirect would re-send the thread somewhere not configured: refused below instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.hook.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      return { ok: false, retryAfter: null, reason: `network: ${cause}`, rateLimited: false };
    }
    if (response.status >= 200 && response.status < 300) return { ok: true, response };
    await response.body?.cancel();
    if (RETRYABLE(response.status)) {
      const retryAfter = retryAfterMs(response.headers.get('retry-after'), this.clock.now());
      return { ok: false, retryAfter, reason: `HTTP ${response.status}`, rateLimited: response.status === 429 };
    }
    if (response.status === 401 || response.status === 403) {
      throw new ExportError('TARGET_AUTH', `The webhook refused the signature (HTTP ${response.status})`, false);
    }
    const redirect = response.status >= 300 && response.status < 400 ? `: a redirect to ${response.headers.get('location') ?? 'nowhere'}, not followed` : '';
    throw new ExportError('TARGET_REFUSED', `The webhook refused the thread (HTTP ${response.status}${redirect})`, false);
  }

  /** `found` when the receiver says it replayed an earlier answer for this key (`Idempotent-Replayed: true`). */
  private async outcome(response: Response, key: string): Promise<PublishOutcome> {
    let url: string | null = null;
    try {
      const answer: unknown = await response.json();
      if (answer && typeof answer === 'object' && typeof (answer as { url?: unknown }).url === 'string') url = (answer as { url: string }).url;
    } catch {
      // Any 2xx is success; a body is optional.
    }
    const replayed = response.headers.get('idempotent-replayed') === 'true';
    return { status: replayed ? 'found' : 'created', remoteId: key, url };
  }
}
