/**
 * Several real server processes (server/main.ts, as `npm start` runs it) on one Redis, as behind a
 * load balancer: the Redis store and the Redis streams adapter, nothing shared but Redis. Only the
 * processes started here are ever signalled.
 */
import { spawnServer, type ServerProcess } from './process.js';

export interface Cluster {
  readonly servers: ServerProcess[];
  /** The addresses of the processes still running. */
  liveUrls(): string[];
  /** Whether the process has neither exited nor been killed. */
  isRunning(server: ServerProcess): boolean;
  /** SIGKILLs one process and waits for it to be gone. */
  kill(server: ServerProcess): Promise<void>;
  /** SIGTERM to every running process (SIGKILL after 5 s); resolves when all have exited. */
  stop(): Promise<void>;
}

const running = (p: ServerProcess) => p.child.exitCode === null && p.child.signalCode === null;

export async function startCluster(count: number, redisUrl: string): Promise<Cluster> {
  const servers: ReturnType<typeof spawnServer>[] = [];
  const stop = async () => {
    await Promise.all(
      servers.filter(running).map(async (p) => {
        p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
        await p.exited;
        clearTimeout(timer);
      }),
    );
  };
  try {
    for (let i = 0; i < count; i++) {
      servers.push(spawnServer({ REDIS_URL: redisUrl, PUBLIC_URL: '' }));
    }
    // Started together, each with its own Redis connections; ready when each prints its port.
    await Promise.all(servers.map((s) => s.ready));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    servers,
    liveUrls: () => servers.filter(running).map((s) => s.url),
    isRunning: running,
    async kill(server) {
      if (!servers.some((s) => s === server)) throw new Error('not a process of this cluster');
      server.child.kill('SIGKILL');
      await server.exited;
    },
    stop,
  };
}
