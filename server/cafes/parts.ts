/**
 * The parts of a café that buildApp lists from its components: export jobs, photos, invitations.
 * Each deletes, archives, checks and restores its own records (server/cafes/cafe-part.ts).
 */
import type { ExportJob, ExportJobStore, OutcomeRecord } from '../export/job-store.js';
import type { Invitation, InvitationStore } from '../invitations/invitation-store.js';
import { checkJpeg } from '../photos/jpeg.js';
import type { PhotoStore } from '../photos/photo-store.js';
import { DomainError } from '../reception.js';
import type { CafePart } from './cafe-part.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface ArchivedJob {
  job: ExportJob;
  outcomes: Record<string, OutcomeRecord>;
  /** Threads with an unsettled intent (a send that may have happened): they stay in doubt on the new server. */
  intents: string[];
}

export function exportJobsPart(jobs: ExportJobStore): CafePart {
  return {
    name: 'exportJob',
    deleteCafe: (cafeId) => jobs.deleteCafe(cafeId),
    async *archive(cafeId) {
      for (const job of await jobs.listJobs(cafeId)) {
        const outcomes = await jobs.outcomes(job.jobId);
        const threads = new Set([...(job.threadIds ?? []), ...Object.keys(job.edits), ...outcomes.keys()]);
        const intents: string[] = [];
        for (const threadId of threads) if (await jobs.hadIntent(job.jobId, threadId)) intents.push(threadId);
        yield { job, outcomes: Object.fromEntries(outcomes), intents } satisfies ArchivedJob;
      }
    },
    check(record, cafeId) {
      if (!isObject(record) || !isObject(record.job) || !isObject(record.outcomes) || !Array.isArray(record.intents)) return false;
      const job = record.job;
      return job.cafeId === cafeId && typeof job.jobId === 'string' && typeof job.target === 'string' && typeof job.pinnedSeq === 'number' &&
        Object.values(record.outcomes).every((o) => isObject(o) && typeof o.status === 'string') && record.intents.every((t) => typeof t === 'string');
    },
    async restore(_cafeId, records) {
      for (const { job, outcomes, intents } of records as ArchivedJob[]) {
        await jobs.createJob(job);
        // What the new server did since a first import (a run there) is kept: only what it lacks is added.
        const known = await jobs.outcomes(job.jobId);
        for (const [threadId, outcome] of Object.entries(outcomes)) if (!known.has(threadId)) await jobs.putOutcome(job.jobId, threadId, outcome);
        for (const threadId of intents) if (!known.has(threadId)) await jobs.recordIntent(job.jobId, threadId);
      }
    },
  };
}

export function photosPart(photos: PhotoStore): CafePart {
  return {
    name: 'photo',
    late: true,
    deleteCafe: (cafeId) => photos.removeCafe(cafeId),
    async *archive(cafeId, state) {
      for (const id of Object.keys(state.photos)) {
        const bytes = await photos.get(cafeId, id);
        if (bytes) yield { id, data: Buffer.from(bytes).toString('base64') };
      }
    },
    check(record, _cafeId, state) {
      if (!isObject(record) || typeof record.id !== 'string' || !state.photos[record.id] || typeof record.data !== 'string') return false;
      return checkJpeg(Buffer.from(record.data, 'base64')) !== null;
    },
    async restore(cafeId, records) {
      for (const { id, data } of records as { id: string; data: string }[]) {
        // Other bytes under the same id: not this café's archive of its photo.
        if ((await photos.put(cafeId, id, Buffer.from(data, 'base64'))) === 'different') throw new DomainError('ARCHIVE_CONFLICT', 'photo');
      }
    },
  };
}

export function invitationsPart(invitations: InvitationStore): CafePart {
  return {
    name: 'invitation',
    deleteCafe: (cafeId) => invitations.deleteCafe(cafeId),
    async *archive(cafeId) {
      yield* await invitations.listForCafe(cafeId);
    },
    check(record, cafeId, state) {
      return isObject(record) && record.cafeId === cafeId && typeof record.participantId === 'string' && state.participants[record.participantId] !== undefined &&
        typeof record.email === 'string' && typeof record.consentAge === 'number' && typeof record.consentedAt === 'number';
    },
    async restore(_cafeId, records) {
      await invitations.restore(records as Invitation[]);
    },
  };
}
