/**
 * Property-based fuzzing of what crosses the wire: random JSON, near misses of valid commands and
 * random Unicode text, sent as `op` over a real socket to a running café, and random bodies for
 * `POST /api/cafes` and `POST /api/join`. Whatever arrives, the server answers with a valid
 * acknowledgement or a catalogue code, and the log stays the exact record of what it accepted.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CafeSetup, JoinRequest } from '../../shared/domain/commands.js';
import type { LogEntry } from '../../shared/domain/events.js';
import { ERRORS, isErrorCode, type ErrorCode } from '../../shared/errors.js';
import { IDEA_TEXT_MAX, normalizeText, textProblem } from '../../shared/text.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

type Face = 'facilitator' | 'host' | 'participant';

let server: TestServer;
const clients: TestClient[] = [];
/** A café the op fuzzers play with (a fresh one per property): any state it reaches is fine, as long as the log stays exact. */
interface Playground {
  id: string;
  faces: Record<Face, TestClient>;
}
/** A café in round 0 that only ever receives ideas, so the text oracle knows what must be accepted. */
const writing = { id: '', host: null as unknown as TestClient, ideas: 0 };
/** A café that only receives joins. */
const joining = { id: '', code: '' };
/** Someone in a café no fuzzer touches, who must be able to work at every moment. */
const bystander = { id: '', host: null as unknown as TestClient, ideas: 0 };

const untyped = (client: TestClient) => client.socket as unknown as Socket;

/** What the fuzzers saw accepted in one café: operation id → sequence number. */
class Ledger {
  readonly accepted = new Map<string, number>();
  constructor(
    readonly cafeId: string,
    readonly initialHead: number,
  ) {}
  get head(): number {
    return this.initialHead + this.accepted.size;
  }
}
const ledgers = new Map<string, Ledger>();
const ledger = (cafeId: string) => ledgers.get(cafeId)!;

/** Prototype-chain keys are valid ids by the schema's pattern; they must behave like any other id. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf_', 'prototype', '__defineGetter__'];

type Ack = { ok: true; seq: number; duplicate: boolean } | { ok: false; error: { code: ErrorCode; message: string; retryable: boolean; path?: string } };

/** Checks an acknowledgement's shape: exactly {ok, seq, duplicate} or {ok:false, error} with a catalogue code. */
function checkAck(ack: unknown): Ack {
  expect(ack).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const a = ack as Record<string, unknown>;
  if (a.ok === true) {
    expect(Object.keys(a).sort()).toEqual(['duplicate', 'ok', 'seq']);
    expect(Number.isSafeInteger(a.seq) && (a.seq as number) > 0).toBe(true);
    expect(typeof a.duplicate).toBe('boolean');
  } else {
    expect(Object.keys(a).sort()).toEqual(['error', 'ok']);
    const error = a.error as Record<string, unknown>;
    expect(isErrorCode(error.code)).toBe(true);
    const code = error.code as ErrorCode;
    expect(error).toMatchObject({ message: ERRORS[code].message, retryable: ERRORS[code].retryable });
    // The store is healthy: a refusal that says otherwise is an exception escaping the reducer.
    expect(code).not.toBe('STORE_UNAVAILABLE');
    expect(code).not.toBe('INTERNAL');
  }
  return ack as Ack;
}

/** Sends a payload as `op`, checks the acknowledgement and keeps the ledger of the café. */
async function sendOp(client: TestClient, cafeId: string, payload: unknown): Promise<Ack> {
  const book = ledger(cafeId);
  const ack = checkAck(await untyped(client).timeout(5000).emitWithAck('op', payload));
  if (ack.ok) {
    const id = (payload as { id: string }).id;
    if (ack.duplicate) {
      expect(book.accepted.get(id)).toBe(ack.seq);
    } else {
      expect(ack.seq).toBe(book.head + 1);
      book.accepted.set(id, ack.seq);
    }
  }
  return ack;
}

const IDEA_EVENTS = new Set(['ideaEdited', 'ideaStarred', 'ideaDeleted', 'ideaHidden']);

/** The log is exactly the initial entries plus what was acknowledged, contiguous, each operation once and well-formed. */
async function checkLog(cafeId: string): Promise<LogEntry[]> {
  const book = ledger(cafeId);
  expect(await server.store.head(cafeId)).toBe(book.head);
  const entries = await server.store.readSince(cafeId, 0);
  expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: book.head }, (_, i) => i + 1));
  expect(new Set(entries.map((e) => e.opId)).size).toBe(entries.length);
  for (const [opId, seq] of book.accepted) expect(entries[seq - 1]!.opId).toBe(opId);
  for (const { event } of entries) {
    if (IDEA_EVENTS.has(event.type)) expect(typeof (event as { ideaId?: unknown }).ideaId, JSON.stringify(event)).toBe('string');
    if (event.type === 'linkRevoked') expect(typeof event.linkId, JSON.stringify(event)).toBe('string');
  }
  return entries;
}

/** The server still serves: every fuzzing socket is connected and someone elsewhere can still add an idea. */
async function checkStillServing(): Promise<void> {
  for (const c of clients) expect(c.socket.connected).toBe(true);
  const ack = await bystander.host.send({ type: 'addIdea', ideaId: `bystander-${++bystander.ideas}-idea`, tableId: '1', round: 0, text: 'Still here' });
  expect(ack.ok).toBe(true);
}

async function face(url: string, secret: string): Promise<TestClient> {
  const c = await connect(url, secret);
  clients.push(c);
  return c;
}

/** A café in round 0 with a facilitator, the host of table 1 and a participant seated there, and two ideas. */
async function newPlayground(): Promise<Playground> {
  const links = await createCafe(server);
  const facilitator = await face(server.url, secretOf(links.facilitator));
  const host = await face(server.url, secretOf(links.tables[0]!.host));
  await facilitator.must({ type: 'openCafe' });
  await facilitator.must({ type: 'startRound' });
  const phone = await joinCafe(server, links, { tableId: '1', displayName: 'Ada', group: 'teachers' });
  const participant = await face(server.url, phone.secret);
  await host.must({ type: 'addIdea', ideaId: 'fuzz-idea-0001', tableId: '1', round: 0, text: 'Seed' });
  await participant.must({ type: 'addIdea', ideaId: 'fuzz-idea-0002', tableId: '1', round: 0, text: 'Seed too' });
  ledgers.set(links.cafeId, new Ledger(links.cafeId, await server.store.head(links.cafeId)));
  return { id: links.cafeId, faces: { facilitator, host, participant } };
}

beforeAll(async () => {
  // Hundreds of new cafés in a few seconds: far past the server-wide creation budget, which is not under test here.
  server = await startServer({ rateLimits: { createCafe: { max: 100_000, timeWindow: 60_000 } } });

  const write = await createCafe(server);
  writing.id = write.cafeId;
  const writingFacilitator = await face(server.url, secretOf(write.facilitator));
  writing.host = await face(server.url, secretOf(write.tables[0]!.host));
  await writingFacilitator.must({ type: 'openCafe' });
  await writingFacilitator.must({ type: 'startRound' });

  const joinHere = await createCafe(server);
  joining.id = joinHere.cafeId;
  joining.code = joinHere.joinCode;

  const calm = await createCafe(server);
  bystander.id = calm.cafeId;
  const calmFacilitator = await face(server.url, secretOf(calm.facilitator));
  bystander.host = await face(server.url, secretOf(calm.tables[0]!.host));
  await calmFacilitator.must({ type: 'openCafe' });
  await calmFacilitator.must({ type: 'startRound' });

  for (const id of [writing.id, joining.id]) ledgers.set(id, new Ledger(id, await server.store.head(id)));
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
});

// ---- arbitraries --------------------------------------------------------------------------

const faceArb = fc.constantFrom<Face>('facilitator', 'host', 'participant');
const clientId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
/** Ids a device might send: mostly fresh, sometimes one already used, sometimes a prototype key. */
const ideaIdArb = fc.oneof(
  { weight: 3, arbitrary: clientId },
  { weight: 2, arbitrary: fc.constantFrom('fuzz-idea-0001', 'fuzz-idea-0002', 'fuzz-idea-0003') },
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const awkwardChar = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000', '\u200b', '\u0301', '\ufeff', '🌍', '👩‍👩‍👧', '🇦🇹', 'ﬁ', 'Å', 'é');
const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate, awkwardChar), maxLength: 80 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 995, maxLength: 1005 }),
  fc.string({ unit: fc.oneof(awkwardChar, fc.constantFrom('a', 'e\u0301')), minLength: 990, maxLength: 1010 }),
  fc.constantFrom('', ' ', '\u3000', 'e\u0301'.repeat(1000), '🌍'.repeat(1000), '🌍'.repeat(1001)),
);
const tableIdArb = fc.constantFrom('1', '2', '3', '4', '99');
const roundArb = fc.constantFrom(0, 1, 2);

/** Every command a face may send, valid by the schema (the café's state may still refuse it). */
const validCommand = fc.oneof(
  fc.record({ type: fc.constant('addIdea'), ideaId: ideaIdArb, tableId: tableIdArb, round: roundArb, text: unicodeText }),
  fc.record({ type: fc.constant('editIdea'), ideaId: ideaIdArb, text: unicodeText }),
  fc.record({ type: fc.constant('starIdea'), ideaId: ideaIdArb, starred: fc.boolean() }),
  fc.record({ type: fc.constant('deleteIdea'), ideaId: ideaIdArb }),
  fc.record({ type: fc.constant('hideIdea'), ideaId: ideaIdArb, hidden: fc.boolean() }),
  fc.record({ type: fc.constant('takeSeat'), tableId: tableIdArb }),
  fc.record(
    {
      type: fc.constant('updateProfile'),
      displayName: fc.option(fc.string({ maxLength: 70 })),
      group: fc.option(fc.constantFrom('teachers', 'students', 'aliens', '')),
      consent: fc.record({ publish: fc.boolean(), showName: fc.boolean() }),
    },
    { requiredKeys: ['type'] },
  ),
  fc.constantFrom(
    { type: 'openCafe' },
    { type: 'startRound' },
    { type: 'pauseRound' },
    { type: 'resumeRound' },
    { type: 'nextRound' },
    { type: 'undoNextRound' },
    { type: 'startRehearsal' },
    { type: 'resetRehearsal' },
  ),
  fc.record({ type: fc.constant('extendRound'), ms: fc.constantFrom(60_000, 300_000) }),
  fc.record({ type: fc.constant('broadcast'), text: fc.string({ maxLength: 300 }) }),
  fc.record({ type: fc.constant('editCafe'), title: fc.string({ maxLength: 210 }), language: fc.constantFrom('en', 'de') }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('editRound'), round: roundArb, question: fc.string({ maxLength: 50 }), durationMs: fc.constant(600_000) }, { requiredKeys: ['type', 'round'] }),
  fc.record({ type: fc.constant('addRound'), question: fc.string({ maxLength: 50 }), durationMs: fc.constant(600_000) }),
  fc.record({ type: fc.constant('removeRound'), round: roundArb }),
  fc.record({ type: fc.constant('addTable'), tableId: tableIdArb, name: fc.string({ maxLength: 70 }) }),
  fc.record({ type: fc.constant('editTable'), tableId: tableIdArb, enabled: fc.boolean() }, { requiredKeys: ['type', 'tableId'] }),
);

/** Anything at all, in place of one field. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', ' ', '0', '-1', '1.5', 'null', 'a'.repeat(65), '../x', ...PROTOTYPE_KEYS),
  fc.constantFrom(-1, 0.5, 1e9, 2 ** 53, -0, null, true, [], {}),
);

type Json = Record<string, unknown>;
/** A valid request with one thing wrong: a field replaced, removed or added, in the op or in the envelope. */
const nearMiss = fc
  .tuple(clientId, validCommand, fc.nat(), replacement, fc.constantFrom('replace', 'remove', 'add'), fc.boolean(), fc.string({ maxLength: 12 }))
  .map(([id, command, pick, value, how, inEnvelope, newKey]) => {
    const op: Json = { ...command };
    const envelope: Json = { id, op };
    const target = inEnvelope ? envelope : op;
    const keys = Object.keys(target);
    const key = keys[pick % keys.length]!;
    if (how === 'replace') target[key] = value;
    else if (how === 'remove') delete target[key];
    else target[newKey] = value;
    return envelope;
  });

/** JSON-serialisable values from fc.anything (what survives a JSON round trip unchanged). */
const anythingJson = fc.anything({ maxDepth: 3 }).filter((v) => {
  const text = JSON.stringify(v);
  return text !== undefined && isDeepStrictEqual(JSON.parse(text), v);
});

// ---- properties ---------------------------------------------------------------------------

/** Runs `payload` as `op` from random faces of a fresh café, then checks the log and that the server still serves. */
async function fuzzOps(payload: fc.Arbitrary<unknown>, numRuns: number): Promise<void> {
  const playground = await newPlayground();
  await fc.assert(
    fc.asyncProperty(faceArb, payload, async (who, p) => {
      await sendOp(playground.faces[who], playground.id, p);
    }),
    { numRuns },
  );
  await checkLog(playground.id);
  await checkStillServing();
}

describe('fuzzing the socket event `op`', () => {
  it('answers random JSON values with a valid acknowledgement, and the log stays exact', async () => {
    await fuzzOps(fc.jsonValue(), 200);
  });

  it('answers JSON-serialisable values from fc.anything, and the log stays exact', async () => {
    await fuzzOps(anythingJson, 150);
  });

  it('answers a valid envelope around a random operation, and the log stays exact', async () => {
    const randomOp = fc
      .tuple(fc.constantFrom('addIdea', 'editIdea', 'starIdea', 'hideIdea', 'takeSeat', 'extendRound', 'editCafe', 'editRound', 'addTable'), fc.dictionary(fc.constantFrom('ideaId', 'tableId', 'round', 'text', 'ms', 'title', 'starred', 'hidden', 'name', 'group'), fc.jsonValue({ maxDepth: 1 })))
      .map(([type, fields]) => ({ ...fields, type }));
    await fuzzOps(fc.record({ id: clientId, op: randomOp }), 200);
  });

  it('answers near misses of valid commands, and the log stays exact and well-formed', async () => {
    await fuzzOps(nearMiss, 300);
  });

  it('answers commands valid by the schema, from every face in any order, and the log stays exact and well-formed', async () => {
    await fuzzOps(fc.record({ id: clientId, op: validCommand }), 400);
  });

  it('accepts an idea exactly when its normalised text has 1 to 1,000 code points, and stores it normalised', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeText, async (text) => {
        const n = ++writing.ideas;
        const ack = await sendOp(writing.host, writing.id, { id: `text-op-${n}`, op: { type: 'addIdea', ideaId: `text-idea-${n}`, tableId: '1', round: 0, text } });
        const problem = textProblem(text, IDEA_TEXT_MAX);
        if (problem) {
          expect(ack).toMatchObject({ ok: false, error: { code: problem } });
          return;
        }
        expect(ack).toMatchObject({ ok: true });
        if (!ack.ok || ack.duplicate) return;
        const [entry] = await server.store.readSince(writing.id, ack.seq - 1, 1);
        expect(entry!.event).toMatchObject({ type: 'ideaAdded', idea: { text: normalizeText(text) } });
      }),
      { numRuns: 200 },
    );
    await checkLog(writing.id);
    await checkStillServing();
  });

  it('answers random `sync` requests with entries, a snapshot or a catalogue code', async () => {
    const playground = await newPlayground();
    await fc.assert(
      fc.asyncProperty(faceArb, fc.oneof(fc.jsonValue(), fc.record({ since: fc.oneof(fc.integer(), fc.double(), fc.string()) })), async (who, p) => {
        const ack = (await untyped(playground.faces[who]).timeout(5000).emitWithAck('sync', p)) as Record<string, unknown>;
        if (ack.ok === true) expect(['ops', 'snapshot']).toContain(ack.kind);
        else expect(isErrorCode((ack.error as { code?: unknown } | undefined)?.code)).toBe(true);
      }),
      { numRuns: 100 },
    );
    await checkLog(playground.id);
    await checkStillServing();
  });
});

// ---- HTTP bodies ----------------------------------------------------------------------------

let address = 0;
/** Each request from its own address: nothing may depend on it (limits are keyed by device, code or server). */
async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  address++;
  const response = await server.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body) ?? 'null',
    remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return { status: response.statusCode, json: response.json() as Record<string, unknown> };
}

/** A refusal over HTTP: {error:{code,message,retryable}} with a catalogue code and that code's status. */
function checkHttpRefusal(status: number, json: Record<string, unknown>): ErrorCode {
  expect(Object.keys(json)).toEqual(['error']);
  const error = json.error as Record<string, unknown>;
  expect(isErrorCode(error.code)).toBe(true);
  const code = error.code as ErrorCode;
  expect(error).toMatchObject({ message: ERRORS[code].message, retryable: ERRORS[code].retryable });
  expect(status).toBe(ERRORS[code].status);
  expect(['STORE_UNAVAILABLE', 'INTERNAL']).not.toContain(code);
  return code;
}

function mutate(base: Json, pick: number, value: unknown, how: string, newKey: string, deep: boolean): Json {
  const copy = structuredClone(base);
  let target: Json = copy;
  if (deep && Array.isArray(copy.rounds)) target = (copy.rounds as Json[])[0]!;
  else if (deep && copy.consent) target = copy.consent as Json;
  const keys = Object.keys(target);
  const key = keys[pick % keys.length]!;
  if (how === 'replace') target[key] = value;
  else if (how === 'remove') delete target[key];
  else target[newKey] = value;
  return copy;
}

const mutation = fc.tuple(fc.nat(), replacement, fc.constantFrom('replace', 'remove', 'add'), fc.string({ maxLength: 10 }), fc.boolean());

const validSetup = fc.record(
  {
    title: fc.string({ maxLength: 210 }),
    language: fc.constantFrom('en', 'de', 'fi'),
    stakeholderGroups: fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
    mode: fc.constantFrom('single', 'pie'),
    travelMs: fc.constantFrom(0, 300_000),
    tables: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 4 })),
    rounds: fc.array(
      fc.record({ question: fc.string({ maxLength: 40 }), durationMs: fc.constantFrom(60_000, 1_200_000), returnHome: fc.boolean() }, { requiredKeys: ['question', 'durationMs'] }),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['title', 'tables', 'rounds'] },
);
const setupSchema = Compile(CafeSetup);
const joinSchema = Compile(JoinRequest);
/** The refusals the domain may give a body the schema accepts. */
const DOMAIN_SETUP_CODES: ErrorCode[] = ['TEXT_EMPTY', 'TEXT_TOO_LONG', 'TABLE_NOT_FOUND'];
const DOMAIN_JOIN_CODES: ErrorCode[] = ['TEXT_EMPTY', 'TEXT_TOO_LONG', 'TABLE_NOT_FOUND', 'TABLE_DISABLED', 'UNKNOWN_GROUP', 'CAFE_NOT_FOUND'];

describe('fuzzing HTTP bodies', () => {
  it('POST /api/cafes creates a café only from a body the shared schema accepts, and otherwise answers a catalogue code', async () => {
    const body = fc.oneof(
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 1, arbitrary: validSetup },
      { weight: 4, arbitrary: fc.tuple(validSetup, mutation).map(([setup, [pick, value, how, key, deep]]) => mutate(setup, pick, value, how, key, deep)) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const { status, json } = await post('/api/cafes', b);
        if (status === 201) {
          expect(setupSchema.Check(b), `created from ${JSON.stringify(b)}`).toBe(true);
          expect(json).toMatchObject({ cafeId: expect.any(String), joinCode: expect.stringMatching(/^[A-Z2-9]{6}$/) });
        } else {
          const code = checkHttpRefusal(status, json);
          if (setupSchema.Check(b)) expect(DOMAIN_SETUP_CODES).toContain(code);
        }
      }),
      { numRuns: 300 },
    );
    await checkStillServing();
  });

  it('POST /api/join seats a participant only from a body the shared schema accepts, and the café’s log counts every join', async () => {
    const validJoin = fc.record(
      {
        code: fc.constant(joining.code),
        tableId: fc.constantFrom('1', '2', '3', '9'),
        displayName: fc.option(fc.string({ maxLength: 70 })),
        group: fc.option(fc.constantFrom('teachers', 'parents', 'aliens', ' ')),
        consent: fc.record({ publish: fc.boolean(), showName: fc.boolean() }),
      },
      { requiredKeys: ['code', 'consent'] },
    );
    const body = fc.oneof(
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 1, arbitrary: validJoin },
      { weight: 4, arbitrary: fc.tuple(validJoin, mutation).map(([join, [pick, value, how, key, deep]]) => mutate(join, pick, value, how, key, deep)) },
    );
    const book = ledger(joining.id);
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const { status, json } = await post('/api/join', b);
        if (status === 201) {
          book.accepted.set(`server:join:${json.participantId as string}`, book.head + 1);
          expect(json).toMatchObject({ cafeId: joining.id, participantId: expect.any(String), secret: expect.any(String) });
          expect(joinSchema.Check(b), `joined with ${JSON.stringify(b)}`).toBe(true);
        } else {
          const code = checkHttpRefusal(status, json);
          if (joinSchema.Check(b)) expect(DOMAIN_JOIN_CODES).toContain(code);
        }
        expect(await server.store.head(joining.id)).toBe(book.head);
      }),
      { numRuns: 300 },
    );
    await checkLog(joining.id);
    await checkStillServing();
  });
});
