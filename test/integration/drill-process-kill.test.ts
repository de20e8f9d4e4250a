/**
 * Drill 4: one of three server processes on one Redis is SIGKILLed while tablets send ideas.
 * Every client is given the list of the processes' addresses, as a load balancer would send it
 * to a surviving one: the killed process's tablets and wall move to the others and catch up by
 * sequence number. In the end every acknowledged idea, and every idea that was still in an
 * outbox, is in the log exactly once and in every connected view.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../helpers/client.js';
import { DrillRig, sleep, until } from '../helpers/drill-rig.js';
import { expectEveryIdeaOnce, listedIdeas, readLogFromRedis, waitForViews } from '../helpers/idea-audit.js';
import { createCafe, defaultSetup, secretOf } from '../helpers/server.js';
import { SimulatedTablet } from '../helpers/tablet.js';

const PROCESSES = 3;
const TABLES = 6;
const PUT_EVERY_MS = 30;
const ACKNOWLEDGED_BEFORE_KILL = 60;
const IDEAS_PER_TABLET = 40;

describe('drill 4: one of three server processes is killed', () => {
  const rig = new DrillRig();
  afterEach(() => rig.teardown());

  it('moves the killed process’s tablets and wall to the others, which catch up; every idea ends up once in the log and in every view', async () => {
    const { redis, cluster } = await rig.start({ processes: PROCESSES, appendfsync: 'everysec' });
    const urls = cluster.servers.map((s) => s.url);
    const victim = cluster.servers[PROCESSES - 1]!;
    const links = await createCafe(cluster.servers[0]!, { ...defaultSetup, tables: TABLES });
    const facilitatorSecret = secretOf(links.facilitator);
    const facilitator = rig.track(await connect(urls[0]!, facilitatorSecret));
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });

    // Client i starts on process i mod 3 and, dropped, goes on to the next address.
    const rotated = (i: number) => urls.map((_, k) => urls[(i + k) % urls.length]!);
    const tablets: SimulatedTablet[] = [];
    const firstProcess: number[] = [];
    for (let i = 0; i < TABLES; i++) {
      tablets.push(rig.track(await SimulatedTablet.open({ urls: rotated(i), secret: secretOf(links.tables[i]!.host) })));
      firstProcess.push(i % PROCESSES);
    }
    // A wall on every process (a wall is a tablet with nothing to send).
    for (let i = 0; i < PROCESSES; i++) {
      tablets.push(rig.track(await SimulatedTablet.open({ urls: rotated(i), secret: secretOf(links.wall[0]!) })));
      firstProcess.push(i);
    }
    await until(() => tablets.every((t) => t.connected && t.state !== null), 'every tablet’s first snapshot', 10_000);
    const onVictim = [...tablets.keys()].filter((i) => firstProcess[i] === PROCESSES - 1);
    expect(onVictim.length).toBeGreaterThan(0);
    for (const t of tablets) expect(t.connects).toBe(1);

    const written = new Map<string, string>();
    const pumps = tablets.slice(0, TABLES).map(async (tablet, i) => {
      for (let n = 0; n < IDEAS_PER_TABLET; n++) {
        const text = `Table ${i + 1}, idea ${n}`;
        written.set(await tablet.addIdea(text), text);
        await sleep(PUT_EVERY_MS);
      }
    });
    const acknowledgedCount = () => tablets.reduce((sum, t) => sum + t.acknowledged.size, 0);
    await until(() => acknowledgedCount() >= ACKNOWLEDGED_BEFORE_KILL, `${ACKNOWLEDGED_BEFORE_KILL} acknowledged ideas`, 10_000);

    await cluster.kill(victim);
    const killedAt = Date.now();
    const moved = onVictim.map((i) => tablets[i]!);
    // Notes typed while the tablet had no process wait in its outbox.
    let pendingWhileMoving = 0;
    await until(
      () => {
        pendingWhileMoving = Math.max(pendingWhileMoving, moved.reduce((sum, t) => sum + t.pendingCount(), 0));
        return moved.every((t) => t.connected && t.connects >= 2);
      },
      'the killed process’s clients to reconnect elsewhere',
      10_000,
    );
    expect(pendingWhileMoving).toBeGreaterThan(0);
    const reconnectedAfterMs = Date.now() - killedAt;
    await Promise.all(pumps);
    await Promise.all(tablets.map((t) => t.whenSettled(15_000)));
    const settledAfterMs = Date.now() - killedAt;

    expect(cluster.isRunning(victim)).toBe(false);
    expect(cluster.liveUrls()).toHaveLength(PROCESSES - 1);
    // The others stayed put on their processes.
    for (const [i, t] of tablets.entries()) if (!onVictim.includes(i)) expect(t.connects, `client ${i}`).toBe(1);
    for (const t of tablets) expect(t.refused()).toEqual([]);

    const log = await readLogFromRedis(redis.url, links.cafeId);
    const acknowledged = new Set(tablets.flatMap((t) => [...t.acknowledged]));
    expect(acknowledged.size).toBe(TABLES * IDEAS_PER_TABLET);
    const views = [
      { name: 'facilitator', replica: facilitator.replica },
      ...tablets.map((t, i) => ({ name: i < TABLES ? `tablet ${i + 1}` : `wall ${i - TABLES + 1}`, replica: t.replica })),
    ];
    await waitForViews(views, log, 10_000);
    expectEveryIdeaOnce({ log, written, acknowledged, views });
    const listed = await listedIdeas(cluster.liveUrls()[1]!, links.cafeId, facilitatorSecret);
    expect([...listed.keys()].sort()).toEqual([...written.keys()].sort());

    console.log(
      `drill 4: ${written.size} ideas from ${TABLES} tablets on ${PROCESSES} processes; after the SIGKILL, ` +
        `${moved.length} clients reconnected elsewhere within ${reconnectedAfterMs} ms, every outbox empty and view at the head after ${settledAfterMs} ms`,
    );
  }, 45_000);
});
