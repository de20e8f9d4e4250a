/**
 * The venue's access point restarts: every client drops at once and comes back at a random
 * moment within the window, saying the sequence number it is complete up to, while those already
 * back keep sending ideas. Then: how long until every client holds everything its room was sent.
 */
import type { BenchClient } from './bench-client.js';
import type { Crowd } from './crowd.js';
import { percentile } from './figures.js';

export interface StormResult {
  clients: number;
  windowS: number;
  /** From the last client's reconnect until every client had caught up (null: some never did). */
  caughtUpMs: number | null;
  /** From the drop until every client had caught up. */
  sinceDropMs: number | null;
  /** Per client: from reconnecting to its first message (the catch-up). */
  reconnectP50Ms: number;
  reconnectP99Ms: number;
  reconnectMaxMs: number;
  /** How the returning clients were caught up: by the entries they missed, or by a whole snapshot. */
  byOps: number;
  bySnapshot: number;
  behind: number;
}

const CATCH_UP_LIMIT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function storm(crowd: Crowd, options: { windowS: number; rate: number; phoneShare: number }): Promise<StormResult> {
  const clients = crowd.clients;
  for (const c of clients) c.close();
  const reconnectTimes: number[] = [];
  let lastAsked = 0;
  const start = performance.now();
  const returning = clients.map(async (c) => {
    await sleep(Math.random() * options.windowS * 1000);
    const asked = performance.now();
    lastAsked = Math.max(lastAsked, asked);
    try {
      await c.connect(c.seq);
      reconnectTimes.push(c.welcomedAt! - asked);
    } catch (e) {
      crowd.error(`storm: ${e instanceof Error ? e.message : e}`);
    }
  });
  await crowd.send(options.rate, options.windowS, options.phoneShare, false);
  await sleep(Math.max(0, start + options.windowS * 1000 - performance.now()));
  await crowd.drain(CATCH_UP_LIMIT_MS);
  await Promise.all(returning); // each connect gives up after 30 s by itself
  // A client's first message after reconnecting is its catch-up (complete up to the head then), so
  // everyone has caught up at the last such message, provided no client is still behind its room.
  const lastSeq = Math.max(0, ...crowd.lastSeqOfTable.values());
  const needed = (c: BenchClient) => (c.seat.role === 'wall' ? lastSeq : (crowd.lastSeqOfTable.get(c.seat.tableId!) ?? 0));
  const behind = clients.filter((c) => c.welcomedAt === null || c.seq < needed(c)).length;
  const lastWelcomed = Math.max(...clients.map((c) => c.welcomedAt ?? Infinity));
  const sorted = reconnectTimes.sort((a, b) => a - b);
  return {
    clients: clients.length,
    windowS: options.windowS,
    caughtUpMs: behind === 0 ? lastWelcomed - lastAsked : null,
    sinceDropMs: behind === 0 ? lastWelcomed - start : null,
    reconnectP50Ms: percentile(sorted, 50),
    reconnectP99Ms: percentile(sorted, 99),
    reconnectMaxMs: sorted.at(-1) ?? NaN,
    byOps: clients.filter((c) => c.welcomedWith === 'ops').length,
    bySnapshot: clients.filter((c) => c.welcomedWith === 'snapshot').length,
    behind,
  };
}
