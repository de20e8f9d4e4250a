/**
 * The load benchmark (issue 4): Tablecloth's server as real processes on 127.0.0.1, a café with
 * its tables, hosts' tablets, phones and walls on real Socket.IO connections, ideas at a steady
 * rate; then the same clients and rate against a bare Socket.IO relay, the transport's limit.
 *
 *   npm run bench                         the "typical" profile
 *   npm run bench -- --profile large      (see --help for every option)
 *
 * Prints idea→wall latency p50/p95/p99 for both and their ratio, the servers' longest event-loop
 * delay, server memory per connected client, the storm's catch-up time, and whether each meets
 * its target. Everything it starts (processes, a temporary folder, Redis keys in a database of
 * its own) is stopped or removed at the end, also when it fails or is interrupted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './load/figures.js';
import { parseOptions, USAGE, type LoadOptions } from './load/options.js';
import { RedisSpace } from './load/redis-space.js';
import { measure, type Measurement } from './load/run.js';

/** The whole run is abandoned after this, whatever hangs. */
const DEADLINE_MS = 15 * 60_000;
/** File descriptors this process needs beyond one per client. */
const SPARE_FDS = 256;

/** The soft and hard limits on open files, from /proc/self/limits. */
function openFileLimits(): { soft: number; hard: number } | null {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const match = line ? /Max open files\s+(\S+)\s+(\S+)/.exec(line) : null;
  if (!match) return null;
  const n = (s: string) => (s === 'unlimited' ? Infinity : Number(s));
  return { soft: n(match[1]!), hard: n(match[2]!) };
}

/**
 * Node raises its soft limit on open files to the hard limit as it starts, so the hard limit is
 * what counts: when it is too low for the clients, say so before starting anything.
 */
function checkOpenFiles(needed: number): void {
  const limits = openFileLimits();
  if (limits && limits.soft < needed) {
    throw new Error(`${needed} open files are needed but the limit is ${limits.soft} (hard ${limits.hard}); raise it with ulimit -n (as root for the hard limit)`);
  }
}

function describe(o: LoadOptions): string {
  return [
    `profile ${o.profile}: ${o.phones} phones at ${o.tables} tables, ${o.tables} hosts, ${o.walls} walls, ${o.rate} ideas/s`,
    `(${Math.round(o.phoneShare * 100)} % from phones) for ${o.duration} s after ${o.warmup} s of warm-up;`,
    `${o.store === 'redis' ? 'Redis store' : 'embedded store'}, ${o.processes} server process${o.processes > 1 ? 'es' : ''}`,
  ].join(' ');
}

async function main(): Promise<number> {
  let options: LoadOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    checkOpenFiles(options.phones + options.tables + options.walls + SPARE_FDS);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }

  const workDir = mkdtempSync(join(tmpdir(), 'tablecloth-bench-'));
  let space: RedisSpace | null = null;
  const cleanUp = async () => {
    rmSync(workDir, { recursive: true, force: true });
    const s = space;
    space = null;
    if (s) console.log(`removed ${await s.release()} Redis keys from ${s.url}`);
  };
  // Interrupted or stuck: clean up; the servers stop themselves when this process goes (bench/load/probe.ts).
  const abandon = (why: string) => {
    console.error(`bench: ${why}`);
    void Promise.race([cleanUp(), new Promise((r) => setTimeout(r, 3000))]).finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abandon(`gave up after ${DEADLINE_MS / 60_000} min`), DEADLINE_MS);
  process.once('SIGINT', () => abandon('interrupted'));
  process.once('SIGTERM', () => abandon('terminated'));

  const loadAtStart = loadavg()[0]!;
  try {
    console.log(describe(options));
    if (options.store === 'redis') {
      space = await RedisSpace.claim(options.redisUrl);
      console.log(`Redis: database of its own at ${space.url}`);
    }
    const log = (line: string) => console.log(line);
    const where = { redisUrl: space?.url ?? null, workDir };
    const ours = await measure('tablecloth', options, where, log);
    let relay: Measurement | null = null;
    if (options.relay) relay = await measure('relay', options, where, log);
    // The load generator shares the machine with the servers (and whatever else runs): say how busy it was.
    const machine = `${cpus().length} cores; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
    console.log(['', `Load benchmark — ${describe(options)}`, machine, ...report(options, ours, relay), ''].join('\n'));
    return 0;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench failed:', error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
