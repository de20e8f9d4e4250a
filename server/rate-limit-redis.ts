/**
 * @fastify/rate-limit's store on node-redis (its own Redis store speaks ioredis), so that with
 * REDIS_URL every server process counts a device's requests together. A fixed window per key,
 * like the plugin's stores: the first request of a window sets the key's expiry.
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
