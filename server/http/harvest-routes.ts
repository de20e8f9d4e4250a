/**
 * The public harvest page's API (H15): anyone with the café's code reads what H11 and H14 let
 * leave the café, with a link to each exported thread. No secret: the code is public in the room
 * (the wall shows it), and nothing here is more than the export would publish. Works on a hosted
 * server that only holds the store (and the photos) the morning after.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ClientId } from '../../shared/domain/commands.js';
import type { CafeState } from '../../shared/domain/state.js';
import { harvestPageOpen, publicHarvest, type PublicHarvest } from '../../shared/harvest/public-harvest.js';
import type { ExportJobStore } from '../export/job-store.js';
import type { PhotoStore } from '../photos/photo-store.js';
import type { Budget } from '../rate-limits.js';
import { DomainError } from '../reception.js';
import { normalizeJoinCode } from '../secrets.js';
import type { Sequencer } from '../sequencer.js';
import type { CafeRecord } from '../store/store.js';
import { ErrorBody } from './schemas.js';

export interface HarvestRouteDeps {
  sequencer: Sequencer;
  /** The café of a typed code, counting unknown codes like every other look-up by code. */
  findByCode(code: string): Promise<CafeRecord | null>;
  /** Budget per café code: a room opens the page from the wall's QR code within a minute. */
  budget: Budget;
  photos: PhotoStore | null;
  exportJobs: ExportJobStore | null;
}

const Code = Type.String({ maxLength: 16 });
const errors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const PublicIdeaBody = Type.Object({ id: Type.String(), text: Type.String(), author: Nullable(Type.String()), tableName: Type.String(), round: Type.Integer() });
const PublicHarvestBody = Type.Object({
  joinCode: Type.String(),
  title: Type.String(),
  language: Type.String(),
  date: Type.Integer({ description: 'When the harvest began or the café closed (epoch ms).' }),
  closed: Type.Boolean(),
  questions: Type.Array(Type.Object({ round: Type.Integer(), text: Type.String() })),
  themes: Type.Array(
    Type.Object({
      threadId: Type.String(),
      name: Type.String(),
      votes: Nullable(Type.Integer()),
      ideas: Type.Array(PublicIdeaBody),
      stakeholderMix: Type.Object({ contributed: Type.Array(Type.Object({ group: Type.String(), ideas: Type.Integer() })), missing: Type.Array(Type.String()) }),
      threadUrl: Nullable(Type.String({ description: 'The exported thread (the newest export that created or found it).' })),
    }),
  ),
  otherIdeas: Type.Array(PublicIdeaBody),
  insights: Type.Array(Type.Object({ text: Type.String(), tableName: Type.String(), round: Type.Integer() }), { description: 'Key insights hosts wrote on their harvest cards (H18).' }),
  photos: Type.Array(Type.Object({ id: Type.String(), tableName: Type.String(), round: Type.Integer(), width: Type.Integer(), height: Type.Integer() })),
});

/** Each exported thread's address: the newest outcome that created or found it, over all the café's exports. */
async function threadUrls(jobs: ExportJobStore, cafeId: string): Promise<Map<string, string>> {
  const newest = new Map<string, { url: string; at: number }>();
  for (const job of await jobs.listJobs(cafeId)) {
    for (const [threadId, outcome] of await jobs.outcomes(job.jobId)) {
      if ((outcome.status !== 'created' && outcome.status !== 'found') || !outcome.url) continue;
      const seen = newest.get(threadId);
      if (!seen || outcome.at >= seen.at) newest.set(threadId, { url: outcome.url, at: outcome.at });
    }
  }
  return new Map([...newest].map(([id, { url }]) => [id, url]));
}

export async function harvestRoutes(app: FastifyInstance, deps: HarvestRouteDeps): Promise<void> {
  const rateLimit = { ...deps.budget, keyGenerator: (request: FastifyRequest) => `harvest:${normalizeJoinCode(String((request.params as { code?: unknown }).code ?? '')).slice(0, 16)}` };

  /** H15: the café's state while it offers its page (an unknown code is CAFE_NOT_FOUND, as on the join page). */
  async function openCafe(code: string): Promise<{ cafe: CafeRecord; state: CafeState }> {
    const cafe = await deps.findByCode(code);
    const state = cafe ? await deps.sequencer.state(cafe.cafeId) : null;
    if (!cafe || !state) throw new DomainError('CAFE_NOT_FOUND', 'code');
    if (!harvestPageOpen(state)) throw new DomainError('HARVEST_PAGE_UNAVAILABLE');
    return { cafe, state };
  }

  app.get(
    '/api/harvest/:code',
    {
      config: { rateLimit },
      schema: {
        summary: 'The public harvest of a café',
        description:
          'No secret. From the harvest phase on, unless the facilitator switched the page off (`HARVEST_PAGE_UNAVAILABLE`): themes with their publishable ideas (H11), votes, the stakeholder mix (counts), photos not hidden (when the café publishes ideas) and a link to each exported thread.',
        tags: ['harvest page'],
        params: Type.Object({ code: Code }),
        response: { 200: PublicHarvestBody, ...errors },
      },
    },
    async (request, reply) => {
      const { cafe, state } = await openCafe((request.params as { code: string }).code);
      const harvest: PublicHarvest = publicHarvest(state);
      const urls = deps.exportJobs ? await threadUrls(deps.exportJobs, cafe.cafeId) : new Map<string, string>();
      for (const theme of harvest.themes) theme.threadUrl = urls.get(theme.threadId) ?? null;
      // A hidden idea must leave the page at once: browsers ask again each time.
      reply.header('cache-control', 'no-cache');
      return harvest;
    },
  );

  app.get(
    '/api/harvest/:code/photos/:photoId',
    {
      config: { rateLimit },
      schema: {
        summary: 'A photo of the public harvest',
        description: 'JPEG; only a photo the harvest lists (not hidden, and the café publishes ideas).',
        tags: ['harvest page'],
        params: Type.Object({ code: Code, photoId: ClientId }),
        response: { 200: Type.Any({ description: 'image/jpeg' }), ...errors },
      },
    },
    async (request, reply) => {
      const { code, photoId } = request.params as { code: string; photoId: string };
      const { cafe, state } = await openCafe(code);
      if (!publicHarvest(state).photos.some((p) => p.id === photoId)) throw new DomainError('PHOTO_NOT_FOUND', 'photoId');
      const bytes = await deps.photos?.get(cafe.cafeId, photoId);
      if (!bytes) throw new DomainError('PHOTO_NOT_FOUND', 'photoId');
      // A photo's bytes never change (H13); a few minutes keep a hidden one from lingering long in caches.
      return reply.type('image/jpeg').header('cache-control', 'public, max-age=300').send(Buffer.from(bytes));
    },
  );
}
