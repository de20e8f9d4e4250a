/**
 * "Invite me to the community" over HTTP (H16), against a real server with its SQLite file: a phone
 * leaves, reads and withdraws its address; the facilitator lists it, downloads the CSV and removes
 * one; every bad request is refused with a stable code and changes nothing; no address in the log.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireError } from '../../shared/errors.js';
import type { CafeLinks } from '../../server/reception.js';
import type { ManualClock } from '../../server/clock.js';
import { redisInvitations } from '../../server/store/redis-invitations.js';
import { RedisStore } from '../../server/store/redis-store.js';
import { connect } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

interface Answer { status: number; body: unknown; text: string; headers: Headers }

async function call(server: TestServer, method: string, path: string, secret?: string | null, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // ignoreBOM keeps the CSV's byte-order mark, which response.text() would drop.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}
const codeOf = (a: Answer) => (a.body as { error?: WireError } | null)?.error?.code;
const pathOf = (a: Answer) => (a.body as { error?: WireError } | null)?.error?.path;

const GOOD = { email: 'Ana.Lehrerin@Schule.example', consent: true, ageConfirmed: true };

describe('invitations to the community', () => {
  let server: TestServer;
  let links: CafeLinks;
  let facilitator: string;
  let phone: { participantId: string; secret: string };
  const own = () => `/api/cafes/${links.cafeId}/invitation`;
  const list = async () => (await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations`, facilitator)).body as { invitations: Record<string, unknown>[] };

  beforeEach(async () => {
    server = await startServer();
    links = await createCafe(server);
    facilitator = secretOf(links.facilitator);
    phone = await joinCafe(server, links, { tableId: '1', displayName: 'Ana', group: 'teachers' });
  });
  afterEach(() => server.close());

  it('H16 a phone leaves its address, sees it, replaces it and withdraws it (the row is gone)', async () => {
    expect(await call(server, 'GET', own(), phone.secret)).toMatchObject({ status: 200, body: { invitation: null } });
    const put = await call(server, 'PUT', own(), phone.secret, GOOD);
    expect(put.status).toBe(201);
    // The domain is lower-cased (it is not case-sensitive); the local part is kept as typed.
    expect(put.body).toEqual({ invitation: { email: 'Ana.Lehrerin@schule.example', consentAge: 16, consentedAt: server.clock.now() } });
    expect(put.headers.get('cache-control')).toBe('no-store');
    expect((await call(server, 'GET', own(), phone.secret)).body).toEqual(put.body);
    const again = await call(server, 'PUT', own(), phone.secret, { ...GOOD, email: '  ana@müller.example ' });
    expect(again.status).toBe(200);
    expect((again.body as { invitation: { email: string } }).invitation.email).toBe('ana@xn--mller-kva.example');
    expect((await list()).invitations).toHaveLength(1);
    expect((await call(server, 'DELETE', own(), phone.secret)).status).toBe(204);
    expect((await call(server, 'GET', own(), phone.secret)).body).toEqual({ invitation: null });
    expect((await list()).invitations).toEqual([]);
    expect((await call(server, 'DELETE', own(), phone.secret)).status).toBe(204);
  });

  it('H16 the consent age recorded is the café’s setting when the phone consented', async () => {
    const client = await connect(server.url, facilitator);
    try {
      await client.must({ type: 'editCafe', consentAge: 18 });
    } finally {
      client.close();
    }
    expect(((await call(server, 'PUT', own(), phone.secret, GOOD)).body as { invitation: { consentAge: number } }).invitation.consentAge).toBe(18);
  });

  it('H16 the facilitator lists the addresses with the profile, downloads them as CSV and removes one on request', async () => {
    const other = await joinCafe(server, links, { tableId: '2', displayName: '=HYPERLINK("http://evil.example")', group: null });
    const anonymous = await joinCafe(server, links, {});
    await call(server, 'PUT', own(), phone.secret, GOOD);
    (server.clock as ManualClock).advance(1000);
    await call(server, 'PUT', own(), other.secret, { ...GOOD, email: 'bob@example.org' });
    (server.clock as ManualClock).advance(1000);
    await call(server, 'PUT', own(), anonymous.secret, { ...GOOD, email: 'x@example.org' });
    const listed = (await list()).invitations;
    expect(listed.map((i) => [i.email, i.displayName, i.group])).toEqual([
      ['Ana.Lehrerin@schule.example', 'Ana', 'teachers'],
      ['bob@example.org', '=HYPERLINK("http://evil.example")', null],
      ['x@example.org', null, null],
    ]);

    const csv = await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations.csv`, facilitator);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="invitations-${links.joinCode}.csv"`);
    expect(csv.text.startsWith('\uFEFFemail,display_name,group,consented_at,consent_age\r\n')).toBe(true);
    const rows = parse(csv.text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.email, r.display_name, r.group, r.consent_age])).toEqual([
      ['Ana.Lehrerin@schule.example', 'Ana', 'teachers', '16'],
      ['bob@example.org', '\'=HYPERLINK("http://evil.example")', '', '16'],
      ['x@example.org', '', '', '16'],
    ]);
    expect(rows[0]!.consented_at).toBe(new Date(listed[0]!.consentedAt as number).toISOString());

    expect((await call(server, 'DELETE', `/api/cafes/${links.cafeId}/invitations/${other.participantId}`, facilitator)).status).toBe(204);
    expect((await list()).invitations.map((i) => i.email)).toEqual(['Ana.Lehrerin@schule.example', 'x@example.org']);
    expect((await call(server, 'GET', own(), other.secret)).body).toEqual({ invitation: null });
    const twice = await call(server, 'DELETE', `/api/cafes/${links.cafeId}/invitations/${other.participantId}`, facilitator);
    expect([twice.status, codeOf(twice), pathOf(twice)]).toEqual([404, 'INVITATION_NOT_FOUND', 'participantId']);
  });

  it('H16 with invitations switched off a phone cannot leave an address, but can still withdraw one', async () => {
    await call(server, 'PUT', own(), phone.secret, GOOD);
    const client = await connect(server.url, facilitator);
    try {
      await client.must({ type: 'editCafe', invitations: false });
    } finally {
      client.close();
    }
    const refused = await call(server, 'PUT', own(), phone.secret, { ...GOOD, email: 'new@example.org' });
    expect([refused.status, codeOf(refused)]).toEqual([409, 'INVITES_OFF']);
    expect((await list()).invitations.map((i) => i.email)).toEqual(['Ana.Lehrerin@schule.example']);
    expect((await call(server, 'DELETE', own(), phone.secret)).status).toBe(204);
    expect((await list()).invitations).toEqual([]);
  });

  describe('bad requests are refused with a stable code and change nothing', () => {
    const badBodies: [string, unknown, number, string, string | undefined][] = [
      ['no consent', { email: 'a@example.org', ageConfirmed: true }, 400, 'INVITE_CONSENT_REQUIRED', 'consent'],
      ['consent false', { email: 'a@example.org', consent: false, ageConfirmed: true }, 400, 'INVITE_CONSENT_REQUIRED', 'consent'],
      ['age not confirmed', { email: 'a@example.org', consent: true, ageConfirmed: false }, 400, 'INVITE_CONSENT_REQUIRED', 'ageConfirmed'],
      ['age missing', { email: 'a@example.org', consent: true }, 400, 'INVITE_CONSENT_REQUIRED', 'ageConfirmed'],
      ['no at sign', { ...GOOD, email: 'ana.example.org' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['no domain', { ...GOOD, email: 'ana@' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['no top-level domain', { ...GOOD, email: 'ana@localhost' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['two addresses', { ...GOOD, email: 'a@example.org, b@example.org' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['a header injection', { ...GOOD, email: 'a@example.org\r\nBcc: all@example.org' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['markup', { ...GOOD, email: '<script>@example.org' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['empty', { ...GOOD, email: '' }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['too long', { ...GOOD, email: `${'a'.repeat(250)}@example.org` }, 400, 'INVITE_EMAIL_INVALID', 'email'],
      ['not a string', { ...GOOD, email: 42 }, 400, 'INVALID_PAYLOAD', undefined],
      ['consent not a boolean', { ...GOOD, consent: 'yes' }, 400, 'INVALID_PAYLOAD', undefined],
      ['an extra field', { ...GOOD, name: 'Ana' }, 400, 'INVALID_PAYLOAD', undefined],
      ['no body', undefined, 400, 'INVALID_PAYLOAD', undefined],
    ];
    for (const [name, body, status, code, path] of badBodies) {
      it(`H16 ${name}: ${code}`, async () => {
        await call(server, 'PUT', own(), phone.secret, GOOD);
        const answer = await call(server, 'PUT', own(), phone.secret, body);
        expect([answer.status, codeOf(answer)]).toEqual([status, code]);
        if (path) expect(pathOf(answer)).toBe(path);
        expect((await list()).invitations.map((i) => i.email)).toEqual(['Ana.Lehrerin@schule.example']);
      });
    }

    it('H16 wrong roles, no secret, another café’s secret and an unknown café: FORBIDDEN or UNAUTHENTICATED', async () => {
      const elsewhere = await createCafe(server);
      const stranger = await joinCafe(server, elsewhere, {});
      await call(server, 'PUT', own(), phone.secret, GOOD);
      const cafe = `/api/cafes/${links.cafeId}`;
      const cases: [string, string, string | null, unknown, number, string][] = [
        ['PUT', `${cafe}/invitation`, facilitator, GOOD, 403, 'FORBIDDEN'],
        ['PUT', `${cafe}/invitation`, secretOf(links.tables[0]!.host), GOOD, 403, 'FORBIDDEN'],
        ['PUT', `${cafe}/invitation`, secretOf(links.wall[0]!), GOOD, 403, 'FORBIDDEN'],
        ['DELETE', `${cafe}/invitation`, facilitator, undefined, 403, 'FORBIDDEN'],
        ['GET', `${cafe}/invitations`, phone.secret, undefined, 403, 'FORBIDDEN'],
        ['GET', `${cafe}/invitations.csv`, phone.secret, undefined, 403, 'FORBIDDEN'],
        ['GET', `${cafe}/invitations.csv`, secretOf(links.tables[0]!.host), undefined, 403, 'FORBIDDEN'],
        ['DELETE', `${cafe}/invitations/${phone.participantId}`, phone.secret, undefined, 403, 'FORBIDDEN'],
        ['PUT', `${cafe}/invitation`, null, GOOD, 401, 'UNAUTHENTICATED'],
        ['GET', `${cafe}/invitations.csv`, null, undefined, 401, 'UNAUTHENTICATED'],
        ['PUT', `${cafe}/invitation`, stranger.secret, GOOD, 401, 'UNAUTHENTICATED'],
        ['DELETE', `${cafe}/invitation`, stranger.secret, undefined, 401, 'UNAUTHENTICATED'],
        ['GET', `${cafe}/invitations.csv`, secretOf(elsewhere.facilitator), undefined, 401, 'UNAUTHENTICATED'],
        ['DELETE', `${cafe}/invitations/${phone.participantId}`, secretOf(elsewhere.facilitator), undefined, 401, 'UNAUTHENTICATED'],
        ['GET', `/api/cafes/${elsewhere.cafeId}/invitations`, facilitator, undefined, 401, 'UNAUTHENTICATED'],
        ['PUT', `${cafe}/invitation`, 'not-a-secret-but-long-enough', GOOD, 401, 'UNAUTHENTICATED'],
      ];
      for (const [method, path, secret, body, status, code] of cases) {
        const answer = await call(server, method, path, secret, body);
        expect([method, path, answer.status, codeOf(answer)]).toEqual([method, path, status, code]);
      }
      expect((await list()).invitations.map((i) => [i.participantId, i.email])).toEqual([[phone.participantId, 'Ana.Lehrerin@schule.example']]);
      expect((await call(server, 'GET', `/api/cafes/${elsewhere.cafeId}/invitations`, secretOf(elsewhere.facilitator))).body).toEqual({ invitations: [] });
    });
  });
});

describe('the invitation routes and the rate limits', () => {
  it('H16 count against the device’s request budget: past it RATE_LIMITED with Retry-After, and nothing stored', async () => {
    const server = await startServer({ rateLimits: { requests: { max: 3, timeWindow: 60_000 } } });
    try {
      const links = await createCafe(server);
      const phone = await joinCafe(server, links, {});
      const path = `/api/cafes/${links.cafeId}/invitation`;
      for (let i = 0; i < 3; i++) expect((await call(server, 'GET', path, phone.secret)).status).toBe(200);
      const refused = await call(server, 'PUT', path, phone.secret, GOOD);
      expect([refused.status, codeOf(refused)]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another device has its own budget, and sees that nothing was stored.
      const list = await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations`, secretOf(links.facilitator));
      expect(list.body).toEqual({ invitations: [] });
    } finally {
      await server.close();
    }
  });
});

describe('the request log and invitations', () => {
  it('never contains an e-mail address, however the requests go', async () => {
    const lines: string[] = [];
    const server = await startServer({ logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      const links = await createCafe(server);
      const phone = await joinCafe(server, links, { tableId: '1' });
      const path = `/api/cafes/${links.cafeId}/invitation`;
      await call(server, 'PUT', path, phone.secret, { ...GOOD, email: 'logged.nowhere@example.org' });
      await call(server, 'PUT', path, phone.secret, { ...GOOD, email: 'refused.nowhere@example' });
      await call(server, 'PUT', path, phone.secret, { email: 'unconsented.nowhere@example.org' });
      await call(server, 'GET', path, phone.secret);
      await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations.csv`, secretOf(links.facilitator));
      await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations`, secretOf(links.facilitator));
      const log = lines.join('');
      expect(log).toContain(`/api/cafes/${links.cafeId}/invitations.csv`); // the log did capture the requests
      expect(log).not.toMatch(/nowhere/);
      expect(log).not.toContain(phone.secret);
    } finally {
      await server.close();
    }
  });
});

describe('invitations with Redis (REDIS_URL)', () => {
  it('H16 a phone leaves, replaces and withdraws its address, and the facilitator downloads and removes one, on the Redis store', async () => {
    const prefix = `tablecloth-test:${randomUUID()}:`;
    const store = await RedisStore.connect(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { prefix });
    const client = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    await client.connect();
    const server = await startServer({ store, invitations: redisInvitations(client, prefix) });
    try {
      const links = await createCafe(server);
      const facilitator = secretOf(links.facilitator);
      const [ana, ben] = [await joinCafe(server, links, { displayName: 'Ana' }), await joinCafe(server, links, {})];
      const path = `/api/cafes/${links.cafeId}/invitation`;
      expect((await call(server, 'PUT', path, ana.secret, GOOD)).status).toBe(201);
      expect((await call(server, 'PUT', path, ana.secret, { ...GOOD, email: 'ana@example.org' })).status).toBe(200);
      expect((await call(server, 'PUT', path, ben.secret, { ...GOOD, email: 'ben@example.org' })).status).toBe(201);
      const csv = await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations.csv`, facilitator);
      expect(csv.text.split('\r\n').slice(1, 3).map((l) => l.split(',')[0]).sort()).toEqual(['ana@example.org', 'ben@example.org']);
      expect((await call(server, 'DELETE', path, ana.secret)).status).toBe(204);
      expect((await call(server, 'DELETE', `/api/cafes/${links.cafeId}/invitations/${ben.participantId}`, facilitator)).status).toBe(204);
      expect((await call(server, 'GET', `/api/cafes/${links.cafeId}/invitations`, facilitator)).body).toEqual({ invitations: [] });
      expect(await client.exists(`${prefix}cafe:{${links.cafeId}}:invitations`)).toBe(0);
    } finally {
      await server.close();
      await store.deletePrefix();
      await client.close();
      await store.close();
    }
  });
});
