/**
 * Café archives over HTTP: the facilitator downloads one (GET), a hosted server imports it (POST)
 * when its operator set ARCHIVE_IMPORT_TOKEN and the caller sends that token. Importing is not a
 * facilitator's right on someone else's server: it creates a café there, so the operator decides.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CafeArchives } from '../cafes/cafe-archives.js';
import { RateLimitedError, type DeviceLimiters } from '../rate-limits.js';
import { DomainError, type Reception } from '../reception.js';
import { bearerLink } from './bearer-link.js';
import { bearer, ErrorBody } from './schemas.js';

export interface ArchiveRouteDeps {
  reception: Reception;
  limiters: DeviceLimiters;
  archives: CafeArchives;
  /** ARCHIVE_IMPORT_TOKEN; imports are refused with ARCHIVE_IMPORT_OFF without it. */
  importToken: string | null;
  /** The largest archive taken, as sent (gzipped). */
  maxBytes: number;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody };
const digest = (text: string) => createHash('sha256').update(text).digest();
const Imported = Type.Object({ cafeId: Type.String(), joinCode: Type.String(), added: Type.Integer(), head: Type.Integer() });

export async function archiveRoutes(app: FastifyInstance, deps: ArchiveRouteDeps): Promise<void> {
  app.get(
    '/api/cafes/:cafeId/archive',
    {
      // A HEAD would build the whole archive to answer with its headers.
      exposeHeadRoute: false,
      schema: {
        summary: 'Download the café\u2019s archive (facilitator)',
        description: 'Gzipped NDJSON (docs/deploy.md, "The morning after"): the café, its links\u2019 hashes and wrapped keys, the log, export jobs, photos and invitations, with a checksum. Import it on a hosted server with POST /api/archives.',
        tags: ['cafés'],
        security: bearer,
        params: Type.Object({ cafeId: Type.String({ maxLength: 64 }) }),
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const who = await bearerLink(request, deps, 'facilitator');
      const date = new Date(who.cafe.createdAt).toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="tablecloth-${who.cafe.joinCode}-${date}.ndjson.gz"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(deps.archives.lines(who.cafe.cafeId, who.state)).pipe(createGzip()));
    },
  );

  // Its own scope: the gzip body parser applies to this route only.
  await app.register(async (scope) => {
    scope.addContentTypeParser(['application/gzip', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/archives',
      {
        schema: {
          summary: 'Import a café archive (server operator)',
          description:
            'Body: the archive as downloaded, `Content-Type: application/gzip`; `Authorization: Bearer <ARCHIVE_IMPORT_TOKEN>`. All or nothing. 201 when the café is new here, 200 when it was here and the archive only added entries (or none). 403 `ARCHIVE_IMPORT_OFF` when the server has no token; 400 `ARCHIVE_INVALID`; 409 `ARCHIVE_CONFLICT`; 413 `ARCHIVE_TOO_LARGE`.',
          tags: ['cafés'],
          security: bearer,
          response: { 200: Imported, 201: Imported, ...errors },
        },
      },
      async (request, reply) => {
        if (deps.importToken === null) throw new DomainError('ARCHIVE_IMPORT_OFF');
        const sent = /^Bearer\s+(\S{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
        const refusal = await deps.limiters.requests('archive-import');
        if (refusal) throw new RateLimitedError(refusal.retryAfterMs ?? 0);
        if (sent === undefined || !timingSafeEqual(digest(sent), digest(deps.importToken))) throw new DomainError('UNAUTHENTICATED');
        if (!(request.body instanceof Uint8Array)) throw new DomainError('ARCHIVE_INVALID');
        const result = await deps.archives.import(request.body);
        return reply.code(result.added === result.head ? 201 : 200).send(result);
      },
    );
  });
}
