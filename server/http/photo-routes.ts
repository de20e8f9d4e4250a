/**
 * Tablecloth photos over HTTP (H13, H14): a device uploads the JPEG it scaled down, idempotent by
 * its own photo id (a tablet's outbox sends it again after a drop); the server checks it by
 * content, strips its metadata, stores it in the photo store and then records `addPhoto` with the
 * uploader as actor. Faces fetch photos with their link's secret (no secret in an image URL).
 */
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClientId, TableId } from '../../shared/domain/commands.js';
import { own } from '../../shared/domain/state.js';
import { scopeOf, snapshotFor } from '../../shared/domain/visibility.js';
import type { Authenticated } from '../reception.js';
import { DomainError, serverOpId } from '../reception.js';
import type { Sequencer } from '../sequencer.js';
import { checkJpeg } from '../photos/jpeg.js';
import type { PhotoStore } from '../photos/photo-store.js';
import { bearer, ErrorBody } from './schemas.js';

/** The largest upload: a 1600-pixel JPEG is a few hundred kilobytes. */
export const PHOTO_MAX_BYTES = 3 * 1024 * 1024;

export interface PhotoRouteDeps {
  sequencer: Sequencer;
  photos: PhotoStore;
  /** Authenticates the request's bearer secret for the café in the path, against the device's operation budget. */
  authenticated(request: FastifyRequest<{ Params: { cafeId: string } }>, budget: 'ops' | 'requests'): Promise<{ who: Authenticated }>;
}

const Params = Type.Object({ cafeId: Type.String({ maxLength: 64 }), photoId: ClientId });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody };

export async function photoRoutes(app: FastifyInstance, deps: PhotoRouteDeps): Promise<void> {
  // Any image type arrives as bytes, so that a PNG or a fake gets PHOTO_INVALID, judged by content.
  app.addContentTypeParser(/^image\//, { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.put(
    '/api/cafes/:cafeId/photos/:photoId',
    {
      schema: {
        summary: 'Upload a tablecloth photo',
        description:
          'Body: the JPEG (at most 1600 pixels on its longest side, 3 MB), `Content-Type: image/jpeg`. Idempotent by `photoId`: the same bytes again answer 200 with the original sequence number.',
        tags: ['photos'],
        security: bearer,
        params: Params,
        querystring: Type.Object({ tableId: TableId, round: Type.String({ pattern: '^[0-9]{1,2}$' }) }, { additionalProperties: false }),
        response: { 200: PhotoAck, 201: PhotoAck, ...errors },
      },
    },
    async (request, reply) => {
      const { cafeId, photoId } = request.params as { cafeId: string; photoId: string };
      const { tableId, round } = request.query as { tableId: string; round: string };
      const { who } = await deps.authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>, 'ops');
      const body = request.body;
      const jpeg = body instanceof Uint8Array ? checkJpeg(body) : null;
      // The content is checked here; the size against the café's rules by the reducer (H13), which
      // refuses a photo too large, and the stored bytes are removed below.
      if (!jpeg) throw new DomainError('PHOTO_INVALID');
      const put = await deps.photos.put(cafeId, photoId, jpeg.bytes);
      if (put === 'different') throw new DomainError('OP_ID_CONFLICT', 'photoId');
      const result = await deps.sequencer.submit(cafeId, who.link.id, serverOpId('photo', photoId), {
        type: 'addPhoto',
        photoId,
        tableId,
        round: Number(round),
        bytes: jpeg.bytes.length,
        width: jpeg.width,
        height: jpeg.height,
      });
      if (!result.ok) {
        // Refused (another table, a closed café): the bytes do not stay without their reference.
        if (put === 'stored') await deps.photos.remove(cafeId, photoId);
        throw new DomainError(result.code, result.path);
      }
      reply.code(result.duplicate ? 200 : 201);
      return { photoId, seq: result.entry.seq, duplicate: result.duplicate, width: jpeg.width, height: jpeg.height };
    },
  );

  app.get(
    '/api/cafes/:cafeId/photos/:photoId',
    {
      schema: {
        summary: 'A tablecloth photo, for a link that may see it',
        tags: ['photos'],
        security: bearer,
        params: Params,
        response: { 200: Type.Any({ description: 'image/jpeg' }), ...errors },
      },
    },
    async (request, reply) => {
      const { cafeId, photoId } = request.params as { cafeId: string; photoId: string };
      const { who } = await deps.authenticated(request as FastifyRequest<{ Params: { cafeId: string } }>, 'requests');
      const scope = scopeOf(who.state, who.link.id);
      // H14: a hidden photo only for the facilitator and its table's host — as the snapshot says.
      if (typeof scope === 'string' || !own(snapshotFor(scope, who.state).photos, photoId)) throw new DomainError('PHOTO_NOT_FOUND');
      const bytes = await deps.photos.get(cafeId, photoId);
      if (!bytes) throw new DomainError('PHOTO_NOT_FOUND');
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(Buffer.from(bytes));
    },
  );
}

const PhotoAck = Type.Object({ photoId: Type.String(), seq: Type.Integer(), duplicate: Type.Boolean(), width: Type.Integer(), height: Type.Integer() });
