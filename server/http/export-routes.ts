/**
 * The export API the facilitator's console drives: the seed threads as they would go out, export
 * jobs (create, list, progress, run or resume in the background). Facilitator links only. Targets
 * are configured on the server; a browser sees their names and kinds, never their settings.
 */
import type { PhotoStore } from '../photos/photo-store.js';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { seedEditOf } from '../../shared/domain/seed-edits.js';
import type { CafeState } from '../../shared/domain/state.js';
import { titleProblems } from '../../shared/export-api.js';
import { seedThreads, type ThreadGrouping } from '../../shared/harvest/threads.js';
import { realClock, type ExportClock } from '../export/exporter.js';
import type { ExportJob, ExportJobStore, OutcomeRecord, ThreadEdit } from '../export/job-store.js';
import { jobThreads, progressOf, runExportJob, stateAt } from '../export/job.js';
import { exporterFor, publicTarget, type ExportTarget } from '../export/targets.js';
import { threadBody } from '../export/thread-markdown.js';
import { DomainError, type Reception } from '../reception.js';
import type { DeviceLimiters } from '../rate-limits.js';
import { newId } from '../secrets.js';
import type { CafeStore } from '../store/store.js';
import { bearerLink } from './bearer-link.js';
import { bearer, ErrorBody, Passthrough } from './schemas.js';

export interface ExportRouteDeps {
  store: CafeStore;
  jobs: ExportJobStore;
  reception: Reception;
  limiters: DeviceLimiters;
  targets: readonly ExportTarget[];
  clock?: ExportClock;
  /** The tablecloth photos, which go out with their threads. */
  photos?: PhotoStore | null;
  /** How long a run's lease lasts without renewal (60 s); a job a dead process held is resumed after it. */
  leaseMs?: number;
}

/** What the app does with export jobs besides answering the routes. */
export interface ExportRunner {
  /**
   * Resumes, in the background, every job whose run a stopped or dead process left under way: it
   * runs here as soon as its lease is free or has expired, unless another process takes it first
   * (then this one stands by, and takes over should that one die too). Resolves with their ids.
   */
  resume(): Promise<string[]>;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const Grouping = Type.Union([Type.Literal('theme'), Type.Literal('question'), Type.Literal('table')]);
const ThreadId = Type.String({ minLength: 1, maxLength: 100 });
const CafeParams = Type.Object({ cafeId: Type.String({ maxLength: 64 }) });
const JobParams = Type.Object({ cafeId: Type.String({ maxLength: 64 }), jobId: Type.String({ maxLength: 64 }) });
const CreateExport = Type.Object(
  {
    target: Type.String({ minLength: 1, maxLength: 40 }),
    grouping: Type.Optional(Grouping),
    threadIds: Type.Optional(Type.Union([Type.Array(ThreadId, { maxItems: 1000 }), Type.Null()])),
    edits: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 100 }),
        Type.Object({ title: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), body: Type.Optional(Type.String({ minLength: 1, maxLength: 32_000 })) }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

interface CreateBody {
  target: string;
  grouping?: ThreadGrouping;
  threadIds?: string[] | null;
  edits?: Record<string, ThreadEdit>;
}

/**
 * H17: the facilitator's saved edits of the threads in `grouping` and their choice, as a job
 * keeps them: the chosen ids (null for all) and each edited title and body.
 */
function savedChoice(state: CafeState, grouping: ThreadGrouping, ids: readonly string[]): { threadIds: string[] | null; edits: Record<string, ThreadEdit> } {
  const edits: Record<string, ThreadEdit> = {};
  for (const id of ids) {
    const saved = seedEditOf(state, grouping, id);
    if (!saved || (saved.title === null && saved.body === null)) continue;
    edits[id] = { ...(saved.title === null ? {} : { title: saved.title }), ...(saved.body === null ? {} : { body: saved.body }) };
  }
  const chosen = ids.filter((id) => seedEditOf(state, grouping, id)?.publish ?? true);
  return { threadIds: chosen.length === ids.length ? null : chosen, edits };
}

export async function exportRoutes(app: FastifyInstance, deps: ExportRouteDeps): Promise<ExportRunner> {
  const { store, jobs, reception, limiters, targets } = deps;
  const clock = deps.clock ?? realClock;
  const leaseMs = deps.leaseMs ?? 60_000;
  /** This process's name on the leases it takes. */
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** Runs started by this process, stopped when the server closes (the next run resumes them). */
  const running = new Map<string, { stop: AbortController; done: Promise<unknown> }>();
  /** A job's threads never change (its café is pinned): computed once. */
  const threadsOf = new Map<string, { id: string; title: string }[]>();

  /** Aborted when the server closes: no run starts after it, and waiting resumptions end. */
  const closing = new AbortController();

  app.addHook('onClose', async () => {
    closing.abort();
    for (const run of running.values()) run.stop.abort();
    await Promise.all([...running.values()].map((r) => r.done));
  });

  /** Starts a run in the background if this process can take the job's lease; false when another holds it. */
  async function start(job: ExportJob, target: ExportTarget, retry: boolean): Promise<boolean> {
    if (closing.signal.aborted || running.has(job.jobId)) return false;
    // Taken here so the caller can say whether it runs; the run extends it under the same name.
    if (!(await jobs.takeLease(job.jobId, holder, clock.now(), leaseMs))) return false;
    const stop = new AbortController();
    const done = runExportJob({
      jobs,
      cafes: store,
      exporter: exporterFor(target, clock),
      jobId: job.jobId,
      holder,
      clock,
      leaseMs,
      retryFinal: retry,
      signal: stop.signal,
      photos: deps.photos ?? null,
    })
      .catch((error: unknown) => app.log.error({ jobId: job.jobId, error: error instanceof Error ? error.name : 'error' }, 'export job failed'))
      .finally(() => running.delete(job.jobId));
    running.set(job.jobId, { stop, done });
    return true;
  }

  /** Waits `ms` of real time (the lease's expiry is what it waits for), or less when the server closes. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      closing.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  /** Tries to take over a job left under way until it runs here, is finished elsewhere, or the server closes. */
  async function takeOver(jobId: string): Promise<void> {
    while (!closing.signal.aborted && !running.has(jobId)) {
      const job = await jobs.getJob(jobId);
      if (!job || !(await jobs.runningJobs()).includes(jobId)) return;
      const target = targets.find((t) => t.name === job.target);
      if (!target) {
        app.log.warn({ jobId, target: job.target }, 'export job left under way for a target not configured here: not resumed');
        return;
      }
      if (await start(job, target, false)) return;
      await pause(Math.max(100, Math.floor(leaseMs / 3)));
    }
  }

  /** The facilitator of the café in the path, or a refusal. */
  async function facilitator(request: FastifyRequest): Promise<CafeState> {
    return (await bearerLink(request, { reception, limiters }, 'facilitator')).state;
  }

  async function jobOf(request: FastifyRequest): Promise<ExportJob> {
    const { cafeId, jobId } = request.params as { cafeId: string; jobId: string };
    const job = await jobs.getJob(jobId);
    if (!job || job.cafeId !== cafeId) throw new DomainError('EXPORT_JOB_NOT_FOUND', 'jobId');
    return job;
  }

  async function threads(job: ExportJob) {
    let list = threadsOf.get(job.jobId);
    if (!list) {
      const state = await stateAt(store, job.cafeId, job.pinnedSeq);
      list = state ? jobThreads(state, job).map((t) => ({ id: t.id, title: t.title })) : [];
      threadsOf.set(job.jobId, list);
    }
    return list;
  }

  /**
   * Whether any process runs the job: this one, or one holding an unexpired lease on a job marked
   * under way (a run resumed by another server, or by this one before its own run map knew it).
   */
  async function runsAnywhere(jobId: string): Promise<boolean> {
    if (running.has(jobId)) return true;
    return (await jobs.leaseHeld(jobId, clock.now())) && (await jobs.runningJobs()).includes(jobId);
  }

  async function summary(job: ExportJob, outcomes?: Map<string, OutcomeRecord>) {
    const target = targets.find((t) => t.name === job.target);
    return {
      job,
      target: target ? publicTarget(target) : { name: job.target, kind: null },
      running: await runsAnywhere(job.jobId),
      progress: progressOf(await threads(job), outcomes ?? (await jobs.outcomes(job.jobId))),
    };
  }

  app.get(
    '/api/cafes/:cafeId/threads',
    {
      schema: {
        summary: 'The seed threads as they would go out now (facilitator)',
        description:
          'Each thread with the facilitator\u2019s saved edit applied (`editSeedThread`): `title` and `body` (CommonMark) as they would go out, `publish` (chosen or not), and `generatedTitle`/`generatedBody`, what a reset to the generated text gives.',
        tags: ['export'],
        security: bearer,
        params: CafeParams,
        querystring: Type.Object({ grouping: Type.Optional(Grouping) }, { additionalProperties: false }),
        response: { 200: Type.Object({ seq: Type.Integer(), grouping: Grouping, threads: Type.Array(Passthrough) }), ...errors },
      },
    },
    async (request) => {
      const state = await facilitator(request);
      const grouping = (request.query as { grouping?: ThreadGrouping }).grouping ?? 'theme';
      const threads = seedThreads(state, grouping).map((t) => {
        const saved = seedEditOf(state, grouping, t.id);
        const generatedBody = threadBody(t);
        return { ...t, title: saved?.title ?? t.title, body: saved?.body ?? generatedBody, publish: saved?.publish ?? true, generatedTitle: t.title, generatedBody };
      });
      return { seq: state.seq, grouping, threads };
    },
  );

  app.post(
    '/api/cafes/:cafeId/exports',
    {
      schema: {
        summary: 'Create an export of the harvest as it is now (facilitator)',
        description:
          'To a target configured on the server, by theme (default), question or table; all threads or the chosen ones, with edited titles and bodies. Without `threadIds` or `edits` the café\u2019s saved choice and edits (`editSeedThread`) are used. Run it with `POST …/exports/:jobId/run`.',
        tags: ['export'],
        security: bearer,
        params: CafeParams,
        body: CreateExport,
        response: { 201: Passthrough, ...errors },
      },
    },
    async (request, reply) => {
      const state = await facilitator(request);
      const body = request.body as CreateBody;
      if (!targets.some((t) => t.name === body.target)) throw new DomainError('EXPORT_TARGET_UNKNOWN', 'target');
      const grouping = body.grouping ?? 'theme';
      const ids = seedThreads(state, grouping).map((t) => t.id);
      const known = new Set(ids);
      // What the body leaves out comes from the café's saved edits and choice (H17), so every target gets the same.
      const saved = savedChoice(state, grouping, ids);
      const threadIds = body.threadIds === undefined ? saved.threadIds : body.threadIds;
      threadIds?.forEach((id, i) => {
        if (!known.has(id)) throw new DomainError('EXPORT_THREAD_NOT_FOUND', `threadIds.${i}`);
      });
      // A title goes out trimmed, as the console shows it.
      const edits = Object.fromEntries(Object.entries(body.edits ?? saved.edits).map(([id, e]) => [id, e.title === undefined ? e : { ...e, title: e.title.trim() }]));
      for (const id of Object.keys(edits)) if (!known.has(id)) throw new DomainError('EXPORT_THREAD_NOT_FOUND', `edits.${id}`);
      const job: ExportJob = { jobId: newId(), cafeId: state.id, target: body.target, grouping, pinnedSeq: state.seq, threadIds, edits, createdAt: clock.now() };
      // The titles as they would go out, edited or not: every target needs them long enough and distinct.
      const [badTitle] = titleProblems(jobThreads(state, job));
      if (badTitle) throw new DomainError('EXPORT_TITLE_INVALID', Object.hasOwn(edits, badTitle[0]) ? `edits.${badTitle[0]}.title` : 'edits');
      if ((await jobs.createJob(job)) !== 'created') throw new DomainError('INTERNAL');
      return reply.code(201).send(await summary(job, new Map()));
    },
  );

  app.get(
    '/api/cafes/:cafeId/exports',
    {
      schema: {
        summary: 'The café\u2019s exports with their progress (facilitator)',
        tags: ['export'],
        security: bearer,
        params: CafeParams,
        response: { 200: Type.Object({ targets: Type.Array(Passthrough), exports: Type.Array(Passthrough) }), ...errors },
      },
    },
    async (request) => {
      const state = await facilitator(request);
      const list = await jobs.listJobs(state.id);
      return { targets: targets.map(publicTarget), exports: await Promise.all(list.map((job) => summary(job))) };
    },
  );

  app.get(
    '/api/cafes/:cafeId/exports/:jobId',
    {
      schema: {
        summary: 'One export: progress and each thread\u2019s outcome with its reason (facilitator)',
        tags: ['export'],
        security: bearer,
        params: JobParams,
        response: { 200: Passthrough, ...errors },
      },
    },
    async (request) => {
      await facilitator(request);
      const job = await jobOf(request);
      const outcomes = await jobs.outcomes(job.jobId);
      const list = (await threads(job)).map((t) => ({ threadId: t.id, title: t.title, outcome: outcomes.get(t.id) ?? null }));
      return { ...(await summary(job, outcomes)), threads: list };
    },
  );

  app.post(
    '/api/cafes/:cafeId/exports/:jobId/run',
    {
      schema: {
        summary: 'Start or resume an export in the background (facilitator)',
        description: 'Publishes the threads without an outcome and those whose failure may pass; with `{ "retry": true }` also those whose failure was final. 409 EXPORT_RUNNING while it runs anywhere.',
        tags: ['export'],
        security: bearer,
        params: JobParams,
        response: { 202: Passthrough, ...errors },
      },
    },
    async (request, reply) => {
      await facilitator(request);
      // No body, `{}` or `{ "retry": true|false }` (checked here: a schema would refuse an empty POST).
      const body = request.body ?? {};
      const keys = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
      const retry = (body as { retry?: unknown }).retry;
      if (keys === null || keys.some((k) => k !== 'retry') || (retry !== undefined && typeof retry !== 'boolean')) throw new DomainError('INVALID_PAYLOAD', 'retry');
      const job = await jobOf(request);
      const target = targets.find((t) => t.name === job.target);
      if (!target) throw new DomainError('EXPORT_TARGET_UNKNOWN', 'target');
      if (!(await start(job, target, retry === true))) throw new DomainError('EXPORT_RUNNING');
      return reply.code(202).send(await summary(job));
    },
  );

  return {
    async resume() {
      const ids = await jobs.runningJobs();
      for (const jobId of ids) {
        void takeOver(jobId).catch((error: unknown) => app.log.error({ jobId, error: error instanceof Error ? error.name : 'error' }, 'export job not resumed'));
      }
      return ids;
    },
  };
}
