/**
 * Two servers on one Redis, like two server processes behind a load balancer: each has its own
 * RedisStore (same key prefix) and its own Socket.IO Redis streams adapter (same stream). A café
 * made on one is live on both: ideas reach clients on the other, concurrent writers on both get
 * one gap-free sequence, and a link withdrawn on one disconnects its sockets on the other.
 * Everything runs under a unique prefix and stream name, removed afterwards (never FLUSHALL).
 */
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { RedisStore } from '../../server/store/redis-store.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf } from '../helpers/server.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = randomUUID();
const prefix = `tablecloth-test:${run}:`;
const streamName = `tablecloth-test:${run}:socket.io`;

type RedisClient = ReturnType<typeof createClient>;

interface Node extends App {
  url: string;
  store: RedisStore;
  pub: RedisClient;
}

async function startNode(clock: ManualClock): Promise<Node> {
  const store = await RedisStore.connect(REDIS_URL, { prefix });
  const pub = createClient({ url: REDIS_URL });
  pub.on('error', () => undefined);
  await pub.connect();
  // A short XREAD block so the adapter's reading connection ends soon after close.
  const adapter = createAdapter(pub, { streamName, channelPrefix: `tablecloth-test:${run}`, blockTimeInMs: 500 });
  const built = await buildApp({ store, clock, adapter });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...built, url: `http://127.0.0.1:${port}`, store, pub };
}

const ideaIdsIn = (client: TestClient): Set<string> => new Set(Object.keys(client.state.ideas));

describe('two server processes on one Redis', () => {
  const clock = new ManualClock();
  let a: Node;
  let b: Node;
  const clients: TestClient[] = [];
  const track = (c: TestClient) => (clients.push(c), c);

  beforeAll(async () => {
    a = await startNode(clock);
    b = await startNode(clock);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    // The apps (and Socket.IO with its adapter) first, then the Redis connections.
    for (const node of [a, b]) {
      if (!node) continue;
      await node.app.close();
      await node.sequencer.idle();
    }
    if (a) {
      await a.store.deletePrefix();
      await a.pub.del(streamName);
    }
    for (const node of [a, b]) {
      if (!node) continue;
      await node.pub.close();
      await node.store.close();
    }
  });

  it('a café made on A is live on both: fan-out, concurrent writers and revocation cross processes', async () => {
    const links = await createCafe(a);
    const table1 = links.tables[0]!;
    const table2 = links.tables[1]!;

    const facilitator = track(await connect(a.url, secretOf(links.facilitator)));
    const hostA = track(await connect(a.url, secretOf(table1.host)));
    const wallB = track(await connect(b.url, secretOf(links.wall[0]!)));
    const wallA = track(await connect(a.url, secretOf(links.wall[0]!)));
    await facilitator.must({ type: 'openCafe' });
    const joined = await joinCafe(b, links, { tableId: table1.tableId, displayName: 'Ana' });
    const participantB = track(await connect(b.url, joined.secret));
    const hostB = track(await connect(b.url, secretOf(table2.host)));

    // The round starts on A; the host's idea on A reaches the wall and the participant on B.
    await facilitator.must({ type: 'startRound' });
    const firstIdea = randomUUID();
    const seq = await hostA.must({ type: 'addIdea', ideaId: firstIdea, tableId: table1.tableId, round: 0, text: 'Learning that matters starts with a question' });
    await Promise.all([wallB.caughtUp(seq), participantB.caughtUp(seq)]);
    expect(wallB.state.ideas[firstIdea]?.text).toBe('Learning that matters starts with a question');
    expect(participantB.state.ideas[firstIdea]?.text).toBe('Learning that matters starts with a question');

    // Hosts on A and on B write at the same moment: one gap-free sequence, every idea once, on both walls.
    const head = await a.store.head(links.cafeId);
    const fromA = Array.from({ length: 10 }, (_, i) => ({ ideaId: randomUUID(), text: `A idea ${i}` }));
    const fromB = Array.from({ length: 10 }, (_, i) => ({ ideaId: randomUUID(), text: `B idea ${i}` }));
    const acks = await Promise.all([
      ...fromA.map((x) => hostA.send({ type: 'addIdea', ideaId: x.ideaId, tableId: table1.tableId, round: 0, text: x.text })),
      ...fromB.map((x) => hostB.send({ type: 'addIdea', ideaId: x.ideaId, tableId: table2.tableId, round: 0, text: x.text })),
    ]);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const log = await b.store.readSince(links.cafeId, 0, 100_000);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.at(-1)!.seq).toBe(head + 20);
    const added = log.flatMap((e) => (e.event.type === 'ideaAdded' ? [e.event.idea.id] : []));
    const concurrent = [...fromA, ...fromB].map((x) => x.ideaId);
    for (const id of concurrent) expect(added.filter((x) => x === id)).toHaveLength(1);
    const last = log.at(-1)!.seq;
    await Promise.all([wallA.caughtUp(last), wallB.caughtUp(last)]);
    for (const wall of [wallA, wallB]) {
      const seen = ideaIdsIn(wall);
      for (const x of [...fromA, ...fromB]) {
        expect(seen.has(x.ideaId)).toBe(true);
        expect(wall.state.ideas[x.ideaId]!.text).toBe(x.text);
      }
    }

    // Withdrawing table 1's host link on B disconnects the host's socket on A.
    const response = await fetch(`${b.url}/api/cafes/${links.cafeId}/links/${table1.hostLinkId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${secretOf(links.facilitator)}` },
    });
    expect(response.status).toBe(200);
    await hostA.until(() => hostA.revokedWith !== null && !hostA.socket.connected, 'revoked and disconnected');
    expect(hostA.revokedWith?.code).toBe('LINK_REVOKED');
    expect(hostB.socket.connected).toBe(true);
  }, 15_000);
});
