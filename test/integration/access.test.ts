/**
 * Who may do what, checked over the real transports: a role-by-command matrix over the socket,
 * revocation of connected links, the HTTP routes' bearer checks, the handshake's protocol check,
 * and secrets kept out of the request log.
 */
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../shared/domain/commands.js';
import type { Idea } from '../../shared/domain/state.js';
import type { ErrorCode, WireError } from '../../shared/errors.js';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents, type Snapshot } from '../../shared/protocol.js';
import type { CafeLinks } from '../../server/reception.js';
import { connect, TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

interface Answer<T = unknown> {
  status: number;
  body: T;
}

async function api<T = unknown>(server: TestServer, method: string, path: string, secret?: string | null, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

const errorCode = (answer: Answer) => (answer.body as { error?: WireError }).error?.code;

/** Tries to connect and returns the refusal the handshake gave (or fails if it connected). */
async function refusedHandshake(server: TestServer, auth: Record<string, unknown>): Promise<WireError | undefined> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    return await new Promise<WireError | undefined>((resolve, reject) => {
      socket.on('connect_error', (e) => resolve((e as Error & { data?: WireError }).data));
      socket.on('connect', () => reject(new Error('the handshake was accepted')));
    });
  } finally {
    socket.disconnect();
  }
}

/** The links of a café as its facilitator's snapshot lists them (ids and roles, no secrets). */
async function linkIds(server: TestServer, links: CafeLinks) {
  const { body } = await api<Snapshot>(server, 'GET', `/api/cafes/${links.cafeId}/snapshot`, secretOf(links.facilitator));
  const all = Object.values(body.state.links);
  return {
    facilitator: all.find((l) => l.role === 'facilitator')!.id,
    wall: all.find((l) => l.role === 'wall')!.id,
    host: (tableId: string) => all.find((l) => l.role === 'host' && l.tableId === tableId && !l.revoked)!.id,
  };
}

describe('access', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const track = (c: TestClient) => (clients.push(c), c);
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  describe('the role-by-command matrix over the socket', () => {
    type Actor = 'facilitator' | 'host' | 'participant' | 'wall';
    type Expected = 'ok' | ErrorCode;
    let links: CafeLinks;
    const actors = {} as Record<Actor, TestClient>;
    /** Another participant at table 1, whose ideas the participant may not touch. */
    let neighbour: TestClient;
    let cafeId: string;
    let n = 0;
    const fresh = (prefix: string) => `${prefix}-${String(++n).padStart(4, '0')}`;

    /** A new idea at table 1 by the neighbour, at table 2 by the facilitator, or at table 1 by the participant under test. */
    async function ideaAt(where: 'table 1' | 'table 2' | 'own'): Promise<string> {
      const ideaId = fresh('target');
      const author = where === 'table 1' ? neighbour : where === 'own' ? actors.participant : actors.facilitator;
      await author.must({ type: 'addIdea', ideaId, tableId: where === 'table 2' ? '2' : '1', round: 0, text: `A target at ${where}` });
      return ideaId;
    }

    interface Row {
      name: string;
      command: () => Promise<ClientCommand>;
      expected: Record<Actor, Expected>;
    }
    // Run in order, the facilitator last in each row (the first row starts the round the others need).
    const rows: Row[] = [
      {
        name: 'R1 A3 A4 startRound',
        command: async () => ({ type: 'startRound' }),
        expected: { host: 'FORBIDDEN', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I6 addIdea for table 1, the host\u2019s and the participant\u2019s own',
        command: async () => ({ type: 'addIdea', ideaId: fresh('idea'), tableId: '1', round: 0, text: 'Our table thinks so' }),
        expected: { host: 'ok', participant: 'ok', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I6 T7 addIdea for another table',
        command: async () => ({ type: 'addIdea', ideaId: fresh('idea'), tableId: '2', round: 0, text: 'Their table thinks so' }),
        expected: { host: 'NOT_YOUR_TABLE', participant: 'NOT_YOUR_TABLE', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I7 editIdea of another participant\u2019s idea at table 1',
        command: async () => ({ type: 'editIdea', ideaId: await ideaAt('table 1'), text: 'Edited' }),
        expected: { host: 'ok', participant: 'NOT_YOUR_IDEA', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I7 editIdea of the participant\u2019s own idea',
        command: async () => ({ type: 'editIdea', ideaId: await ideaAt('own'), text: 'Edited' }),
        expected: { host: 'ok', participant: 'ok', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'A3 editIdea of an idea at another table',
        command: async () => ({ type: 'editIdea', ideaId: await ideaAt('table 2'), text: 'Edited' }),
        expected: { host: 'NOT_YOUR_TABLE', participant: 'NOT_YOUR_IDEA', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I8 starIdea at table 1',
        command: async () => ({ type: 'starIdea', ideaId: await ideaAt('table 1'), starred: true }),
        expected: { host: 'ok', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'A3 starIdea at another table',
        command: async () => ({ type: 'starIdea', ideaId: await ideaAt('table 2'), starred: true }),
        expected: { host: 'NOT_YOUR_TABLE', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I8 deleteIdea at table 1',
        command: async () => ({ type: 'deleteIdea', ideaId: await ideaAt('table 1') }),
        expected: { host: 'ok', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'I10 hideIdea at table 1',
        command: async () => ({ type: 'hideIdea', ideaId: await ideaAt('table 1'), hidden: true }),
        expected: { host: 'FORBIDDEN', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'R14 broadcast',
        command: async () => ({ type: 'broadcast', text: 'Five minutes left' }),
        expected: { host: 'FORBIDDEN', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'T5 A4 A5 takeSeat',
        command: async () => ({ type: 'takeSeat', tableId: '1' }),
        expected: { host: 'FORBIDDEN', participant: 'ok', wall: 'FORBIDDEN', facilitator: 'FORBIDDEN' },
      },
      {
        name: 'A4 A5 updateProfile',
        command: async () => ({ type: 'updateProfile', displayName: 'Someone else' }),
        expected: { host: 'FORBIDDEN', participant: 'ok', wall: 'FORBIDDEN', facilitator: 'FORBIDDEN' },
      },
      {
        name: 'T2 addTable',
        command: async () => ({ type: 'addTable', tableId: fresh('t'), name: 'The extra table' }),
        expected: { host: 'FORBIDDEN', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
      {
        name: 'R4 pauseRound',
        command: async () => ({ type: 'pauseRound' }),
        expected: { host: 'FORBIDDEN', participant: 'FORBIDDEN', wall: 'FORBIDDEN', facilitator: 'ok' },
      },
    ];

    beforeAll(async () => {
      links = await createCafe(server);
      cafeId = links.cafeId;
      const [me, other] = await Promise.all([
        joinCafe(server, links, { tableId: '1', displayName: 'Under test' }),
        joinCafe(server, links, { tableId: '1', displayName: 'Neighbour' }),
      ]);
      actors.facilitator = track(await connect(server.url, secretOf(links.facilitator)));
      actors.host = track(await connect(server.url, secretOf(links.tables[0]!.host)));
      actors.participant = track(await connect(server.url, me.secret));
      actors.wall = track(await connect(server.url, secretOf(links.wall[0]!)));
      neighbour = track(await connect(server.url, other.secret));
      await actors.facilitator.must({ type: 'openCafe' });
    });

    const describeRow = (row: Row) =>
      (['host', 'participant', 'wall', 'facilitator'] as const).map((a) => `${a} ${row.expected[a]}`).join(', ');

    for (const row of rows) {
      it(`${row.name}: ${describeRow(row)}`, async () => {
        for (const actor of ['host', 'participant', 'wall', 'facilitator'] as const) {
          const command = await row.command();
          const head = await server.store.head(cafeId);
          const ack = await actors[actor].send(command);
          const expected = row.expected[actor];
          expect(ack.ok ? 'ok' : ack.error.code, `${actor}: ${command.type}`).toBe(expected);
          // S4: a refusal leaves no trace in the log.
          expect(await server.store.head(cafeId), `${actor}: ${command.type}`).toBe(expected === 'ok' ? head + 1 : head);
        }
      });
    }
  });

  describe('revoking links', () => {
    let links: CafeLinks;
    let founder: string;
    beforeAll(async () => {
      links = await createCafe(server);
      founder = secretOf(links.facilitator);
    });

    it('A2 re-issuing a table\u2019s host link disconnects the connected host at once; its secret is refused from then on; the new link works', async () => {
      const oldSecret = secretOf(links.tables[0]!.host);
      const oldHost = track(await connect(server.url, oldSecret));
      expect(oldHost.socket.connected).toBe(true);

      const issued = await api<{ linkId: string; url: string; revoked: string | null; tableId: string }>(
        server, 'POST', `/api/cafes/${links.cafeId}/links`, founder, { role: 'host', tableId: '1' },
      );
      expect(issued.status).toBe(201);
      expect(issued.body.revoked).toBe(links.tables[0]!.hostLinkId);
      await oldHost.until(() => oldHost.revokedWith !== null && !oldHost.socket.connected, 'the old host to be sent away', 2000);
      expect(oldHost.revokedWith?.code).toBe('LINK_REVOKED');

      expect(await refusedHandshake(server, { secret: oldSecret, protocol: PROTOCOL_VERSION })).toMatchObject({ code: 'LINK_REVOKED' });
      const viaHttp = await api(server, 'POST', `/api/cafes/${links.cafeId}/ops`, oldSecret, {
        id: 'op-after-revocation',
        op: { type: 'addIdea', ideaId: 'idea-from-lost-tablet', tableId: '1', round: 0, text: 'Still here?' },
      });
      expect([viaHttp.status, errorCode(viaHttp)]).toEqual([401, 'LINK_REVOKED']);

      const newHost = track(await connect(server.url, secretOf(issued.body.url)));
      expect(newHost.replica.scope).toEqual({ role: 'host', tableId: '1' });
      for (const type of ['openCafe', 'startRound'] as const) {
        expect((await api(server, 'POST', `/api/cafes/${links.cafeId}/ops`, founder, { id: `op-${type}-0001`, op: { type } })).status).toBe(200);
      }
      expect(await newHost.send({ type: 'addIdea', ideaId: 'idea-from-new-tablet', tableId: '1', round: 0, text: 'Back in business' })).toMatchObject({ ok: true });

      const listed = await api<CafeLinks>(server, 'GET', `/api/cafes/${links.cafeId}/links`, founder);
      expect(listed.body.tables[0]).toMatchObject({ hostLinkId: issued.body.linkId, host: issued.body.url });
    });

    it('A6 DELETE of a wall link sends the connected wall away at once and refuses its secret afterwards', async () => {
      const wallSecret = secretOf(links.wall[0]!);
      const wall = track(await connect(server.url, wallSecret));
      const ids = await linkIds(server, links);
      const revoked = await api<{ linkId: string; seq: number }>(server, 'DELETE', `/api/cafes/${links.cafeId}/links/${ids.wall}`, founder);
      expect(revoked.status).toBe(200);
      expect(revoked.body.linkId).toBe(ids.wall);
      await wall.until(() => wall.revokedWith !== null && !wall.socket.connected, 'the wall to be sent away', 2000);
      expect(wall.revokedWith?.code).toBe('LINK_REVOKED');
      expect(await refusedHandshake(server, { secret: wallSecret, protocol: PROTOCOL_VERSION })).toMatchObject({ code: 'LINK_REVOKED' });
      const snapshot = await api(server, 'GET', `/api/cafes/${links.cafeId}/snapshot`, wallSecret);
      expect([snapshot.status, errorCode(snapshot)]).toEqual([401, 'LINK_REVOKED']);
    });

    it('A6 the facilitator cannot revoke their own link, and only a facilitator issues or revokes links', async () => {
      const ids = await linkIds(server, links);
      const own = await api(server, 'DELETE', `/api/cafes/${links.cafeId}/links/${ids.facilitator}`, founder);
      expect([own.status, errorCode(own)]).toEqual([403, 'FORBIDDEN']);
      const hostSecret = secretOf(links.tables[1]!.host);
      const byHost = await api(server, 'DELETE', `/api/cafes/${links.cafeId}/links/${ids.host('3')}`, hostSecret);
      expect([byHost.status, errorCode(byHost)]).toEqual([403, 'FORBIDDEN']);
      const issuedByHost = await api(server, 'POST', `/api/cafes/${links.cafeId}/links`, hostSecret, { role: 'host', tableId: '2' });
      expect([issuedByHost.status, errorCode(issuedByHost)]).toEqual([403, 'FORBIDDEN']);
      const unknown = await api(server, 'DELETE', `/api/cafes/${links.cafeId}/links/no-such-link`, founder);
      expect([unknown.status, errorCode(unknown)]).toEqual([404, 'LINK_NOT_FOUND']);
      // The facilitator is still in.
      expect((await api(server, 'GET', `/api/cafes/${links.cafeId}/links`, founder)).status).toBe(200);
      expect(await linkIds(server, links).then((l) => l.host('3'))).toBe(ids.host('3'));
    });
  });

  describe('the HTTP routes', () => {
    let links: CafeLinks;
    let other: CafeLinks;
    let guest: { participantId: string; secret: string };
    const visible: string[] = [];

    beforeAll(async () => {
      links = await createCafe(server);
      other = await createCafe(server);
      guest = await joinCafe(server, links, { tableId: '1' });
      const fac = track(await connect(server.url, secretOf(links.facilitator)));
      await fac.must({ type: 'openCafe' });
      await fac.must({ type: 'startRound' });
      const add = (ideaId: string, tableId: string) => fac.must({ type: 'addIdea', ideaId, tableId, round: 0, text: `Idea ${ideaId}` });
      for (const id of ['idea-t1-visible-a', 'idea-t1-visible-b']) {
        await add(id, '1');
        visible.push(id);
      }
      await add('idea-t1-hidden-01', '1');
      await fac.must({ type: 'hideIdea', ideaId: 'idea-t1-hidden-01', hidden: true });
      await add('idea-t1-deleted-1', '1');
      await fac.must({ type: 'deleteIdea', ideaId: 'idea-t1-deleted-1' });
      await add('idea-t2-elsewhere', '2');
    });

    it('A2 the snapshot and ideas routes refuse a missing, wrong or other café\u2019s bearer with 401 UNAUTHENTICATED', async () => {
      const wrong = randomBytes(16).toString('base64url');
      for (const route of ['snapshot', 'ideas']) {
        for (const secret of [null, wrong, secretOf(other.facilitator), secretOf(other.tables[0]!.host), 'short']) {
          const answer = await api(server, 'GET', `/api/cafes/${links.cafeId}/${route}`, secret);
          expect([answer.status, errorCode(answer)], `${route} with ${secret === null ? 'no bearer' : secret}`).toEqual([401, 'UNAUTHENTICATED']);
        }
        const ok = await api(server, 'GET', `/api/cafes/${links.cafeId}/${route}`, secretOf(links.facilitator));
        expect(ok.status).toBe(200);
      }
    });

    it('A10 A12 a participant\u2019s GET ideas lists only their table\u2019s visible ideas', async () => {
      const mine = await api<{ seq: number; ideas: Idea[] }>(server, 'GET', `/api/cafes/${links.cafeId}/ideas`, guest.secret);
      expect(mine.status).toBe(200);
      expect(mine.body.ideas.map((i) => i.id)).toEqual(visible);
      const asking = await api<{ ideas: Idea[] }>(server, 'GET', `/api/cafes/${links.cafeId}/ideas?table=2`, guest.secret);
      expect(asking.body.ideas).toEqual([]);
      const host = await api<{ ideas: Idea[] }>(server, 'GET', `/api/cafes/${links.cafeId}/ideas`, secretOf(links.tables[0]!.host));
      expect(host.body.ideas.map((i) => i.id)).toEqual([...visible, 'idea-t1-hidden-01']);
      // The facilitator's list also carries the deleted idea's tombstone (no text), as their snapshot does.
      const everything = await api<{ ideas: Idea[] }>(server, 'GET', `/api/cafes/${links.cafeId}/ideas`, secretOf(links.facilitator));
      expect(everything.body.ideas.filter((i) => !i.deleted).map((i) => i.id)).toEqual([...visible, 'idea-t1-hidden-01', 'idea-t2-elsewhere']);
      expect(everything.body.ideas.find((i) => i.deleted)).toMatchObject({ id: 'idea-t1-deleted-1', text: '' });
    });

    it('A6 GET links answers the facilitator with the very links given at creation, and refuses everyone else with 403 FORBIDDEN', async () => {
      const listed = await api<CafeLinks>(server, 'GET', `/api/cafes/${links.cafeId}/links`, secretOf(links.facilitator));
      expect(listed.status).toBe(200);
      expect(listed.body.tables.map((t) => t.host)).toEqual(links.tables.map((t) => t.host));
      expect(listed.body.tables.map((t) => t.participants)).toEqual(links.tables.map((t) => t.participants));
      expect(listed.body.wall).toEqual(links.wall);
      expect(listed.body).toMatchObject({ joinCode: links.joinCode, join: links.join, facilitator: null });
      for (const secret of [secretOf(links.tables[0]!.host), secretOf(links.wall[0]!), guest.secret]) {
        const refused = await api(server, 'GET', `/api/cafes/${links.cafeId}/links`, secret);
        expect([refused.status, errorCode(refused)]).toEqual([403, 'FORBIDDEN']);
      }
    });

    it('A5 a co-facilitator link can list the links too, and appears among them with the same address', async () => {
      const issued = await api<{ linkId: string; url: string }>(server, 'POST', `/api/cafes/${links.cafeId}/links`, secretOf(links.facilitator), {
        role: 'facilitator',
      });
      expect(issued.status).toBe(201);
      const listed = await api<CafeLinks>(server, 'GET', `/api/cafes/${links.cafeId}/links`, secretOf(issued.body.url));
      expect(listed.status).toBe(200);
      expect(listed.body.coFacilitators).toEqual([{ linkId: issued.body.linkId, url: issued.body.url }]);
      expect(listed.body.tables.map((t) => t.host)).toEqual(links.tables.map((t) => t.host));
    });

    it('a handshake of another protocol version is refused with PROTOCOL_MISMATCH', async () => {
      expect(await refusedHandshake(server, { secret: secretOf(links.facilitator), protocol: PROTOCOL_VERSION + 1 })).toMatchObject({
        code: 'PROTOCOL_MISMATCH',
      });
      expect(await refusedHandshake(server, { secret: randomBytes(16).toString('base64url'), protocol: PROTOCOL_VERSION })).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });
  });
});

describe('the request log', () => {
  it('never contains a link secret, through creating, joining, connecting, issuing and revoking links', async () => {
    const lines: string[] = [];
    const server = await startServer({ logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } } });
    const clients: TestClient[] = [];
    try {
      const links = await createCafe(server);
      const founder = secretOf(links.facilitator);
      const secrets = [founder, ...links.wall.map(secretOf), ...links.tables.map((t) => secretOf(t.host))];
      const guest = await joinCafe(server, links, { tableId: '1', displayName: 'Logged nowhere' });
      const wanderer = await joinCafe(server, links, {});
      secrets.push(guest.secret, wanderer.secret);
      const co = await api<{ url: string }>(server, 'POST', `/api/cafes/${links.cafeId}/links`, founder, { role: 'facilitator' });
      const newHost = await api<{ url: string }>(server, 'POST', `/api/cafes/${links.cafeId}/links`, founder, { role: 'host', tableId: '2' });
      secrets.push(secretOf(co.body.url), secretOf(newHost.body.url));
      for (const secret of [founder, guest.secret, secretOf(co.body.url), secretOf(newHost.body.url)]) {
        clients.push(await connect(server.url, secret));
      }
      await clients[0]!.must({ type: 'openCafe' });
      await clients[0]!.must({ type: 'startRound' });
      await clients[1]!.must({ type: 'addIdea', ideaId: 'idea-logged-01', tableId: '1', round: 0, text: 'Nothing secret here' });
      await api(server, 'GET', `/api/cafes/${links.cafeId}/links`, founder);
      await api(server, 'GET', `/api/cafes/${links.cafeId}/snapshot`, guest.secret);
      await api(server, 'GET', `/api/cafes/${links.cafeId}/ideas`, secretOf(links.wall[0]!));
      await api(server, 'POST', `/api/cafes/${links.cafeId}/ops`, founder, { id: 'op-broadcast-1', op: { type: 'broadcast', text: 'Hello' } });
      const ids = await linkIds(server, links);
      await api(server, 'DELETE', `/api/cafes/${links.cafeId}/links/${ids.wall}`, founder);
      // Refusals are logged too: a revoked secret, a bad handshake, a wrong café.
      await api(server, 'GET', `/api/cafes/${links.cafeId}/snapshot`, secretOf(links.wall[0]!));
      await refusedHandshake(server, { secret: secretOf(links.tables[1]!.host), protocol: PROTOCOL_VERSION });
      await refusedHandshake(server, { secret: founder, protocol: PROTOCOL_VERSION + 1 });
      await api(server, 'GET', `/api/cafes/not-this-cafe/ideas`, guest.secret);

      const log = lines.join('');
      expect(log).toContain(`/api/cafes/${links.cafeId}/snapshot`); // the log did capture the requests
      expect(lines.length).toBeGreaterThan(20);
      for (const secret of new Set(secrets)) {
        expect(secret.length).toBeGreaterThanOrEqual(22);
        expect(log).not.toContain(secret);
      }
    } finally {
      for (const c of clients) c.close();
      await server.close();
    }
  });
});
