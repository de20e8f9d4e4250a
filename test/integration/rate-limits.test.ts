/**
 * Per-device rate limits (server/rate-limits.ts), with real Socket.IO clients against a server on
 * port 0. Every client here comes from 127.0.0.1, as a whole venue shares one address: the
 * budgets must tell devices apart by their link, not by address. A tablet's whole outbox replays
 * after an outage; a runaway device is stopped with RATE_LIMITED and how long to wait, over the
 * socket and over HTTP alike; with Redis every process counts together.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limits.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import type { ClientCommand } from '../../shared/domain/commands.js';
import { ERRORS } from '../../shared/errors.js';
import type { OpAck } from '../../shared/protocol.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

const clients: TestClient[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

async function runningCafe(server: TestServer) {
  const links = await createCafe(server);
  const facilitator = await connect(server.url, secretOf(links.facilitator));
  clients.push(facilitator);
  await facilitator.must({ type: 'openCafe' });
  await facilitator.must({ type: 'startRound' });
  const host = async (table: number) => {
    const c = await connect(server.url, secretOf(links.tables[table]!.host));
    clients.push(c);
    return c;
  };
  return { links, facilitator, host };
}

const ideaId = (n: number, tableId = '1') => `idea-${tableId}-${String(n).padStart(4, '0')}`;
const addIdea = (n: number, tableId = '1'): ClientCommand => ({ type: 'addIdea', ideaId: ideaId(n, tableId), tableId, round: 0, text: `Note ${n}` });

/** Sends every operation back to back, as an outbox replays, without waiting for any acknowledgement. */
function replay(client: TestClient, ops: ClientCommand[]): Promise<OpAck[]> {
  return Promise.all(ops.map((op) => client.socket.timeout(20_000).emitWithAck('op', { id: randomUUID(), op })));
}

function expectRateLimited(error: unknown, windowMs: number): void {
  expect(error).toMatchObject({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.message, retryable: true });
  const wait = (error as { retryAfterMs: number }).retryAfterMs;
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(windowMs);
}

describe('per-device rate limits over the socket', () => {
  it('lets a tablet replay a 300-operation outbox back to back: every operation accepted, in the order sent', async () => {
    const server = await startServer();
    servers.push(server);
    const { host, links } = await runningCafe(server);
    const tablet = await host(0);
    const before = await server.store.head(links.cafeId);
    // Each idea is added and then edited: an edit that overtook its idea would be refused.
    const ops = Array.from({ length: 150 }, (_, i): ClientCommand[] => [addIdea(i), { type: 'editIdea', ideaId: ideaId(i), text: `Note ${i}, edited` }]).flat();
    expect(ops).toHaveLength(300);
    const acks = await replay(tablet, ops);
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.map((a) => (a.ok ? a.seq : -1))).toEqual(ops.map((_, i) => before + 1 + i));
  });

  it(`stops a runaway device after ${DEFAULT_RATE_LIMITS.ops.max} operations a minute with RATE_LIMITED and the wait, changes nothing more, and leaves other devices on the same address alone`, async () => {
    const server = await startServer();
    servers.push(server);
    const { host, links } = await runningCafe(server);
    const runaway = await host(0);
    const neighbour = await host(1);
    const { cafeId } = links;
    const { max, timeWindow } = DEFAULT_RATE_LIMITS.ops;
    const before = await server.store.head(cafeId);
    const acks = await replay(runaway, Array.from({ length: max + 50 }, (_, i) => addIdea(i)));
    expect(acks.slice(0, max).every((a) => a.ok)).toBe(true);
    for (const ack of acks.slice(max)) {
      expect(ack.ok).toBe(false);
      if (!ack.ok) expectRateLimited(ack.error, timeWindow);
    }
    expect(await server.store.head(cafeId)).toBe(before + max);
    // The same device over HTTP draws on the same budget: refused too, with the wait inside `error` and in Retry-After.
    const response = await fetch(`${server.url}/api/cafes/${cafeId}/ops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secretOf(links.tables[0]!.host)}` },
      body: JSON.stringify({ id: randomUUID(), op: addIdea(9999) }),
    });
    expect(response.status).toBe(429);
    const body = (await response.json()) as { error: unknown };
    expect(Object.keys(body)).toEqual(['error']);
    expectRateLimited(body.error, timeWindow);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBe(Math.ceil((body.error as { retryAfterMs: number }).retryAfterMs / 1000));
    expect(await server.store.head(cafeId)).toBe(before + max);
    // Another tablet on the same address is not touched.
    expect(await neighbour.send(addIdea(1, '2'))).toMatchObject({ ok: true, seq: before + max + 1 });
  });

  it('accepts the device again once the wait it was told has passed', async () => {
    const server = await startServer({ rateLimits: { ops: { max: 5, timeWindow: 1000 } } });
    servers.push(server);
    const { host } = await runningCafe(server);
    const tablet = await host(0);
    const acks = await replay(tablet, Array.from({ length: 6 }, (_, i) => addIdea(i)));
    expect(acks.filter((a) => a.ok)).toHaveLength(5);
    const refused = acks[5]!;
    if (refused.ok) throw new Error('the sixth operation was accepted');
    expectRateLimited(refused.error, 1000);
    await new Promise((r) => setTimeout(r, refused.error.retryAfterMs! + 50));
    expect(await tablet.send(addIdea(5))).toMatchObject({ ok: true });
  });

  it('limits sync, time and status on their own budget, so a flood of them never costs the device its operations', async () => {
    const server = await startServer({ rateLimits: { requests: { max: 3, timeWindow: 60_000 } } });
    servers.push(server);
    const { host } = await runningCafe(server);
    const tablet = await host(0);
    const answers = await Promise.all(Array.from({ length: 5 }, () => tablet.socket.timeout(5000).emitWithAck('time', { clientSentAt: 0 })));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    for (const a of answers.slice(3)) if (!a.ok) expectRateLimited(a.error, 60_000);
    expect(answers.slice(3).every((a) => !a.ok)).toBe(true);
    const sync = await tablet.sync(0);
    expect(sync.ok).toBe(false);
    expect(await tablet.send(addIdea(1))).toMatchObject({ ok: true });
  });
});

describe('rate limits over HTTP, keyed by café code or server-wide, never by address', () => {
  it('counts joins per café code: a café past its budget waits while another café on the same address still joins', async () => {
    const server = await startServer({ rateLimits: { joinsPerCode: { max: 3, timeWindow: 60_000 } } });
    servers.push(server);
    const busy = await createCafe(server);
    const quiet = await createCafe(server);
    for (let i = 0; i < 3; i++) await joinCafe(server, busy);
    const response = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: busy.joinCode.toLowerCase(), consent: { publish: false, showName: false } }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expectRateLimited(((await response.json()) as { error: unknown }).error, 60_000);
    await expect(joinCafe(server, quiet)).resolves.toMatchObject({ cafeId: quiet.cafeId });
  });

  it('keeps guessing codes slow: past the server-wide budget of unknown codes every look-up waits', async () => {
    const server = await startServer({ rateLimits: { unknownCodes: { max: 3, timeWindow: 60_000 } } });
    servers.push(server);
    const cafe = await createCafe(server);
    expect((await fetch(`${server.url}/api/join/${cafe.joinCode}`)).status).toBe(200);
    for (const guess of ['AAAAAA', 'BBBBBB', 'CCCCCC']) expect((await fetch(`${server.url}/api/join/${guess}`)).status).toBe(404);
    const guess = await fetch(`${server.url}/api/join/DDDDDD`);
    expect(guess.status).toBe(429);
    // A guess that happens to hit is refused alike: a hit must not stand out from a miss.
    const hit = await fetch(`${server.url}/api/join/${cafe.joinCode}`);
    expect(hit.status).toBe(429);
    expectRateLimited(((await hit.json()) as { error: unknown }).error, 60_000);
  });

  it('refuses the creation of cafés past the server-wide budget with a 429 the client can read', async () => {
    const server = await startServer({ rateLimits: { createCafe: { max: 2, timeWindow: 60_000 } } });
    servers.push(server);
    await createCafe(server);
    await createCafe(server);
    await expect(createCafe(server)).rejects.toThrow(/^create café: 429 \{"error":\{"code":"RATE_LIMITED",.*"retryAfterMs":\d+\}\}$/);
  });
});

describe('rate limits on one Redis', () => {
  const prefix = `tablecloth-test:rate:${randomUUID()}:`;
  let redis: ReturnType<typeof createClient>;
  let dir: string;

  beforeAll(async () => {
    redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    await redis.connect();
    dir = mkdtempSync(join(tmpdir(), 'tablecloth-rate-'));
  });

  afterAll(async () => {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a device once across two server processes, and keeps its keys under the given prefix', async () => {
    const apps = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const store = SqliteStore.open(join(dir, `${name}.db`));
        const built = await buildApp({ store, rateLimits: { ops: { max: 3, timeWindow: 60_000 } }, rateLimitRedis: { client: redis, prefix } });
        await built.app.listen({ port: 0, host: '127.0.0.1' });
        const address = built.app.server.address();
        return { built, store, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
      }),
    );
    try {
      const links = await createCafe({ url: apps[0]!.url });
      const secret = secretOf(links.facilitator);
      const post = (url: string) =>
        fetch(`${url}/api/cafes/${links.cafeId}/ops`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ id: randomUUID(), op: { type: 'broadcast', text: 'Coffee is ready' } }),
        });
      expect((await post(apps[0]!.url)).status).toBe(200);
      expect((await post(apps[0]!.url)).status).toBe(200);
      expect((await post(apps[0]!.url)).status).toBe(200);
      // The other process has never seen this device, yet its budget is spent.
      const refused = await post(apps[1]!.url);
      expect(refused.status).toBe(429);
      expectRateLimited(((await refused.json()) as { error: unknown }).error, 60_000);
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) keys.push(...batch);
      expect(keys.length).toBeGreaterThan(0);
      // The key names the device by the hash of its secret, never the secret itself.
      expect(keys.some((k) => k.includes(secret))).toBe(false);
    } finally {
      for (const { built, store } of apps) {
        await built.app.close();
        await built.sequencer.idle();
        await store.close();
      }
    }
  });
});
