/**
 * A Redis server of a test's own, on a free loopback port with its data in a temporary directory,
 * for drills that restart Redis or must not share keys with anything else. It is a child process
 * of the test: only its pid is ever signalled, and `remove()` deletes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerOptions {
  /** Append-only file with this fsync policy; `false` keeps nothing on disk (no AOF, no RDB). */
  appendfsync?: 'always' | 'everysec' | 'no' | false;
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** The pid of the running redis-server, or null while it is stopped. */
  pid(): number | null;
  /** Starts it again on the same port and directory (after `kill` or `shutdown`). */
  start(): Promise<void>;
  /** Sends a signal to the process this helper started and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** `SHUTDOWN` over the protocol (the AOF is flushed), waiting for the process to exit. */
  shutdown(): Promise<void>;
  /** Stops the server if it runs and deletes its directory. */
  remove(): Promise<void>;
}

/** A port nobody listens on right now (the kernel's choice for port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

const READY = /Ready to accept connections/;

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tablecloth-redis-'));
  const fsync = options.appendfsync ?? 'always';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--protected-mode', 'no', '--loglevel', 'notice'];
  if (fsync === false) args.push('--appendonly', 'no');
  else args.push('--appendonly', 'yes', '--appendfsync', fsync);

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    if (child) throw new Error('redis-server is already running');
    // The 'notice' log level prints the "Ready to accept connections" line this waits for.
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === proc) child = null;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}:\n${output}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const proc = child;
    if (!proc) return;
    proc.kill(signal);
    await exited;
  };

  const shutdown = async (): Promise<void> => {
    if (!child) return;
    const { createClient } = await import('redis');
    const client = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    // The server closes the connection instead of answering.
    await client.sendCommand(['SHUTDOWN']).catch(() => undefined);
    if (client.isOpen) client.destroy();
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: () => child?.pid ?? null,
    start,
    kill,
    shutdown,
    async remove() {
      await kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
