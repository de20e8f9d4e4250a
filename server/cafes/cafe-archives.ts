/**
 * Writing a café's archive and importing one (server/cafes/archive-format.ts has the format). An
 * import is all or nothing: the archive is read and checked whole before anything is written; a
 * café that exists here must be the same café with a log that is a prefix of the archive's, and
 * then only what follows is added, so importing a newer archive of it again is safe.
 */
import type { LogEntry } from '../../shared/domain/events.js';
import type { CafeState } from '../../shared/domain/state.js';
import { DomainError } from '../reception.js';
import type { Sequencer } from '../sequencer.js';
import type { CafeStore } from '../store/store.js';
import { archiveLines, readArchive, stateDigest, type Archive } from './archive-format.js';
import type { CafePart } from './cafe-part.js';

export interface ImportResult {
  cafeId: string;
  joinCode: string;
  /** Entries added here (0 when the café was already as complete as the archive). */
  added: number;
  head: number;
}

/** The largest archive taken, unzipped (photos make most of it): 256 MiB. */
export const ARCHIVE_MAX_BYTES = 256 * 1024 * 1024;

const sameEntry = (a: LogEntry, b: LogEntry): boolean =>
  a.seq === b.seq && a.opId === b.opId && a.actor === b.actor && a.at === b.at && JSON.stringify(a.event) === JSON.stringify(b.event);

export class CafeArchives {
  constructor(
    private readonly store: CafeStore,
    private readonly sequencer: Sequencer,
    private readonly parts: readonly CafePart[],
    private readonly maxBytes = ARCHIVE_MAX_BYTES,
  ) {}

  /** The archive's lines (gzip them as they are sent): the café as of its state now. */
  lines(cafeId: string, state: CafeState): AsyncGenerator<string> {
    const { store, parts } = this;
    const cafe = store.getCafe(cafeId);
    async function* body() {
      for (const c of await store.credentialsOf(cafeId)) yield { type: 'credential', linkId: c.linkId, secretHash: c.secretHash, wrappedKey: c.wrappedKey };
      for (const entry of await store.readSince(cafeId, 0, state.seq)) yield { type: 'entry', ...entry };
      for (const part of parts) {
        if (!part.archive) continue;
        for await (const record of part.archive(cafeId, state)) yield { type: 'part', part: part.name, record };
      }
    }
    return (async function* () {
      const record = await cafe;
      if (!record) throw new DomainError('CAFE_NOT_FOUND');
      yield* archiveLines({ type: 'archive', version: 1, cafe: record, head: state.seq, state: stateDigest(state) }, body());
    })();
  }

  async import(gzipped: Uint8Array): Promise<ImportResult> {
    const archive = readArchive(gzipped, this.maxBytes);
    const byPart = this.checkParts(archive);
    const { cafe, entries } = archive;
    const existing = await this.store.getCafe(cafe.cafeId);
    let head = 0;
    if (existing) {
      if (existing.joinCode !== cafe.joinCode) throw new DomainError('ARCHIVE_CONFLICT', 'joinCode');
      const here = await this.store.readSince(cafe.cafeId, 0);
      if (here.length > entries.length || here.some((e, i) => !sameEntry(e, entries[i]!))) throw new DomainError('ARCHIVE_CONFLICT', 'log');
      head = here.length;
    }
    const restore = async (late: boolean) => {
      for (const part of this.parts) if ((part.late ?? false) === late && part.restore) await part.restore(cafe.cafeId, byPart.get(part.name) ?? []);
    };
    let created = false;
    try {
      await restore(true);
      const written = await this.store.importCafe(cafe, head, entries.slice(head), archive.credentials);
      if (written !== 'imported') throw new DomainError('ARCHIVE_CONFLICT', written === 'code_taken' ? 'joinCode' : 'log');
      created = !existing;
      await restore(false);
    } catch (error) {
      // A café new here goes again whole (its photos too), so that a failed import leaves nothing behind.
      if (!existing) for (const part of this.parts) if (part.late || created) await part.deleteCafe(cafe.cafeId);
      if (created) await this.store.deleteCafe(cafe.cafeId);
      throw error;
    }
    this.sequencer.forget(cafe.cafeId);
    return { cafeId: cafe.cafeId, joinCode: cafe.joinCode, added: entries.length - head, head: entries.length };
  }

  /** Every part record checked by its part before anything is written; a part this server lacks refuses the archive. */
  private checkParts(archive: Archive): Map<string, unknown[]> {
    const byPart = new Map<string, unknown[]>();
    for (const { part: name, record } of archive.parts) {
      const part = this.parts.find((p) => p.name === name);
      if (!part?.restore || !part.check?.(record, archive.cafe.cafeId, archive.state)) throw new DomainError('ARCHIVE_INVALID', `part ${name}`);
      byPart.set(name, [...(byPart.get(name) ?? []), record]);
    }
    return byPart;
  }
}
