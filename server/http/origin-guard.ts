/**
 * The origin allowlist over HTTP: a browser page from a foreign origin is refused before any
 * route runs (403 ORIGIN_NOT_ALLOWED), so it cannot even create cafés or join; an origin listed
 * in ALLOWED_ORIGINS gets CORS headers and its preflight answered. By default nothing is
 * cross-origin: the faces are served by this server.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ERRORS, wireError } from '../../shared/errors.js';
import type { OriginPolicy } from '../origins.js';

const PREFLIGHT_MAX_AGE_S = 600;

export const originGuard = fp<{ policy: OriginPolicy }>(
  async (app: FastifyInstance, { policy }) => {
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      // Whether the answer may be shared with another origin depends on this header: caches must know.
      reply.header('vary', 'Origin');
      if (!policy.allows(origin, request.headers.host)) {
        return reply.code(ERRORS.ORIGIN_NOT_ALLOWED.status).send({ error: wireError('ORIGIN_NOT_ALLOWED') });
      }
      if (origin === undefined || !policy.isListed(origin)) return;
      reply.header('access-control-allow-origin', origin);
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET, POST, DELETE')
          .header('access-control-allow-headers', 'authorization, content-type')
          .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_S))
          .send();
      }
    });
  },
  { name: 'tablecloth-origin-guard', fastify: '5.x' },
);
