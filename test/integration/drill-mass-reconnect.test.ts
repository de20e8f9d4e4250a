/**
 * Drill 7: everyone reconnects at once, as when the venue's Wi-Fi access point restarts. A café of
 * 45 tables on two server processes sharing one Redis: 45 host tablets, 160 phones, two walls and
 * the facilitator (208 sockets) lose their connections at the same moment, the hosts keep taking
 * notes offline, and every device reconnects within a second, to either process (round robin, as
 * a load balancer would). All must catch up by sequence number to the head; the drill prints the
 * time that takes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DrillRig, until } from '../helpers/drill-rig.js';
import { expectEveryIdeaOnce, readLogFromRedis, waitForViews } from '../helpers/idea-audit.js';
import { createCafe, defaultSetup, joinCafe, secretOf } from '../helpers/server.js';
import { SimulatedTablet } from '../helpers/tablet.js';

const TABLES = 45;
const PHONES = 160;
/** A device waits 400–800 ms before it reconnects: the whole room is back within a second. */
const RECONNECT_MS = 400;
const IDEAS_BEFORE = 2;
const IDEAS_OFFLINE = 2;
const CATCH_UP_BUDGET_MS = 10_000;

/** Runs `task` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map((x, k) => task(x, i + k)))));
  return out;
}

describe('drill 7: everyone reconnects at once', () => {
  const rig = new DrillRig();
  afterEach(() => rig.teardown());

  it('208 sockets dropped together come back (each retrying after 0.4–0.8 s) and all catch up to the head; every idea once in the log and in every view', async () => {
    // Nothing is kept on disk: this drill restarts no Redis.
    const { redis, cluster } = await rig.start({ processes: 2, appendfsync: false });
    const [a, b] = cluster.servers.map((s) => s.url) as [string, string];
    const roundRobin = (i: number) => (i % 2 === 0 ? [a, b] : [b, a]);
    const links = await createCafe({ url: a }, { ...defaultSetup, tables: TABLES });
    const open = async (secret: string, i: number) => rig.track(await SimulatedTablet.open({ urls: roundRobin(i), secret, reconnectMs: RECONNECT_MS }));

    const facilitator = await open(secretOf(links.facilitator), 0);
    await until(() => facilitator.state !== null, 'the facilitator’s snapshot', 10_000);
    await facilitator.put({ type: 'openCafe' });
    await facilitator.put({ type: 'startRound' });
    await facilitator.whenSettled(10_000);

    const hosts = await inBatches(links.tables, 15, (t, i) => open(secretOf(t.host), i));
    const walls = await Promise.all([0, 1].map((i) => open(secretOf(links.wall[0]!), i)));
    const phoneSecrets = await inBatches(Array.from({ length: PHONES }, (_, i) => i), 20, async (i) => {
      const joined = await joinCafe({ url: i % 2 === 0 ? a : b }, links, { tableId: String((i % TABLES) + 1), displayName: `Guest ${i}` });
      return joined.secret;
    });
    const phones = await inBatches(phoneSecrets, 20, (secret, i) => open(secret, i));
    const devices = [facilitator, ...hosts, ...walls, ...phones];
    expect(devices).toHaveLength(1 + TABLES + 2 + PHONES);
    await until(() => devices.every((d) => d.connected && d.state !== null), 'every device’s first snapshot', 20_000);

    const written = new Map<string, string>();
    const addIdeas = (from: number, count: number) =>
      Promise.all(
        hosts.map(async (host, t) => {
          for (let n = from; n < from + count; n++) {
            const text = `Table ${t + 1}, idea ${n}`;
            written.set(await host.addIdea(text), text);
          }
        }),
      );
    await addIdeas(0, IDEAS_BEFORE);
    await Promise.all(hosts.map((h) => h.whenSettled(15_000)));

    // The access point restarts: every connection drops at once; the hosts keep typing.
    const droppedAt = Date.now();
    for (const d of devices) d.dropConnection();
    await addIdeas(IDEAS_BEFORE, IDEAS_OFFLINE);
    expect(hosts.reduce((sum, h) => sum + h.pendingCount(), 0)).toBeGreaterThan(0);
    await until(() => devices.every((d) => d.connected && d.connects >= 2), 'every device to reconnect', CATCH_UP_BUDGET_MS);
    const reconnectedAfterMs = Date.now() - droppedAt;
    await Promise.all(devices.map((d) => d.whenSettled(CATCH_UP_BUDGET_MS)));
    const log = await readLogFromRedis(redis.url, links.cafeId);
    const views = [
      { name: 'facilitator', replica: facilitator.replica },
      ...walls.map((w, i) => ({ name: `wall ${i + 1}`, replica: w.replica })),
      ...hosts.map((h, i) => ({ name: `host of table ${i + 1}`, replica: h.replica })),
      ...phones.map((p, i) => ({ name: `phone ${i + 1}`, replica: p.replica })),
    ];
    await waitForViews(views, log, CATCH_UP_BUDGET_MS);
    const caughtUpAfterMs = Date.now() - droppedAt;

    for (const d of devices) expect(d.refused()).toEqual([]);
    expect(written.size).toBe(TABLES * (IDEAS_BEFORE + IDEAS_OFFLINE));
    const acknowledged = new Set(hosts.flatMap((h) => [...h.acknowledged]));
    expectEveryIdeaOnce({ log, written, acknowledged, views });
    expect(caughtUpAfterMs).toBeLessThan(CATCH_UP_BUDGET_MS);
    // Both processes took part in the reconnection storm and are still up.
    for (const server of cluster.servers) expect(cluster.isRunning(server)).toBe(true);

    console.log(
      `drill 7: ${devices.length} sockets dropped at once on 2 processes; all reconnected after ${reconnectedAfterMs} ms, ` +
        `all ${TABLES * IDEAS_OFFLINE} offline ideas stored and every view at the head after ${caughtUpAfterMs} ms`,
    );
  }, 55_000);
});
