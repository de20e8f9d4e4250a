/**
 * The NING exporter: one discussion per seed thread through NING's API 2.0
 * (`POST {baseUrl}/{subdomain}/2.0/Discussion`), signed with OAuth 1.0 PLAINTEXT
 * (see ../shared/reference/ning/NOTES.md and docs/export.md, "NING").
 *
 * NING has no lookup by an id of ours, so a create whose answer was lost cannot be checked
 * from here. The exporter records its intent in the journal before sending, and a thread with
 * an intent but no outcome is never sent again: it is reported as `maybe-sent`.
 */
import OAuth from 'oauth-1.0a';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { ExportError, realClock, type ExportClock, type Exporter, type ExportJournal, type PublishOutcome } from './exporter.js';
import { bodyHtml } from '../../shared/harvest/body-html.js';
import { escapeHtml, headerText, plainText } from './neutralize.js';

export const NING_BASE_URL = 'https://external.ningapis.com/xn/rest';

/** The member whose token signs the requests: the discussions appear under this member's name. */
export interface NingCredentials {
  subdomain: string;
  consumerKey: string;
  consumerSecret: string;
}

export interface NingExporterOptions extends NingCredentials {
  token: string;
  tokenSecret: string;
  baseUrl?: string;
  /** The forum (NING "bundle") for every discussion; NING's default forum when absent. */
  bundleId?: string;
  /** A forum per seed thread category (thread.category → bundleId); falls back to `bundleId`. */
  bundleByCategory?: Readonly<Record<string, string>>;
  clock?: ExportClock;
  fetch?: typeof fetch;
  /** How long to wait for an answer before reporting the thread as maybe sent. */
  timeoutMs?: number;
  /** Sends of one thread while NING answers 503 (its limit of 20 requests per second). */
  maxAttempts?: number;
}

export const NING_GUARANTEE =
  'At most once: NING has no lookup, so each send is recorded before it leaves; a thread whose answer was lost is reported as "maybe sent" for the community manager to check, and never sent again.';

/** The limit is per second, so the first wait is a whole second; then it doubles. */
const FIRST_BACKOFF_MS = 1000;

export function ningExporter(options: NingExporterOptions): Exporter {
  const api = ningApi(options);
  return {
    target: 'ning',
    guarantee: NING_GUARANTEE,
    async publish(thread: SeedThread, journal: ExportJournal): Promise<PublishOutcome> {
      if (await journal.hadIntent(thread.id)) {
        return {
          status: 'maybe-sent',
          reason: 'An earlier export sent this thread to NING and never learned whether NING created it. Look for it on the network before exporting it again.',
        };
      }
      const fields: Record<string, string> = { title: discussionTitle(thread), description: renderNingDescription(thread) };
      const bundleId = (thread.category && options.bundleByCategory?.[thread.category]) || options.bundleId;
      if (bundleId) fields['bundleId'] = bundleId;
      // Comma-separated, as NING's own PHP client sends tagNames.
      if (thread.tags.length > 0) fields['tagNames'] = thread.tags.map((tag) => headerText(tag).replace(/,/g, ' ')).join(', ');

      await journal.recordIntent(thread.id);
      const sent = await api.send('2.0/Discussion', fields, { token: { key: options.token, secret: options.tokenSecret } });
      if (sent.kind === 'lost') {
        return { status: 'maybe-sent', reason: `Sent to NING, but ${sent.what}: NING may or may not have created the discussion. Look for it on the network.` };
      }
      const created = createdDiscussion(sent.body);
      if (!created) throw invalidAnswer(sent.status, 'without the id of a discussion', true);
      return { status: 'created', remoteId: created.id, url: created.url };
    },
  };
}

/**
 * Obtains a member's OAuth token from NING's `1.0/Token` with that member's e-mail and password
 * (basic auth, as NOTES.md says). For the configuration step; the password is used once and
 * kept nowhere.
 */
export async function obtainNingToken(
  options: NingCredentials & { email: string; password: string; baseUrl?: string; clock?: ExportClock; fetch?: typeof fetch; timeoutMs?: number },
): Promise<{ token: string; tokenSecret: string }> {
  const api = ningApi(options);
  const basic = `Basic ${Buffer.from(`${options.email}:${options.password}`, 'utf8').toString('base64')}`;
  const sent = await api.send('1.0/Token', {}, { basic });
  if (sent.kind === 'lost') throw new ExportError('TARGET_UNREACHABLE', `No token: ${sent.what}. Try again later.`, true);
  const entry = objectAt(objectAt(sent.body, 'entry'), null);
  const token = entry?.['oauthToken'];
  const tokenSecret = entry?.['oauthTokenSecret'];
  if (typeof token !== 'string' || typeof tokenSecret !== 'string' || !token || !tokenSecret) {
    throw invalidAnswer(sent.status, 'without a token', false);
  }
  return { token, tokenSecret };
}

/** `lost`: the request may have reached NING, and no answer we can read came back. */
type Sent = { kind: 'answered'; status: number; body: unknown } | { kind: 'lost'; what: string };

/** What both calls share: the URL, signing, the 503 backoff and the reading of answers. */
function ningApi(options: NingCredentials & { baseUrl?: string; clock?: ExportClock; fetch?: typeof fetch; timeoutMs?: number; maxAttempts?: number }) {
  // The API wants the network's NING subdomain; a custom domain (with dots) is refused there.
  if (!/^[A-Za-z0-9-]+$/.test(options.subdomain)) {
    throw new ExportError('TARGET_CONFIG', 'The NING subdomain must be the network\'s name on ning.com (letters, digits, hyphens), not a custom domain.', false);
  }
  const baseUrl = (options.baseUrl ?? NING_BASE_URL).replace(/\/+$/, '');
  const clock = options.clock ?? realClock;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const oauth = new OAuth({ consumer: { key: options.consumerKey, secret: options.consumerSecret }, signature_method: 'PLAINTEXT' });

  /**
   * Sends a form, signed as a member (`token`: the OAuth Authorization header) or, for the token
   * request, with basic auth, the consumer's OAuth parameters then going in the form.
   */
  async function send(resource: string, fields: Record<string, string>, as: { token: OAuth.Token } | { basic: string }): Promise<Sent> {
    const url = `${baseUrl}/${options.subdomain}/${resource}`;
    for (let attempt = 1; ; attempt++) {
      // Signed afresh on every attempt: a new nonce and timestamp, as OAuth servers require.
      const signed = oauth.authorize({ url, method: 'POST', data: fields }, 'token' in as ? as.token : undefined);
      const body = new URLSearchParams(fields);
      let authorization: string;
      if ('token' in as) {
        authorization = oauth.toHeader(signed).Authorization;
      } else {
        authorization = as.basic;
        for (const [name, value] of Object.entries(signed)) body.set(name, String(value));
      }
      const headers = { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
      let response: Response;
      let text: string;
      try {
        // A redirect is not how the API answers (a login page, a moved network): reported, not followed.
        response = await doFetch(url, { method: 'POST', headers, body: body.toString(), redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
        text = await response.text();
      } catch (error) {
        const refused = refusedBeforeSending(error);
        if (refused) throw new ExportError('TARGET_UNREACHABLE', `Could not reach NING at ${baseUrl} (${refused}); nothing was sent.`, true);
        return { kind: 'lost', what: `the request left but no answer came back (${failureName(error)})` };
      }
      if (response.status === 503) {
        if (attempt >= maxAttempts) {
          throw new ExportError('TARGET_RATE_LIMITED', `NING kept answering 503 (more than 20 requests per second on this network) after ${attempt} attempts; nothing was created.`, true);
        }
        await clock.sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
        continue;
      }
      const json = parseJson(text);
      if (response.status === 401 || response.status === 403) {
        throw new ExportError('TARGET_AUTH', `NING refused the credentials (${response.status}${ningReason(json)}); nothing was created. Check the consumer key and secret and the member's token.`, false);
      }
      if (response.status >= 500) {
        return { kind: 'lost', what: `NING answered ${response.status}${ningReason(json)}` };
      }
      if (response.status >= 400) {
        throw new ExportError('TARGET_REFUSED', `NING refused the request (${response.status}${ningReason(json)}); nothing was created.`, false);
      }
      if (response.status < 200 || response.status >= 300 || json === undefined) {
        throw invalidAnswer(response.status, json === undefined ? 'that is not JSON' : 'that is not a success', resource !== '1.0/Token');
      }
      if (objectAt(json, null)?.['success'] !== true) throw invalidAnswer(response.status, 'without "success": true', resource !== '1.0/Token');
      return { kind: 'answered', status: response.status, body: json };
    }
  }

  return { send };
}

/** The id of the created discussion: top-level `id` as NING's clients read it, or an `entry`'s. */
function createdDiscussion(body: unknown): { id: string; url: string | null } | null {
  const top = objectAt(body, null);
  const entryField = top?.['entry'];
  const entry = objectAt(Array.isArray(entryField) ? entryField[0] : entryField, null);
  const id = typeof top?.['id'] === 'string' ? top['id'] : entry?.['id'];
  if (typeof id !== 'string' || id === '') return null;
  const url = entry?.['url'] ?? top?.['url'];
  return { id, url: typeof url === 'string' && /^https?:\/\//.test(url) ? url : null };
}

function invalidAnswer(status: number, what: string, mayHaveCreated: boolean): ExportError {
  const consequence = mayHaveCreated ? ' It may have created the discussion: look for it on the network before exporting this thread again.' : '';
  return new ExportError('TARGET_INVALID', `NING answered ${status} with a body ${what}; this is not how NING's API answers.${consequence}`, false);
}

/** Failures in which no byte of the request left: DNS, refused connections, TLS handshakes. */
const BEFORE_SENDING = new Set([
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
  'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_INVALID_URL',
]);

function refusedBeforeSending(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && BEFORE_SENDING.has(code)) return code;
  }
  return null;
}

function failureName(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'connection lost';
}

/** NING's own error text (`reason`), cut short and made one line; never the request's headers. */
function ningReason(body: unknown): string {
  const reason = objectAt(body, null)?.['reason'];
  return typeof reason === 'string' && reason ? `: ${headerText(reason, 160)}` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function objectAt(value: unknown, key: string | null): Record<string, unknown> | null {
  const inner = key === null ? value : value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : null;
}

/** NING's title is plain text (NING escapes it): one line, no controls. */
export function discussionTitle(thread: SeedThread): string {
  return headerText(thread.title, 200);
}

const LABELS = {
  en: {
    from: 'From the World Café', question: 'Question', round: 'round', rounds: 'Rounds', tables: 'Tables',
    mix: 'Stakeholder mix', ideasOf: (n: number) => (n === 1 ? '1 idea' : `${n} ideas`), missing: 'No ideas from',
    votes: 'Votes', ideas: 'Ideas', insights: 'Key insights from the tables', key: 'key idea of its table', photos: 'Photos (kept by the facilitator, not uploaded)',
  },
  de: {
    from: 'Aus dem World Café', question: 'Frage', round: 'Runde', rounds: 'Runden', tables: 'Tische',
    mix: 'Beteiligte Gruppen', ideasOf: (n: number) => (n === 1 ? '1 Idee' : `${n} Ideen`), missing: 'Keine Ideen aus',
    votes: 'Stimmen', ideas: 'Ideen', insights: 'Kernerkenntnisse der Tische', key: 'Kernidee des Tisches', photos: 'Fotos (bei der Moderation, nicht hochgeladen)',
  },
} as const;

/** Participants' and facilitators' text as HTML text: controls removed, then escaped. */
const text = (value: string): string => escapeHtml(plainText(value));

/**
 * The discussion's body as HTML: provenance, the ideas as a list, the photos by caption, the
 * invitation. Only our own elements, none with attributes; every piece of café text is escaped.
 * An edited body is the facilitator's Markdown through markdown-it (raw HTML as text), then the captions.
 */
export function renderNingDescription(thread: SeedThread): string {
  const l = LABELS[thread.language];
  const mix = thread.stakeholderMix;
  const provenance = [
    `<li>${l.from}: ${text(thread.cafeTitle)}</li>`,
    ...thread.questions.map((q) => `<li>${l.question} (${l.round} ${q.round + 1}): ${text(q.text)}</li>`),
    `<li>${l.rounds}: ${thread.rounds.map((r) => r + 1).join(', ')}</li>`,
    `<li>${l.tables}: ${thread.tableNames.map(text).join(', ')}</li>`,
    mix.contributed.length > 0 || mix.missing.length > 0
      ? `<li>${l.mix}: ${mix.contributed.map((c) => `${text(c.group)} (${l.ideasOf(c.ideas)})`).join(', ')}${
          mix.missing.length > 0 ? `; ${l.missing}: ${mix.missing.map(text).join(', ')}` : ''
        }</li>`
      : '',
    thread.votes === null ? '' : `<li>${l.votes}: ${thread.votes}</li>`,
  ];
  const ideas = thread.ideas.map(
    (idea) => `<li>${text(idea.text)}${idea.author ? ` — <em>${text(idea.author)}</em>` : ''}${idea.starred ? ` (${l.key})` : ''}</li>`,
  );
  const insights = thread.insights.map((insight) => `<li>${text(insight.text)} (${text(insight.tableName)}, ${l.round} ${insight.round + 1})</li>`);
  const photos = thread.photos.map((photo) => `<li>${text(photo.caption)}</li>`);
  if (thread.body !== undefined) return [bodyHtml(plainText(thread.body)).trimEnd(), photos.length > 0 ? `<h3>${l.photos}</h3><ul>${photos.join('')}</ul>` : ''].join('\n');
  return [
    `<ul>${provenance.join('')}</ul>`,
    insights.length > 0 ? `<h3>${l.insights}</h3><ul>${insights.join('')}</ul>` : '',
    ideas.length > 0 ? `<h3>${l.ideas}</h3><ul>${ideas.join('')}</ul>` : '',
    photos.length > 0 ? `<h3>${l.photos}</h3><ul>${photos.join('')}</ul>` : '',
    `<p><strong>${text(thread.invitation)}</strong></p>`,
  ].join('\n');
}
