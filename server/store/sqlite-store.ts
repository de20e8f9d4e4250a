import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry } from '../../shared/domain/events.js';
import type { ExportJobStore } from '../export/job-store.js';
import { deleteExportJobsOf, EXPORT_JOBS_RUNNING, EXPORT_JOBS_SCHEMA, sqliteExportJobs } from './sqlite-export-jobs.js';
import type { AppendResult, CafeRecord, CafeStore, CreateResult, CredentialRecord, ImportResult, NewEntry } from './store.js';

/** Bumped with every schema change; `migrate` brings an older file up to it. */
const SCHEMA_VERSION = 3;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE cafes (
      cafe_id    TEXT PRIMARY KEY,
      join_code  TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE credentials (
      secret_hash TEXT PRIMARY KEY,
      cafe_id     TEXT NOT NULL REFERENCES cafes(cafe_id),
      link_id     TEXT NOT NULL,
      wrapped_key TEXT
    );
    CREATE TABLE log (
      cafe_id TEXT NOT NULL REFERENCES cafes(cafe_id),
      seq     INTEGER NOT NULL,
      op_id   TEXT NOT NULL,
      actor   TEXT NOT NULL,
      at      INTEGER NOT NULL,
      event   TEXT NOT NULL,
      digest  TEXT,
      PRIMARY KEY (cafe_id, seq),
      UNIQUE (cafe_id, op_id)
    ) WITHOUT ROWID;
  `,
  2: EXPORT_JOBS_SCHEMA,
  3: EXPORT_JOBS_RUNNING,
};

interface CafeRow { cafe_id: string; join_code: string; created_at: number }
interface CredentialRow { secret_hash: string; cafe_id: string; link_id: string; wrapped_key: string | null }
interface LogRow { seq: number; op_id: string; actor: string; at: number; event: string; digest: string | null }

const toCafe = (r: CafeRow): CafeRecord => ({ cafeId: r.cafe_id, joinCode: r.join_code, createdAt: r.created_at });
const toCredential = (r: CredentialRow): CredentialRecord =>
  ({ secretHash: r.secret_hash, cafeId: r.cafe_id, linkId: r.link_id, wrappedKey: r.wrapped_key });
const toEntry = (r: LogRow): LogEntry =>
  r.digest === null
    ? { seq: r.seq, opId: r.op_id, actor: r.actor, at: r.at, event: JSON.parse(r.event) as LogEntry['event'] }
    : { seq: r.seq, opId: r.op_id, actor: r.actor, at: r.at, event: JSON.parse(r.event) as LogEntry['event'], digest: r.digest };

/**
 * The embedded store: one SQLite file, driven synchronously through better-sqlite3.
 *
 * WAL lets readers (catch-up reads, /readyz) run while a writer appends, and makes a commit a
 * single sequential write to the WAL. `synchronous = FULL` fsyncs the WAL at every commit, so an
 * append is on disk before `append` resolves and the client is acknowledged — NORMAL (the usual
 * WAL pairing) could lose the last commits on power loss, which would let an acknowledged
 * operation vanish and its sequence number be handed out again.
 */
export class SqliteStore implements CafeStore {
  private closed = false;
  /** Export jobs, their outcomes, intents and leases, in the same file (server/store/sqlite-export-jobs.ts). */
  readonly exportJobs: ExportJobStore;
  private readonly stmt;
  private readonly appendTx;
  private readonly createTx;
  private readonly deleteTx;
  private readonly importTx;

  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A deleted row's bytes are overwritten with zeros instead of left in a free page or cell,
    // where they stay readable in the file (deleting a café must remove its text, issue 5).
    db.pragma('secure_delete = ON');
    migrate(db);
    this.exportJobs = sqliteExportJobs(db);

    this.stmt = {
      insertCafe: db.prepare<[string, string, number]>('INSERT INTO cafes (cafe_id, join_code, created_at) VALUES (?, ?, ?)'),
      cafeById: db.prepare<[string], CafeRow>('SELECT * FROM cafes WHERE cafe_id = ?'),
      cafeByCode: db.prepare<[string], CafeRow>('SELECT * FROM cafes WHERE join_code = ?'),
      insertCredential: db.prepare<[string, string, string, string | null]>(
        'INSERT INTO credentials (secret_hash, cafe_id, link_id, wrapped_key) VALUES (?, ?, ?, ?)'),
      credential: db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE secret_hash = ?'),
      insertEntry: db.prepare<[string, number, string, string, number, string, string | null]>(
        'INSERT INTO log (cafe_id, seq, op_id, actor, at, event, digest) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      byOpId: db.prepare<[string, string], LogRow>('SELECT seq, op_id, actor, at, event, digest FROM log WHERE cafe_id = ? AND op_id = ?'),
      head: db.prepare<[string], { head: number }>('SELECT COALESCE(MAX(seq), 0) AS head FROM log WHERE cafe_id = ?'),
      since: db.prepare<[string, number, number], LogRow>(
        'SELECT seq, op_id, actor, at, event, digest FROM log WHERE cafe_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?'),
      ping: db.prepare('SELECT 1'),
      credentialsOf: db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE cafe_id = ? ORDER BY link_id, secret_hash'),
      insertMissingCredential: db.prepare<[string, string, string, string | null]>(
        'INSERT OR IGNORE INTO credentials (secret_hash, cafe_id, link_id, wrapped_key) VALUES (?, ?, ?, ?)'),
      deleteLog: db.prepare<[string]>('DELETE FROM log WHERE cafe_id = ?'),
      deleteCredentials: db.prepare<[string]>('DELETE FROM credentials WHERE cafe_id = ?'),
      deleteCafe: db.prepare<[string]>('DELETE FROM cafes WHERE cafe_id = ?'),
    };

    const insertEntry = (cafeId: string, seq: number, e: NewEntry): void => {
      this.stmt.insertEntry.run(cafeId, seq, e.opId, e.actor, e.at, JSON.stringify(e.event), e.digest ?? null);
    };

    this.appendTx = db.transaction((cafeId: string, expectedHead: number, entry: NewEntry): AppendResult => {
      const existing = this.stmt.byOpId.get(cafeId, entry.opId);
      if (existing) return { status: 'duplicate', entry: toEntry(existing) };
      const head = this.stmt.head.get(cafeId)?.head ?? 0;
      if (head !== expectedHead) return { status: 'conflict', head };
      insertEntry(cafeId, expectedHead + 1, entry);
      return { status: 'appended', seq: expectedHead + 1 };
    });

    this.createTx = db.transaction((cafe: CafeRecord, first: NewEntry, credentials: CredentialRecord[]): CreateResult => {
      if (this.stmt.cafeById.get(cafe.cafeId)) return 'id_taken';
      if (this.stmt.cafeByCode.get(cafe.joinCode)) return 'code_taken';
      this.stmt.insertCafe.run(cafe.cafeId, cafe.joinCode, cafe.createdAt);
      for (const c of credentials) this.stmt.insertCredential.run(c.secretHash, c.cafeId, c.linkId, c.wrappedKey);
      insertEntry(cafe.cafeId, 1, first);
      return 'created';
    });

    this.deleteTx = db.transaction((cafeId: string): void => {
      // Export jobs refer to the café (a foreign key): they go in the same step.
      deleteExportJobsOf(db, cafeId);
      this.stmt.deleteLog.run(cafeId);
      this.stmt.deleteCredentials.run(cafeId);
      this.stmt.deleteCafe.run(cafeId);
    });

    this.importTx = db.transaction((cafe: CafeRecord, expectedHead: number, entries: LogEntry[], credentials: CredentialRecord[]): ImportResult => {
      const existing = this.stmt.cafeById.get(cafe.cafeId);
      if (expectedHead === 0) {
        if (existing) return 'conflict';
        if (this.stmt.cafeByCode.get(cafe.joinCode)) return 'code_taken';
        this.stmt.insertCafe.run(cafe.cafeId, cafe.joinCode, cafe.createdAt);
      } else if (!existing || existing.join_code !== cafe.joinCode || (this.stmt.head.get(cafe.cafeId)?.head ?? 0) !== expectedHead) {
        return 'conflict';
      }
      for (const c of credentials) this.stmt.insertMissingCredential.run(c.secretHash, cafe.cafeId, c.linkId, c.wrappedKey);
      for (const e of entries) insertEntry(cafe.cafeId, e.seq, e);
      return 'imported';
    });
  }

  /** Opens (creating if needed) the database at `path`; ':memory:' for a throwaway store. */
  static open(path: string): SqliteStore {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
    return new SqliteStore(new Database(path));
  }

  /** The durability settings as the database reports them (for tests and diagnostics). */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number; userVersion: number } {
    const read = (name: string): unknown => this.db.pragma(name, { simple: true });
    return {
      journalMode: String(read('journal_mode')),
      synchronous: Number(read('synchronous')),
      foreignKeys: Number(read('foreign_keys')),
      busyTimeout: Number(read('busy_timeout')),
      userVersion: Number(read('user_version')),
    };
  }

  async createCafe(cafe: CafeRecord, first: NewEntry, credentials: CredentialRecord[]): Promise<CreateResult> {
    return this.createTx.immediate(cafe, first, credentials);
  }

  async getCafe(cafeId: string): Promise<CafeRecord | null> {
    const row = this.stmt.cafeById.get(cafeId);
    return row ? toCafe(row) : null;
  }

  async findCafeByJoinCode(joinCode: string): Promise<CafeRecord | null> {
    const row = this.stmt.cafeByCode.get(joinCode);
    return row ? toCafe(row) : null;
  }

  async addCredential(c: CredentialRecord): Promise<void> {
    this.stmt.insertCredential.run(c.secretHash, c.cafeId, c.linkId, c.wrappedKey);
  }

  async findCredential(secretHash: string): Promise<CredentialRecord | null> {
    const row = this.stmt.credential.get(secretHash);
    return row ? toCredential(row) : null;
  }

  async append(cafeId: string, expectedHead: number, entry: NewEntry): Promise<AppendResult> {
    return this.appendTx.immediate(cafeId, expectedHead, entry);
  }

  async findByOpId(cafeId: string, opId: string): Promise<LogEntry | null> {
    const row = this.stmt.byOpId.get(cafeId, opId);
    return row ? toEntry(row) : null;
  }

  async readSince(cafeId: string, since: number, limit?: number): Promise<LogEntry[]> {
    // LIMIT -1 means "no limit" in SQLite.
    return this.stmt.since.all(cafeId, since, limit ?? -1).map(toEntry);
  }

  async head(cafeId: string): Promise<number> {
    return this.stmt.head.get(cafeId)?.head ?? 0;
  }

  async ping(): Promise<void> {
    this.stmt.ping.get();
  }

  async credentialsOf(cafeId: string): Promise<CredentialRecord[]> {
    return this.stmt.credentialsOf.all(cafeId).map(toCredential);
  }

  async importCafe(cafe: CafeRecord, expectedHead: number, entries: LogEntry[], credentials: CredentialRecord[]): Promise<ImportResult> {
    return this.importTx.immediate(cafe, expectedHead, entries, credentials);
  }

  async deleteCafe(cafeId: string): Promise<void> {
    this.deleteTx.immediate(cafeId);
    this.scrub();
  }

  /**
   * Makes deleted text unrecoverable from the files, not only from queries. secure_delete zeroed
   * the freed cells, but in WAL mode those zeros are new frames: the main file still holds the old
   * pages and the WAL holds every frame that ever wrote the text. A TRUNCATE checkpoint copies the
   * zeroed pages into the main file and empties the WAL; VACUUM then rebuilds the file without
   * free pages or slack space; VACUUM itself goes through the WAL, so a second checkpoint ends
   * with an empty WAL again. The -shm file holds only the WAL's index, never row content.
   */
  private scrub(): void {
    this.checkpoint();
    this.db.exec('VACUUM');
    this.checkpoint();
  }

  private checkpoint(): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    // Another connection reading (another process on the same file) keeps the WAL: say so, do not pretend.
    if (result && result.busy !== 0) throw new Error('the database is busy: the deleted café may remain in the WAL until the next checkpoint');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Applies the migrations above the file's `user_version`, each in its own transaction. */
function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) throw new Error(`database schema ${current} is newer than this server (${SCHEMA_VERSION})`);
  for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v}`);
    }).immediate();
  }
}
