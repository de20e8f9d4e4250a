/**
 * A part of a café kept outside its log: export jobs, photos, invitations. Deleting a café deletes
 * every part; its archive carries every part that can archive itself, and an import restores it.
 * buildApp lists the parts from its components, so a new store of café data plugs in here.
 */
import type { CafeState } from '../../shared/domain/state.js';

export interface CafePart {
  /** The part's record type in an archive: stable, since archives written today are read later. */
  readonly name: string;
  /**
   * Deleted after the café itself and after its devices were told (photos; the fan-out stream,
   * which the notice itself passes through); otherwise before the café, since parts may refer to
   * it. For the same reason a late part is restored from an archive before the log, others after.
   */
  readonly late?: boolean;
  /** Removes everything of the café this part keeps; nothing for a café it does not know. */
  deleteCafe(cafeId: string): Promise<unknown>;
  /** The café's records, each a JSON value (for its archive). */
  archive?(cafeId: string, state: CafeState): AsyncIterable<unknown>;
  /** Whether one archived record is well formed and belongs to the café (checked before anything is written). */
  check?(record: unknown, cafeId: string, state: CafeState): boolean;
  /** Writes checked records back; running it again with the same records changes nothing. */
  restore?(cafeId: string, records: unknown[]): Promise<void>;
}
