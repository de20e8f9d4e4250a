/**
 * The harvest page's QR code as an SVG image (H15), for the participant phone: a person shows it
 * to a neighbour whose phone never joined. Drawn here by `uqr`, so the phone loads an image
 * instead of a QR library it would carry for this alone. The code holds the address the phone
 * reached this server by, as the wall's code does with its own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { renderSVG } from 'uqr';
import { harvestPageOpen } from '../../shared/harvest/public-harvest.js';
import type { Budget } from '../rate-limits.js';
import { DomainError } from '../reception.js';
import { normalizeJoinCode } from '../secrets.js';
import type { Sequencer } from '../sequencer.js';
import type { CafeRecord } from '../store/store.js';
import { ErrorBody } from './schemas.js';

export interface HarvestQrDeps {
  sequencer: Sequencer;
  findByCode(code: string): Promise<CafeRecord | null>;
  budget: Budget;
}

export async function harvestQrRoute(app: FastifyInstance, deps: HarvestQrDeps): Promise<void> {
  const rateLimit = { ...deps.budget, keyGenerator: (request: FastifyRequest) => `harvest-qr:${normalizeJoinCode(String((request.params as { code?: unknown }).code ?? '')).slice(0, 16)}` };
  app.get(
    '/api/harvest/:code/qr.svg',
    {
      config: { rateLimit },
      schema: {
        summary: 'The harvest page\u2019s QR code (SVG)',
        description: 'No secret. The address of `/h/:code` on the host the request came to; while the page is offered (H15).',
        tags: ['harvest page'],
        params: Type.Object({ code: Type.String({ maxLength: 16 }) }),
        response: { 200: Type.Any({ description: 'image/svg+xml' }), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const cafe = await deps.findByCode((request.params as { code: string }).code);
      const state = cafe ? await deps.sequencer.state(cafe.cafeId) : null;
      if (!cafe || !state) throw new DomainError('CAFE_NOT_FOUND', 'code');
      if (!harvestPageOpen(state)) throw new DomainError('HARVEST_PAGE_UNAVAILABLE');
      const address = `${request.protocol}://${request.host}/h/${encodeURIComponent(state.joinCode)}`;
      return reply.type('image/svg+xml').header('cache-control', 'no-cache').send(renderSVG(address, { border: 2 }));
    },
  );
}
