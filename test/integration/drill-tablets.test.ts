/**
 * Fault drills 1 and 3 of issue 4, with simulated tablets running the real outbox (on
 * fake-indexeddb) over real sockets:
 *  1. 45 tablets send 1,000 ideas while their connections are dropped at random;
 *  3. the only server process is SIGKILLed mid-stream and started again on the same data.
 * Each ends with the audit of test/helpers/idea-audit.ts: every acknowledged idea and every idea
 * that was in an outbox is in the log exactly once, and every connected view holds what it may see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CafeSetup } from '../../shared/domain/commands.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { connect, type TestClient } from '../helpers/client.js';
import { until } from '../helpers/drill-rig.js';
import { expectEveryIdeaOnce } from '../helpers/idea-audit.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { createCafe, defaultSetup, secretOf, startServer, type TestServer } from '../helpers/server.js';
import { SimulatedTablet } from '../helpers/tablet.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setupWith(tables: number): CafeSetup {
  return { ...defaultSetup, tables };
}

describe('fault drills with tablets', () => {
  const tablets: SimulatedTablet[] = [];
  const clients: TestClient[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const t of tablets.splice(0)) t.close();
    for (const c of clients.splice(0)) c.close();
    for (const clean of cleanups.splice(0).reverse()) await clean();
  });

  async function openTablets(urls: string[] | (() => string), hostLinks: (string | null)[], device: string): Promise<SimulatedTablet[]> {
    const opened = await Promise.all(
      hostLinks.map((link, i) => SimulatedTablet.open({ urls, secret: secretOf(link), device: `${device}-${i}`, reconnectMs: 50 })),
    );
    tablets.push(...opened);
    await until(() => opened.every((t) => t.state !== null), 'every tablet has its state', 15_000);
    return opened;
  }

  /** Each tablet writes its share of `total` ideas, a few ms apart; returns what was written. */
  async function writeIdeas(all: SimulatedTablet[], total: number, label: string, pauseMs = 15): Promise<Map<string, string>> {
    const written = new Map<string, string>();
    await Promise.all(
      all.map(async (t, i) => {
        for (let n = i; n < total; n += all.length) {
          const text = `${label} idea ${n} from tablet ${i}`;
          written.set(await t.addIdea(text), text);
          await sleep(Math.random() * pauseMs);
        }
      }),
    );
    return written;
  }

  it('drill 1: 45 tablets send 1,000 ideas while their connections drop at random; every idea lands once', async () => {
    const server: TestServer = await startServer();
    cleanups.push(() => server.close());
    const links = await createCafe(server, setupWith(45));
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    clients.push(facilitator);
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    const wall = await connect(server.url, secretOf(links.wall[0]!));
    clients.push(wall);
    const all = await openTablets([server.url], links.tables.map((t) => t.host), 'drill1');

    let drops = 0;
    let writing = true;
    const chaos = (async () => {
      while (writing) {
        all[Math.floor(Math.random() * all.length)]!.dropConnection();
        drops++;
        await sleep(10);
      }
    })();
    const started = Date.now();
    const written = await writeIdeas(all, 1000, 'drill 1');
    writing = false;
    const writtenMs = Date.now() - started;
    await chaos;
    await Promise.all(all.map((t) => t.whenSettled(30_000)));
    const settledMs = Date.now() - started;

    const head = await server.store.head(links.cafeId);
    await wall.caughtUp(head);
    await facilitator.caughtUp(head);
    const log = await server.store.readSince(links.cafeId, 0);
    const acknowledged = all.flatMap((t) => [...t.acknowledged]);
    const reconnects = all.reduce((n, t) => n + t.connects - 1, 0);
    console.log(`drill 1: 1,000 ideas from 45 tablets, ${drops} drops, ${reconnects} reconnects, written in ${writtenMs} ms, all settled in ${settledMs} ms; RATE_LIMITED seen ${all.filter((t) => t.outbox.list.some((o) => o.error === 'RATE_LIMITED')).length}`);
    expect(written.size).toBe(1000);
    expect(reconnects).toBeGreaterThan(50);
    expect(all.flatMap((t) => t.refused())).toEqual([]);
    expectEveryIdeaOnce({
      log,
      written,
      acknowledged,
      views: [
        { name: 'wall', replica: wall.replica },
        { name: 'facilitator', replica: facilitator.replica },
        ...all.map((t, i) => ({ name: `tablet ${i}`, replica: t.replica })),
      ],
    });
  }, 90_000);

  it('drill 3: the only server process is SIGKILLed mid-stream; after the restart every outbox idea lands once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tablecloth-drill3-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const processes: ServerProcess[] = [];
    cleanups.push(async () => {
      for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited));
    });
    const start = async () => {
      const p = spawnServer({ DATA_DIR: dataDir, REDIS_URL: '', PUBLIC_URL: '' });
      processes.push(p);
      await p.ready;
      return p;
    };
    let current = await start();
    const links = await createCafe(current, setupWith(12));
    const facilitator = await connect(current.url, secretOf(links.facilitator));
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    facilitator.close();
    const all = await openTablets(() => current.url, links.tables.map((t) => t.host), 'drill3');

    const writing = writeIdeas(all, 400, 'drill 3', 30);
    await until(() => all.reduce((n, t) => n + t.acknowledged.size, 0) >= 120, '120 acknowledged ideas', 20_000);
    current.child.kill('SIGKILL');
    expect(await current.exited).toBe('SIGKILL');
    const ackedBeforeKill = all.reduce((n, t) => n + t.acknowledged.size, 0);
    await sleep(300);
    current = await start();
    const written = await writing;
    await Promise.all(all.map((t) => t.whenSettled(30_000)));
    const acknowledged = all.flatMap((t) => [...t.acknowledged]);
    console.log(`drill 3: ${ackedBeforeKill} ideas acknowledged before the kill, ${written.size} written, ${acknowledged.length} acknowledged in all`);
    expect(acknowledged.length).toBe(written.size);

    // Read beside the running process (WAL lets a reader in), so the tablets' views are checked too.
    const store = SqliteStore.open(join(dataDir, 'tablecloth.db'));
    try {
      const log = await store.readSince(links.cafeId, 0);
      // Settled tablets hold everything of theirs they were acknowledged; the audit checks each is at the head of what it may see.
      expectEveryIdeaOnce({ log, written, acknowledged, views: all.map((t, i) => ({ name: `tablet ${i}`, replica: t.replica })) });
    } finally {
      await store.close();
    }
    current.child.kill('SIGTERM');
    await current.exited;
  }, 90_000);
});
