/**
 * The storage port. The embedded SQLite store and the Redis store implement it and both pass
 * test/store-contract.ts. Appending is the atomic step of the sequencer: the duplicate check on
 * the operation id, the check that nobody appended since the state was read (compare-and-set on
 * the head) and the write happen together or not at all.
 */
import type { LogEntry } from '../../shared/domain/events.js';

export interface CafeRecord {
  cafeId: string;
  /** The short code participants type; unique among cafés. */
  joinCode: string;
  createdAt: number;
}

export interface CredentialRecord {
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  secretHash: string;
  cafeId: string;
  linkId: string;
  /** Facilitator links only: the café's link key wrapped with this link's secret (see server/secrets.ts). */
  wrappedKey: string | null;
}

export type NewEntry = Omit<LogEntry, 'seq'>;

export type AppendResult =
  | { status: 'appended'; seq: number }
  /** An entry with this operation id exists in this café: nothing was written. */
  | { status: 'duplicate'; entry: LogEntry }
  /** Someone appended after `expectedHead`: nothing was written; read and decide again. */
  | { status: 'conflict'; head: number };

export type CreateResult = 'created' | 'id_taken' | 'code_taken';

/** `conflict`: the café's head is not `expectedHead`, or it exists with another join code, or (for a new one) its id exists. */
export type ImportResult = 'imported' | 'conflict' | 'code_taken';

export interface CafeStore {
  /** Creates a café with its first entry (sequence 1) and its credentials, all or nothing. */
  createCafe(cafe: CafeRecord, first: NewEntry, credentials: CredentialRecord[]): Promise<CreateResult>;
  getCafe(cafeId: string): Promise<CafeRecord | null>;
  findCafeByJoinCode(joinCode: string): Promise<CafeRecord | null>;
  addCredential(credential: CredentialRecord): Promise<void>;
  findCredential(secretHash: string): Promise<CredentialRecord | null>;
  /** Appends `entry` as sequence `expectedHead + 1`, atomically with the duplicate and head checks. Durable when it resolves. */
  append(cafeId: string, expectedHead: number, entry: NewEntry): Promise<AppendResult>;
  findByOpId(cafeId: string, opId: string): Promise<LogEntry | null>;
  /** Entries with sequence > `since`, in order, at most `limit`. */
  readSince(cafeId: string, since: number, limit?: number): Promise<LogEntry[]>;
  /** The sequence number of the last entry (0 for an unknown café). */
  head(cafeId: string): Promise<number>;
  /**
   * Removes the café and everything of it this port keeps (record, join code, credentials, log),
   * so that none of its text can be read back from the store's files or keys; nothing for an
   * unknown café. Parts kept elsewhere (photos, export jobs, invitations) have their own `deleteCafe`.
   */
  deleteCafe(cafeId: string): Promise<void>;
  /**
   * Writes entries of an archived café in one step, all or nothing (server/archive): with
   * `expectedHead` 0 the café is created with them (its id and join code must be free); otherwise
   * the café must exist with the same join code and that head, and they are appended after it.
   * Credentials not yet stored are added. `entries` carry their sequence numbers, contiguous.
   */
  importCafe(cafe: CafeRecord, expectedHead: number, entries: LogEntry[], credentials: CredentialRecord[]): Promise<ImportResult>;
  /** Every credential of the café (for its archive: hashes and wrapped keys, never a secret). */
  credentialsOf(cafeId: string): Promise<CredentialRecord[]>;
  /** Resolves when the store answers; rejects otherwise (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
