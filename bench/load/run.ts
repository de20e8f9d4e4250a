/**
 * One measured run against Tablecloth or the bare relay: start the server processes, seat the
 * room (over HTTP, for Tablecloth), read the servers' memory before and after every client
 * connects, warm up, send ideas at the rate while timing them, read the event-loop delay, and for
 * the storm profile drop and restore every connection. Everything started is stopped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Seat, Target } from './bench-client.js';
import { setUpCafe } from './cafe-setup.js';
import { Crowd, type Sample } from './crowd.js';
import type { LoadOptions } from './options.js';
import { ServerProcess, type ServerFigures } from './server-process.js';
import { storm, type StormResult } from './storm.js';

export interface Measurement {
  target: Target;
  processes: number;
  /** Connected clients (walls, hosts, phones and the facilitator's console). */
  clients: number;
  samples: Sample[];
  delayMaxMs: number;
  delayP99Ms: number;
  /** Server memory per connected client, in bytes (summed over the processes). */
  memoryPerClient: { rss: number; heap: number };
  setupS: number;
  connectS: number;
  errors: string[];
  storm: StormResult | null;
}

/** A pause for the servers to settle before reading their memory: longer for a larger room. */
const settleMs = (clients: number) => Math.min(1500, 200 + clients / 4);
const DRAIN_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Walls, then a host per table, then phones round the tables; each on server `k mod processes`. */
function seatsFor(options: LoadOptions, secrets: { walls: string[]; hosts: string[]; phones: { secret: string; tableId: string }[] } | null): Seat[] {
  const seats: Seat[] = [];
  const server = () => seats.length % options.processes;
  for (let w = 0; w < options.walls; w++) seats.push({ role: 'wall', tableId: null, server: server(), secret: secrets?.walls[w] ?? '' });
  for (let t = 0; t < options.tables; t++) seats.push({ role: 'host', tableId: String(t + 1), server: server(), secret: secrets?.hosts[t] ?? '' });
  for (let p = 0; p < options.phones; p++) {
    const phone = secrets?.phones[p];
    seats.push({ role: 'phone', tableId: phone?.tableId ?? String((p % options.tables) + 1), server: server(), secret: phone?.secret ?? '' });
  }
  return seats;
}

async function readAll(servers: ServerProcess[], options: { collectGarbage?: boolean; reset?: boolean }): Promise<ServerFigures[]> {
  return Promise.all(servers.map((s) => s.read(options)));
}

const sum = (figures: ServerFigures[], key: 'rss' | 'heapUsed') => figures.reduce((n, f) => n + f[key], 0);

/**
 * `redisUrl`: the bench's own Redis database, or null for the embedded store (and the relay's
 * in-memory adapter). `workDir`: a temporary folder the caller removes.
 */
export async function measure(target: Target, options: LoadOptions, where: { redisUrl: string | null; workDir: string }, log: (line: string) => void): Promise<Measurement> {
  const { redisUrl } = where;
  const dataDir = mkdtempSync(join(where.workDir, `${target}-`));
  const servers: ServerProcess[] = [];
  let crowd: Crowd | null = null;
  try {
    const env: Record<string, string> =
      target === 'tablecloth' ? { DATA_DIR: dataDir, REDIS_URL: redisUrl ?? '' } : { REDIS_URL: redisUrl ?? '', RELAY_STREAM: 'tablecloth-bench:relay' };
    const script = target === 'tablecloth' ? 'server/main.ts' : 'bench/load/relay.ts';
    for (let i = 0; i < options.processes; i++) servers.push(await ServerProcess.start(`${target}-${i + 1}`, script, env, options.cpuProf));
    const urls = servers.map((s) => s.url);
    log(`${target}: ${servers.length} process${servers.length > 1 ? 'es' : ''} (pid ${servers.map((s) => s.pid).join(', ')})`);

    const setupStart = performance.now();
    let seats: Seat[];
    let consoleSeat: Seat;
    if (target === 'tablecloth') {
      const cafe = await setUpCafe(urls, options);
      seats = seatsFor(options, { walls: cafe.walls, hosts: cafe.links.tables.map((t) => new URL(t.host!).hash.slice(1)), phones: cafe.phones });
      consoleSeat = { role: 'console', tableId: null, server: 0, secret: cafe.facilitator };
    } else {
      seats = seatsFor(options, null);
      consoleSeat = { role: 'console', tableId: null, server: 0, secret: '' };
    }
    const setupS = (performance.now() - setupStart) / 1000;
    if (target === 'tablecloth') log(`  café of ${options.tables} tables set up, ${options.phones} phones joined in ${setupS.toFixed(1)} s`);

    crowd = new Crowd(seats, consoleSeat, target, urls, `${target[0]}${Date.now().toString(36)}`);
    await sleep(settleMs(seats.length));
    const before = await readAll(servers, { collectGarbage: true });
    const connectStart = performance.now();
    await crowd.connectAll();
    const connectS = (performance.now() - connectStart) / 1000;
    const clients = crowd.clients.length + 1;
    log(`  ${clients} clients connected in ${connectS.toFixed(1)} s`);
    await sleep(settleMs(clients));
    const after = await readAll(servers, { collectGarbage: true });
    const memoryPerClient = { rss: (sum(after, 'rss') - sum(before, 'rss')) / clients, heap: (sum(after, 'heapUsed') - sum(before, 'heapUsed')) / clients };

    if (options.warmup > 0) {
      await crowd.send(options.rate, options.warmup, options.phoneShare, false);
      await crowd.drain(DRAIN_MS);
    }
    await readAll(servers, { reset: true });
    log(`  sending ${options.rate} ideas/s for ${options.duration} s …`);
    await crowd.send(options.rate, options.duration, options.phoneShare, true);
    await crowd.drain(DRAIN_MS);
    const during = await readAll(servers, { reset: true });

    let stormResult: StormResult | null = null;
    if (options.profile === 'storm' && target === 'tablecloth') {
      log(`  storm: every client drops and returns within ${options.stormWindow} s …`);
      stormResult = await storm(crowd, { windowS: options.stormWindow, rate: options.rate, phoneShare: options.phoneShare });
    }
    for (const s of servers) if (s.crashed) crowd.error(`${s.name} (pid ${s.pid}) exited during the run`);
    crowd.closeAll();
    return {
      target,
      processes: options.processes,
      clients,
      samples: crowd.samples,
      delayMaxMs: Math.max(...during.map((f) => f.delayMaxMs)),
      delayP99Ms: Math.max(...during.map((f) => f.delayP99Ms)),
      memoryPerClient,
      setupS,
      connectS,
      errors: [...crowd.errors, ...servers.flatMap((s) => s.complaints.map((c) => `${s.name} stderr: ${c}`))],
      storm: stormResult,
    };
  } finally {
    crowd?.closeAll();
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
