/**
 * The bad-input table: every socket event and every route, fed malformed, oversized,
 * unauthorised and out-of-phase messages. Each refusal must carry its stable code from
 * shared/errors.ts, change nothing (the café's head, the whole log, the wall's copy), and leave
 * the server serving everyone else.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { MAX_MESSAGE_BYTES } from '../../server/socket/io.js';
import type { CafeLinks } from '../../server/reception.js';
import { ERRORS, isErrorCode, type ErrorCode } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { normalizeText, textLength } from '../../shared/text.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

type CafeName = 'running' | 'lobby' | 'closed';
type Role = 'facilitator' | 'host1' | 'host2' | 'wall' | 'participant';

interface Cafe {
  id: string;
  links: CafeLinks;
  secrets: Partial<Record<Role | 'revokedHost3', string>>;
  clients: Partial<Record<Role, TestClient>>;
}

/** The operation id the facilitator of the running café opened it with (for OP_ID_CONFLICT). */
const FACILITATOR_OPEN_ID = 'facilitator-opens-the-running-cafe';

let server: TestServer;
let dir: string;
let store: SqliteStore;
let db: Database.Database;
const world = {} as Record<CafeName, Cafe>;
const everyClient: TestClient[] = [];

/** The socket without the typed event maps, so a test can send what a well-behaved client never would. */
const untyped = (client: TestClient) => client.socket as unknown as Socket;
const emit = (client: TestClient, event: string, payload: unknown): Promise<unknown> =>
  untyped(client).timeout(3000).emitWithAck(event, payload);
/** A round trip on this socket: everything the server sent it before has been applied. */
const barrier = (client: TestClient) => emit(client, 'time', { clientSentAt: 0 });

function client(cafe: CafeName, role: Role): TestClient {
  const c = world[cafe].clients[role];
  if (!c) throw new Error(`no ${role} in the ${cafe} café`);
  return c;
}

function secret(cafe: CafeName, role: Role | 'revokedHost3'): string {
  const s = world[cafe].secrets[role];
  if (!s) throw new Error(`no ${role} secret in the ${cafe} café`);
  return s;
}

async function enrol(name: CafeName, role: Role, s: string): Promise<void> {
  const c = await connect(server.url, s);
  everyClient.push(c);
  world[name].clients[role] = c;
  world[name].secrets[role] = s;
}

/** What must not change when something is refused. */
async function observe(name: CafeName) {
  await barrier(client(name, 'wall'));
  const rows = db.prepare('SELECT (SELECT COUNT(*) FROM log) AS entries, (SELECT COUNT(*) FROM cafes) AS cafes').get();
  return { head: await server.store.head(world[name].id), wallSeq: client(name, 'wall').replica.seq, rows };
}

let bystanderIdeas = 0;
/** Someone else (the host of table 2 in the running café) can still work. */
async function expectStillServing(): Promise<void> {
  const head = await server.store.head(world.running.id);
  const ack = await client('running', 'host2').send({
    type: 'addIdea',
    ideaId: `bystander-${++bystanderIdeas}-idea`,
    tableId: '2',
    round: 0,
    text: 'We are still working here',
  });
  expect(ack).toEqual({ ok: true, seq: head + 1, duplicate: false });
}

function expectRefusedAck(ack: unknown, code: ErrorCode): void {
  expect(ack).toMatchObject({ ok: false, error: { code, message: ERRORS[code].message, retryable: ERRORS[code].retryable } });
  expect((ack as { error: { message: unknown } }).error.message).toEqual(expect.any(String));
}

/** Sends `send`, expects the refusal `code`, and checks that nothing changed and the server still serves. */
async function expectRefusal(name: CafeName, send: () => Promise<unknown>, code: ErrorCode): Promise<void> {
  const before = await observe(name);
  const ack = await send();
  expectRefusedAck(ack, code);
  expect(await observe(name)).toEqual(before);
  await expectStillServing();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tablecloth-bad-input-'));
  store = SqliteStore.open(join(dir, 'cafe.db'));
  db = new Database(join(dir, 'cafe.db'), { readonly: true });
  server = await startServer({ store });

  // A café in round 0 with hosts at tables 1 and 2, a participant at table 2, and a few ideas.
  const running = await createCafe(server);
  world.running = { id: running.cafeId, links: running, secrets: {}, clients: {} };
  await enrol('running', 'facilitator', secretOf(running.facilitator));
  await enrol('running', 'wall', secretOf(running.wall[0]!));
  await enrol('running', 'host1', secretOf(running.tables[0]!.host));
  await enrol('running', 'host2', secretOf(running.tables[1]!.host));
  const fac = client('running', 'facilitator');
  await fac.must({ type: 'openCafe' }, FACILITATOR_OPEN_ID);
  await fac.must({ type: 'startRound' });
  const phone = await joinCafe(server, running, { tableId: '2', displayName: 'Ada' });
  await enrol('running', 'participant', phone.secret);
  await client('running', 'host1').must({ type: 'addIdea', ideaId: 'idea-table1-host', tableId: '1', round: 0, text: 'Projects' });
  await client('running', 'host1').must({ type: 'addIdea', ideaId: 'idea-table1-gone', tableId: '1', round: 0, text: 'Oops' });
  await client('running', 'host1').must({ type: 'deleteIdea', ideaId: 'idea-table1-gone' });
  await client('running', 'host2').must({ type: 'addIdea', ideaId: 'idea-table2-host', tableId: '2', round: 0, text: 'Time' });
  await client('running', 'participant').must({ type: 'addIdea', ideaId: 'idea-table2-phone', tableId: '2', round: 0, text: 'Trust' });
  await fac.must({ type: 'addTable', tableId: '4', name: 'Balcony' });
  await fac.must({ type: 'editTable', tableId: '4', enabled: false });
  // Table 3's tablet was lost: its old link is withdrawn by issuing a new one.
  world.running.secrets.revokedHost3 = secretOf(running.tables[2]!.host);
  const reissue = await fetch(`${server.url}/api/cafes/${running.cafeId}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secretOf(running.facilitator)}` },
    body: JSON.stringify({ role: 'host', tableId: '3' }),
  });
  expect(reissue.status).toBe(201);

  // A café whose doors are open but whose first round has not started.
  const lobby = await createCafe(server);
  world.lobby = { id: lobby.cafeId, links: lobby, secrets: {}, clients: {} };
  await enrol('lobby', 'facilitator', secretOf(lobby.facilitator));
  await enrol('lobby', 'wall', secretOf(lobby.wall[0]!));
  await enrol('lobby', 'host1', secretOf(lobby.tables[0]!.host));
  await client('lobby', 'facilitator').must({ type: 'openCafe' });

  // A café that has been closed, with an idea and a seated participant.
  const closed = await createCafe(server);
  world.closed = { id: closed.cafeId, links: closed, secrets: {}, clients: {} };
  await enrol('closed', 'facilitator', secretOf(closed.facilitator));
  await enrol('closed', 'wall', secretOf(closed.wall[0]!));
  await enrol('closed', 'host1', secretOf(closed.tables[0]!.host));
  await client('closed', 'facilitator').must({ type: 'openCafe' });
  await client('closed', 'facilitator').must({ type: 'startRound' });
  await client('closed', 'host1').must({ type: 'addIdea', ideaId: 'idea-closed-0001', tableId: '1', round: 0, text: 'Before closing' });
  const late = await joinCafe(server, closed, { tableId: '1' });
  await enrol('closed', 'participant', late.secret);
  await client('closed', 'facilitator').must({ type: 'closeCafe' });
});

afterAll(async () => {
  for (const c of everyClient) c.close();
  db?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- the socket event `op` ------------------------------------------------------------------

const env = (op: unknown) => ({ id: randomUUID(), op });
const addIdea = (fields: Record<string, unknown> = {}) => ({
  type: 'addIdea',
  ideaId: `idea-${randomUUID()}`,
  tableId: '1',
  round: 0,
  text: 'Shorter lessons',
  ...fields,
});
const broadcast = { type: 'broadcast', text: 'Coffee is ready' } as const;

interface OpRow {
  name: string;
  cafe: CafeName;
  as: Role;
  payload: unknown;
  code: ErrorCode;
}

const row = (name: string, payload: unknown, code: ErrorCode, as: Role = 'facilitator', cafe: CafeName = 'running'): OpRow => ({
  name,
  cafe,
  as,
  payload,
  code,
});

const malformedOps: OpRow[] = [
  row('a bare string', 'addIdea', 'INVALID_PAYLOAD'),
  row('a number', 42, 'INVALID_PAYLOAD'),
  row('a boolean', true, 'INVALID_PAYLOAD'),
  row('null', null, 'INVALID_PAYLOAD'),
  row('an array holding a valid request', [env(broadcast)], 'INVALID_PAYLOAD'),
  row('an empty object', {}, 'INVALID_PAYLOAD'),
  row('no op', { id: randomUUID() }, 'INVALID_PAYLOAD'),
  row('no id', { op: broadcast }, 'INVALID_PAYLOAD'),
  row('an id that is a number', { id: 12345678, op: broadcast }, 'INVALID_PAYLOAD'),
  row('an id too short', { id: 'abc', op: broadcast }, 'INVALID_PAYLOAD'),
  row('an id too long', { id: 'a'.repeat(65), op: broadcast }, 'INVALID_PAYLOAD'),
  row('an id with spaces and punctuation', { id: 'not an id, surely!', op: broadcast }, 'INVALID_PAYLOAD'),
  row('an extra field beside id and op', { ...env(broadcast), actor: 'system' }, 'INVALID_PAYLOAD'),
  row('a __proto__ key beside id and op', JSON.parse(`{"id":"${randomUUID()}","op":{"type":"openCafe"},"__proto__":{"admin":true}}`), 'INVALID_PAYLOAD'),
  row('an op that is a string', env('broadcast'), 'INVALID_PAYLOAD'),
  row('an op that is null', env(null), 'INVALID_PAYLOAD'),
  row('an op that is an array', env([broadcast]), 'INVALID_PAYLOAD'),
  row('an op without a type', env({ text: 'hello' }), 'INVALID_PAYLOAD'),
  row('an op type that is a number', env({ type: 7 }), 'INVALID_PAYLOAD'),
  row('an unknown op type', env({ type: 'dropAllTables' }), 'INVALID_PAYLOAD'),
  row('the server-only createCafe', env({ type: 'createCafe', cafeId: 'x', setup: {}, links: [] }), 'INVALID_PAYLOAD'),
  row('the server-only join', env({ type: 'join', participantId: 'p', displayName: null, group: null, consent: {}, tableId: null }), 'INVALID_PAYLOAD'),
  row('the HTTP-only revokeLink', env({ type: 'revokeLink', linkId: 'abc' }), 'INVALID_PAYLOAD'),
  row('an extra field in the op', env(addIdea({ author: { role: 'facilitator' } })), 'INVALID_PAYLOAD'),
  row('a __proto__ key in the op', env(JSON.parse('{"type":"broadcast","text":"x","__proto__":{"admin":true}}')), 'INVALID_PAYLOAD'),
  row('addIdea without text', env({ type: 'addIdea', ideaId: 'idea-no-text-01', tableId: '1', round: 0 }), 'INVALID_PAYLOAD'),
  row('addIdea with a number for text', env(addIdea({ text: 42 })), 'INVALID_PAYLOAD'),
  row('addIdea with an object for text', env(addIdea({ text: { en: 'hi' } })), 'INVALID_PAYLOAD'),
  row('addIdea with a negative round', env(addIdea({ round: -1 })), 'INVALID_PAYLOAD'),
  row('addIdea with a huge round', env(addIdea({ round: 1e9 })), 'INVALID_PAYLOAD'),
  row('addIdea with a fractional round', env(addIdea({ round: 0.5 })), 'INVALID_PAYLOAD'),
  row('addIdea with the round as a string', env(addIdea({ round: '0' })), 'INVALID_PAYLOAD'),
  row('addIdea with an idea id too short', env(addIdea({ ideaId: 'x' })), 'INVALID_PAYLOAD'),
  row('addIdea with a path for an idea id', env(addIdea({ ideaId: '../../etc/passwd' })), 'INVALID_PAYLOAD'),
  row('addIdea with an empty table id', env(addIdea({ tableId: '' })), 'INVALID_PAYLOAD'),
  row('addIdea with a table id too long', env(addIdea({ tableId: 't'.repeat(33) })), 'INVALID_PAYLOAD'),
  row('addIdea with a number for the table', env(addIdea({ tableId: 1 })), 'INVALID_PAYLOAD'),
  row('extendRound by a negative time', env({ type: 'extendRound', ms: -60_000 }), 'INVALID_PAYLOAD'),
  row('extendRound by a fractional time', env({ type: 'extendRound', ms: 90_000.5 }), 'INVALID_PAYLOAD'),
  row('extendRound by a huge time', env({ type: 'extendRound', ms: 1e12 }), 'INVALID_PAYLOAD'),
  row('extendRound without a time', env({ type: 'extendRound' }), 'INVALID_PAYLOAD'),
  row('starIdea with a string for starred', env({ type: 'starIdea', ideaId: 'idea-table1-host', starred: 'yes' }), 'INVALID_PAYLOAD'),
  row('editCafe with a language name', env({ type: 'editCafe', language: 'english' }), 'INVALID_PAYLOAD'),
  row('editCafe with an unknown mode', env({ type: 'editCafe', mode: 'triangle' }), 'INVALID_PAYLOAD'),
  row('editCafe with 21 stakeholder groups', env({ type: 'editCafe', stakeholderGroups: Array.from({ length: 21 }, (_, i) => `g${i}`) }), 'INVALID_PAYLOAD'),
  row('editRound with a duration under a minute', env({ type: 'editRound', round: 1, durationMs: 59_999 }), 'INVALID_PAYLOAD'),
  row('openCafe with a field it does not have', env({ type: 'openCafe', force: true }), 'INVALID_PAYLOAD'),
];

const tooLongOrEmpty: OpRow[] = [
  row('an idea of 1,001 characters', env(addIdea({ text: 'a'.repeat(1001) })), 'TEXT_TOO_LONG', 'host1'),
  row('an idea of 1,001 emoji', env(addIdea({ text: '🌍'.repeat(1001) })), 'TEXT_TOO_LONG', 'host1'),
  row('an idea of 1,001 accented letters written as combining pairs', env(addIdea({ text: 'e\u0301'.repeat(1001) })), 'TEXT_TOO_LONG', 'host1'),
  row('an idea past the transport bound (4,001 UTF-16 units)', env(addIdea({ text: 'a'.repeat(4001) })), 'TEXT_TOO_LONG', 'host1'),
  row('an idea of 60,000 characters (still under the 64 KB buffer)', env(addIdea({ text: 'a'.repeat(60_000) })), 'TEXT_TOO_LONG', 'host1'),
  row('an idea of whitespace only', env(addIdea({ text: '  \n\t  ' })), 'TEXT_EMPTY', 'host1'),
  row('an idea of ideographic and no-break spaces only', env(addIdea({ text: '\u3000\u00a0\u2003' })), 'TEXT_EMPTY', 'host1'),
  row('an empty idea', env(addIdea({ text: '' })), 'TEXT_EMPTY', 'host1'),
  row('an idea of zero-width spaces and direction marks only', env(addIdea({ text: '\u200b\u200e\u2060\ufeff' })), 'TEXT_EMPTY', 'host1'),
  row('an edit to 1,001 characters', env({ type: 'editIdea', ideaId: 'idea-table1-host', text: 'b'.repeat(1001) }), 'TEXT_TOO_LONG', 'host1'),
  row('an edit to whitespace', env({ type: 'editIdea', ideaId: 'idea-table1-host', text: '   ' }), 'TEXT_EMPTY', 'host1'),
  row('a broadcast of 281 characters', env({ type: 'broadcast', text: 'c'.repeat(281) }), 'TEXT_TOO_LONG'),
  row('a title of 201 characters', env({ type: 'editCafe', title: 'T'.repeat(201) }), 'TEXT_TOO_LONG'),
  row('a title of spaces', env({ type: 'editCafe', title: '    ' }), 'TEXT_EMPTY'),
  row('a table name of 61 characters', env({ type: 'addTable', tableId: '5', name: 'n'.repeat(61) }), 'TEXT_TOO_LONG'),
  row('a question of 501 characters', env({ type: 'editRound', round: 1, question: 'q'.repeat(501) }), 'TEXT_TOO_LONG'),
  row('a display name of 61 characters', env({ type: 'updateProfile', displayName: 'd'.repeat(61) }), 'TEXT_TOO_LONG', 'participant'),
];

const unauthorised: OpRow[] = [
  row('the wall adding an idea', env(addIdea()), 'FORBIDDEN', 'wall'),
  row('the wall broadcasting', env(broadcast), 'FORBIDDEN', 'wall'),
  row('the wall closing the café', env({ type: 'closeCafe' }), 'FORBIDDEN', 'wall'),
  row('a host adding an idea to another table', env(addIdea({ tableId: '2' })), 'NOT_YOUR_TABLE', 'host1'),
  row('a host editing another table’s idea', env({ type: 'editIdea', ideaId: 'idea-table2-host', text: 'Mine now' }), 'NOT_YOUR_TABLE', 'host1'),
  row('a host starring another table’s idea', env({ type: 'starIdea', ideaId: 'idea-table2-host', starred: true }), 'NOT_YOUR_TABLE', 'host1'),
  row('a host deleting another table’s idea', env({ type: 'deleteIdea', ideaId: 'idea-table2-phone' }), 'NOT_YOUR_TABLE', 'host1'),
  row('a host hiding an idea', env({ type: 'hideIdea', ideaId: 'idea-table1-host', hidden: true }), 'FORBIDDEN', 'host1'),
  row('a host starting the next round', env({ type: 'nextRound' }), 'FORBIDDEN', 'host1'),
  row('a host closing the café', env({ type: 'closeCafe' }), 'FORBIDDEN', 'host1'),
  row('a host adding a table', env({ type: 'addTable', tableId: '9', name: 'Mine' }), 'FORBIDDEN', 'host1'),
  row('a participant pausing the round', env({ type: 'pauseRound' }), 'FORBIDDEN', 'participant'),
  row('a participant adding an idea to a table they do not sit at', env(addIdea({ tableId: '1' })), 'NOT_YOUR_TABLE', 'participant'),
  row('a participant adding an idea in someone else’s group', env(addIdea({ tableId: '2', group: 'teachers' })), 'FORBIDDEN', 'participant'),
  row('a participant editing the host’s idea', env({ type: 'editIdea', ideaId: 'idea-table2-host', text: 'Rewritten' }), 'NOT_YOUR_IDEA', 'participant'),
  row('a participant starring an idea', env({ type: 'starIdea', ideaId: 'idea-table2-phone', starred: true }), 'FORBIDDEN', 'participant'),
  row('a participant deleting their own idea', env({ type: 'deleteIdea', ideaId: 'idea-table2-phone' }), 'FORBIDDEN', 'participant'),
  row('a participant broadcasting', env(broadcast), 'FORBIDDEN', 'participant'),
  row('the facilitator taking a seat', env({ type: 'takeSeat', tableId: '1' }), 'FORBIDDEN'),
  row('the facilitator updating a participant profile', env({ type: 'updateProfile', displayName: 'Boss' }), 'FORBIDDEN'),
  row('a host re-using the facilitator’s operation id', { id: FACILITATOR_OPEN_ID, op: addIdea() }, 'OP_ID_CONFLICT', 'host1'),
];

const againstTheState: OpRow[] = [
  row('an idea for a table that does not exist', env(addIdea({ tableId: '99' })), 'TABLE_NOT_FOUND'),
  row('an idea whose id is taken', env(addIdea({ ideaId: 'idea-table1-host' })), 'IDEA_EXISTS', 'host1'),
  row('an edit of an idea that does not exist', env({ type: 'editIdea', ideaId: 'idea-nowhere-0001', text: 'x' }), 'IDEA_NOT_FOUND', 'host1'),
  row('an edit of a deleted idea', env({ type: 'editIdea', ideaId: 'idea-table1-gone', text: 'Back' }), 'IDEA_DELETED', 'host1'),
  row('a group the café does not have', env(addIdea({ group: 'aliens' })), 'UNKNOWN_GROUP', 'host1'),
  row('a table id that exists', env({ type: 'addTable', tableId: '1', name: 'Again' }), 'TABLE_EXISTS'),
  row('an edit of a table that does not exist', env({ type: 'editTable', tableId: '99', name: 'Ghost' }), 'TABLE_NOT_FOUND'),
  row('an edit of a round that does not exist', env({ type: 'editRound', round: 7, question: 'Why?' }), 'ROUND_NOT_FOUND'),
  row('a seat at a closed table', env({ type: 'takeSeat', tableId: '4' }), 'TABLE_DISABLED', 'participant'),
  row('a seat at a table that does not exist', env({ type: 'takeSeat', tableId: '99' }), 'TABLE_NOT_FOUND', 'participant'),
];

const outOfPhase: OpRow[] = [
  row('an idea in the lobby', env(addIdea()), 'WRONG_PHASE', 'host1', 'lobby'),
  row('pauseRound in the lobby', env({ type: 'pauseRound' }), 'WRONG_PHASE', 'facilitator', 'lobby'),
  row('resumeRound in the lobby', env({ type: 'resumeRound' }), 'WRONG_PHASE', 'facilitator', 'lobby'),
  row('extendRound in the lobby', env({ type: 'extendRound', ms: 60_000 }), 'WRONG_PHASE', 'facilitator', 'lobby'),
  row('undoNextRound with nothing to undo', env({ type: 'undoNextRound' }), 'NOTHING_TO_UNDO', 'facilitator', 'lobby'),
  row('openCafe twice', env({ type: 'openCafe' }), 'WRONG_PHASE', 'facilitator', 'lobby'),
  row('resumeRound when the round is running', env({ type: 'resumeRound' }), 'WRONG_PHASE'),
  row('startRound when a round is running', env({ type: 'startRound' }), 'WRONG_PHASE'),
  row('startRehearsal during a round', env({ type: 'startRehearsal' }), 'WRONG_PHASE'),
  row('resetRehearsal when nothing was rehearsed', env({ type: 'resetRehearsal' }), 'WRONG_PHASE'),
  row('editRound of the started round', env({ type: 'editRound', round: 0, question: 'Too late' }), 'ROUND_STARTED'),
  row('removeRound of the started round', env({ type: 'removeRound', round: 0 }), 'ROUND_STARTED'),
  row('a host idea for a round not started', env(addIdea({ round: 1 })), 'ROUND_NOT_STARTED', 'host1'),
  row('a participant idea for a round not started', env(addIdea({ tableId: '2', round: 2 })), 'ROUND_NOT_STARTED', 'participant'),
  row('an idea after close', env(addIdea()), 'CAFE_CLOSED', 'host1', 'closed'),
  row('an edit after close', env({ type: 'editIdea', ideaId: 'idea-closed-0001', text: 'Later' }), 'CAFE_CLOSED', 'host1', 'closed'),
  row('a star after close', env({ type: 'starIdea', ideaId: 'idea-closed-0001', starred: true }), 'CAFE_CLOSED', 'host1', 'closed'),
  row('a broadcast after close', env(broadcast), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('startRound after close', env({ type: 'startRound' }), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('closeCafe twice', env({ type: 'closeCafe' }), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('undoNextRound after close', env({ type: 'undoNextRound' }), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('addTable after close', env({ type: 'addTable', tableId: '7', name: 'Late' }), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('editCafe after close', env({ type: 'editCafe', title: 'Renamed' }), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('editRound after close', env({ type: 'editRound', round: 2, question: 'Later?' }), 'CAFE_CLOSED', 'facilitator', 'closed'),
  row('a seat after close', env({ type: 'takeSeat', tableId: '2' }), 'CAFE_CLOSED', 'participant', 'closed'),
  row('a profile change after close', env({ type: 'updateProfile', displayName: 'Later' }), 'CAFE_CLOSED', 'participant', 'closed'),
];

/** Ids that name members of Object.prototype are ordinary ids (ClientId allows them) and name no idea. */
const prototypeKeys: OpRow[] = [
  row('the facilitator editing idea "constructor"', env({ type: 'editIdea', ideaId: 'constructor', text: 'x' }), 'IDEA_NOT_FOUND'),
  row('the facilitator hiding idea "__proto__"', env({ type: 'hideIdea', ideaId: '__proto__', hidden: true }), 'INVALID_PAYLOAD'), // the id pattern refuses it outright
  row('the facilitator starring idea "toString"', env({ type: 'starIdea', ideaId: 'toString', starred: true }), 'IDEA_NOT_FOUND'),
  row('a host deleting idea "hasOwnProperty"', env({ type: 'deleteIdea', ideaId: 'hasOwnProperty' }), 'IDEA_NOT_FOUND', 'host1'),
  row('a participant editing idea "__proto__"', env({ type: 'editIdea', ideaId: '__proto__', text: 'x' }), 'INVALID_PAYLOAD', 'participant'),
];

describe('the socket event `op`', () => {
  describe.each([
    ['malformed', malformedOps],
    ['too long or empty', tooLongOrEmpty],
    ['unauthorised', unauthorised],
    ['refused by the café’s state', againstTheState],
    ['out of phase', outOfPhase],
    ['naming Object.prototype members', prototypeKeys],
  ] as const)('%s', (_kind, rows) => {
    it.each(rows.map((r) => [r.name, r.code, r.as, r.cafe, r] as const))('refuses %s with %s (%s, %s café)', async (_name, code, as, cafe, r) => {
      await expectRefusal(cafe, () => emit(client(cafe, as), 'op', r.payload), code);
    });
  });

  it.each([
    { name: '1,000 characters', text: 'a'.repeat(1000), length: 1000 },
    { name: '1,000 emoji (one code point each, 2,000 UTF-16 units)', text: '🌍'.repeat(1000), length: 1000 },
    { name: '1,000 characters wrapped in whitespace', text: `   ${'a'.repeat(1000)}\n\t `, length: 1000 },
    { name: '1,000 accented letters written as combining pairs (2,000 code points before NFC)', text: 'e\u0301'.repeat(1000), length: 1000 },
    { name: 'one character', text: 'x', length: 1 },
  ].map((r) => [r.name, r.text, r.length] as const))('accepts an idea of %s', async (_name, text, length) => {
    const host = client('running', 'host1');
    const wall = client('running', 'wall');
    const ideaId = `idea-${randomUUID()}`;
    const ack = await host.send({ type: 'addIdea', ideaId, tableId: '1', round: 0, text });
    expect(ack).toMatchObject({ ok: true, duplicate: false });
    if (!ack.ok) return;
    await wall.caughtUp(ack.seq);
    expect(textLength(wall.state.ideas[ideaId]!.text)).toBe(length);
    expect(wall.state.ideas[ideaId]!.text).toBe(normalizeText(text));
  });

  it('accepts an idea whose id happens to name an Object.prototype member', async () => {
    const ack = await client('running', 'host1').send({ type: 'addIdea', ideaId: 'toString', tableId: '1', round: 0, text: 'Ordinary' });
    expect(ack).toMatchObject({ ok: true, duplicate: false });
  });

  it('ignores an op sent without an acknowledgement callback, and keeps serving that socket and the others', async () => {
    const fac = client('running', 'facilitator');
    const before = await observe('running');
    const socket = untyped(fac);
    socket.emit('op');
    socket.emit('op', null);
    socket.emit('op', { id: 'no-callback-0001', op: { type: 'broadcast', text: 'x'.repeat(5000) } });
    socket.emit('op', env(addIdea({ round: -1 })), 'not a function');
    socket.emit('sync', { since: 0 });
    socket.emit('time', { clientSentAt: 1 });
    socket.emit('an event nobody listens to', { hello: 'world' });
    await barrier(fac); // the same socket: everything above has been handled
    expect(await observe('running')).toEqual(before);
    // A well-formed operation without a callback must not break anything either.
    socket.emit('op', env(broadcast));
    await barrier(fac);
    expect(fac.socket.connected).toBe(true);
    await fac.must(broadcast);
    await expectStillServing();
  });

  // Found by the fuzz (test/integration/fuzz-surface.test.ts): these callbacks were never called.
  it.each([
    ['op', 'facilitator'],
    ['sync', 'participant'],
    ['time', 'wall'],
    ['status', 'wall'],
  ] as const)('answers `%s` sent with its callback but no payload, or with an extra argument, with INVALID_PAYLOAD', async (event, as) => {
    const socket = untyped(client('running', as));
    await expectRefusal('running', () => socket.timeout(3000).emitWithAck(event), 'INVALID_PAYLOAD');
    const valid = { op: env(broadcast), sync: { since: 0 }, time: { clientSentAt: 1 }, status: { sound: 'on' } }[event];
    await expectRefusal('running', () => socket.timeout(3000).emitWithAck(event, valid, 'extra'), 'INVALID_PAYLOAD');
  });

  it.each(['ops', 'OP', 'hello', 'error', '__proto__', 'constructor'])('answers the unknown event %j sent with a callback with INVALID_PAYLOAD', async (event) => {
    await expectRefusal('running', () => emit(client('running', 'host1'), event, env(broadcast)), 'INVALID_PAYLOAD');
  });

  it('disconnects only the socket that sends more than maxHttpBufferSize (1 MiB)', async () => {
    const greedy = await connect(server.url, secret('running', 'facilitator'));
    everyClient.push(greedy);
    const before = await observe('running');
    const disconnected = new Promise<string>((resolve) => greedy.socket.on('disconnect', (reason) => resolve(reason)));
    const ack = emit(greedy, 'op', env({ type: 'broadcast', text: 'x'.repeat(MAX_MESSAGE_BYTES + 1024) })).then(
      () => 'acknowledged',
      () => 'no acknowledgement',
    );
    expect(await disconnected).toBe('transport close');
    expect(await ack).toBe('no acknowledgement');
    expect(await observe('running')).toEqual(before);
    for (const c of everyClient.filter((c) => c !== greedy)) expect(c.socket.connected).toBe(true);
    await expectStillServing();
    await client('running', 'facilitator').must(broadcast);
  });
});

// ---- the socket events `sync` and `time`, and the handshake -----------------------------------

const syncRows = [
  { name: 'null', payload: null },
  { name: 'a string', payload: 'since 0' },
  { name: 'a number', payload: 5 },
  { name: 'an array', payload: [{ since: 0 }] },
  { name: 'an empty object', payload: {} },
  { name: 'a negative since', payload: { since: -1 } },
  { name: 'a fractional since', payload: { since: 1.5 } },
  { name: 'since as a string', payload: { since: '0' } },
  { name: 'since null', payload: { since: null } },
  { name: 'an extra field', payload: { since: 0, scope: 'facilitator' } },
];

describe('the socket event `sync`', () => {
  it.each(syncRows.map((r) => [r.name, r.payload] as const))('refuses %s with INVALID_PAYLOAD', async (_name, payload) => {
    await expectRefusal('running', () => emit(client('running', 'participant'), 'sync', payload), 'INVALID_PAYLOAD');
  });

  it('answers a since beyond the head with a snapshot rather than an error', async () => {
    const ack = await emit(client('running', 'participant'), 'sync', { since: 1e15 });
    expect(ack).toMatchObject({ ok: true, kind: 'snapshot' });
  });
});

const timeRows = [
  { name: 'null', payload: null },
  { name: 'a number', payload: 1_700_000_000_000 },
  { name: 'an empty object', payload: {} },
  { name: 'clientSentAt as a string', payload: { clientSentAt: 'now' } },
  { name: 'an extra field', payload: { clientSentAt: 1, tz: 'Europe/Vienna' } },
];

describe('the socket event `time`', () => {
  it.each(timeRows.map((r) => [r.name, r.payload] as const))('refuses %s with INVALID_PAYLOAD', async (_name, payload) => {
    await expectRefusal('running', () => emit(client('running', 'wall'), 'time', payload), 'INVALID_PAYLOAD');
  });
});

describe('the socket handshake', () => {
  const handshakeRows: { name: string; auth: () => Record<string, unknown> | undefined; code: ErrorCode }[] = [
    { name: 'no auth at all', auth: () => undefined, code: 'INVALID_PAYLOAD' },
    { name: 'a secret too short to be one', auth: () => ({ secret: 'abc', protocol: PROTOCOL_VERSION }), code: 'INVALID_PAYLOAD' },
    { name: 'a secret that is a number', auth: () => ({ secret: 1234567890123456, protocol: PROTOCOL_VERSION }), code: 'INVALID_PAYLOAD' },
    { name: 'an unknown secret', auth: () => ({ secret: 'AAAAAAAAAAAAAAAAAAAAAA', protocol: PROTOCOL_VERSION }), code: 'UNAUTHENTICATED' },
    { name: 'another protocol version', auth: () => ({ secret: secret('running', 'wall'), protocol: 999 }), code: 'PROTOCOL_MISMATCH' },
    { name: 'the protocol as a string', auth: () => ({ secret: secret('running', 'wall'), protocol: '1' }), code: 'INVALID_PAYLOAD' },
    { name: 'a negative since', auth: () => ({ secret: secret('running', 'wall'), protocol: PROTOCOL_VERSION, since: -1 }), code: 'INVALID_PAYLOAD' },
    { name: 'a withdrawn host link', auth: () => ({ secret: secret('running', 'revokedHost3'), protocol: PROTOCOL_VERSION }), code: 'LINK_REVOKED' },
    // Found by the fuzz (test/integration/fuzz-surface.test.ts): this was TEXT_TOO_LONG.
    { name: 'a secret longer than 64 characters', auth: () => ({ secret: 'A'.repeat(65), protocol: PROTOCOL_VERSION }), code: 'INVALID_PAYLOAD' },
  ];

  it.each(handshakeRows.map((r) => [r.name, r.code, r.auth] as const))('refuses %s with %s', async (_name, code, auth) => {
    await expectRefusal(
      'running',
      async () => {
        const a = auth();
        const socket = connectSocket(server.url, { ...(a ? { auth: a } : {}), transports: ['websocket'], reconnection: false, forceNew: true });
        try {
          const error = await new Promise<Error & { data?: unknown }>((resolve, reject) => {
            socket.on('connect_error', resolve);
            socket.on('connect', () => reject(new Error('connected')));
          });
          return { ok: false, error: error.data };
        } finally {
          socket.close();
        }
      },
      code,
    );
  });
});

// ---- the HTTP API ---------------------------------------------------------------------------

type Auth = Role | 'revokedHost3' | { role: Role; of: CafeName } | { header: string } | null;

interface HttpRow {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** `:cafe` is the id of `cafe`; `:ownLink` its founding facilitator's link id; `:host2Link` table 2's host link id. */
  path: string;
  cafe?: CafeName;
  as?: Auth;
  body?: unknown;
  raw?: { body: string; type: string };
  code: ErrorCode;
}

function authorization(row: HttpRow): Record<string, string> {
  const cafe = row.cafe ?? 'running';
  const as = row.as ?? null;
  if (as === null) return {};
  if (typeof as === 'object' && 'header' in as) return { authorization: as.header };
  const s = typeof as === 'string' ? secret(cafe, as) : secret(as.of, as.role);
  return { authorization: `Bearer ${s}` };
}

function pathOf(row: HttpRow): string {
  const cafe = world[row.cafe ?? 'running'];
  const fac = client(row.cafe ?? 'running', 'facilitator').state.links;
  const own = Object.values(fac).find((l) => l.role === 'facilitator')!.id;
  return row.path
    .replace(':cafe', cafe.id)
    .replace(':ownLink', own)
    .replace(':host2Link', cafe.links.tables[1]!.hostLinkId!)
    .replace(':joinCode', cafe.links.joinCode);
}

async function request(row: HttpRow): Promise<{ status: number; type: string | null; body: unknown }> {
  const headers: Record<string, string> = authorization(row);
  let body: string | undefined;
  if (row.raw) {
    body = row.raw.body;
    headers['content-type'] = row.raw.type;
  } else if (row.body !== undefined) {
    body = JSON.stringify(row.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${server.url}${pathOf(row)}`, { method: row.method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the assertions below will say so.
  }
  return { status: response.status, type: response.headers.get('content-type'), body: parsed };
}

function expectHttpRefusal(response: { status: number; type: string | null; body: unknown }, code: ErrorCode): void {
  expect(response.type).toMatch(/^application\/json/);
  expect(response.body).toMatchObject({ error: { code, message: ERRORS[code].message, retryable: ERRORS[code].retryable } });
  expect(Object.keys(response.body as object)).toEqual(['error']);
  expect(response.status).toBe(ERRORS[code].status);
}

const setup = {
  title: 'Schools of tomorrow',
  tables: 2,
  rounds: [{ question: 'What matters?', durationMs: 20 * 60_000 }],
};
const consent = { publish: true, showName: false };

// POST /api/cafes allows 30 requests a minute from one address; with the three cafés above this stays under it.
const createRows: HttpRow[] = [
  { name: 'plain text', method: 'POST', path: '/api/cafes', raw: { body: 'a café please', type: 'text/plain' }, code: 'INVALID_PAYLOAD' },
  { name: 'broken JSON', method: 'POST', path: '/api/cafes', raw: { body: '{"title":', type: 'application/json' }, code: 'INVALID_PAYLOAD' },
  { name: 'an empty JSON body', method: 'POST', path: '/api/cafes', raw: { body: '', type: 'application/json' }, code: 'INVALID_PAYLOAD' },
  { name: 'null', method: 'POST', path: '/api/cafes', body: null, code: 'INVALID_PAYLOAD' },
  { name: 'an array', method: 'POST', path: '/api/cafes', body: [setup], code: 'INVALID_PAYLOAD' },
  { name: 'an empty object', method: 'POST', path: '/api/cafes', body: {}, code: 'INVALID_PAYLOAD' },
  { name: 'no rounds', method: 'POST', path: '/api/cafes', body: { title: 'T', tables: 2 }, code: 'INVALID_PAYLOAD' },
  { name: 'an empty list of rounds', method: 'POST', path: '/api/cafes', body: { ...setup, rounds: [] }, code: 'INVALID_PAYLOAD' },
  { name: 'no tables', method: 'POST', path: '/api/cafes', body: { ...setup, tables: 0 }, code: 'INVALID_PAYLOAD' },
  { name: '1,001 tables', method: 'POST', path: '/api/cafes', body: { ...setup, tables: 1001 }, code: 'INVALID_PAYLOAD' },
  { name: 'a negative number of tables', method: 'POST', path: '/api/cafes', body: { ...setup, tables: -1 }, code: 'INVALID_PAYLOAD' },
  { name: 'a fractional number of tables', method: 'POST', path: '/api/cafes', body: { ...setup, tables: 2.5 }, code: 'INVALID_PAYLOAD' },
  { name: 'a number for the title', method: 'POST', path: '/api/cafes', body: { ...setup, title: 123 }, code: 'INVALID_PAYLOAD' },
  { name: 'a round shorter than a minute', method: 'POST', path: '/api/cafes', body: { ...setup, rounds: [{ question: 'q', durationMs: 30_000 }] }, code: 'INVALID_PAYLOAD' },
  { name: 'an extra field', method: 'POST', path: '/api/cafes', body: { ...setup, owner: 'me' }, code: 'INVALID_PAYLOAD' },
  { name: 'a language name', method: 'POST', path: '/api/cafes', body: { ...setup, language: 'english' }, code: 'INVALID_PAYLOAD' },
  { name: 'a title of 201 characters', method: 'POST', path: '/api/cafes', body: { ...setup, title: 'T'.repeat(201) }, code: 'TEXT_TOO_LONG' },
  { name: 'a title of spaces', method: 'POST', path: '/api/cafes', body: { ...setup, title: '   ' }, code: 'TEXT_EMPTY' },
  { name: 'a stakeholder group of spaces', method: 'POST', path: '/api/cafes', body: { ...setup, stakeholderGroups: ['teachers', ' '] }, code: 'TEXT_EMPTY' },
  {
    name: 'a question for a table that does not exist',
    method: 'POST',
    path: '/api/cafes',
    body: { ...setup, rounds: [{ question: 'q', durationMs: 60_000, tableQuestions: { '9': 'Nine?' } }] },
    code: 'TABLE_NOT_FOUND',
  },
];

const joinRows: HttpRow[] = [
  { name: 'null', method: 'POST', path: '/api/join', body: null, code: 'INVALID_PAYLOAD' },
  { name: 'an array', method: 'POST', path: '/api/join', body: [], code: 'INVALID_PAYLOAD' },
  { name: 'XML', method: 'POST', path: '/api/join', raw: { body: '<join code="ABCDEF"/>', type: 'application/xml' }, code: 'INVALID_PAYLOAD' },
  { name: 'no consent', method: 'POST', path: '/api/join', body: { code: 'ABCDEF' }, code: 'INVALID_PAYLOAD' },
  { name: 'consent given as strings', method: 'POST', path: '/api/join', body: { code: 'ABCDEF', consent: { publish: 'yes', showName: 'no' } }, code: 'INVALID_PAYLOAD' },
  { name: 'a half consent', method: 'POST', path: '/api/join', body: { code: 'ABCDEF', consent: { publish: true } }, code: 'INVALID_PAYLOAD' },
  { name: 'no code', method: 'POST', path: '/api/join', body: { consent }, code: 'INVALID_PAYLOAD' },
  { name: 'an empty code', method: 'POST', path: '/api/join', body: { code: '', consent }, code: 'INVALID_PAYLOAD' },
  { name: 'a code of 17 characters', method: 'POST', path: '/api/join', body: { code: 'A'.repeat(17), consent }, code: 'TEXT_TOO_LONG' },
  { name: 'a code that is a number', method: 'POST', path: '/api/join', body: { code: 234567, consent }, code: 'INVALID_PAYLOAD' },
  { name: 'an extra field', method: 'POST', path: '/api/join', body: { code: 'ABCDEF', consent, role: 'host' }, code: 'INVALID_PAYLOAD' },
  { name: 'a table id with a slash', method: 'POST', path: '/api/join', body: { code: 'ABCDEF', consent, tableId: '1/2' }, code: 'INVALID_PAYLOAD' },
  { name: 'an unknown code', method: 'POST', path: '/api/join', body: { code: 'ZZZZZZ', consent }, code: 'CAFE_NOT_FOUND' },
];

/** Joins that reach a café: the body is built from the café's join code. */
const joinCafeRows: (Omit<HttpRow, 'method' | 'path' | 'body'> & { body: Record<string, unknown> })[] = [
  { name: 'a table that does not exist', body: { tableId: '99' }, code: 'TABLE_NOT_FOUND' },
  { name: 'a closed table', body: { tableId: '4' }, code: 'TABLE_DISABLED' },
  { name: 'a group the café does not have', body: { group: 'aliens' }, code: 'UNKNOWN_GROUP' },
  { name: 'a display name of 61 characters', body: { displayName: 'd'.repeat(61) }, code: 'TEXT_TOO_LONG' },
  { name: 'a closed café', cafe: 'closed', body: {}, code: 'CAFE_CLOSED' },
];

const joinCodeRows: HttpRow[] = [
  { name: 'an unknown code', method: 'GET', path: '/api/join/ZZZZZZ', code: 'CAFE_NOT_FOUND' },
  { name: 'a code of 17 characters', method: 'GET', path: `/api/join/${'A'.repeat(17)}`, code: 'TEXT_TOO_LONG' },
];

/** H15: the public harvest page of a café that is still running, closed or unknown. */
const harvestPageRows: HttpRow[] = [
  { name: 'an unknown code', method: 'GET', path: '/api/harvest/ZZZZZZ', code: 'CAFE_NOT_FOUND' },
  { name: 'a code of 17 characters', method: 'GET', path: `/api/harvest/${'A'.repeat(17)}`, code: 'TEXT_TOO_LONG' },
  { name: 'a café still in its rounds', method: 'GET', path: '/api/harvest/:joinCode', code: 'HARVEST_PAGE_UNAVAILABLE' },
  { name: 'a café in the lobby', method: 'GET', path: '/api/harvest/:joinCode', cafe: 'lobby', code: 'HARVEST_PAGE_UNAVAILABLE' },
  { name: 'a photo of a café still in its rounds', method: 'GET', path: '/api/harvest/:joinCode/photos/photo-0001', code: 'HARVEST_PAGE_UNAVAILABLE' },
  { name: 'a photo id with a dot', method: 'GET', path: '/api/harvest/:joinCode/photos/a.jpg', code: 'INVALID_PAYLOAD' },
  { name: 'a photo of an unknown code', method: 'GET', path: '/api/harvest/ZZZZZZ/photos/photo-0001', code: 'CAFE_NOT_FOUND' },
];

const opsPath = '/api/cafes/:cafe/ops';
const opsRows: HttpRow[] = [
  { name: 'no authorization', method: 'POST', path: opsPath, body: env(broadcast), code: 'UNAUTHENTICATED' },
  { name: 'a Basic authorization', method: 'POST', path: opsPath, as: { header: 'Basic dXNlcjpwYXNz' }, body: env(broadcast), code: 'UNAUTHENTICATED' },
  { name: 'a bearer too short to be a secret', method: 'POST', path: opsPath, as: { header: 'Bearer abc' }, body: env(broadcast), code: 'UNAUTHENTICATED' },
  { name: 'an unknown bearer', method: 'POST', path: opsPath, as: { header: 'Bearer AAAAAAAAAAAAAAAAAAAAAA' }, body: env(broadcast), code: 'UNAUTHENTICATED' },
  { name: 'another café’s facilitator', method: 'POST', path: opsPath, as: { role: 'facilitator', of: 'lobby' }, body: env(broadcast), code: 'UNAUTHENTICATED' },
  { name: 'a withdrawn host link', method: 'POST', path: opsPath, as: 'revokedHost3', body: env(addIdea({ tableId: '3' })), code: 'LINK_REVOKED' },
  { name: 'a body of null', method: 'POST', path: opsPath, as: 'facilitator', body: null, code: 'INVALID_PAYLOAD' },
  { name: 'broken JSON', method: 'POST', path: opsPath, as: 'facilitator', raw: { body: '{"id":', type: 'application/json' }, code: 'INVALID_PAYLOAD' },
  { name: 'an unknown op type', method: 'POST', path: opsPath, as: 'facilitator', body: env({ type: 'dropAllTables' }), code: 'INVALID_PAYLOAD' },
  { name: 'an op id that is a number', method: 'POST', path: opsPath, as: 'facilitator', body: { id: 12345678, op: broadcast }, code: 'INVALID_PAYLOAD' },
  { name: 'an extra field in the op', method: 'POST', path: opsPath, as: 'facilitator', body: env({ ...broadcast, urgent: true }), code: 'INVALID_PAYLOAD' },
  { name: 'a round as a string', method: 'POST', path: opsPath, as: 'host1', body: env(addIdea({ round: '0' })), code: 'INVALID_PAYLOAD' },
  { name: 'an idea of 1,001 characters', method: 'POST', path: opsPath, as: 'host1', body: env(addIdea({ text: 'a'.repeat(1001) })), code: 'TEXT_TOO_LONG' },
  { name: 'an idea of whitespace', method: 'POST', path: opsPath, as: 'host1', body: env(addIdea({ text: ' \n ' })), code: 'TEXT_EMPTY' },
  { name: 'the wall adding an idea', method: 'POST', path: opsPath, as: 'wall', body: env(addIdea()), code: 'FORBIDDEN' },
  { name: 'a host writing at another table', method: 'POST', path: opsPath, as: 'host1', body: env(addIdea({ tableId: '2' })), code: 'NOT_YOUR_TABLE' },
  { name: 'a participant starting a round', method: 'POST', path: opsPath, as: 'participant', body: env({ type: 'nextRound' }), code: 'FORBIDDEN' },
  { name: 'an idea in the lobby', method: 'POST', path: opsPath, cafe: 'lobby', as: 'host1', body: env(addIdea()), code: 'WRONG_PHASE' },
  { name: 'an idea after close', method: 'POST', path: opsPath, cafe: 'closed', as: 'host1', body: env(addIdea()), code: 'CAFE_CLOSED' },
  { name: 'editRound of the started round', method: 'POST', path: opsPath, as: 'facilitator', body: env({ type: 'editRound', round: 0, durationMs: 60_000 }), code: 'ROUND_STARTED' },
  { name: 'an idea for a round not started', method: 'POST', path: opsPath, as: 'host1', body: env(addIdea({ round: 2 })), code: 'ROUND_NOT_STARTED' },
  { name: 'pauseRound in the lobby', method: 'POST', path: opsPath, cafe: 'lobby', as: 'facilitator', body: env({ type: 'pauseRound' }), code: 'WRONG_PHASE' },
  { name: 'undoNextRound with nothing to undo', method: 'POST', path: opsPath, cafe: 'lobby', as: 'facilitator', body: env({ type: 'undoNextRound' }), code: 'NOTHING_TO_UNDO' },
];

const linkRows: HttpRow[] = [
  { name: 'no authorization', method: 'POST', path: '/api/cafes/:cafe/links', body: { role: 'wall' }, code: 'UNAUTHENTICATED' },
  { name: 'a host', method: 'POST', path: '/api/cafes/:cafe/links', as: 'host1', body: { role: 'host', tableId: '1' }, code: 'FORBIDDEN' },
  { name: 'the wall', method: 'POST', path: '/api/cafes/:cafe/links', as: 'wall', body: { role: 'wall' }, code: 'FORBIDDEN' },
  { name: 'a participant', method: 'POST', path: '/api/cafes/:cafe/links', as: 'participant', body: { role: 'facilitator' }, code: 'FORBIDDEN' },
  { name: 'another café’s facilitator', method: 'POST', path: '/api/cafes/:cafe/links', as: { role: 'facilitator', of: 'lobby' }, body: { role: 'wall' }, code: 'UNAUTHENTICATED' },
  { name: 'a participant role', method: 'POST', path: '/api/cafes/:cafe/links', as: 'facilitator', body: { role: 'participant' }, code: 'INVALID_PAYLOAD' },
  { name: 'null', method: 'POST', path: '/api/cafes/:cafe/links', as: 'facilitator', body: null, code: 'INVALID_PAYLOAD' },
  { name: 'an extra field', method: 'POST', path: '/api/cafes/:cafe/links', as: 'facilitator', body: { role: 'wall', forever: true }, code: 'INVALID_PAYLOAD' },
  { name: 'a host link without a table', method: 'POST', path: '/api/cafes/:cafe/links', as: 'facilitator', body: { role: 'host' }, code: 'TABLE_NOT_FOUND' },
  { name: 'a host link for a table that does not exist', method: 'POST', path: '/api/cafes/:cafe/links', as: 'facilitator', body: { role: 'host', tableId: '99' }, code: 'TABLE_NOT_FOUND' },
  { name: 'withdrawing without authorization', method: 'DELETE', path: '/api/cafes/:cafe/links/:host2Link', code: 'UNAUTHENTICATED' },
  { name: 'withdrawing a link that does not exist', method: 'DELETE', path: '/api/cafes/:cafe/links/no-such-link', as: 'facilitator', code: 'LINK_NOT_FOUND' },
  { name: 'withdrawing link "constructor"', method: 'DELETE', path: '/api/cafes/:cafe/links/constructor', as: 'facilitator', code: 'LINK_NOT_FOUND' },
  { name: 'withdrawing link "__proto__"', method: 'DELETE', path: '/api/cafes/:cafe/links/__proto__', as: 'facilitator', code: 'LINK_NOT_FOUND' },
  { name: 'withdrawing one’s own link', method: 'DELETE', path: '/api/cafes/:cafe/links/:ownLink', as: 'facilitator', code: 'FORBIDDEN' },
  { name: 'a host withdrawing another host', method: 'DELETE', path: '/api/cafes/:cafe/links/:host2Link', as: 'host1', code: 'FORBIDDEN' },
  { name: 'the wall withdrawing a host', method: 'DELETE', path: '/api/cafes/:cafe/links/:host2Link', as: 'wall', code: 'FORBIDDEN' },
  { name: 'a link id of 65 characters', method: 'DELETE', path: `/api/cafes/:cafe/links/${'l'.repeat(65)}`, as: 'facilitator', code: 'TEXT_TOO_LONG' },
];

const readRows: HttpRow[] = [
  { name: 'the snapshot without authorization', method: 'GET', path: '/api/cafes/:cafe/snapshot', code: 'UNAUTHENTICATED' },
  { name: 'the snapshot with an unknown bearer', method: 'GET', path: '/api/cafes/:cafe/snapshot', as: { header: 'Bearer BBBBBBBBBBBBBBBBBBBBBB' }, code: 'UNAUTHENTICATED' },
  { name: 'the snapshot with another café’s wall', method: 'GET', path: '/api/cafes/:cafe/snapshot', as: { role: 'wall', of: 'lobby' }, code: 'UNAUTHENTICATED' },
  { name: 'the snapshot with a withdrawn link', method: 'GET', path: '/api/cafes/:cafe/snapshot', as: 'revokedHost3', code: 'LINK_REVOKED' },
  { name: 'the snapshot of a café that does not exist', method: 'GET', path: '/api/cafes/no-such-cafe/snapshot', as: 'facilitator', code: 'UNAUTHENTICATED' },
  { name: 'the ideas without authorization', method: 'GET', path: '/api/cafes/:cafe/ideas', code: 'UNAUTHENTICATED' },
  { name: 'the ideas with a withdrawn link', method: 'GET', path: '/api/cafes/:cafe/ideas', as: 'revokedHost3', code: 'LINK_REVOKED' },
  { name: 'the ideas of a negative round', method: 'GET', path: '/api/cafes/:cafe/ideas?round=-1', as: 'facilitator', code: 'INVALID_PAYLOAD' },
  { name: 'the ideas of round "abc"', method: 'GET', path: '/api/cafes/:cafe/ideas?round=abc', as: 'facilitator', code: 'INVALID_PAYLOAD' },
  { name: 'the ideas of a fractional round', method: 'GET', path: '/api/cafes/:cafe/ideas?round=0.5', as: 'facilitator', code: 'INVALID_PAYLOAD' },
  { name: 'the ideas of a table with a slash', method: 'GET', path: '/api/cafes/:cafe/ideas?table=1%2F2', as: 'facilitator', code: 'INVALID_PAYLOAD' },
  { name: 'the ideas with an unknown filter', method: 'GET', path: '/api/cafes/:cafe/ideas?author=ada', as: 'facilitator', code: 'INVALID_PAYLOAD' },
];

describe('the HTTP API', () => {
  describe.each([
    ['POST /api/cafes', createRows],
    ['POST /api/join', joinRows],
    ['GET /api/join/:code', joinCodeRows],
    ['GET /api/harvest/:code and its photos', harvestPageRows],
    ['POST /api/cafes/:id/ops', opsRows],
    ['POST and DELETE /api/cafes/:id/links', linkRows],
    ['GET /api/cafes/:id/snapshot and /ideas', readRows],
  ] as const)('%s', (_route, rows) => {
    it.each(rows.map((r) => [r.name, r.code, r] as const))('refuses %s with %s', async (_name, _code, row) => {
      const cafe = row.cafe ?? 'running';
      const before = await observe(cafe);
      expectHttpRefusal(await request(row), row.code);
      expect(await observe(cafe)).toEqual(before);
      await expectStillServing();
    });
  });

  describe('POST /api/join to a café', () => {
    it.each(joinCafeRows.map((r) => [r.name, r.code, r] as const))('refuses %s with %s', async (_name, _code, row) => {
      const cafe = row.cafe ?? 'running';
      const before = await observe(cafe);
      const body = { code: world[cafe].links.joinCode, consent, ...row.body };
      expectHttpRefusal(await request({ ...row, method: 'POST', path: '/api/join', body }), row.code);
      expect(await observe(cafe)).toEqual(before);
      await expectStillServing();
    });
  });

  it('refuses a body larger than the body limit with a catalogue code and its status', async () => {
    const before = await observe('running');
    const huge = { code: 'ABCDEF', consent, displayName: 'x'.repeat(1_100_000) };
    const response = await request({ name: 'huge', method: 'POST', path: '/api/join', body: huge, code: 'INVALID_PAYLOAD' });
    expect(response.type).toMatch(/^application\/json/);
    const code = (response.body as { error: { code: string } }).error.code;
    expect(isErrorCode(code)).toBe(true);
    expect(response.status).toBe(ERRORS[code as ErrorCode].status);
    expect(await observe('running')).toEqual(before);
    await expectStillServing();
  });

  // Found by the fuzz (test/integration/fuzz-surface.test.ts): the router answered these with
  // Fastify's own body (FST_ERR_BAD_URL 400, FST_ERR_MAX_PARAM_LENGTH 414), no catalogue code.
  it.each([
    ['GET', '/api/nope/%', '/api/nope/%'],
    ['GET', '/api/cafes/%zz/snapshot', '/api/cafes/%zz/snapshot'],
    ['POST', '/api/cafes/%E0%A4%A/ops', '/api/cafes/%E0%A4%A/ops'],
    ['GET', '/api/cafes/<101 characters>/snapshot', `/api/cafes/${'c'.repeat(101)}/snapshot`],
    ['GET', '/api/join/<5,000 characters>', `/api/join/${'A'.repeat(5000)}`],
  ])('answers %s %s, a URL the router cannot take, with 400 INVALID_PAYLOAD', async (method, _name, path) => {
    const before = await observe('running');
    const response = await fetch(`${server.url}${path}`, { method });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code: 'INVALID_PAYLOAD', message: ERRORS.INVALID_PAYLOAD.message, retryable: false } });
    expect(await observe('running')).toEqual(before);
    await expectStillServing();
  });

  it.each([
    ['GET', '/api/nope'],
    ['GET', '/nope'],
    ['POST', '/api/cafes/some-cafe/nonsense'],
    ['PATCH', '/api/cafes/some-cafe'],
    ['PUT', '/api/cafes'],
  ])('answers %s %s with a 404 JSON error from the catalogue', async (method, path) => {
    const response = await fetch(`${server.url}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string; retryable: boolean } };
    expect(body.error).toEqual({ code: expect.any(String), message: expect.any(String), retryable: false });
    expect(isErrorCode(body.error.code)).toBe(true);
    await expectStillServing();
  });
});
