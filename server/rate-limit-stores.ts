/**
 * Stores for @fastify/rate-limit: a fixed window per key, as the plugin's own stores count, the
 * first request of a window setting its end. Ours because (1) the plugin's Redis store speaks
 * ioredis and we use node-redis, and (2) its memory store hands every caller the same mutable
 * counter, read after an await: when a socket's operations arrive in one burst (an outbox
 * replaying) every one of them would see the burst's final count.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

const INCR = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { current, ttl }`;

const READ = `
local current = redis.call('GET', KEYS[1])
if not current then return { 0, 0 } end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return { tonumber(current), ttl }`;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Windows kept before expired ones are swept (a large café has a few thousand devices). */
const SWEEP_ABOVE = 20_000;

/** In this process's memory: one server without Redis. */
export function memoryRateLimitStore(): FastifyRateLimitStoreCtor {
  class MemoryRateLimitStore implements FastifyRateLimitStore {
    private readonly windows = new Map<string, { count: number; endsAt: number }>();
    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      let window = this.windows.get(key);
      if (!window || window.endsAt <= now) {
        if (this.windows.size >= SWEEP_ABOVE) for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
        window = { count: 0, endsAt: now + timeWindow };
        this.windows.set(key, window);
      }
      window.count++;
      callback(null, { current: window.count, ttl: window.endsAt - now });
    }
    read(key: string, callback: Callback): void {
      const now = Date.now();
      const window = this.windows.get(key);
      callback(null, window && window.endsAt > now ? { current: window.count, ttl: window.endsAt - now } : { current: 0, ttl: 0 });
    }
    child(): FastifyRateLimitStore {
      return new MemoryRateLimitStore();
    }
  }
  return MemoryRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}

/** A store class for the plugin's `store` option; keys start with `prefix`. */
export function redisRateLimitStore(client: Client, prefix: string): FastifyRateLimitStoreCtor {
  const run = (script: string, key: string, timeWindow: number, callback: Callback) => {
    client
      .eval(script, { keys: [key], arguments: [String(timeWindow)] })
      .then((reply) => {
        const [current, ttl] = reply as [number, number];
        callback(null, { current, ttl });
      })
      .catch((error: Error) => callback(error));
  };
  class RedisRateLimitStore implements FastifyRateLimitStore {
    // The plugin constructs the store with its options, which a key prefix does not need.
    constructor(
      _options?: unknown,
      private readonly keyPrefix = prefix,
    ) {}
    incr(key: string, callback: Callback, timeWindow: number): void {
      run(INCR, this.keyPrefix + key, timeWindow, callback);
    }
    read(key: string, callback: Callback, timeWindow: number): void {
      run(READ, this.keyPrefix + key, timeWindow, callback);
    }
    child(routeOptions: { method?: string | string[]; url?: string; routeInfo?: { method?: string; url?: string } }): FastifyRateLimitStore {
      // A route's budget is its own; the shared limiters name theirs in the key already.
      const route = routeOptions.routeInfo?.url ? `${routeOptions.routeInfo.method}${routeOptions.routeInfo.url}:` : '';
      return new RedisRateLimitStore(undefined, `${this.keyPrefix}${route}`);
    }
  }
  return RedisRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
