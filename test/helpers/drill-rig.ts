/**
 * What a scale-out drill runs on — a Redis of its own, several server processes on it, the
 * devices connected to them — started together and taken down again in the right order
 * (devices, then servers, then Redis and its directory).
 */
import { startCluster, type Cluster } from './cluster.js';
import { startRedisServer, type RedisServer, type RedisServerOptions } from './redis-server.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `predicate` every 10 ms; fails naming `what` after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export class DrillRig {
  private redisServer: RedisServer | null = null;
  private servers: Cluster | null = null;
  private readonly devices: { close(): void }[] = [];

  /** Starts the Redis and `processes` server processes on it. */
  async start(options: { processes: number; appendfsync: RedisServerOptions['appendfsync'] }): Promise<{ redis: RedisServer; cluster: Cluster }> {
    this.redisServer = await startRedisServer({ appendfsync: options.appendfsync });
    this.servers = await startCluster(options.processes, this.redisServer.url);
    return { redis: this.redisServer, cluster: this.servers };
  }

  /** A device (tablet, test client) closed at teardown. */
  track<T extends { close(): void }>(device: T): T {
    this.devices.push(device);
    return device;
  }

  async teardown(): Promise<void> {
    for (const d of this.devices.splice(0)) d.close();
    await this.servers?.stop();
    this.servers = null;
    await this.redisServer?.remove();
    this.redisServer = null;
  }
}
