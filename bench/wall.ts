/**
 * The live wall under load, in real Chromium: a café of 45 tables, 1,000 ideas already captured,
 * then 10 new ideas a second for 20 seconds while the wall page measures its own frames.
 *
 *   npx tsx bench/wall.ts          (WALL_BENCH_SECONDS=… to change the measured time)
 *
 * Builds the faces into a temporary folder, runs a real server on 127.0.0.1 (port chosen by the
 * system), sends the ideas from 45 table hosts' own Socket.IO connections, and prints frame times
 * (p50/p95/p99/max), long tasks, the share of dropped frames, the ideas per second the wall
 * received, and its memory. Everything it starts is stopped at the end, also on failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { build } from 'vite';
import { buildApp, type App } from '../server/app.js';
import type { CafeLinks } from '../server/reception.js';
import { SqliteStore } from '../server/store/sqlite-store.js';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol.js';
import { SAYINGS } from './sayings.js';

const root = join(import.meta.dirname, '..');
const TABLES = 45;
const PRELOADED = 1000;
const PER_SECOND = 10;
const SECONDS = Number(process.env.WALL_BENCH_SECONDS ?? 20);
/** The whole run is abandoned after this, whatever hangs. */
const DEADLINE_MS = 240_000;
const FRAME_MS = 1000 / 60;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];


type HostSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Collects frame times and long tasks in the page from its first script on. */
const MEASURE_IN_PAGE = `
  window.__bench = { measuring: false, frames: [], longTasks: [] };
  let last = 0;
  const frame = (t) => {
    if (window.__bench.measuring && last) window.__bench.frames.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      if (window.__bench.measuring) for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch {}
`;

interface PageFigures {
  frames: number[];
  longTasks: number[];
}

async function main(): Promise<void> {
  const started: { dir?: string; app?: App; store?: SqliteStore; browser?: Browser; hosts: HostSocket[] } = { hosts: [] };
  const watchdog = setTimeout(() => {
    console.error(`bench: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    started.dir = mkdtempSync(join(tmpdir(), 'tablecloth-bench-'));
    const clientDir = join(started.dir, 'client');
    console.log('building the faces …');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: clientDir, emptyOutDir: true } });

    started.store = SqliteStore.open(join(started.dir, 'bench.db'));
    started.app = await buildApp({ store: started.store, clientDir });
    await started.app.app.listen({ port: 0, host: '127.0.0.1' });
    const address = started.app.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const links = await createCafe(base);
    const facilitator = secretOf(links.facilitator);
    await operate(base, links.cafeId, facilitator, { type: 'openCafe' });
    await operate(base, links.cafeId, facilitator, { type: 'startRound' });

    started.hosts = await Promise.all(links.tables.map((t) => connectHost(base, secretOf(t.host))));
    let sent = 0;
    const addIdea = async (): Promise<void> => {
      const n = sent++;
      const t = n % TABLES;
      const ack = await started.hosts[t]!.timeout(10_000).emitWithAck('op', {
        id: `bench-op-${n.toString().padStart(6, '0')}`,
        op: { type: 'addIdea', ideaId: `bench-idea-${n.toString().padStart(6, '0')}`, tableId: links.tables[t]!.tableId, round: 0, text: `${SAYINGS[n % SAYINGS.length]} (${n + 1})` },
      });
      if (!ack.ok) throw new Error(`addIdea refused: ${ack.error.code}`);
    };

    started.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await started.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(MEASURE_IN_PAGE);
    await page.goto(links.wall[0]!.replace(/^https?:\/\/[^/]+/, base));
    await waitForIdeas(page, 0);

    console.log(`pre-loading ${PRELOADED} ideas from ${TABLES} table hosts …`);
    const preloadStart = performance.now();
    // Each host sends its share one after another: as fast as the server acknowledges.
    await Promise.all(
      started.hosts.map(async (_, t) => {
        for (let i = t; i < PRELOADED; i += TABLES) await addIdea();
      }),
    );
    await waitForIdeas(page, PRELOADED);
    const preloadMs = performance.now() - preloadStart;
    await page.waitForTimeout(1000); // let the burst settle before measuring

    console.log(`measuring for ${SECONDS} s while ${PER_SECOND} ideas a second arrive …`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await pageCounters(page, cdp);
    await page.evaluate(() => ((window as unknown as { __bench: { measuring: boolean } }).__bench.measuring = true));
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    while (performance.now() - t0 < SECONDS * 1000) {
      const due = Math.floor(((performance.now() - t0) / 1000) * PER_SECOND) + 1;
      while (sent - PRELOADED < due) pending.push(addIdea());
      await new Promise((r) => setTimeout(r, 1000 / PER_SECOND / 2));
    }
    await Promise.all(pending);
    const streamed = sent - PRELOADED;
    await waitForIdeas(page, sent);
    const elapsed = (performance.now() - t0) / 1000;
    const figures = await page.evaluate(() => {
      const bench = (window as unknown as { __bench: PageFigures & { measuring: boolean } }).__bench;
      bench.measuring = false;
      return { frames: bench.frames, longTasks: bench.longTasks };
    });
    const after = await pageCounters(page, cdp);
    report({ figures, elapsed, streamed, preloadMs, before, after, errors });
  } finally {
    clearTimeout(watchdog);
    for (const host of started.hosts) host.disconnect();
    await started.browser?.close();
    await started.app?.app.close();
    await started.app?.sequencer.idle();
    await started.store?.close();
    if (started.dir) rmSync(started.dir, { recursive: true, force: true });
  }
}

async function createCafe(base: string): Promise<CafeLinks> {
  const response = await fetch(`${base}/api/cafes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Netzwerktreffen Schule der Zukunft',
      language: 'en',
      stakeholderGroups: ['teachers', 'students', 'parents'],
      tables: TABLES,
      rounds: [{ question: 'What makes learning matter to you, and what would you keep no matter what?', durationMs: 60 * 60_000 }],
    }),
  });
  if (response.status !== 201) throw new Error(`create café: ${response.status} ${await response.text()}`);
  return (await response.json()) as CafeLinks;
}

async function operate(base: string, cafeId: string, secret: string, op: { type: string }): Promise<void> {
  const response = await fetch(`${base}/api/cafes/${cafeId}/ops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ id: `bench-${op.type}-${Date.now()}`, op }),
  });
  if (response.status !== 200) throw new Error(`${op.type}: ${response.status} ${await response.text()}`);
}

function connectHost(base: string, secret: string): Promise<HostSocket> {
  const socket: HostSocket = io(base, { auth: { secret, protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function secretOf(link: string | null): string {
  if (!link) throw new Error('the café came without this link');
  return new URL(link).hash.slice(1);
}

/** Waits until the wall's own copy of the café holds `count` ideas. */
async function waitForIdeas(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const wall = document.querySelector('tc-wall') as (Element & { connection?: { state: { ideas: object } | null } }) | null;
      const ideas = wall?.connection?.state?.ideas;
      return ideas !== undefined && Object.keys(ideas).length >= n;
    },
    count,
    { timeout: 60_000, polling: 100 },
  );
}

interface Counters {
  ideas: number;
  heap: number | null;
  metrics: Record<string, number>;
}

async function pageCounters(page: Page, cdp: CDPSession): Promise<Counters> {
  const inPage = await page.evaluate(() => {
    const wall = document.querySelector('tc-wall') as (Element & { connection?: { state: { ideas: object } | null } }) | null;
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return { ideas: Object.keys(wall?.connection?.state?.ideas ?? {}).length, heap: memory?.usedJSHeapSize ?? null };
  });
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return { ...inPage, metrics: Object.fromEntries(metrics.map((m) => [m.name, m.value])) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(r: { figures: PageFigures; elapsed: number; streamed: number; preloadMs: number; before: Counters; after: Counters; errors: string[] }): void {
  const frames = [...r.figures.frames].sort((a, b) => a - b);
  const total = frames.reduce((a, b) => a + b, 0);
  // A frame that took 2.5 intervals means one or two were dropped; counted against the frames the time allowed.
  const dropped = r.figures.frames.reduce((n, d) => n + Math.max(0, Math.round(d / FRAME_MS) - 1), 0);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const mb = (v: number | null) => (v === null ? 'n/a' : `${(v / 1024 / 1024).toFixed(1)} MB`);
  const delta = (name: string) => (r.after.metrics[name] ?? 0) - (r.before.metrics[name] ?? 0);
  const lines = [
    '',
    `Live wall, 1920×1080, ${TABLES} tables, ${PRELOADED} ideas pre-loaded (in ${(r.preloadMs / 1000).toFixed(1)} s), then ${PER_SECOND}/s for ${r.elapsed.toFixed(1)} s`,
    `  frames            ${frames.length} (${(frames.length / (total / 1000)).toFixed(1)} fps)`,
    `  frame time        p50 ${ms(percentile(frames, 50))}  p95 ${ms(percentile(frames, 95))}  p99 ${ms(percentile(frames, 99))}  max ${ms(frames.at(-1) ?? NaN)}`,
    `  dropped frames    ${((dropped / Math.max(1, total / FRAME_MS)) * 100).toFixed(1)} %`,
    `  long tasks        ${r.figures.longTasks.length} (${ms(r.figures.longTasks.reduce((a, b) => a + b, 0))} in all, longest ${ms(Math.max(0, ...r.figures.longTasks))})`,
    `  ideas delivered   ${r.after.ideas - r.before.ideas} of ${r.streamed} sent = ${((r.after.ideas - r.before.ideas) / r.elapsed).toFixed(1)}/s`,
    `  layouts / styles  ${delta('LayoutCount')} layouts, ${delta('RecalcStyleCount')} style recalcs, ${(delta('ScriptDuration') * 1000).toFixed(0)} ms script`,
    `  JS heap           ${mb(r.before.heap)} → ${mb(r.after.heap)}; DOM nodes ${r.after.metrics.Nodes ?? 'n/a'}`,
    `  page errors       ${r.errors.length === 0 ? 'none' : r.errors.join(' | ')}`,
    '',
  ];
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench failed:', error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
