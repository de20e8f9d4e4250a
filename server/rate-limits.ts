/**
 * Rate limits, all through @fastify/rate-limit (its store is in memory, or in Redis with
 * REDIS_URL so every process counts together). A venue shares one IP address, so nothing is
 * keyed by address: a device is known by the hash of its link's secret, over the socket and
 * over HTTP alike; before a device has a secret, a join is counted per café code, and café
 * creation and unknown codes server-wide. The README explains the numbers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rateLimited, type WireError } from '../shared/errors.js';

export interface Budget {
  max: number;
  timeWindow: number;
}

export interface RateLimits {
  /** Operations of one device: the socket's `op` and `POST /api/cafes/:id/ops` draw on one budget. */
  ops: Budget;
  /** Everything else one device asks for: `sync`, `time`, `status`, and the other 🔑 routes. */
  requests: Budget;
  /** New cafés, server-wide. */
  createCafe: Budget;
  /** Join pages and joins of one café code (a whole room joins within a minute or two). */
  joinsPerCode: Budget;
  /** Codes that name no café, server-wide: guessing a code stays slow. */
  unknownCodes: Budget;
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  ops: { max: 600, timeWindow: MINUTE },
  requests: { max: 1200, timeWindow: MINUTE },
  createCafe: { max: 60, timeWindow: MINUTE },
  joinsPerCode: { max: 12_000, timeWindow: MINUTE },
  unknownCodes: { max: 600, timeWindow: MINUTE },
};

/** A refusal by a rate limit, turned into a 429 with `{ error: rateLimited(ms) }` and Retry-After by the error handler. */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfterMs: number) {
    super('RATE_LIMITED');
    this.name = 'RateLimitedError';
  }

  get wire(): WireError {
    return rateLimited(this.retryAfterMs);
  }
}

/** Counts one request against `key` in `budget`: the refusal when it is over, else null. `count: false` only looks. */
export type Limiter = (key: string, options?: { count?: boolean }) => Promise<WireError | null>;

/**
 * A limiter on @fastify/rate-limit's own store, for what is not one HTTP route: socket events,
 * and budgets shared by several routes. The plugin's limiter reads only the key (through our
 * key generator) and the route's config from the request, so a stand-in carries just those.
 */
export function limiter(app: FastifyInstance, name: string, budget: Budget): Limiter {
  const check = app.createRateLimit({ ...budget, keyGenerator: (request) => `${name}:${(request as unknown as KeyedRequest).limitKey}` });
  return async (key, options = {}) => {
    const stand: KeyedRequest = { limitKey: key, routeOptions: { config: {} } };
    const result = await check(stand as unknown as FastifyRequest, { increment: options.count ?? true });
    if (result.isAllowed) return null;
    const over = options.count === false ? result.remaining <= 0 : result.isExceeded;
    return over ? rateLimited(result.ttl) : null;
  };
}

interface KeyedRequest {
  limitKey: string;
  routeOptions: { config: Record<string, never> };
}

/** The limiters the socket handlers and the HTTP routes share. */
export interface DeviceLimiters {
  ops: Limiter;
  requests: Limiter;
  unknownCodes: Limiter;
}

export function deviceLimiters(app: FastifyInstance, limits: RateLimits): DeviceLimiters {
  return {
    ops: limiter(app, 'ops', limits.ops),
    requests: limiter(app, 'requests', limits.requests),
    unknownCodes: limiter(app, 'unknown-codes', limits.unknownCodes),
  };
}
