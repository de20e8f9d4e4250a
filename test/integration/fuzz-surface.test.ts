/**
 * Property-based fuzzing of the whole surface, on a real server on port 0 with real Socket.IO
 * clients: the handshake's `auth`, every socket event (`op`, `sync`, `time`, `status`, unknown
 * names, raw packets; with and without callbacks, missing or extra arguments) and every HTTP
 * route, enumerated from the running app so a new route cannot escape (random params, query
 * strings, bodies of random bytes or JSON under random content types, forged authorisation).
 * Properties: the server keeps serving, every refusal carries a catalogue code (over HTTP with
 * the catalogue's status and the `{ error: { code, message, retryable } }` body), never INTERNAL
 * or STORE_UNAVAILABLE, and a refused input changes nothing: the cafés' heads, states and export
 * jobs are the same after it. FUZZ_SEED=<n> replays a run; the seed is printed on failure.
 * (test/integration/fuzz.test.ts fuzzes the meaning of operations and bodies more deeply.)
 */
import http from 'node:http';
import fc from 'fast-check';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/secrets.js';
import type { CafeLinks } from '../../server/reception.js';
import { ERRORS, isErrorCode, type ErrorCode } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { connect, type TestClient } from '../helpers/client.js';
import { steppingClock } from '../helpers/discourse-server.js';
import { harvestedCafe, storeCafe } from '../helpers/export-cafe.js';
import { FACILITATOR, hostOf, WALL } from '../helpers/cafe-factory.js';
import { TINY_JPEG } from '../helpers/seed-threads.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;

/** Runs a property with the file's seed; a failure names the seed to replay it with. */
async function check<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { numRuns, seed });
  } catch (error) {
    if (error instanceof Error) error.message = `Replay with FUZZ_SEED=${seed}\n${error.message}`;
    throw error;
  }
}

/**
 * Every route of the app (as started here: photos and exports on, no built faces) and the
 * near-valid bodies the fuzz sends it besides random ones. A route the app gains must be added
 * here, or the first test fails. Not fuzzed: the OpenAPI pages under /docs (@fastify/swagger-ui's
 * static files) and the faces' HTML pages (served only with a client build, no input).
 */
const GENEROUS = { max: 1_000_000, timeWindow: 60_000 };
const EXCLUDED = (path: string) => path === '/docs' || path.startsWith('/docs/');

/** What each route and event answered (FUZZ_REPORT=1 prints it): shows how deep the fuzz reaches. */
const tally = new Map<string, Map<string, number>>();
function count(where: string, what: string): void {
  const row = tally.get(where) ?? new Map<string, number>();
  row.set(what, (row.get(what) ?? 0) + 1);
  tally.set(where, row);
}

let server: TestServer;
const sockets: Socket[] = [];
const clients: TestClient[] = [];

/** The café the socket fuzz plays in. */
const live = { id: '', links: null as unknown as CafeLinks, secrets: {} as Record<'facilitator' | 'host' | 'participant' | 'wall', string>, revoked: '' };
type Face = keyof typeof live.secrets;
const faces = {} as Record<Face, TestClient>;
/** The café the HTTP fuzz plays in (its links may be withdrawn by the fuzz, so the socket fuzz does not use it). */
const web = { id: '', joinCode: '', secrets: [] as string[], photoId: 'fuzz-photo-0001', participantId: '' };
/** A harvested café written straight to the store, with an export job: the export routes have something to find. */
const harvest = { id: '', joinCode: '', secrets: { facilitator: 'harvest-facilitator-secret-0001', host: 'harvest-host-secret-0001', wall: 'harvest-wall-secret-00001' }, jobId: '' };

// ---- observing ---------------------------------------------------------------------------------

/** What a refused input must not change: the head, the whole state and the export jobs of a café. */
async function fingerprint(cafeId: string): Promise<string> {
  const jobs = server.store as unknown as { exportJobs: { listJobs(id: string): Promise<{ jobId: string }[]> } };
  return JSON.stringify({
    head: await server.store.head(cafeId),
    state: await server.sequencer.state(cafeId),
    jobs: (await jobs.exportJobs.listJobs(cafeId)).map((j) => j.jobId),
  });
}
const fingerprints = async () => Promise.all([live.id, web.id, harvest.id].map(fingerprint));

/** A refusal's error object: a catalogue code with its message and retryability, nothing else. */
function checkWireError(error: unknown, allowed?: readonly ErrorCode[]): ErrorCode {
  const e = error as Record<string, unknown>;
  expect(isErrorCode(e?.code), `code ${JSON.stringify(e)}`).toBe(true);
  const code = e.code as ErrorCode;
  expect(e).toMatchObject({ message: ERRORS[code].message, retryable: ERRORS[code].retryable });
  for (const key of Object.keys(e)) expect(['code', 'message', 'retryable', 'path', 'retryAfterMs']).toContain(key);
  expect(['INTERNAL', 'STORE_UNAVAILABLE', 'RATE_LIMITED']).not.toContain(code);
  if (allowed) expect(allowed).toContain(code);
  return code;
}

let bystanderIdeas = 0;
/** The server still serves: /healthz answers, every fuzzing socket is connected, and a host can add an idea. */
async function checkStillServing(): Promise<void> {
  expect((await request('GET', '/healthz')).status).toBe(200);
  for (const c of clients) expect(c.socket.connected).toBe(true);
  const head = await server.store.head(live.id);
  const ack = await faces.host.send({ type: 'addIdea', ideaId: `bystander-${++bystanderIdeas}-idea`, tableId: '1', round: 0, text: 'Still here' });
  expect(ack).toEqual({ ok: true, seq: head + 1, duplicate: false });
}

// ---- HTTP over a real connection ----------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}
function request(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: body ? { ...headers, 'content-length': String(body.length) } : headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The app's routes as `METHOD /path`, read from Fastify's route tree. */
function appRoutes(): string[] {
  const tree = server.app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const start = line.search(/[^│├└─\s]/u);
    if (start < 0) continue;
    const depth = start / 4 - 1;
    const match = /^(.*?)(?: \(([^)]*)\))?$/.exec(line.slice(start))!;
    stack[depth] = match[1]!;
    stack.length = depth + 1;
    const path = stack.join('');
    for (const method of (match[2] ?? '').split(',').map((m) => m.trim()).filter((m) => m && m !== '-')) routes.push(`${method} ${path}`);
  }
  return [...new Set(routes)].sort();
}

// ---- arbitraries ---------------------------------------------------------------------------------

const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
const clientId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
/** An object with prototype-chain names as its own keys (as JSON.parse makes them). */
const polluted = fc
  .tuple(fc.subarray(PROTO, { minLength: 1 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([keys, value]) => JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value) ?? 'null'}`).join(',')},"constructor2":{"prototype":{"polluted":true}}}`) as unknown);
const deep = fc.tuple(fc.integer({ min: 20, max: 1000 }), fc.boolean()).map(([n, arrays]) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = arrays ? [v] : { a: v };
  return v;
});
const huge = fc.constantFrom(20_000, 100_000, 200_000).chain((n) => fc.constantFrom('x', '🌍', '\u0301', '<script>').map((c) => c.repeat(n / c.length)));
const wrongType = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 2 ** 53, 1e308, '', ' ', '0', 'null', 'undefined', [], {}, [null], { length: 1 });
/** Anything a client might send in place of a well-formed payload. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: polluted },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);
/** An object with some of the fields a route or event knows, holding anything. */
const fieldsOf = (...names: string[]) => fc.dictionary(fc.constantFrom(...names, ...PROTO.slice(0, 2)), fc.oneof(junk, wrongType), { maxKeys: 4 });
const weirdNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 1, 2 ** 53, Number.MAX_VALUE, 1e15), fc.string({ maxLength: 5 }), wrongType);

// ---- set-up ------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startServer({
    rateLimits: { ops: GENEROUS, requests: GENEROUS, createCafe: GENEROUS, joinsPerCode: GENEROUS, unknownCodes: GENEROUS },
    // An export target nobody answers: a run the fuzz starts fails at once and changes no café.
    exports: { targets: [{ name: 'hook', kind: 'webhook', settings: { url: 'http://127.0.0.1:9/hook', secret: 'fuzz-webhook-secret-0001' } }], clock: steppingClock() },
  });

  live.links = await createCafe(server);
  live.id = live.links.cafeId;
  live.secrets = {
    facilitator: secretOf(live.links.facilitator),
    host: secretOf(live.links.tables[0]!.host),
    wall: secretOf(live.links.wall[0]!),
    participant: (await joinCafe(server, live.links, { tableId: '1', displayName: 'Ada' })).secret,
  };
  for (const f of Object.keys(live.secrets) as Face[]) {
    faces[f] = await connect(server.url, live.secrets[f]);
    clients.push(faces[f]);
  }
  await faces.facilitator.must({ type: 'openCafe' });
  await faces.facilitator.must({ type: 'startRound' });
  await faces.host.must({ type: 'addIdea', ideaId: 'fuzz-idea-0001', tableId: '1', round: 0, text: 'Seed' });
  const extra = await request('POST', `/api/cafes/${live.id}/links`, { authorization: `Bearer ${live.secrets.facilitator}`, 'content-type': 'application/json' }, Buffer.from('{"role":"wall"}'));
  const withdrawn = JSON.parse(extra.text) as { linkId: string; url: string };
  live.revoked = secretOf(withdrawn.url);
  expect((await request('DELETE', `/api/cafes/${live.id}/links/${withdrawn.linkId}`, { authorization: `Bearer ${live.secrets.facilitator}` })).status).toBe(200);

  const links = await createCafe(server);
  web.id = links.cafeId;
  web.joinCode = links.joinCode;
  const phone = await joinCafe(server, links, { tableId: '1' });
  web.participantId = phone.participantId;
  web.secrets = [secretOf(links.facilitator), secretOf(links.tables[0]!.host), secretOf(links.wall[0]!), phone.secret];
  const webFacilitator = await connect(server.url, web.secrets[0]!);
  await webFacilitator.must({ type: 'openCafe' });
  await webFacilitator.must({ type: 'startRound' });
  webFacilitator.close();
  const upload = await request('PUT', `/api/cafes/${web.id}/photos/${web.photoId}?tableId=1&round=0`, { authorization: `Bearer ${web.secrets[1]}`, 'content-type': 'image/jpeg' }, Buffer.from(TINY_JPEG));
  expect(upload.status).toBe(201);

  const cafe = harvestedCafe({ tables: 2, rounds: 1 });
  harvest.id = cafe.state.id;
  harvest.joinCode = cafe.state.joinCode;
  await storeCafe(server.store, cafe);
  for (const [secret, linkId] of [[harvest.secrets.facilitator, FACILITATOR], [harvest.secrets.host, hostOf('1')], [harvest.secrets.wall, WALL]] as const) {
    await server.store.addCredential({ secretHash: hashSecret(secret), cafeId: harvest.id, linkId, wrappedKey: null });
  }
  const job = await request('POST', `/api/cafes/${harvest.id}/exports`, { authorization: `Bearer ${harvest.secrets.facilitator}`, 'content-type': 'application/json' }, Buffer.from('{"target":"hook"}'));
  expect(job.status).toBe(201);
  harvest.jobId = (JSON.parse(job.text) as { job: { jobId: string } }).job.jobId;
}, 30_000);

afterAll(async () => {
  if (process.env.FUZZ_REPORT) for (const [where, row] of [...tally].sort()) console.log(`${where}: ${[...row].map(([k, n]) => `${k}×${n}`).join(' ')}`);
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.close();
  agent.destroy();
  await server?.close();
});

// ---- the HTTP routes ---------------------------------------------------------------------------------

/** Documented: every route the fuzz knows, with bodies near what it expects (random ones are sent too). */
const ROUTES: Record<string, () => fc.Arbitrary<unknown>> = {
  'POST /api/cafes': () => fc.oneof(fieldsOf('title', 'language', 'tables', 'rounds', 'mode', 'travelMs', 'stakeholderGroups'), fc.constant({ title: 'Fuzz', tables: 2, rounds: [{ question: 'Q?', durationMs: 60_000 }] })),
  'POST /api/join': () => fc.oneof(fieldsOf('code', 'tableId', 'displayName', 'group', 'consent'), fc.constant({ code: web.joinCode, tableId: '2', consent: { publish: false, showName: false } })),
  'GET /api/join/:code': () => fc.constant(undefined),
  'HEAD /api/join/:code': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/links': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/links': () => fc.constant(undefined),
  'POST /api/cafes/:cafeId/links': () => fc.oneof(fieldsOf('role', 'tableId'), fc.constantFrom({ role: 'wall' }, { role: 'facilitator' }, { role: 'host', tableId: '2' }, { role: 'host' }, { role: 'host', tableId: '99' })),
  // Never the café's own join code: a refusal (CONFIRMATION_MISMATCH and the like) must change nothing.
  'DELETE /api/cafes/:cafeId': () => fc.oneof(fieldsOf('joinCode'), fc.constantFrom({ joinCode: 'WRONG1' }, {}, { joinCode: 7 })),
  'DELETE /api/cafes/:cafeId/links/:linkId': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/snapshot': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/archive': () => fc.constant(undefined),
  // The fuzz server takes no archives (no ARCHIVE_IMPORT_TOKEN): every body is refused as ARCHIVE_IMPORT_OFF.
  'POST /api/archives': () => fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  'HEAD /api/cafes/:cafeId/snapshot': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/ideas': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/ideas': () => fc.constant(undefined),
  'POST /api/cafes/:cafeId/ops': () =>
    fc.oneof(
      fieldsOf('id', 'op'),
      fc.record({ id: fc.oneof(clientId, junk), op: fc.oneof(fieldsOf('type', 'ideaId', 'tableId', 'round', 'text'), fc.constant({ type: 'broadcast', text: 'Coffee' })) }),
    ),
  'PUT /api/cafes/:cafeId/photos/:photoId': () => fc.constant(Buffer.from(TINY_JPEG)),
  'GET /api/cafes/:cafeId/photos/:photoId': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/photos/:photoId': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/threads': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/threads': () => fc.constant(undefined),
  'POST /api/cafes/:cafeId/exports': () =>
    fc.oneof(fieldsOf('target', 'grouping', 'threadIds', 'edits'), fc.constantFrom({ target: 'hook' }, { target: 'hook', grouping: 'table', threadIds: ['nope'] }, { target: 'elsewhere' }, { target: 'hook', edits: { __proto__x: { title: 'x' } } })),
  'GET /api/cafes/:cafeId/exports': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/exports': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/exports/:jobId': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/exports/:jobId': () => fc.constant(undefined),
  'POST /api/cafes/:cafeId/exports/:jobId/run': () => fc.oneof(fieldsOf('retry'), fc.constantFrom({}, { retry: true }, { retry: 'yes' }, [], 'retry')),
  'GET /api/harvest/:code': () => fc.constant(undefined),
  'HEAD /api/harvest/:code': () => fc.constant(undefined),
  'GET /api/harvest/:code/photos/:photoId': () => fc.constant(undefined),
  'HEAD /api/harvest/:code/photos/:photoId': () => fc.constant(undefined),
  'GET /api/harvest/:code/qr.svg': () => fc.constant(undefined),
  'HEAD /api/harvest/:code/qr.svg': () => fc.constant(undefined),
  'PUT /api/cafes/:cafeId/invitation': () =>
    fc.oneof(fieldsOf('email', 'consent', 'ageConfirmed'), fc.constantFrom({ email: 'fuzz@example.org', consent: true, ageConfirmed: true }, { email: 'fuzz@', consent: true, ageConfirmed: true }, { email: 'fuzz@example.org', consent: true })),
  'GET /api/cafes/:cafeId/invitation': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/invitation': () => fc.constant(undefined),
  'DELETE /api/cafes/:cafeId/invitation': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/invitations': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/invitations': () => fc.constant(undefined),
  'GET /api/cafes/:cafeId/invitations.csv': () => fc.constant(undefined),
  'HEAD /api/cafes/:cafeId/invitations.csv': () => fc.constant(undefined),
  'DELETE /api/cafes/:cafeId/invitations/:participantId': () => fc.constant(undefined),
  'GET /healthz': () => fc.constant(undefined),
  'HEAD /healthz': () => fc.constant(undefined),
  'GET /readyz': () => fc.constant(undefined),
  'HEAD /readyz': () => fc.constant(undefined),
};

/** Path segments that are legal on the wire but awkward: encodings, dots, prototype names, lengths. */
const rawSegment = fc.constantFrom('%', '%zz', '%00', '%2F', '%2e%2e', '..', '.', '%E2%80%AE', '%F0%9F%8C%8D', 'a;b', 'a%20b', ...PROTO);
const anySegment = fc.oneof(rawSegment, fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.integer({ min: 65, max: 3000 }).map((n) => 'c'.repeat(n)), clientId);
const PARAMS: Record<string, () => fc.Arbitrary<string>> = {
  cafeId: () => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(web.id, harvest.id) }, { weight: 1, arbitrary: fc.constant(live.id) }, { weight: 3, arbitrary: anySegment }),
  code: () => fc.oneof(fc.constantFrom(web.joinCode, web.joinCode.toLowerCase(), ` ${web.joinCode}`.replace(' ', '%20'), harvest.joinCode), anySegment),
  linkId: () => fc.oneof(fc.constantFrom(web.participantId), anySegment),
  participantId: () => fc.oneof(fc.constantFrom(web.participantId), anySegment),
  photoId: () => fc.oneof(fc.constantFrom(web.photoId), clientId, anySegment),
  jobId: () => fc.oneof(fc.constant(harvest.jobId), anySegment),
};
/** Whether the router can decode this path (a broken %-escape is refused as INVALID_PAYLOAD). */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path.split('?')[0]!);
    return true;
  } catch {
    return false;
  }
}
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom('round', 'table', 'tableId', 'grouping', '__proto__', 'constructor', 'x'), fc.oneof(fc.constantFrom('0', '1', '2', '99', 'theme', 'table', 'question', '', '-1', '1e3'), fc.string({ maxLength: 20 })), { maxKeys: 3 }).map((q) => `?${Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`) },
  { weight: 2, arbitrary: fc.constantFrom('?round=1&round=2', '?tableId=1&round=0', '?tableId=1&round=0&x=1', '?__proto__[x]=1', '?round[]=1', '?=', '?&&', '?round', '?%zz=1', `?grouping=${'x'.repeat(5000)}`) },
);
const authorization = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/).map((s) => `Bearer ${s}`) },
  { weight: 2, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic dXNlcjpwYXNz', `Bearer ${'a'.repeat(65)}`, 'Bearer short', 'Bearer a b', 'Bearer harvest-facilitator-secret-0001 extra') },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }) },
);
const contentType = fc.option(
  fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1', 'text/plain', 'text/html', 'image/jpeg', 'image/png', 'image/', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx', ';', 'application/problem+json'),
  { freq: 5 },
);

type Sent = { method: string; route: string; path: string; headers: Record<string, string>; body?: Buffer };

function requestArb(route: string): fc.Arbitrary<Sent> {
  const [method, pattern] = route.split(' ') as [string, string];
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const params = fc.tuple(...names.map((n) => (PARAMS[n] ?? (() => anySegment))()));
  const secrets = [...web.secrets, ...Object.values(harvest.secrets), live.revoked];
  const auth = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...secrets).map((s) => `Bearer ${s}`) }, { weight: 4, arbitrary: authorization });
  // Half the time a link's secret with its own café in the path, so the route gets past authentication.
  const pairs = [...web.secrets.map((s) => [web.id, s] as const), ...Object.values(harvest.secrets).map((s) => [harvest.id, s] as const)];
  const matched = fc.option(fc.constantFrom(...pairs), { freq: 2 });
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 5, arbitrary: ROUTES[route]!().map((b) => (b === undefined ? undefined : Buffer.isBuffer(b) ? b : Buffer.from(JSON.stringify(b)))) },
    { weight: 3, arbitrary: junk.map((j) => Buffer.from(JSON.stringify(j) ?? 'null')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,]', 'nul', '\u0000', '{"__proto__":{"x":1},"__proto__":{"y":2}}', '[' .repeat(100_000) + ']'.repeat(100_000), `"${'x'.repeat(1_100_000)}"`).map((s) => Buffer.from(s)) },
  );
  // Now and then another method on the same path: a route that does not exist.
  const verb = fc.oneof({ weight: 12, arbitrary: fc.constant(method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') });
  const fitting = pattern.includes('/photos/') ? 'image/jpeg' : 'application/json';
  const type = fc.oneof({ weight: 2, arbitrary: fc.constant(fitting) }, { weight: 1, arbitrary: contentType });
  return fc.record({ verb, params, query, auth, body, type, matched }).map(({ verb: m, params: values, query: q, auth: a, body: b, type: ct, matched: pair }) => {
    let i = 0;
    const path = pattern.replace(/:\w+/g, (name) => (pair && name === ':cafeId' ? (i++, pair[0]) : values[i++]!)) + q;
    const headers: Record<string, string> = {};
    if (pair) headers.authorization = `Bearer ${pair[1]}`;
    else if (a !== undefined) headers.authorization = a;
    const withBody = b !== undefined && m !== 'GET' && m !== 'HEAD';
    if (withBody && ct !== null) headers['content-type'] = ct;
    return { method: m, route, path, headers, body: withBody ? b : undefined };
  });
}

/** Checks an HTTP answer: a 2xx, or a refusal with a catalogue code, its status and the error body. */
function checkHttp(sent: Sent, answer: Answer): ErrorCode | null {
  const where = `${sent.method} ${sent.path.slice(0, 200)} ${JSON.stringify(sent.headers)} body ${sent.body?.subarray(0, 200).toString('utf8') ?? '(none)'}`;
  expect(answer.status, where).not.toBe(500);
  if (answer.status < 300) {
    expect([200, 201, 202, 204], where).toContain(answer.status);
    return null;
  }
  expect(Object.values(ERRORS).map((e) => e.status), where).toContain(answer.status);
  if (sent.method === 'HEAD') return null;
  expect(answer.headers['content-type'], where).toMatch(/^application\/json/);
  const json = JSON.parse(answer.text) as Record<string, unknown>;
  expect(Object.keys(json), where).toEqual(['error']);
  const code = checkWireError(json.error);
  expect(answer.status, `${where}: ${code}`).toBe(ERRORS[code].status);
  return code;
}

/** Which routes change a café when they succeed (reads and refusals must not). */
const WRITES = /^(POST|PUT|DELETE) /;
const HTTP_RUNS_PER_ROUTE = Number(process.env.FUZZ_HTTP_RUNS ?? 40);

describe('fuzzing every HTTP route', () => {
  it('fuzzes exactly the routes the app serves (but /docs)', () => {
    expect(appRoutes().filter((r) => !EXCLUDED(r.split(' ')[1]!))).toEqual(Object.keys(ROUTES).sort());
  });

  it('answers random params, queries, headers and bodies with a 2xx or a catalogue refusal, and a refusal changes nothing', async () => {
    const routes = appRoutes().filter((r) => !EXCLUDED(r.split(' ')[1]!));
    const seen = new Map<string, number>();
    await check(
      fc.asyncProperty(fc.constantFrom(...routes).chain(requestArb), async (sent) => {
        const before = await fingerprints();
        const answer = await request(sent.method, sent.path, sent.headers, sent.body);
        const code = checkHttp(sent, answer);
        count(`${sent.method} ${sent.route.split(' ')[1]}`, code ?? String(answer.status));
        seen.set(sent.route, (seen.get(sent.route) ?? 0) + 1);
        const actual = `${sent.method} ${sent.route.split(' ')[1]}`;
        // A path no route has: NOT_FOUND, or INVALID_PAYLOAD when its URL or body cannot even be read.
        if (!routes.includes(actual)) expect(['NOT_FOUND', 'INVALID_PAYLOAD'], `${sent.method} ${sent.path}`).toContain(code);
        if (answer.status >= 300 || !WRITES.test(actual)) expect(await fingerprints(), `${sent.method} ${sent.path} → ${answer.status}`).toEqual(before);
      }),
      routes.length * HTTP_RUNS_PER_ROUTE,
    );
    for (const route of routes) expect(seen.get(route) ?? 0, route).toBeGreaterThan(0);
    await checkStillServing();
  });

  it('answers an unknown path or method with 404 NOT_FOUND', async () => {
    await check(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), fc.array(anySegment, { minLength: 1, maxLength: 4 }), query, async (method, segments, q) => {
        const path = `/${['api', 'nope', ...segments].join('/')}${q}`;
        const answer = await request(method, path);
        expect(checkHttp({ method, route: '', path, headers: {} }, answer)).toBe(decodable(path) ? 'NOT_FOUND' : 'INVALID_PAYLOAD');
      }),
      40,
    );
  });
});


// ---- the socket ----------------------------------------------------------------------------------------

const KNOWN = ['op', 'sync', 'time', 'status'] as const;
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const eventName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 1, arbitrary: fc.constantFrom('ops', 'snapshot', 'presence', 'revoked', 'error', 'OP', 'op ', '__proto__', 'constructor', 'toString', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((n) => !RESERVED.has(n) && !(KNOWN as readonly string[]).includes(n)) },
);
const payloadFor = (event: string): fc.Arbitrary<unknown> => {
  const nearBy = {
    op: fc.oneof(
      fieldsOf('id', 'op'),
      fc.record({ id: fc.oneof({ weight: 4, arbitrary: clientId }, { weight: 1, arbitrary: junk }), op: fc.oneof({ weight: 1, arbitrary: junk }, { weight: 4, arbitrary: nearCommand }) }),
    ),
    sync: fc.oneof(fieldsOf('since'), fc.record({ since: weirdNumber }), fc.record({ since: fc.nat(40) })),
    time: fc.oneof(fieldsOf('clientSentAt'), fc.record({ clientSentAt: weirdNumber }), fc.record({ clientSentAt: fc.integer() })),
    status: fc.oneof(fieldsOf('sound'), fc.record({ sound: fc.oneof(fc.constantFrom('on', 'blocked', 'muted', 'ON', ''), junk) })),
  };
  const near = Object.hasOwn(nearBy, event) ? nearBy[event as (typeof KNOWN)[number]] : undefined;
  const binary = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b));
  return fc.oneof({ weight: 4, arbitrary: junk }, { weight: 1, arbitrary: fc.oneof(binary, binary.map((b) => ({ since: b, clientSentAt: b, id: b, op: b }))) }, ...(near ? [{ weight: 5, arbitrary: near }] : []));
};
/** Commands every face might send (valid by the schema), sometimes with one field replaced, removed or added. */
const nearCommand = fc
  .tuple(
    fc.constantFrom<Record<string, unknown>>(
      { type: 'broadcast', text: 'Coffee' },
      { type: 'addIdea', ideaId: 'fuzz-idea-0002', tableId: '1', round: 0, text: 'Fuzzy' },
      { type: 'editIdea', ideaId: 'fuzz-idea-0001', text: 'Edited' },
      { type: 'starIdea', ideaId: 'fuzz-idea-0001', starred: true },
      { type: 'hideIdea', ideaId: 'fuzz-idea-0001', hidden: false },
      { type: 'takeSeat', tableId: '2' },
      { type: 'extendRound', ms: 60_000 },
      { type: 'pauseRound' },
    ),
    fc.constantFrom('keep', 'keep', 'replace', 'remove', 'add'),
    fc.nat(),
    fc.oneof(junk, wrongType),
    fc.constantFrom('extra', ...PROTO),
  )
  .map(([command, how, pick, value, key]) => {
    const op = JSON.parse(JSON.stringify(command)) as Record<string, unknown>;
    const field = Object.keys(op)[pick % Object.keys(op).length]!;
    if (how === 'replace') op[field] = value;
    else if (how === 'remove') delete op[field];
    else if (how === 'add') Object.defineProperty(op, key, { value, enumerable: true, configurable: true, writable: true });
    return op;
  });
type Arity = 'payload' | 'none' | 'extra' | 'no callback' | 'nothing';
const arity = fc.constantFrom<Arity>('payload', 'payload', 'payload', 'none', 'extra', 'no callback', 'nothing');
/** What each event may refuse with (docs/protocol.md), besides what every `op` may. */
const EVENT_CODES: Record<string, readonly ErrorCode[] | undefined> = {
  sync: ['INVALID_PAYLOAD', 'UNAUTHENTICATED', 'LINK_REVOKED', 'CAFE_NOT_FOUND'],
  time: ['INVALID_PAYLOAD'],
  status: ['INVALID_PAYLOAD', 'FORBIDDEN'],
  op: undefined,
};

/** One round trip on this socket: whatever it sent before has been handled. */
const barrier = (socket: Socket) => socket.timeout(3000).emitWithAck('time', { clientSentAt: 1 });

describe('fuzzing the socket', () => {
  it('answers every event sent with a callback — known or not, any payload, missing or extra arguments — and a refusal changes nothing', async () => {
    const faceArb = fc.constantFrom<Face>('facilitator', 'host', 'participant', 'wall');
    // Under the 1 MiB message limit (bad-input.test.ts shows what happens past it).
    const small = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '') < 900_000;
    const sent = eventName.chain((event) =>
      fc.record({ event: fc.constant(event), face: faceArb, payload: payloadFor(event), arity, extra: fc.array(junk, { minLength: 1, maxLength: 3 }) }).filter((r) => small([r.payload, r.extra])),
    );
    let head = await server.store.head(live.id);
    await check(
      fc.asyncProperty(sent, async ({ event, face, payload, arity: how, extra }) => {
        const socket = faces[face].socket as unknown as Socket;
        const before = await fingerprint(live.id);
        const known = (KNOWN as readonly string[]).includes(event);
        if (how === 'no callback' || how === 'nothing') {
          if (how === 'nothing') socket.emit(event);
          else socket.emit(event, payload);
          await barrier(socket);
          // Without a callback the event is ignored, even a well-formed operation.
          expect(await fingerprint(live.id)).toEqual(before);
          return;
        }
        const args = how === 'payload' ? [payload] : how === 'none' ? [] : [payload, ...extra];
        const ack = (await socket.timeout(3000).emitWithAck(event, ...args)) as Record<string, unknown>;
        count(`socket ${known ? event : '(unknown)'} ${how}`, ack.ok === true ? 'ok' : String((ack.error as { code?: unknown } | undefined)?.code));
        if (!known || how !== 'payload') {
          expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_PAYLOAD' }) });
          checkWireError(ack.error);
        } else if (ack.ok === false) {
          expect(Object.keys(ack).sort()).toEqual(['error', 'ok']);
          checkWireError(ack.error, EVENT_CODES[event]);
        } else {
          expect(ack.ok).toBe(true);
          if (event === 'op') {
            expect(Object.keys(ack).sort()).toEqual(['duplicate', 'ok', 'seq']);
            if (!ack.duplicate) expect(ack.seq).toBe(++head);
            return;
          }
          if (event === 'sync') expect(['ops', 'snapshot']).toContain(ack.kind);
          const echoed = (JSON.parse(JSON.stringify(payload)) as { clientSentAt: number }).clientSentAt;
          if (event === 'time') expect(ack).toEqual({ ok: true, clientSentAt: echoed, serverNow: expect.any(Number) });
          if (event === 'status') expect(face).toBe('wall');
        }
        expect(await fingerprint(live.id)).toEqual(before);
      }),
      Number(process.env.FUZZ_SOCKET_RUNS ?? 600),
    );
    await checkStillServing();
  });

  it('connects exactly a well-formed handshake with a valid secret, and refuses any other with its code', async () => {
    const secret = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...Object.values(live.secrets)) },
      { weight: 1, arbitrary: fc.constant(live.revoked) },
      { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) },
      { weight: 2, arbitrary: junk },
      { weight: 1, arbitrary: fc.constantFrom('short', 'x'.repeat(65), `${live.secrets.wall} `, live.secrets.wall.toUpperCase()) },
    );
    const auth = fc.record(
      {
        secret,
        protocol: fc.oneof({ weight: 4, arbitrary: fc.constant(PROTOCOL_VERSION) }, { weight: 1, arbitrary: fc.oneof(fc.constant(PROTOCOL_VERSION + 1), fc.constant(String(PROTOCOL_VERSION)), fc.constant(PROTOCOL_VERSION + 0.5), wrongType) }),
        since: fc.oneof(fc.integer({ min: 0, max: 20 }), weirdNumber),
        extra: fc.oneof(fc.constant(null), polluted),
      },
      { requiredKeys: [] },
    );
    const origin = fc.option(fc.constantFrom('http://evil.example', 'null', 'not a url', 'same'), { freq: 4 });
    await check(
      fc.asyncProperty(fc.oneof({ weight: 6, arbitrary: auth.map((a) => ({ kind: 'object' as const, a })) }, { weight: 1, arbitrary: junk.map((a) => ({ kind: 'raw' as const, a })) }), origin, async (given, from) => {
        let sent: unknown;
        if (given.kind === 'object') {
          const { extra, ...fields } = given.a;
          // The extra keys (__proto__, constructor) are own keys, as the server's JSON.parse makes them.
          sent = JSON.parse(`{${[extra ? JSON.stringify(extra).slice(1, -1) : '', JSON.stringify(fields).slice(1, -1)].filter(Boolean).join(',')}}`);
        } else sent = given.a;
        const headers: Record<string, string> = from === null ? {} : { origin: from === 'same' ? server.url : from };
        const socket = connectSocket(server.url, {
          auth: typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? (sent as object) : (cb) => cb(sent as object),
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: headers,
        });
        sockets.push(socket);
        const outcome = await new Promise<{ connected: boolean; error?: { message: string; data?: unknown } }>((resolve) => {
          const timer = setTimeout(() => resolve({ connected: false, error: { message: 'no answer' } }), 3000);
          const done = (r: { connected: boolean; error?: { message: string; data?: unknown } }) => (clearTimeout(timer), resolve(r));
          socket.on('snapshot', () => done({ connected: true }));
          socket.on('ops', () => done({ connected: true }));
          socket.on('connect_error', (e) => done({ connected: false, error: e as { message: string; data?: unknown } }));
          socket.on('disconnect', () => done({ connected: false, error: { message: 'disconnected' } }));
        });
        socket.disconnect();
        const expected = expectedHandshake(sent, from === null || from === 'same');
        count('handshake', outcome.connected ? 'connected' : String((outcome.error?.data as { code?: unknown } | undefined)?.code ?? outcome.error?.message));
        if (expected === 'connects') expect(outcome, JSON.stringify(sent)).toEqual({ connected: true });
        else if (expected === 'dropped') {
          expect(outcome.connected).toBe(false);
          if (outcome.error?.data !== undefined) checkWireError(outcome.error.data);
        }
        else {
          expect(outcome.connected, JSON.stringify(sent)).toBe(false);
          expect(checkWireError(outcome.error?.data), JSON.stringify(sent)).toBe(expected);
        }
      }),
      Number(process.env.FUZZ_HANDSHAKE_RUNS ?? 80),
    );
    await checkStillServing();
  });

  it('survives raw packets of any kind, and nothing changes', async () => {
    const packet = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ maxLength: 60 }).map((s) => `4${s}`),
      fc.string({ maxLength: 60 }).map((s) => `42${s}`),
      fc.tuple(fc.constantFrom('42', '421', '4299', '451-', '43', '40', '41', '44', '42/x,'), fc.constantFrom(...KNOWN, 'error', '__proto__'), junk).map(([p, e, j]) => `${p}${JSON.stringify([e, j])}`),
      fc.constantFrom('42["op"]', '42[]', '42{}', '42"op"', '42[1]', '42[null]', '42["error"]', '42["__proto__",{}]', '451-["op",{"_placeholder":true,"num":0}]', '1', '6', '3', '2probe'),
    );
    await check(
      fc.asyncProperty(fc.array(packet, { minLength: 1, maxLength: 5 }), async (packets) => {
        const before = await fingerprints();
        const raw = await connect(server.url, live.secrets.participant);
        const engine = (raw.socket as unknown as Socket).io.engine as unknown as { send(data: string): void };
        for (const p of packets) engine.send(p);
        await new Promise((r) => setTimeout(r, 20));
        raw.close();
        expect((await request('GET', '/healthz')).status).toBe(200);
        expect(await fingerprints()).toEqual(before);
        await barrier(faces.wall.socket as unknown as Socket);
      }),
      Number(process.env.FUZZ_RAW_RUNS ?? 40),
    );
    await checkStillServing();
  });
});

/** What the handshake must do with this `auth`, as the protocol describes it (docs/protocol.md, Connecting). */
function expectedHandshake(auth: unknown, originOk: boolean): 'connects' | 'dropped' | ErrorCode {
  // Socket.IO itself drops a CONNECT packet whose auth is not an object (no code to give); none at all is `{}`.
  if (auth !== null && (typeof auth !== 'object' || Array.isArray(auth))) return 'dropped';
  if (!originOk) return 'ORIGIN_NOT_ALLOWED';
  const a = (auth ?? {}) as Record<string, unknown>;
  const secretOk = typeof a.secret === 'string' && [...a.secret].length >= 16 && [...a.secret].length <= 64;
  const since = a.since;
  if (!secretOk || !Number.isInteger(a.protocol) || (since !== undefined && !(Number.isInteger(since) && (since as number) >= 0))) return 'INVALID_PAYLOAD';
  if (a.protocol !== PROTOCOL_VERSION) return 'PROTOCOL_MISMATCH';
  if (a.secret === live.revoked) return 'LINK_REVOKED';
  return Object.values(live.secrets).includes(a.secret as string) ? 'connects' : 'UNAUTHENTICATED';
}

// ---- the rate limiter ------------------------------------------------------------------------------

describe('fuzzing past a rate limit', () => {
  it('refuses whatever a device sends beyond its budget with RATE_LIMITED and how long to wait, and changes nothing', async () => {
    const BUDGET = 4;
    const limited = await startServer({ rateLimits: { requests: { max: BUDGET, timeWindow: 60_000 }, joinsPerCode: GENEROUS } });
    try {
      const links = await createCafe(limited);
      const channel = fc.constantFrom('sync', 'time', 'status', 'unknown', 'GET snapshot', 'GET ideas', 'GET links');
      await check(
        fc.asyncProperty(fc.array(fc.tuple(channel, junk), { minLength: BUDGET + 1, maxLength: BUDGET + 4 }), async (calls) => {
          const phone = await joinCafe(limited, links, { tableId: '1' });
          const device = await connect(limited.url, phone.secret);
          try {
            const head = await limited.store.head(links.cafeId);
            for (const [i, [via, payload]] of calls.entries()) {
              let error: Record<string, unknown> | null;
              if (via.startsWith('GET')) {
                const response = await fetch(`${limited.url}/api/cafes/${links.cafeId}/${via.slice(4)}`, { headers: { authorization: `Bearer ${phone.secret}` } });
                const json = (await response.json()) as { error?: Record<string, unknown> };
                error = json.error ?? null;
                if (error?.code === 'RATE_LIMITED') {
                  expect(response.status).toBe(429);
                  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
                }
              } else {
                const ack = (await (device.socket as unknown as Socket).timeout(3000).emitWithAck(via === 'unknown' ? 'nope' : via, payload)) as { error?: Record<string, unknown> };
                error = ack.error ?? null;
              }
              if (i < BUDGET) expect(error?.code, `call ${i} via ${via}`).not.toBe('RATE_LIMITED');
              else {
                expect(error, `call ${i} via ${via}`).toMatchObject({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.message, retryable: true });
                expect(Number.isSafeInteger(error!.retryAfterMs) && (error!.retryAfterMs as number) >= 0 && (error!.retryAfterMs as number) <= 60_000).toBe(true);
              }
            }
            expect(await limited.store.head(links.cafeId)).toBe(head);
          } finally {
            device.close();
          }
        }),
        8,
      );
    } finally {
      await limited.close();
    }
  });
});
