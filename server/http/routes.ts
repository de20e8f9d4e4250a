/**
 * The HTTP API. Each route validates its input with the shared schemas, calls the reception or
 * the sequencer, and answers; refusals carry a code from shared/errors.ts.
 */
import type { PhotoStore } from '../photos/photo-store.js';
import { photoRoutes } from './photo-routes.js';
import { harvestQrRoute } from './harvest-qr-route.js';
import { harvestRoutes } from './harvest-routes.js';
import type { ExportJobStore } from '../export/job-store.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CafeSetup, JoinRequest, TableId } from '../../shared/domain/commands.js';
import { scopeOf, snapshotFor } from '../../shared/domain/visibility.js';
import type { Clock } from '../clock.js';
import { DomainError, type Reception } from '../reception.js';
import { RateLimitedError, type DeviceLimiters, type Limiter, type RateLimits } from '../rate-limits.js';
import { hashSecret, normalizeJoinCode } from '../secrets.js';
import type { Sequencer } from '../sequencer.js';
import type { CafeStore } from '../store/store.js';
import { checkOpRequest } from '../validation.js';
import { bearer, CafeIntroBody, CafeLinksBody, ErrorBody, JoinBody, LinkBody, OpAckBody, Passthrough } from './schemas.js';

export interface RouteDeps {
  store: CafeStore;
  sequencer: Sequencer;
  reception: Reception;
  clock: Clock;
  /** The address printed in links; when absent, the address the request came to. */
  publicUrl: string | null;
  /** The laptop's address on the venue network, used instead of localhost in links phones must open. */
  venueUrl?: () => string | null;
  rateLimits: RateLimits;
  /** Shared with the socket: a device's operations count once, however they arrive. */
  limiters: DeviceLimiters;
  /** Where tablecloth photos are kept; without it the photo routes are not offered. */
  photos: PhotoStore | null;
  /** Export jobs, for the harvest page's links to exported threads; null when the server exports nothing. */
  exportJobs: ExportJobStore | null;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || hostname.startsWith('127.');
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

function secretOf(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,64})$/.exec(header);
  if (!match) throw new DomainError('UNAUTHENTICATED');
  return match[1]!;
}

/** The rate-limit key of a join page or a join: its café code as typed, normalised. */
function joinKey(request: FastifyRequest): string {
  const code = (request.params as { code?: unknown }).code ?? (request.body as { code?: unknown } | undefined)?.code;
  return `join:${typeof code === 'string' ? normalizeJoinCode(code).slice(0, 16) : ''}`;
}

export async function apiRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { store, sequencer, reception, clock, rateLimits, limiters } = deps;
  // A café created at http://localhost would print QR codes no phone can open: use the venue address then.
  const base = (request: FastifyRequest) =>
    deps.publicUrl ?? (isLoopback(request.hostname) ? deps.venueUrl?.() : null) ?? `${request.protocol}://${request.host}`;
  const CafeParams = Type.Object({ cafeId: Type.String({ maxLength: 64 }) });

  /** Counts a request against a budget, refusing it when that is spent. */
  async function spend(limit: Limiter, key: string): Promise<void> {
    const refusal = await limit(key);
    if (refusal) throw new RateLimitedError(refusal.retryAfterMs ?? 0);
  }

  /** The secret's café must be the one in the path; the device's budget (`ops` or `requests`) pays for the request. */
  async function authenticated(request: FastifyRequest<{ Params: { cafeId: string } }>, budget: Limiter = limiters.requests) {
    const secret = secretOf(request);
    await spend(budget, hashSecret(secret));
    const who = await reception.authenticate(secret);
    if (who.cafe.cafeId !== request.params.cafeId) throw new DomainError('UNAUTHENTICATED');
    return { who, secret };
  }

  /** The café of a code someone typed; while too many unknown codes are tried server-wide, every look-up waits. */
  async function findByCode(code: string) {
    await spend((key) => limiters.unknownCodes(key, { count: false }), 'codes');
    const cafe = await store.findCafeByJoinCode(normalizeJoinCode(code));
    if (!cafe) await spend(limiters.unknownCodes, 'codes');
    return cafe;
  }

  app.post(
    '/api/cafes',
    {
      config: { rateLimit: { ...rateLimits.createCafe, keyGenerator: () => 'cafes' } },
      schema: {
        summary: 'Create a café',
        description: 'Returns every link the facilitator needs: their own (keep it), the wall, one host link and one participant link per table, and the join code.',
        tags: ['cafés'],
        body: CafeSetup,
        response: { 201: CafeLinksBody, ...errors },
      },
    },
    async (request, reply) => {
      const links = await reception.createCafe(request.body as CafeSetup, base(request));
      return reply.code(201).send(links);
    },
  );

  app.get(
    '/api/cafes/:cafeId/links',
    {
      schema: {
        summary: 'All current links of a café (facilitator)',
        description: 'For printing the QR sheet again. The founding facilitator link is not shown (it is stored only as a hash).',
        tags: ['links'],
        security: bearer,
        params: CafeParams,
        response: { 200: CafeLinksBody, ...errors },
      },
    },
    async (request) => {
      const { secret } = await authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>);
      return reception.linksFor(secret, base(request));
    },
  );

  app.post(
    '/api/cafes/:cafeId/links',
    {
      schema: {
        summary: 'Issue a link (facilitator)',
        description: 'A new host link replaces the table\u2019s old one: sockets that used the old one are disconnected at once (a lost tablet).',
        tags: ['links'],
        security: bearer,
        params: CafeParams,
        body: Type.Object(
          {
            role: Type.Union([Type.Literal('host'), Type.Literal('wall'), Type.Literal('facilitator')]),
            tableId: Type.Optional(TableId),
          },
          { additionalProperties: false },
        ),
        response: { 201: LinkBody, ...errors },
      },
    },
    async (request, reply) => {
      const { secret } = await authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>);
      const body = request.body as { role: 'host' | 'wall' | 'facilitator'; tableId?: string };
      if (body.role === 'host' && body.tableId === undefined) throw new DomainError('TABLE_NOT_FOUND', 'tableId');
      const link = await reception.issueLink(secret, body.role, body.tableId ?? null, base(request));
      return reply.code(201).send(link);
    },
  );

  app.delete(
    '/api/cafes/:cafeId/links/:linkId',
    {
      schema: {
        summary: 'Withdraw a link (facilitator)',
        tags: ['links'],
        security: bearer,
        params: Type.Object({ cafeId: Type.String({ maxLength: 64 }), linkId: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ linkId: Type.String(), seq: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { secret } = await authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>);
      return reception.revokeLink(secret, (request.params as { linkId: string }).linkId);
    },
  );

  app.get(
    '/api/join/:code',
    {
      config: { rateLimit: { ...rateLimits.joinsPerCode, keyGenerator: joinKey } },
      schema: {
        summary: 'What a participant sees before joining',
        tags: ['participants'],
        params: Type.Object({ code: Type.String({ maxLength: 16 }) }),
        response: { 200: CafeIntroBody, ...errors },
      },
    },
    async (request) => {
      const cafe = await findByCode((request.params as { code: string }).code);
      const state = cafe ? await sequencer.state(cafe.cafeId) : null;
      if (!cafe || !state) throw new DomainError('CAFE_NOT_FOUND', 'code');
      return {
        cafeId: cafe.cafeId,
        title: state.title,
        language: state.language,
        stakeholderGroups: state.stakeholderGroups,
        phase: state.phase.kind,
        tables: state.tables.map((t) => ({ id: t.id, name: t.name, enabled: t.enabled })),
      };
    },
  );

  app.post(
    '/api/join',
    {
      // Counted per café code, not per address (the whole venue shares one); the body is parsed by then.
      config: { rateLimit: { ...rateLimits.joinsPerCode, keyGenerator: joinKey, hook: 'preHandler' } },
      schema: {
        summary: 'Join a café as a participant',
        description: 'With the join code (and a table, when the phone scanned a table\u2019s QR code) and the consent choices.',
        tags: ['participants'],
        body: JoinRequest,
        response: { 201: JoinBody, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body as JoinRequest;
      if (!(await findByCode(body.code))) throw new DomainError('CAFE_NOT_FOUND', 'code');
      return reply.code(201).send(await reception.join(body));
    },
  );

  app.get(
    '/api/cafes/:cafeId/snapshot',
    {
      schema: {
        summary: 'The café as the caller may see it',
        description: 'Filtered by the role of the link: a participant sees their table, a wall sees no hidden ideas.',
        tags: ['cafés'],
        security: bearer,
        params: CafeParams,
        response: { 200: Passthrough, ...errors },
      },
    },
    async (request) => {
      const { who } = await authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>);
      const scope = scopeOf(who.state, who.link.id);
      if (typeof scope === 'string') throw new DomainError(scope);
      return { scope, state: snapshotFor(scope, who.state), serverNow: clock.now() };
    },
  );

  app.get(
    '/api/cafes/:cafeId/ideas',
    {
      schema: {
        summary: 'List the ideas the caller may see',
        tags: ['ideas'],
        security: bearer,
        params: CafeParams,
        querystring: Type.Object({ round: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })), table: Type.Optional(TableId) }, { additionalProperties: false }),
        response: { 200: Type.Object({ seq: Type.Integer(), ideas: Type.Array(Passthrough) }), ...errors },
      },
    },
    async (request) => {
      const { who } = await authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>);
      const scope = scopeOf(who.state, who.link.id);
      if (typeof scope === 'string') throw new DomainError(scope);
      const query = request.query as { round?: string; table?: string };
      const round = query.round === undefined ? undefined : Number(query.round);
      const table = query.table;
      const ideas = Object.values(snapshotFor(scope, who.state).ideas)
        .filter((i) => (round === undefined || i.round === round) && (table === undefined || i.tableId === table))
        .sort((a, b) => a.seq - b.seq);
      return { seq: who.state.seq, ideas };
    },
  );

  app.post(
    '/api/cafes/:cafeId/ops',
    {
      attachValidation: true,
      schema: {
        summary: 'Send one operation (as over the socket)',
        description: 'Body `{ id, op }` as the socket event `op`, see docs/protocol.md. Re-sending the same id is answered with the original result.',
        tags: ['operations'],
        security: bearer,
        params: CafeParams,
        body: Type.Object({ id: Type.String(), op: Type.Object({ type: Type.String() }, { additionalProperties: true }) }),
        response: { 200: OpAckBody, ...errors },
      },
    },
    async (request) => {
      const { who } = await authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>, limiters.ops);
      const checked = checkOpRequest(request.body);
      if (!checked.ok) throw new DomainError(checked.error.code, checked.error.path);
      const result = await sequencer.submit(who.cafe.cafeId, who.link.id, checked.value.id, checked.value.op);
      if (!result.ok) throw new DomainError(result.code, result.path);
      return { seq: result.entry.seq, duplicate: result.duplicate };
    },
  );

  if (deps.photos) {
    await photoRoutes(app, {
      sequencer,
      photos: deps.photos,
      authenticated: (request, budget) => authenticated(request, budget === 'ops' ? limiters.ops : limiters.requests),
    });
  }

  await harvestRoutes(app, { sequencer, findByCode, budget: rateLimits.joinsPerCode, photos: deps.photos, exportJobs: deps.exportJobs });
  await harvestQrRoute(app, { sequencer, findByCode, budget: rateLimits.joinsPerCode });

  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    { schema: { summary: 'Readiness: the store answers', tags: ['health'], response: { 200: Type.Object({ status: Type.String() }), 503: ErrorBody } } },
    async (_request, reply) => {
      try {
        await store.ping();
        return { status: 'ready' };
      } catch {
        throw new DomainError('STORE_UNAVAILABLE');
      }
    },
  );
}
