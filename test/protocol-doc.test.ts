/**
 * docs/protocol.md cannot drift: its examples run here, in document order, against one live
 * server, and its lists of operations, events, socket events and error codes are checked against
 * shared/. The example format and the placeholder rules are described at the top of the document.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/clock.js';
import type { CafeLinks } from '../server/reception.js';
import { ClientCommand } from '../shared/domain/commands.js';
import { ERRORS, isErrorCode } from '../shared/errors.js';
import { MAX_CATCH_UP_ENTRIES, PROTOCOL_VERSION, type OpRequest } from '../shared/protocol.js';
import { TestClient } from './helpers/client.js';
import { secretOf, startServer, type TestServer } from './helpers/server.js';

const DOC_PATH = new URL('../docs/protocol.md', import.meta.url);
const doc = readFileSync(DOC_PATH, 'utf8');
const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The server clock of the story: 2026-03-12T09:00:00Z, moved only by an example's `after`. */
const STORY_START = Date.UTC(2026, 2, 12, 9, 0, 0);
const MESSAGE_TIMEOUT_MS = 3000;
const QUIET_MS = 150;

// ---- the document ---------------------------------------------------------------------------

type ServerEvent = 'snapshot' | 'ops' | 'revoked' | 'presence';
interface Expectation {
  to: string;
  event: ServerEvent;
  message: unknown;
}
interface Example {
  name: string;
  line: number;
  as: string;
  after?: number;
  then?: Expectation[];
  nothingTo?: string[];
  emit?: 'op' | 'sync' | 'time' | 'status';
  payload?: unknown;
  ack?: unknown;
  connect?: Record<string, unknown>;
  connect_error?: unknown;
  http?: string;
  headers?: Record<string, string>;
  body?: unknown;
  status?: number;
  response?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problem with an example's shape, or null. */
function shapeProblem(e: Record<string, unknown>): string | null {
  if (typeof e.as !== 'string') return '"as" must name who acts';
  const actions = ['emit', 'connect', 'http'].filter((k) => k in e);
  if (actions.length !== 1) return 'exactly one of "emit", "connect" or "http" is needed';
  if ('emit' in e && (!['op', 'sync', 'time', 'status'].includes(e.emit as string) || !('payload' in e) || !('ack' in e)))
    return '"emit" must be op, sync, time or status, with "payload" and "ack"';
  if ('connect' in e && !isObject(e.connect)) return '"connect" must be the handshake auth object';
  if ('http' in e && (typeof e.http !== 'string' || !/^[A-Z]+ \//.test(e.http) || typeof e.status !== 'number'))
    return '"http" must be "METHOD /path", with a numeric "status"';
  if ('after' in e && typeof e.after !== 'number') return '"after" must be milliseconds';
  const then = e.then ?? [];
  if (!Array.isArray(then) || !then.every((t) => isObject(t) && typeof t.to === 'string' && ['snapshot', 'ops', 'revoked', 'presence'].includes(t.event as string) && 'message' in t))
    return '"then" must list { to, event: snapshot|ops|revoked, message }';
  if ('nothingTo' in e && !(Array.isArray(e.nothingTo) && e.nothingTo.every((r) => typeof r === 'string'))) return '"nothingTo" must list roles';
  return null;
}

function parseExamples(text: string): { examples: Example[]; problems: string[] } {
  const examples: Example[] = [];
  const problems: string[] = [];
  const fence = /^```json example=([A-Za-z0-9_-]+)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of text.matchAll(fence)) {
    const name = m[1]!;
    const line = text.slice(0, m.index).split('\n').length;
    let value: unknown;
    try {
      value = JSON.parse(m[2]!);
    } catch (error) {
      problems.push(`example "${name}" (line ${line}) is not JSON: ${(error as Error).message}`);
      continue;
    }
    const problem = isObject(value) ? shapeProblem(value) : 'it must be an object';
    if (problem) problems.push(`example "${name}" (line ${line}): ${problem}`);
    else if (examples.some((e) => e.name === name)) problems.push(`example "${name}" (line ${line}) has the name of an earlier one`);
    else examples.push({ ...(value as Omit<Example, 'name' | 'line'>), name, line });
  }
  const opened = (text.match(/^```\S*[^\n]*example=/gm) ?? []).length;
  if (opened !== examples.length + problems.length) problems.push('some block mentions example= but is not a ```json example=<name> block');
  return { examples, problems };
}

/** The text of a `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = doc.search(new RegExp(`^## ${title}`, 'm'));
  if (start < 0) throw new Error(`docs/protocol.md has no "## ${title}" section`);
  const rest = doc.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

const headings = (text: string, level: string) => [...text.matchAll(new RegExp(`^${level} \`([A-Za-z_]+)\``, 'gm'))].map((m) => m[1]!);

// ---- placeholders -----------------------------------------------------------------------------

type Vars = Map<string, unknown>;
const TYPED = /^<(number|string|boolean|any)(?: as ([A-Za-z_]\w*))?>$/;
const PATTERN = /^<match:(.*)>$/s;
const WHOLE_VAR = /^\{\{([A-Za-z_]\w*)\}\}$/;
const VAR = /\{\{([A-Za-z_]\w*)\}\}/g;

function lookup(vars: Vars, name: string): unknown {
  if (!vars.has(name)) throw new Error(`{{${name}}} is used before any example remembered it`);
  return vars.get(name);
}

/** A value to send: every "{{name}}" replaced by what it names (a whole-string one keeps its type). */
function fill(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_VAR.exec(value);
    if (whole) return lookup(vars, whole[1]!);
    return value.replace(VAR, (_, name: string) => String(lookup(vars, name)));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k, vars) as string, fill(v, vars)]));
  return value;
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Where `actual` differs from `expected` (with placeholders), or null; remembers what `<… as name>` captures. */
function mismatch(expected: unknown, actual: unknown, vars: Vars, path = '$'): string | null {
  const differ = () => `at ${path}: expected ${show(expected)}, got ${show(actual)}`;
  if (typeof expected === 'string') {
    const typed = TYPED.exec(expected);
    if (typed) {
      const [, kind, name] = typed;
      if (actual === undefined || (kind !== 'any' && typeof actual !== kind)) return differ();
      if (name === undefined) return null;
      if (vars.has(name)) return isDeepStrictEqual(vars.get(name), actual) ? null : `at ${path}: expected {{${name}}} = ${show(vars.get(name))}, got ${show(actual)}`;
      vars.set(name, actual);
      return null;
    }
    const pattern = PATTERN.exec(expected);
    if (pattern) return typeof actual === 'string' && new RegExp(pattern[1]!).test(actual) ? null : differ();
    const filled = fill(expected, vars);
    const named = WHOLE_VAR.test(expected) ? `${expected} (${show(filled)})` : show(filled);
    return isDeepStrictEqual(filled, actual) ? null : `at ${path}: expected ${named}, got ${show(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differ();
    const open = expected[expected.length - 1] === '...';
    const items = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < items.length : actual.length !== items.length)
      return `at ${path}: expected ${open ? 'at least ' : ''}${items.length} elements, got ${actual.length}: ${show(actual)}`;
    for (const [i, item] of items.entries()) {
      const problem = mismatch(item, actual[i], vars, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return differ();
    const open = '...' in expected;
    const wanted = Object.entries(expected)
      .filter(([k]) => k !== '...')
      .map(([k, v]) => [fill(k, vars) as string, v] as const);
    if (!open) {
      const extra = Object.keys(actual).filter((k) => !wanted.some(([w]) => w === k));
      if (extra.length > 0) return `at ${path}: unexpected field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (add "...": "…" if the example leaves them out)`;
    }
    for (const [key, value] of wanted) {
      if (!(key in actual)) return `at ${path}: missing field ${key}`;
      const problem = mismatch(value, actual[key], vars, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : differ();
}

// ---- the story ----------------------------------------------------------------------------------

interface Connection {
  client: TestClient;
  log: { event: ServerEvent; message: unknown }[];
}

class Story {
  readonly vars: Vars = new Map();
  readonly secrets = new Map<string, string>();
  readonly connections = new Map<string, Connection>();
  private cafe: CafeLinks | null = null;

  constructor(
    readonly server: TestServer,
    readonly clock: ManualClock,
  ) {}

  async run(e: Example): Promise<void> {
    if (e.after) this.clock.advance(e.after);
    const marks = new Map([...this.connections].map(([role, c]) => [role, c.log.length]));
    if (e.emit) await this.emit(e);
    else if (e.connect) await this.connect(e, marks);
    else await this.http(e);
    for (const t of e.then ?? []) await this.expectMessage(t, marks.get(t.to) ?? 0);
    if (e.nothingTo?.length) {
      await sleep(QUIET_MS);
      for (const role of e.nothingTo) {
        const got = this.connection(role).log.slice(marks.get(role) ?? 0);
        if (got.length > 0) throw new Error(`${role} should have received nothing, but got ${show(got)}`);
      }
    }
  }

  close(): void {
    for (const c of this.connections.values()) c.client.close();
  }

  private connection(role: string): Connection {
    const c = this.connections.get(role);
    if (!c) throw new Error(`${role} is not connected (a "connect" example must come first)`);
    return c;
  }

  private withSecret(role: string, value: unknown): unknown {
    const secret = this.secrets.get(role);
    const vars: Vars = new Map(this.vars);
    if (secret) vars.set('secret', secret);
    return fill(value, vars);
  }

  private check(what: string, expected: unknown, actual: unknown): void {
    const problem = mismatch(expected, actual, this.vars);
    if (problem) throw new Error(`${what} differs ${problem}\n  whole ${what}: ${show(actual)}`);
  }

  private async emit(e: Example): Promise<void> {
    const socket = this.connection(e.as).client.socket.timeout(5000);
    const payload = this.withSecret(e.as, e.payload);
    const ack =
      e.emit === 'op'
        ? await socket.emitWithAck('op', payload as OpRequest)
        : e.emit === 'sync'
          ? await socket.emitWithAck('sync', payload as { since: number })
          : e.emit === 'status'
            ? await socket.emitWithAck('status', payload as { sound: 'on' | 'blocked' | 'muted' })
            : await socket.emitWithAck('time', payload as { clientSentAt: number });
    this.check('acknowledgement', e.ack, ack);
  }

  private async connect(e: Example, marks: Map<string, number>): Promise<void> {
    const auth = this.withSecret(e.as, e.connect) as Record<string, unknown>;
    if (e.connect_error !== undefined) {
      const socket: Socket = io(this.server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        const error = await new Promise<Error & { data?: unknown }>((resolve, reject) => {
          socket.on('connect_error', resolve);
          socket.on('connect', () => reject(new Error('the connection was accepted')));
        });
        this.check('connect_error', e.connect_error, { message: error.message, data: error.data });
      } finally {
        socket.close();
      }
      return;
    }
    const { secret, protocol, since, ...rest } = auth;
    if (typeof secret !== 'string' || protocol !== PROTOCOL_VERSION || Object.keys(rest).length > 0 || (since !== undefined && typeof since !== 'number'))
      throw new Error('an accepted connection must send { secret, protocol, since? } with this PROTOCOL_VERSION');
    const previous = this.connections.get(e.as)?.client;
    previous?.close();
    const client = new TestClient(this.server.url, secret, since === undefined ? {} : { since });
    // A reconnecting face keeps its copy of the café: that is what `since` refers to.
    if (previous && since !== undefined) Object.assign(client.replica, { state: previous.replica.state, scope: previous.replica.scope, seq: previous.replica.seq });
    const connection: Connection = { client, log: [] };
    marks.set(e.as, 0);
    for (const event of ['snapshot', 'ops', 'revoked', 'presence'] as const) client.socket.on(event, (message: unknown) => connection.log.push({ event, message }));
    this.connections.set(e.as, connection);
    await waitFor(() => connection.log.length > 0 || client.connectError !== null, 'the first message');
    if (client.connectError) throw new Error(`the connection was refused: ${show(client.connectError.data ?? client.connectError.message)}`);
  }

  private async http(e: Example): Promise<void> {
    const [method, rawPath] = e.http!.split(' ') as [string, string];
    const headers: Record<string, string> = { ...(this.withSecret(e.as, e.headers ?? {}) as Record<string, string>) };
    if (e.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.server.url}${this.withSecret(e.as, rawPath) as string}`, {
      method,
      headers,
      ...(e.body === undefined ? {} : { body: JSON.stringify(this.withSecret(e.as, e.body)) }),
    });
    const text = await response.text();
    const body: unknown = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (response.status !== e.status) throw new Error(`status ${response.status}, expected ${e.status}: ${text}`);
    if (e.response !== undefined) this.check('response', e.response, body);
    if (response.status >= 300 || !isObject(body)) return;
    if (method === 'POST' && rawPath === '/api/cafes' && this.cafe === null) this.adopt(body as unknown as CafeLinks);
    if (method === 'POST' && rawPath === '/api/join' && typeof body.secret === 'string') this.secrets.set(e.as, body.secret);
  }

  /** The first café created is the story's: its links give the facilitator, the wall and each host their secrets. */
  private adopt(cafe: CafeLinks): void {
    this.cafe = cafe;
    this.secrets.set('facilitator', secretOf(cafe.facilitator));
    this.secrets.set('wall', secretOf(cafe.wall[0] ?? null));
    for (const t of cafe.tables) this.secrets.set(`host:${t.tableId}`, secretOf(t.host));
  }

  private async expectMessage(t: Expectation, from: number): Promise<void> {
    const c = this.connection(t.to);
    let tried = from;
    let closest: string | null = null;
    const found = () => {
      for (; tried < c.log.length; tried++) {
        const got = c.log[tried]!;
        if (got.event !== t.event) continue;
        const vars: Vars = new Map(this.vars);
        const problem = mismatch(t.message, got.message, vars);
        if (problem === null) {
          for (const [k, v] of vars) this.vars.set(k, v);
          return true;
        }
        closest = `${problem}\n  whole message: ${show(got.message)}`;
      }
      return false;
    };
    try {
      await waitFor(found, `${t.event}`);
    } catch {
      throw new Error(`${t.to} did not receive the expected "${t.event}" message; ${closest ?? 'it received no such message'}`);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + MESSAGE_TIMEOUT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

// ---- the tests ----------------------------------------------------------------------------------

const { examples, problems } = parseExamples(doc);

describe('docs/protocol.md', () => {
  let server: TestServer;
  let story: Story;
  beforeAll(async () => {
    const clock = new ManualClock(STORY_START);
    server = await startServer({ clock });
    story = new Story(server, clock);
  });
  afterAll(async () => {
    story?.close();
    await server?.close();
  });

  it('has well-formed examples, enough of them to tell the story', () => {
    expect(problems).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(30);
  });

  for (const example of examples) {
    it(`example "${example.name}" (line ${example.line}) behaves as documented`, async () => {
      try {
        await story.run(example);
      } catch (error) {
        throw new Error(`docs/protocol.md example "${example.name}" (line ${example.line}, as ${example.as}): ${(error as Error).message}`);
      }
    });
  }

  it('documents every operation a client may send, under its own heading', () => {
    const types = ClientCommand.anyOf.map((s) => (s as unknown as { properties: { type: { const: string } } }).properties.type.const);
    expect(types.length).toBeGreaterThan(20);
    expect(compare(types, headings(section('Operations'), '###'))).toEqual({ undocumented: [], unknown: [] });
  });

  it('lists every event clients receive, and no other', () => {
    const union = /export type CafeEvent =([\s\S]*?);\s*\n\s*(?:export|\/\*\*)/.exec(source('../shared/domain/events.ts'))?.[1] ?? '';
    const types = [...union.matchAll(/\{ type: '(\w+)'/g)].map((m) => m[1]!);
    expect(types.length).toBeGreaterThan(15);
    const rows = [...section('Events').matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!);
    expect(compare(types, rows)).toEqual({ undocumented: [], unknown: [] });
  });

  it('documents every client-to-server and server-to-client socket event', () => {
    const protocol = source('../shared/protocol.ts');
    const members = (name: string) =>
      [...(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(protocol)?.[1] ?? '').matchAll(/^ {2}(\w+): \(/gm)].map((m) => m[1]!);
    expect(members('ClientToServerEvents').sort()).toEqual(['op', 'status', 'sync', 'time']);
    expect(members('ServerToClientEvents').sort()).toEqual(['ops', 'presence', 'revoked', 'snapshot']);
    expect(compare(members('ClientToServerEvents'), headings(section('Client to server'), '###'))).toEqual({ undocumented: [], unknown: [] });
    expect(compare(members('ServerToClientEvents'), headings(section('Server to client'), '###'))).toEqual({ undocumented: [], unknown: [] });
  });

  it('states the protocol version and the catch-up limit of shared/protocol.ts', () => {
    expect(doc).toContain(`\`PROTOCOL_VERSION\` is \`${PROTOCOL_VERSION}\``);
    expect(doc).toContain(`\`MAX_CATCH_UP_ENTRIES\` (${MAX_CATCH_UP_ENTRIES})`);
  });

  it('has the error catalogue of shared/errors.ts, code by code and in its order', () => {
    const rows = [...section('Error catalogue').matchAll(/^\| `(\w+)` \| (\d+) \| (yes|no) \| (.*?) \|\s*$/gm)].map((m) => ({
      code: m[1]!,
      status: Number(m[2]),
      retryable: m[3] === 'yes',
      message: m[4]!,
    }));
    const differences: string[] = [];
    for (const row of rows) if (!isErrorCode(row.code)) differences.push(`${row.code} is not in shared/errors.ts`);
    for (const [code, e] of Object.entries(ERRORS)) {
      const row = rows.find((r) => r.code === code);
      if (!row) differences.push(`${code} is missing`);
      else if (row.status !== e.status || row.retryable !== e.retryable || row.message !== e.message)
        differences.push(`${code}: documented ${show([row.status, row.retryable, row.message])}, shared/errors.ts has ${show([e.status, e.retryable, e.message])}`);
    }
    expect(differences).toEqual([]);
    expect(rows.map((r) => r.code)).toEqual(Object.keys(ERRORS));
  });
});

/** What `code` has that `documented` lacks, and the other way round. */
function compare(code: string[], documented: string[]) {
  return { undocumented: code.filter((t) => !documented.includes(t)), unknown: documented.filter((t) => !code.includes(t)) };
}
