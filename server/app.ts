/**
 * Builds the Tablecloth server from its components and never listens: server/main.ts does that,
 * and tests build it with what they need (a store, a clock they can move).
 */
import { existsSync } from 'node:fs';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { ERRORS, wireError } from '../shared/errors.js';
import { textFormats } from '../shared/text.js';
import { PROTOCOL_VERSION } from '../shared/protocol.js';
import { systemClock, type Clock } from './clock.js';
import { realClock, type ExportClock } from './export/exporter.js';
import type { ExportJobStore } from './export/job-store.js';
import type { ExportTarget } from './export/targets.js';
import { invitationRoutes } from './http/invitation-routes.js';
import type { InvitationStore } from './invitations/invitation-store.js';
import { exportRoutes, type ExportRunner } from './http/export-routes.js';
import { archiveRoutes } from './http/archive-routes.js';
import { cafeRoutes } from './http/cafe-routes.js';
import { originGuard } from './http/origin-guard.js';
import { apiRoutes } from './http/routes.js';
import { securityHeaders } from './http/security-headers.js';
import { originPolicy } from './origins.js';
import { memoryRateLimitStore, redisRateLimitStore } from './rate-limit-stores.js';
import { DEFAULT_RATE_LIMITS, deviceLimiters, RateLimitedError, type RateLimits } from './rate-limits.js';
import { DomainError, facePaths, Reception } from './reception.js';
import { PlanWorker } from './rotation/plan-worker.js';
import { RotationPlanner } from './rotation/rotation-planner.js';
import { Sequencer } from './sequencer.js';
import { socketIo, type SocketDeps } from './socket/io.js';
import { schemaErrorCode } from './validation.js';
import type { CafeServer } from './socket/fanout.js';
import type { CafeStore } from './store/store.js';
import type { PhotoStore } from './photos/photo-store.js';
import { CafeDeletion } from './cafes/cafe-deletion.js';
import type { CafePart } from './cafes/cafe-part.js';
import { ARCHIVE_MAX_BYTES, CafeArchives } from './cafes/cafe-archives.js';
import { exportJobsPart, invitationsPart, photosPart } from './cafes/parts.js';

export interface AppComponents {
  store: CafeStore;
  clock?: Clock;
  /** The address printed in links and QR codes (PUBLIC_URL); by default the address each request came to. */
  publicUrl?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** The laptop's address on the venue network, for links made from a page opened at localhost. */
  venueUrl?: () => string | null;
  /** The built faces (dist/client); the API works without them. */
  clientDir?: string | null;
  /** The Socket.IO adapter for fan-out across processes (server/main.ts passes the Redis streams adapter); in-memory by default. */
  adapter?: SocketDeps['adapter'];
  /** Origins of other sites whose pages may use this server (ALLOWED_ORIGINS); the server's own and PUBLIC_URL's always may. */
  allowedOrigins?: readonly string[];
  /** Budgets of the rate limits (README, "Hardening"); the defaults otherwise. */
  rateLimits?: Partial<RateLimits>;
  /** Where tablecloth photos are kept (server/main.ts: PHOTO_DIR); without it the photo routes are not offered. */
  photos?: PhotoStore | null;
  /** With REDIS_URL: the connection on which every process counts requests together, and the prefix of the keys. */
  rateLimitRedis?: { client: Parameters<typeof redisRateLimitStore>[0]; prefix: string };
  /** E-mail addresses for invitations to the community (server/invitations/); without it those routes are not served. */
  invitations?: InvitationStore;
  /** More parts of a café kept beside its log (e.g. invitations): deleted with the café, carried in its archive. */
  cafeParts?: readonly CafePart[];
  /** ARCHIVE_IMPORT_TOKEN: the Bearer token that may import café archives; imports are off without it. */
  archiveImportToken?: string | null;
  /** The largest archive taken (256 MiB by default; tests lower it). */
  archiveMaxBytes?: number;
  /** Export jobs (the store's `exportJobs`); without it the export routes are not served. */
  exportJobs?: ExportJobStore;
  /** Targets from EXPORT_TARGETS_FILE, secrets included (they never leave the server). */
  exportTargets?: readonly ExportTarget[];
  /** Time for the exporters (tests move it); real time by default. */
  exportClock?: ExportClock;
  /** How long an export run's lease lasts without renewal (60 s; tests shorten it). */
  exportLeaseMs?: number;
}

/** Where a secret could reach the log if a serializer ever printed headers or bodies. */
const REDACTED = ['req.headers.authorization', 'req.headers.cookie', 'req.body.secret', 'req.body.email', 'res.body.secret', 'auth.secret', 'handshake.auth.secret'];

/** The caller's logger option, with secrets redacted. */
function loggerWithRedaction(logger: AppComponents['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, redact: { paths: REDACTED, censor: '[secret]' } };
}

export interface App {
  app: FastifyInstance;
  io: CafeServer;
  sequencer: Sequencer;
  reception: Reception;
  /** Makes the rotation plans of cafés in planned rotation (issue 6). */
  rotation: RotationPlanner;
  /**
   * Resumes in the background the export jobs a stopped or dead process left under way (see
   * ExportRunner). Not started by buildApp: server/main.ts calls it once listening, tests when
   * they mean to. Resolves with the jobs' ids; none without export jobs.
   */
  resumeExports(): Promise<string[]>;
}

export async function buildApp(components: AppComponents): Promise<App> {
  const clock = components.clock ?? systemClock;
  const { store } = components;
  const app = Fastify({
    logger: loggerWithRedaction(components.logger),
    // No type coercion: a body the socket would refuse is refused over HTTP too (query strings are parsed by the route).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false, formats: textFormats() } },
    // A URL the router refuses before any route or error handler runs (a broken %-escape, a path
    // parameter past maxParamLength): the client's to fix, refused with a catalogue code too.
    frameworkErrors: (_error, _request, reply) => void (reply as FastifyReply).code(400).send({ error: wireError('INVALID_PAYLOAD') }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const sequencer = new Sequencer(store, clock);
  const reception = new Reception(store, sequencer, clock);
  const plans = new PlanWorker(app.log);
  // Plans being made on its thread are recorded first (main.ts awaits rotation.idle() after app.close()).
  app.addHook('onClose', () => plans.close());
  const rotation = new RotationPlanner(sequencer, app.log, plans);
  sequencer.onAppended((appended) => rotation.notice(appended));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tablecloth API',
        version: String(PROTOCOL_VERSION),
        description: 'The HTTP side of Tablecloth. Live work happens over Socket.IO: see docs/protocol.md.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The secret from a link\u2019s #fragment.' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  const policy = originPolicy(components.allowedOrigins ?? [], components.publicUrl ?? null);
  await app.register(originGuard, { policy });
  await securityHeaders(app);
  await app.register(rateLimit, {
    global: false,
    // Nothing is keyed by address (a venue shares one): every limit names its own key (server/rate-limits.ts).
    keyGenerator: () => 'server',
    skipOnError: true,
    store: components.rateLimitRedis ? redisRateLimitStore(components.rateLimitRedis.client, components.rateLimitRedis.prefix) : memoryRateLimitStore(),
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.ttl),
  });
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...components.rateLimits };
  const limiters = deviceLimiters(app, rateLimits);

  app.setErrorHandler((error: FastifyError | DomainError | RateLimitedError, request, reply) => {
    if (error instanceof RateLimitedError) {
      return reply
        .code(429)
        .header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))))
        .send({ error: error.wire });
    }
    if (error instanceof DomainError) {
      const status = ERRORS[error.code].status;
      return reply.code(status).send({ error: wireError(error.code, error.path) });
    }
    if ((error as FastifyError).validation) {
      const first = (error as FastifyError).validation?.[0];
      const path = `${(error as FastifyError).validationContext ?? ''}${first?.instancePath ?? ''}`;
      return reply.code(400).send({ error: wireError(schemaErrorCode(first?.keyword), path) });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 413 && request.routeOptions.url === '/api/cafes/:cafeId/photos/:photoId') {
      return reply.code(413).send({ error: wireError('PHOTO_TOO_LARGE') });
    }
    if (status === 413 && request.routeOptions.url === '/api/archives') return reply.code(413).send({ error: wireError('ARCHIVE_TOO_LARGE') });
    // Unparseable JSON, a body too large, an unknown content type: all the client's to fix.
    if (status >= 400 && status < 500) return reply.code(400).send({ error: wireError('INVALID_PAYLOAD') });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: wireError('INTERNAL') });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: wireError('NOT_FOUND') }));

  await apiRoutes(app, {
    store,
    sequencer,
    reception,
    clock,
    publicUrl: components.publicUrl ?? null,
    venueUrl: components.venueUrl ?? (() => null),
    rateLimits,
    limiters,
    photos: components.photos ?? null,
    exportJobs: components.exportJobs ?? null,
  });

  if (components.invitations) await invitationRoutes(app, { invitations: components.invitations, reception, limiters, clock });

  let exportRunner: ExportRunner | null = null;
  if (components.exportJobs) {
    exportRunner = await exportRoutes(app, {
      store,
      jobs: components.exportJobs,
      reception,
      limiters,
      targets: components.exportTargets ?? [],
      clock: components.exportClock,
      photos: components.photos ?? null,
      leaseMs: components.exportLeaseMs,
    });
  }

  if (components.clientDir && existsSync(components.clientDir)) {
    // preCompressed: the build wrote a gzip copy of every file (client/build/precompress.ts).
    await app.register(fastifyStatic, { root: components.clientDir, wildcard: false, index: false, preCompressed: true });
    // Each face has a stable address (printed as a QR code); the secret stays in the #fragment.
    const pages: [string, string][] = [
      ['/', 'index.html'],
      [facePaths.facilitator, 'facilitator.html'],
      [facePaths.qr, 'qr.html'],
      [facePaths.host, 'host.html'],
      [facePaths.wall, 'wall.html'],
      [facePaths.join, 'join.html'],
      [`${facePaths.join}/:code`, 'join.html'],
      [`${facePaths.harvest}/:code`, 'harvest.html'],
    ];
    for (const [path, file] of pages) app.get(path, { schema: { hide: true } }, (_request, reply) => reply.sendFile(file));
  }

  await app.register(socketIo, { store, sequencer, reception, clock, adapter: components.adapter, origins: policy, limiters });
  // Export jobs and invitations before the café when it is deleted (on SQLite they refer to it).
  const parts: CafePart[] = [
    ...(components.exportJobs ? [exportJobsPart(components.exportJobs)] : []),
    ...(components.invitations ? [invitationsPart(components.invitations)] : []),
    ...(components.photos ? [photosPart(components.photos)] : []),
    ...(components.cafeParts ?? []),
  ];
  const deletion = new CafeDeletion({
    store,
    sequencer,
    io: app.io,
    parts,
    exportJobs: components.exportJobs ?? null,
    exportClock: components.exportClock ?? realClock,
    clustered: components.adapter !== undefined,
  });
  await cafeRoutes(app, { reception, limiters, deletion });
  const archiveMaxBytes = components.archiveMaxBytes ?? ARCHIVE_MAX_BYTES;
  const archives = new CafeArchives(store, sequencer, parts, archiveMaxBytes);
  await archiveRoutes(app, { reception, limiters, archives, importToken: components.archiveImportToken ?? null, maxBytes: archiveMaxBytes });
  return { app, io: app.io, sequencer, reception, rotation, resumeExports: async () => (exportRunner ? exportRunner.resume() : []) };
}
