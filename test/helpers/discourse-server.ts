/**
 * A local Discourse for the exporter's contract tests (node:http on 127.0.0.1, port 0).
 *
 * Every request is validated against Discourse's published API description
 * (`test/fixtures/discourse/openapi.json`, a copy of the team's reference; OpenAPI 3.1 = JSON Schema 2020-12) with the
 * written overlay from the notes beside it: `tags` added to the `/posts.json` body, and the error
 * answers (403, 404, 422, 429) the description leaves out. A request it would reject is answered
 * 400 and recorded in `violations`, which a test asserts empty. Its own answers are validated too
 * (a fake that answers what Discourse never would proves nothing).
 *
 * It answers like Discourse (default site settings): 403 for a bad key; 422 `{"errors": […]}` for
 * a title already used on the site (case-insensitive), a title under 15 or over 255 characters,
 * more than one emoji or a word over 30 characters in a title, a post under 20 characters, an
 * `external_id` already taken (case-insensitive) or malformed; `GET /t/external_id/{id}.json`
 * redirects (301) to `/t/{slug}/{id}.json`; 429 with `Retry-After` past 60 requests a minute per
 * API key, counted on an injected clock (the exporter's), so a rate-limited export runs in
 * seconds. It can lose the answer of the n-th create (store it, then cut the connection) and
 * stay unreachable for a while after, or hold it back (store it, answer nothing, tell the test).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import MarkdownIt from 'markdown-it';
import type { ExportClock } from '../../server/export/exporter.js';

export const DISCOURSE_DESCRIPTION_PATH = join(import.meta.dirname, '../fixtures/discourse/openapi.json');

type Json = Record<string, any>;

/** The written overlay (see NOTES.md): what the server accepts and answers beyond the description. */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['errors'],
  properties: {
    action: { type: 'string' },
    errors: { type: 'array', items: { type: 'string' } },
    error_type: { type: 'string' },
    extras: { type: 'object' },
  },
  additionalProperties: false,
};
const TAGS_SCHEMA = {
  type: 'array',
  items: {
    anyOf: [
      { type: 'string', minLength: 1 },
      { type: 'object', required: ['name'], properties: { id: { type: 'integer' }, name: { type: 'string' } }, additionalProperties: false },
    ],
  },
};

function loadDescription(): Json {
  const spec = JSON.parse(readFileSync(DISCOURSE_DESCRIPTION_PATH, 'utf8')) as Json;
  spec.paths['/posts.json'].post.requestBody.content['application/json'].schema.properties.tags = TAGS_SCHEMA;
  for (const item of Object.values(spec.paths) as Json[]) {
    for (const op of Object.values(item) as Json[]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      for (const status of ['400', '403', '404', '422', '429']) {
        op.responses[status] ??= { description: `error (overlay)`, content: { 'application/json': { schema: ERROR_SCHEMA } } };
      }
    }
  }
  return spec;
}

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  op: Json;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(spec: Json): Operation[] {
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Json)) {
    const names: string[] = [];
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (param) {
          names.push(param[1]!);
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    for (const method of METHODS) {
      if (item[method]) out.push({ method: method.toUpperCase(), template, regex: new RegExp(`^${pattern}$`), names, op: item[method] });
    }
  }
  // A literal segment beats a parameter: /t/external_id/{external_id}.json before /t/{id}.json.
  return out.sort((a, b) => a.names.length - b.names.length);
}

export interface StoredTopic {
  id: number;
  slug: string;
  title: string;
  raw: string;
  category: number | null;
  tags: string[];
  externalId: string | null;
  username: string;
  createdAt: number;
}

export interface StoredUpload {
  id: number;
  sha1: string;
  shortUrl: string;
  filename: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string | null;
  /** The answer's status; `lost` when the request was handled but its answer cut off, `dropped` when never handled. */
  status: number | 'lost' | 'dropped';
  /** For creates: the external id asked for. */
  externalId?: string;
  at: number;
}

export interface DiscourseServerOptions {
  apiKey?: string;
  apiUsername?: string;
  /** The clock the rate limit counts on; share the exporter's. Real time by default. */
  clock?: Pick<ExportClock, 'now'>;
  /** Admin API key requests per window (Discourse: 60 a minute). */
  rateLimit?: { max: number; windowMs: number } | null;
  /** Category ids that exist; a create naming another (or none) is refused. Any by default. */
  categories?: number[];
  /** Creates (1-based, counting those stored) whose answer is lost: stored, then the connection is cut. */
  loseAnswerOfCreates?: number[];
  /** After a lost answer, cut every connection for this long (on the clock): the network is down. */
  unreachableAfterLossMs?: number;
  /** Creates (1-based, counting those stored) whose answer is held back: stored, then `onHeld` is called and nothing is answered. */
  holdAnswerOfCreates?: number[];
  onHeld?: (topic: StoredTopic) => void;
}

export interface DiscourseTestServer {
  url: string;
  topics: StoredTopic[];
  uploads: StoredUpload[];
  requests: RecordedRequest[];
  /** Requests the description (with its overlay) rejects, and answers of this fake it does not allow. */
  violations: string[];
  /** Topic by external id (case-insensitive), as Discourse finds it. */
  topicByExternalId(externalId: string): StoredTopic | undefined;
  close(): Promise<void>;
}

/** A clock for exporter tests: `sleep` moves time on at once, so waiting a minute takes no time. */
export function steppingClock(start = Date.UTC(2026, 8, 1, 9, 0, 0)): ExportClock & { advance(ms: number): void; slept: number } {
  let now = start;
  const clock = {
    slept: 0,
    now: () => now,
    sleep: async (ms: number) => {
      const step = Math.max(0, ms);
      now += step;
      clock.slept += step;
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
  return clock;
}

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function base62(hex: string): string {
  let n = BigInt(`0x${hex}`);
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)]! + out;
    n /= 62n;
  }
  return out || '0';
}

function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'topic';
}

/** How Discourse compares titles for uniqueness: cleaned, case-insensitive. */
const titleKey = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();
const points = (text: string) => Array.from(text).length;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function emojiCount(title: string): number {
  let n = 0;
  for (const { segment } of segmenter.segment(title)) if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment)) n++;
  return n + (title.match(/(?<![\w]):[\w+-]+:/g)?.length ?? 0);
}

const NOT_FOUND = { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' };
const INVALID_ACCESS = { errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'], error_type: 'invalid_access' };

export async function startDiscourseServer(options: DiscourseServerOptions = {}): Promise<DiscourseTestServer> {
  const apiKey = options.apiKey ?? 'test-api-key-0123456789abcdef';
  const apiUsername = options.apiUsername ?? 'system';
  const clock = options.clock ?? { now: () => Date.now() };
  const rateLimit = options.rateLimit === undefined ? { max: 60, windowMs: 60_000 } : options.rateLimit;
  const lose = new Set(options.loseAnswerOfCreates ?? []);
  const spec = loadDescription();
  const ops = operations(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const ajvForm = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  for (const instance of [ajv, ajvForm]) {
    (addFormats as unknown as (a: unknown) => void)(instance);
    instance.addFormat('binary', true);
  }
  const compiled = { json: new Map<object, ValidateFunction>(), form: new Map<object, ValidateFunction>() };
  /** Compiled once per schema object; `form` coerces text (multipart fields, path and query values) as a server does. */
  const validator = (schema: object, form = false) => {
    const cache = form ? compiled.form : compiled.json;
    let fn = cache.get(schema);
    if (!fn) {
      fn = (form ? ajvForm : ajv).compile(schema);
      cache.set(schema, fn);
    }
    return fn;
  };
  const queryWrappers = new Map<object, object>();
  const queryWrapper = (schema: object) => {
    let wrapper = queryWrappers.get(schema);
    if (!wrapper) queryWrappers.set(schema, (wrapper = { type: 'object', properties: { value: schema } }));
    return wrapper;
  };

  /** Ajv's errors with the property each is about (an extra property is named). */
  const explain = (errors: ValidateFunction['errors']) =>
    (errors ?? [])
      .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`)
      .join(', ');

  const topics: StoredTopic[] = [];
  const uploads: StoredUpload[] = [];
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const hits = new Map<string, number[]>();
  let nextTopicId = 100;
  let nextUploadId = 1;
  let unreachableUntil = -Infinity;
  let origin = '';

  const topicByExternalId = (externalId: string) => topics.find((t) => t.externalId?.toLowerCase() === externalId.toLowerCase());

  function send(res: ServerResponse, record: RecordedRequest, op: Operation | null, status: number, body: unknown, headers: Record<string, string> = {}) {
    record.status = status;
    if (op && body !== undefined) {
      const schema = op.op.responses?.[String(status)]?.content?.['application/json']?.schema;
      if (!schema) violations.push(`test server answered ${status} to ${op.method} ${op.template}, which the description does not list`);
      else {
        const validate = validator(schema);
        if (!validate(body)) violations.push(`test server's ${status} to ${op.method} ${op.template}: ${explain(validate.errors)}`);
      }
    }
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
    res.end(text);
  }

  function rateLimited(key: string): number | null {
    if (!rateLimit) return null;
    const now = clock.now();
    const list = (hits.get(key) ?? []).filter((t) => t > now - rateLimit.windowMs);
    hits.set(key, list);
    if (list.length >= rateLimit.max) return Math.max(1, Math.ceil(((list[0] ?? now) + rateLimit.windowMs - now) / 1000));
    list.push(now);
    return null;
  }

  /** Parses and validates the request against its operation; returns the body, or null after recording a violation. */
  async function validateRequest(req: IncomingMessage, op: Operation, url: URL, raw: Buffer, params: Record<string, string>) {
    const problems: string[] = [];
    const declared = (op.op.parameters ?? []) as Json[];
    for (const p of declared) {
      if (p.in === 'path') {
        const v = validator(p.schema, true);
        if (!v(params[p.name])) problems.push(`path parameter ${p.name}: ${explain(v.errors)}`);
      }
      if (p.in === 'query') {
        const value = url.searchParams.get(p.name);
        if (value === null && p.required) problems.push(`query parameter ${p.name} is required`);
        if (value !== null) {
          const holder = { value };
          const v = validator(queryWrapper(p.schema), true);
          if (!v(holder)) problems.push(`query parameter ${p.name}: ${explain(v.errors)}`);
        }
      }
    }
    for (const name of url.searchParams.keys()) {
      if (!declared.some((p) => p.in === 'query' && p.name === name)) problems.push(`query parameter ${name} is not in the description`);
    }
    if (!req.headers['api-key'] || !req.headers['api-username']) problems.push('no Api-Key / Api-Username headers');

    let body: Json | null = null;
    let file: File | null = null;
    const requestBody = op.op.requestBody as Json | undefined;
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!requestBody) {
      if (raw.length) problems.push('a body, but the operation takes none');
    } else if (!raw.length) {
      if (requestBody.required) problems.push('no body, but one is required');
    } else {
      const media = requestBody.content?.[type];
      if (!media) problems.push(`a ${type || 'untyped'} body; the description has ${Object.keys(requestBody.content ?? {}).join(', ')}`);
      else if (type === 'application/json') {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          problems.push('a body that is not JSON');
        }
        if (body !== null) {
          const v = validator(media.schema);
          if (!v(body)) problems.push(`body: ${explain(v.errors)}`);
        }
      } else if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
        const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
        body = {};
        for (const [name, value] of form.entries()) {
          if (typeof value === 'string') body[name] = value;
          else {
            body[name] = '(binary)';
            if (name === 'file') file = value;
          }
        }
        const v = validator(media.schema, true);
        if (!v(body)) problems.push(`form: ${explain(v.errors)}`);
      }
    }
    return { problems, body, file };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const url = new URL(req.url ?? '/', origin);
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, operationId: null, status: 0, at: clock.now() };
    requests.push(record);
    if (clock.now() < unreachableUntil) {
      record.status = 'dropped';
      req.socket.destroy();
      return;
    }
    let op: Operation | null = null;
    let params: Record<string, string> = {};
    for (const candidate of ops) {
      const match = candidate.method === record.method ? candidate.regex.exec(url.pathname) : null;
      if (match) {
        op = candidate;
        params = Object.fromEntries(candidate.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
        break;
      }
    }
    if (!op) {
      violations.push(`${record.method} ${url.pathname}: no such operation in the description`);
      return send(res, record, null, 404, NOT_FOUND);
    }
    record.operationId = op.op.operationId ?? null;
    const { problems, body, file } = await validateRequest(req, op, url, raw, params);
    if (problems.length) {
      violations.push(`${record.method} ${url.pathname} (${record.operationId}): ${problems.join('; ')}`);
      return send(res, record, op, 400, { errors: problems, error_type: 'invalid_parameters' });
    }
    if (req.headers['api-key'] !== apiKey || req.headers['api-username'] !== apiUsername) return send(res, record, op, 403, INVALID_ACCESS);
    const wait = rateLimited(apiKey);
    if (wait !== null) {
      return send(
        res,
        record,
        op,
        429,
        {
          errors: [`You’ve performed this action too many times. Please wait ${wait} seconds before trying again.`],
          error_type: 'rate_limit',
          extras: { wait_seconds: wait, time_left: `${wait} seconds` },
        },
        { 'retry-after': String(wait), 'discourse-rate-limit-error-code': 'admin_api_key_rate_limit' },
      );
    }

    const key = `${op.method} ${op.template}`;
    if (key === 'GET /t/external_id/{external_id}.json') {
      const externalId = params.external_id!;
      if (externalId.length > 50 || !/^[\w-]+$/.test(externalId)) violations.push(`lookup of a malformed external_id ${JSON.stringify(externalId)}`);
      const topic = topicByExternalId(externalId);
      if (!topic) return send(res, record, op, 404, NOT_FOUND);
      return send(res, record, op, 301, undefined, { location: `${origin}/t/${topic.slug}/${topic.id}.json` });
    }
    if (key === 'POST /uploads.json') return createUpload(res, record, op, body!, file);
    if (key === 'POST /posts.json') return createPost(req, res, record, op, body!);
    violations.push(`${key}: described, but this test server does not implement it`);
    return send(res, record, op, 404, NOT_FOUND);
  }

  function createUpload(res: ServerResponse, record: RecordedRequest, op: Operation, body: Json, file: File | null) {
    void body;
    if (!file) return send(res, record, op, 422, { errors: ['You must provide a file to upload.'] });
    return file.arrayBuffer().then((buffer) => {
      const bytes = Buffer.from(buffer);
      const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
      const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (!isJpeg && !isPng) return send(res, record, op, 422, { errors: ['Sorry, the file you are trying to upload is not authorized.'] });
      const sha1 = createHash('sha1').update(bytes).digest('hex');
      const extension = isJpeg ? 'jpeg' : 'png';
      // Discourse keeps one upload per content (by SHA-1) and answers it again.
      let upload = uploads.find((u) => u.sha1 === sha1);
      if (!upload) {
        upload = { id: nextUploadId++, sha1, shortUrl: `upload://${base62(sha1)}.${extension}`, filename: file.name, size: bytes.length };
        uploads.push(upload);
      }
      return send(res, record, op, 200, {
        id: upload.id,
        url: `/uploads/default/original/1X/${sha1}.${extension}`,
        original_filename: upload.filename,
        filesize: upload.size,
        width: 1,
        height: 1,
        thumbnail_width: 1,
        thumbnail_height: 1,
        extension,
        short_url: upload.shortUrl,
        short_path: `/uploads/short-url/${base62(sha1)}.${extension}`,
        retain_hours: null,
        human_filesize: `${upload.size} Bytes`,
        dominant_color: null,
        thumbnail: null,
      });
    });
  }

  function createPost(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, op: Operation, body: Json) {
    const errors: string[] = [];
    const title = typeof body.title === 'string' ? body.title.trim() : '';
    const raw = typeof body.raw === 'string' ? body.raw : '';
    const externalId = typeof body.external_id === 'string' ? body.external_id : null;
    if (externalId !== null) record.externalId = externalId;
    if (body.topic_id !== undefined) return send(res, record, op, 422, { errors: ['This test server creates topics only.'] });
    if (!title) errors.push("Title can't be blank");
    else {
      if (points(title) < 15) errors.push('Title is too short (minimum is 15 characters)');
      if (points(title) > 255) errors.push('Title is too long (maximum is 255 characters)');
      if (emojiCount(title) > 1) errors.push("Title can't have more than 1 emoji");
      if (Math.max(...title.split(/\s|\/|-|\.|:/).map(points)) > 30) errors.push('Title seems unclear, is it a complete sentence?');
      if (topics.some((t) => titleKey(t.title) === titleKey(title))) errors.push('Title has already been used');
    }
    if (points(raw.trim()) < 20) errors.push('Body is too short (minimum is 20 characters)');
    if (points(raw) > 32_000) errors.push(`Body is limited to 32000 characters; you entered ${points(raw)}.`);
    if (options.categories && !options.categories.includes(body.category)) errors.push("Category can't be blank");
    if (externalId !== null) {
      if (externalId.length > 50) errors.push('External ID is too long (maximum is 50 characters)');
      if (!/^[\w-]+$/.test(externalId)) errors.push('External ID is invalid');
      if (topicByExternalId(externalId)) errors.push('External ID has already been taken');
    }
    if (errors.length) return send(res, record, op, 422, { action: 'create_post', errors });

    const now = clock.now();
    const topic: StoredTopic = {
      id: nextTopicId++,
      slug: slugify(title),
      title,
      raw,
      category: typeof body.category === 'number' ? body.category : null,
      tags: (body.tags ?? []).map((t: string | { name: string }) => (typeof t === 'string' ? t : t.name)),
      externalId,
      username: apiUsername,
      createdAt: now,
    };
    topics.push(topic);
    if (options.holdAnswerOfCreates?.includes(topics.length)) {
      record.status = 'lost';
      options.onHeld?.(topic);
      return;
    }
    if (lose.has(topics.length)) {
      record.status = 'lost';
      if (options.unreachableAfterLossMs) unreachableUntil = now + options.unreachableAfterLossMs;
      req.socket.destroy();
      return;
    }
    const at = new Date(now).toISOString();
    return send(res, record, op, 200, {
      id: topic.id * 10,
      name: null,
      username: apiUsername,
      avatar_template: '/letter_avatar_proxy/v4/letter/s/8c91f0/{size}.png',
      created_at: at,
      raw,
      cooked: '<p>(not cooked by the test server)</p>',
      post_number: 1,
      post_type: 1,
      posts_count: 1,
      updated_at: at,
      reply_count: 0,
      reply_to_post_number: null,
      quote_count: 0,
      incoming_link_count: 0,
      reads: 0,
      readers_count: 0,
      score: 0,
      yours: true,
      topic_id: topic.id,
      topic_slug: topic.slug,
      display_username: null,
      primary_group_name: null,
      flair_name: null,
      flair_url: null,
      flair_bg_color: null,
      flair_color: null,
      flair_group_id: null,
      badges_granted: [],
      version: 1,
      can_edit: true,
      can_delete: false,
      can_recover: false,
      can_see_hidden_post: true,
      can_wiki: true,
      user_title: null,
      bookmarked: false,
      actions_summary: [],
      moderator: false,
      admin: true,
      staff: true,
      user_id: -1,
      draft_sequence: 0,
      hidden: false,
      trust_level: 4,
      deleted_at: null,
      user_deleted: false,
      edit_reason: null,
      can_view_edit_history: true,
      wiki: false,
      reviewable_id: null,
      reviewable_score_count: 0,
      reviewable_score_pending_count: 0,
      post_url: `/t/${topic.slug}/${topic.id}/1`,
      mentioned_users: [],
    });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        violations.push(`test server failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    topics,
    uploads,
    requests,
    violations,
    topicByExternalId,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Discourse's default `markdown_linkify_tlds`: bare host names with these become links (and oneboxes). */
const LINKIFY_TLDS = 'com|net|org|io|onion|co|tv|ru|cn|us|uk|me|de|fr|fi|gov|ch'.split('|');

/**
 * markdown-it set up as Discourse's engine is in what matters for inert text: HTML on, linkify on
 * (fuzzy hosts with Discourse's TLDs, e-mail addresses), and stand-ins for its BBCode rules
 * (inline and at the start of a block) that fire on any literal `[tag]`.
 */
function discourseLikeMarkdown() {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
  md.linkify.tlds(LINKIFY_TLDS, true);
  md.inline.ruler.push('bbcode', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b) return false;
    const match = /^\[\/?[a-z]+(?:[=\s][^\]]*)?\]/i.exec(state.src.slice(state.pos, state.posMax));
    if (!match) return false;
    if (!silent) state.push('bbcode', '', 0).content = match[0];
    state.pos += match[0].length;
    return true;
  });
  md.block.ruler.before(
    'paragraph',
    'bbcode_block',
    (state, startLine, _endLine, silent) => {
      const start = state.bMarks[startLine]! + state.tShift[startLine]!;
      const line = state.src.slice(start, state.eMarks[startLine]);
      if (!/^\[\/?[a-z]+(?:[=\s][^\]]*)?\]/i.test(line)) return false;
      if (silent) return true;
      const token = state.push('bbcode_block', '', 0);
      token.content = line;
      token.map = [startLine, startLine + 1];
      state.line = startLine + 1;
      return true;
    },
    { alt: ['paragraph'] },
  );
  return md;
}

const md = discourseLikeMarkdown();

/** Discourse's matchers (discourse-markdown-it "text-post-process"), unicode usernames on to be strict. */
const LIVE_TEXT: [string, RegExp][] = [
  ['mention', /@([\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_.-]{0,58}[\p{L}\p{M}\p{N}_]|[\p{L}\p{M}\p{N}_])/gu],
  ['hashtag', /#([\u00C0-\u1FFF\u2C00-\uD7FF\w:-]{1,101})/g],
  ['emoji', /:([\w+-]+):/g],
];

/** Discourse's boundary check: whitespace or punctuation on both sides of a match. */
function boundary(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  const c = text.charCodeAt(index);
  return md.utils.isWhiteSpace(c) || md.utils.isPunctChar(text.charAt(index));
}

export interface CookedRaw {
  /** Everything live that Discourse would make of it: links (and so oneboxes), HTML, BBCode, mentions, hashtags, emoji, code, and markup outside `allowed`. */
  live: string[];
  /** The text of each paragraph, heading and list item, as a reader sees it (zero-width spaces removed). */
  texts: string[];
  images: { src: string; alt: string }[];
}

/**
 * Parses `raw` the way Discourse would and lists what is live in it. `allowed` names the markup
 * the caller put there itself (inline token types, e.g. `strong_open`); anything else is live.
 */
export function cookLikeDiscourse(raw: string, allowed: readonly string[] = []): CookedRaw {
  const live: string[] = [];
  const texts: string[] = [];
  const images: { src: string; alt: string }[] = [];
  const inlineOk = new Set(['text', 'softbreak', 'hardbreak', ...allowed]);
  for (const block of md.parse(raw, {})) {
    if (block.type === 'html_block' || block.type === 'bbcode_block' || block.type === 'code_block' || block.type === 'fence') {
      live.push(`${block.type}: ${block.content.trim()}`);
    }
    if (block.type !== 'inline') continue;
    let text = '';
    for (const child of block.children ?? []) {
      if (child.type === 'text') text += child.content;
      else if (child.type === 'softbreak' || child.type === 'hardbreak') text += '\n';
      if (child.type === 'image') {
        const src = String(child.attrGet('src') ?? '');
        const alt = (child.children ?? []).map((c: { content: string }) => c.content).join('').replace(/\u200B/g, '');
        images.push({ src, alt });
        if (!src.startsWith('upload://') || !inlineOk.has('image')) live.push(`image: ${src}`);
        continue;
      }
      if (child.type === 'link_open') live.push(`${child.markup === 'linkify' ? 'linkify (onebox)' : 'link'}: ${child.attrGet('href')}`);
      else if (child.type === 'html_inline' || child.type === 'bbcode' || child.type === 'code_inline') live.push(`${child.type}: ${child.content}`);
      else if (!inlineOk.has(child.type)) live.push(`markup: ${child.type}`);
    }
    for (const [kind, pattern] of LIVE_TEXT) {
      for (const match of text.matchAll(pattern)) {
        if (boundary(text, match.index - 1) && boundary(text, match.index + match[0].length)) live.push(`${kind}: ${match[0]}`);
      }
    }
    texts.push(text.replace(/\u200B/g, ''));
  }
  return { live, texts, images };
}
