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
  /** Resolves when the store answers; rejects otherwise (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
