/** The load benchmark's profiles and command line (`npm run bench -- --help`). */
import { parseArgs } from 'node:util';

export type ProfileName = 'typical' | 'large' | 'storm';

export interface LoadOptions {
  profile: ProfileName;
  tables: number;
  phones: number;
  walls: number;
  /** Ideas a second, over the whole café. */
  rate: number;
  /** Seconds of measured sending (after the warm-up). */
  duration: number;
  /** Seconds of sending before measuring, so both servers are warm. */
  warmup: number;
  /** Share of ideas sent from phones (the rest from the table's host). */
  phoneShare: number;
  store: 'sqlite' | 'redis';
  processes: number;
  /** Storm only: the window over which every client reconnects, in seconds. */
  stormWindow: number;
  relay: boolean;
  /** A folder for V8 CPU profiles of the server processes (node --cpu-prof), or null. */
  cpuProf: string | null;
  redisUrl: string;
}

const PROFILES: Record<ProfileName, Omit<LoadOptions, 'store' | 'processes' | 'relay' | 'cpuProf' | 'redisUrl' | 'phoneShare' | 'warmup'>> = {
  typical: { profile: 'typical', tables: 45, phones: 220, walls: 2, rate: 2, duration: 30, stormWindow: 10 },
  large: { profile: 'large', tables: 1000, phones: 5000, walls: 3, rate: 30, duration: 30, stormWindow: 10 },
  storm: { profile: 'storm', tables: 45, phones: 220, walls: 2, rate: 2, duration: 10, stormWindow: 10 },
};

export const USAGE = `npm run bench -- [--profile typical|large|storm] [options]

  --profile NAME      typical: 220 phones, 45 tables (a host each), 2 walls, 2 ideas/s (default)
                      large:   5,000 phones, 1,000 tables, 3 walls, 30 ideas/s
                      storm:   typical, then everyone disconnects and reconnects within --storm-window
  --tables N          tables, each with its host's tablet
  --phones N          participants' phones, seated round the tables
  --walls N           walls (projectors)
  --rate N            ideas a second over the whole café
  --duration S        seconds measured (after --warmup S, default 3)
  --phone-share F     share of ideas sent from phones, 0 to 1 (default 0.5)
  --store sqlite|redis   the embedded store (default) or Redis at REDIS_URL (default redis://127.0.0.1:6379)
  --processes N       server processes on one Redis (needs --store redis); clients spread over them
  --storm-window S    storm: seconds over which all clients reconnect (default 10)
  --no-relay          skip the bare Socket.IO relay
  --cpu-prof DIR      write a V8 CPU profile of each server process into DIR`;

export function parseOptions(argv: string[]): LoadOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      profile: { type: 'string', default: 'typical' },
      tables: { type: 'string' },
      phones: { type: 'string' },
      walls: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string', default: '3' },
      'phone-share': { type: 'string', default: '0.5' },
      store: { type: 'string', default: 'sqlite' },
      processes: { type: 'string', default: '1' },
      'storm-window': { type: 'string' },
      'no-relay': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const profile = values.profile as ProfileName;
  if (!(profile in PROFILES)) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got "${values.profile}"`);
  const base = PROFILES[profile];
  const number = (name: string, text: string | undefined, fallback: number, min: number, max: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got "${text}"`);
    return n;
  };
  const store = values.store;
  if (store !== 'sqlite' && store !== 'redis') throw new Error(`--store must be sqlite or redis, got "${store}"`);
  const processes = number('processes', values.processes, 1, 1, 8);
  if (processes > 1 && store !== 'redis') throw new Error('--processes above 1 needs --store redis (processes share cafés through Redis)');
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (store === 'redis' && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(redisUrl).hostname)) {
    throw new Error(`the bench runs on loopback only: REDIS_URL must point at 127.0.0.1, got ${new URL(redisUrl).hostname}`);
  }
  return {
    profile,
    tables: Math.round(number('tables', values.tables, base.tables, 1, 1000)),
    phones: Math.round(number('phones', values.phones, base.phones, 0, 20_000)),
    walls: Math.round(number('walls', values.walls, base.walls, 1, 20)),
    rate: number('rate', values.rate, base.rate, 0.1, 1000),
    duration: number('duration', values.duration, base.duration, 1, 600),
    warmup: number('warmup', values.warmup, 3, 0, 60),
    phoneShare: number('phone-share', values['phone-share'], 0.5, 0, 1),
    store,
    processes: Math.round(processes),
    stormWindow: number('storm-window', values['storm-window'], base.stormWindow, 0, 120),
    relay: !values['no-relay'],
    cpuProf: values['cpu-prof'] ?? null,
    redisUrl,
  };
}
