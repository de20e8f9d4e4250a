/**
 * Drill 5: Redis restarts under load. Two real server processes share a Redis of the test's own
 * (AOF on, its own port and directory); simulated tablets keep writing ideas while Redis is
 * stopped and started again on the same port and directory. The servers must not crash, must
 * answer STORE_UNAVAILABLE (retryable) and 503 on /readyz while Redis is away, and must come back
 * by themselves — the store and the Socket.IO streams adapter both — so that every acknowledged
 * idea and every idea still in an outbox ends up in the log exactly once and in every view.
 *
 * The promise with `appendfsync always`: Redis writes and fsyncs the append-only file before it
 * answers, so an idea a tablet saw acknowledged survives even a SIGKILL of Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../shared/domain/commands.js';
import { connect } from '../helpers/client.js';
import { DrillRig, sleep, until } from '../helpers/drill-rig.js';
import { expectEveryIdeaOnce, listedIdeas, readLogFromRedis, waitForViews } from '../helpers/idea-audit.js';
import type { RedisServer } from '../helpers/redis-server.js';
import { createCafe, defaultSetup, secretOf } from '../helpers/server.js';
import { SimulatedTablet } from '../helpers/tablet.js';

const TABLES = 4;
const PUT_EVERY_MS = 30;
const ACKNOWLEDGED_BEFORE_STOP = 40;
const REDIS_DOWN_MS = 1000;

describe('drill 5: Redis is restarted under load', () => {
  const rig = new DrillRig();
  afterEach(() => rig.teardown());

  async function drill(appendfsync: 'always' | 'everysec', stopRedis: (r: RedisServer) => Promise<void>): Promise<void> {
    const { redis, cluster } = await rig.start({ processes: 2, appendfsync });
    const [a, b] = [cluster.servers[0]!, cluster.servers[1]!];
    const links = await createCafe(a, { ...defaultSetup, tables: TABLES });
    const facilitatorSecret = secretOf(links.facilitator);
    const facilitator = rig.track(await connect(a.url, facilitatorSecret));
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    const walls = await Promise.all([a, b].map(async (s) => rig.track(await connect(s.url, secretOf(links.wall[0]!)))));
    // A second device on table 1's host link probes the server while Redis is away.
    const probe = rig.track(await connect(b.url, secretOf(links.tables[0]!.host)));

    // Tablets alternate between the two processes (and would move to the other one on a drop).
    const tablets: SimulatedTablet[] = [];
    for (let i = 0; i < TABLES; i++) {
      const urls = i % 2 === 0 ? [a.url, b.url] : [b.url, a.url];
      tablets.push(rig.track(await SimulatedTablet.open({ urls, secret: secretOf(links.tables[i]!.host) })));
    }
    await until(() => tablets.every((t) => t.connected && t.state !== null), 'every tablet’s first snapshot', 10_000);

    const written = new Map<string, string>();
    let pumping = true;
    const pumps = tablets.map(async (tablet, i) => {
      for (let n = 0; pumping; n++) {
        const text = `Table ${i + 1}, idea ${n}`;
        written.set(await tablet.addIdea(text), text);
        await sleep(PUT_EVERY_MS);
      }
    });
    const acknowledgedCount = () => tablets.reduce((sum, t) => sum + t.acknowledged.size, 0);
    await until(() => acknowledgedCount() >= ACKNOWLEDGED_BEFORE_STOP, `${ACKNOWLEDGED_BEFORE_STOP} acknowledged ideas`, 10_000);

    await stopRedis(redis);
    const acknowledgedBeforeStop = new Set(tablets.flatMap((t) => [...t.acknowledged]));
    const stoppedAt = Date.now();

    // While Redis is away: a retryable refusal, not a hang; not ready, but alive.
    const probeIdea: Extract<ClientCommand, { type: 'addIdea' }> = { type: 'addIdea', ideaId: randomUUID(), tableId: '1', round: 0, text: 'Sent while Redis was away' };
    const probeOpId = randomUUID();
    const refused = await probe.send(probeIdea, probeOpId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE', retryable: true } });
    written.set(probeIdea.ideaId, probeIdea.text);
    for (const server of [a, b]) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { code: 'STORE_UNAVAILABLE', retryable: true } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
    // A tablet whose Wi-Fi blips now is refused at the handshake with a retryable code: it must
    // keep trying by itself (Socket.IO alone would not), not take it as a final refusal.
    tablets[0]!.dropConnection();
    await sleep(Math.max(0, REDIS_DOWN_MS - (Date.now() - stoppedAt)));
    // The tablets kept taking notes: they wait in the outboxes.
    expect(tablets.reduce((sum, t) => sum + t.pendingCount(), 0)).toBeGreaterThan(0);

    await redis.start();
    const restartedAt = Date.now();
    await Promise.all([a, b].map(async (server) => {
      while ((await fetch(`${server.url}/readyz`)).status !== 200) await sleep(25);
    }));
    const readyAfterMs = Date.now() - restartedAt;
    await sleep(300); // a few more ideas on the recovered Redis
    pumping = false;
    await Promise.all(pumps);
    // The probe's device (on B) re-sends its operation with the same id, as an outbox does.
    const resent = await probe.send(probeIdea, probeOpId);
    expect(resent).toMatchObject({ ok: true, duplicate: false });
    // The streams adapter comes back too, on its own schedule (its reader retries): within a few
    // seconds an idea sent on B reaches the wall on A live, not only through a sync.
    const liveAt = (seq: number) => walls[0]!.received.some((m) => m.entries.some((e) => e.seq === seq));
    let lastSeq = resent.ok ? resent.seq : -1;
    await walls[0]!.caughtUp(lastSeq);
    const liveDeadline = Date.now() + 10_000;
    while (!liveAt(lastSeq) && Date.now() < liveDeadline) {
      await sleep(200);
      const again: Extract<ClientCommand, { type: 'addIdea' }> = { type: 'addIdea', ideaId: randomUUID(), tableId: '1', round: 0, text: 'Is the fan-out back?' };
      const ack = await probe.send(again);
      if (!ack.ok) continue;
      written.set(again.ideaId, again.text);
      lastSeq = ack.seq;
      await walls[0]!.caughtUp(lastSeq);
    }
    expect(liveAt(lastSeq), 'a live message from B reached the wall on A').toBe(true);
    const liveAfterMs = Date.now() - restartedAt;
    await Promise.all(tablets.map((t) => t.whenSettled(20_000)));
    const settledAfterMs = Date.now() - restartedAt;
    expect(tablets[0]!.refusal).toBeNull();
    expect(tablets[0]!.connects).toBeGreaterThan(1);

    for (const server of [a, b]) expect(cluster.isRunning(server), `${server.url} still runs`).toBe(true);
    for (const t of tablets) expect(t.refused()).toEqual([]);

    const log = await readLogFromRedis(redis.url, links.cafeId);
    const acknowledged = new Set([...tablets.flatMap((t) => [...t.acknowledged]), probeIdea.ideaId]);
    // The promise of the drill: nothing acknowledged before Redis went away was lost.
    for (const id of acknowledgedBeforeStop) expect(acknowledged.has(id)).toBe(true);
    const views = [
      { name: 'facilitator', replica: facilitator.replica },
      ...walls.map((w, i) => ({ name: `wall on process ${i + 1}`, replica: w.replica })),
      ...tablets.map((t, i) => ({ name: `tablet ${i + 1}`, replica: t.replica })),
    ];
    await waitForViews(views, log, 10_000);
    expectEveryIdeaOnce({ log, written, acknowledged, views });
    const listed = await listedIdeas(b.url, links.cafeId, facilitatorSecret);
    expect([...listed.keys()].sort()).toEqual([...written.keys()].sort());

    console.log(
      `drill 5 (appendfsync ${appendfsync}): ${written.size} ideas, ${acknowledgedBeforeStop.size} acknowledged before Redis stopped; ` +
        `servers ready ${readyAfterMs} ms, live fan-out across processes ${liveAfterMs} ms, every tablet settled ${settledAfterMs} ms after Redis was started again`,
    );
  }

  it('with appendfsync always, a SIGKILLed Redis loses no acknowledged idea; servers refuse with STORE_UNAVAILABLE meanwhile and recover by themselves', async () => {
    await drill('always', (r) => r.kill('SIGKILL'));
  }, 45_000);

  it('with appendfsync everysec, a Redis SHUTDOWN and restart loses nothing either (the append-only file is flushed on shutdown)', async () => {
    await drill('everysec', (r) => r.shutdown());
  }, 45_000);
});
