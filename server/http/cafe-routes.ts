/**
 * Deleting a café (facilitator). The body repeats the café's join code, so that a stray or
 * replayed request without it cannot erase a café: the console asks the facilitator to type it.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CafeDeletion } from '../cafes/cafe-deletion.js';
import type { DeviceLimiters } from '../rate-limits.js';
import { DomainError, type Reception } from '../reception.js';
import { normalizeJoinCode } from '../secrets.js';
import { bearerLink } from './bearer-link.js';
import { bearer, ErrorBody } from './schemas.js';

export interface CafeRouteDeps {
  reception: Reception;
  limiters: DeviceLimiters;
  deletion: CafeDeletion;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export async function cafeRoutes(app: FastifyInstance, deps: CafeRouteDeps): Promise<void> {
  app.delete(
    '/api/cafes/:cafeId',
    {
      schema: {
        summary: 'Delete a café and everything in it (facilitator)',
        description:
          'Body `{ "joinCode": "…" }`: the café\u2019s join code, as a confirmation. Removes the café, its log, links, export jobs, invitations and photos from the store and its files; its connected devices are told `CAFE_DELETED` and disconnected. Refused with `EXPORT_RUNNING` while an export of the café runs.',
        tags: ['cafés'],
        security: bearer,
        params: Type.Object({ cafeId: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ joinCode: Type.String({ maxLength: 16 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ cafeId: Type.String(), deleted: Type.Literal(true) }), ...errors },
      },
    },
    async (request) => {
      const who = await bearerLink(request, deps, 'facilitator');
      const { joinCode } = request.body as { joinCode: string };
      if (normalizeJoinCode(joinCode) !== who.cafe.joinCode) throw new DomainError('CONFIRMATION_MISMATCH', 'joinCode');
      await deps.deletion.delete(who.cafe.cafeId);
      return { cafeId: who.cafe.cafeId, deleted: true as const };
    },
  );
}
