/**
 * Deleting a café and everything personal in it (issue 5, "the way back"): the parts kept beside
 * the log (export jobs, invitations, …), then the café in its store (record, join code,
 * credentials, log; scrubbed from the files). Then its sockets are told and disconnected on every
 * process, every process forgets what it held of the café, and the late parts go (photos, the
 * fan-out stream's copies of its messages).
 */
import { randomUUID } from 'node:crypto';
import { wireError } from '../../shared/errors.js';
import type { ExportClock } from '../export/exporter.js';
import type { ExportJobStore } from '../export/job-store.js';
import { DomainError } from '../reception.js';
import type { Sequencer } from '../sequencer.js';
import { ioRoom, type CafeServer } from '../socket/fanout.js';
import type { CafeStore } from '../store/store.js';
import type { CafePart } from './cafe-part.js';

export interface CafeDeletionDeps {
  store: CafeStore;
  sequencer: Sequencer;
  io: CafeServer;
  /** The parts beside the log: export jobs, photos, invitations, the fan-out stream… */
  parts: readonly CafePart[];
  /** Export jobs: a job running now must not write its outcomes into a deleted café. */
  exportJobs: ExportJobStore | null;
  exportClock: ExportClock;
  /** Whether other processes share the café (a cluster adapter): they are told to forget it. */
  clustered: boolean;
}

/** How long the deletion holds the leases of the café's export jobs: no run starts meanwhile. */
const LEASE_MS = 10 * 60_000;

export class CafeDeletion {
  constructor(private readonly deps: CafeDeletionDeps) {
    // Another process deleted a café: drop this process's copy of its state.
    if (deps.clustered) deps.io.on('cafeDeleted', (cafeId: string) => deps.sequencer.forget(cafeId));
  }

  /** Deletes the café; refused with EXPORT_RUNNING while one of its exports runs (nothing deleted then). */
  async delete(cafeId: string): Promise<void> {
    const { store, sequencer, io } = this.deps;
    await this.holdExports(cafeId);
    for (const part of this.deps.parts.filter((p) => !p.late)) await part.deleteCafe(cafeId);
    await store.deleteCafe(cafeId);
    const everyone = ioRoom.all(cafeId);
    io.to(everyone).emit('revoked', wireError('CAFE_DELETED'));
    io.in(everyone).disconnectSockets(true);
    sequencer.forget(cafeId);
    if (this.deps.clustered) io.serverSideEmit('cafeDeleted', cafeId);
    for (const part of this.deps.parts.filter((p) => p.late)) await part.deleteCafe(cafeId);
  }

  /** Takes the lease of every export job of the café, so none runs while it is deleted. */
  private async holdExports(cafeId: string): Promise<void> {
    const jobs = this.deps.exportJobs;
    if (!jobs) return;
    const holder = `deleting:${randomUUID()}`;
    const now = this.deps.exportClock.now();
    const held: string[] = [];
    for (const job of await jobs.listJobs(cafeId)) {
      if (!(await jobs.takeLease(job.jobId, holder, now, LEASE_MS))) {
        for (const jobId of held) await jobs.releaseLease(jobId, holder);
        throw new DomainError('EXPORT_RUNNING');
      }
      held.push(job.jobId);
    }
  }
}
