/**
 * Invitations in the embedded store (the InvitationStore port of
 * server/invitations/invitation-store.ts): a table in the SqliteStore's file, on a connection of
 * its own, so the café store stays as it is and the addresses have one owner. Rows are deleted,
 * never flagged, and with `secure_delete` SQLite overwrites a deleted row's bytes in its page, so
 * a withdrawn address cannot be read back from the file.
 */
import Database from 'better-sqlite3';
import type { Invitation, InvitationStore } from '../invitations/invitation-store.js';

/** Created if missing, beside the SqliteStore's tables (its schema version is not involved). */
export const INVITATIONS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS invitations (
    cafe_id        TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    email          TEXT NOT NULL,
    consent_age    INTEGER NOT NULL,
    consented_at   INTEGER NOT NULL,
    PRIMARY KEY (cafe_id, participant_id)
  ) WITHOUT ROWID;
`;

interface Row { cafe_id: string; participant_id: string; email: string; consent_age: number; consented_at: number }

const toInvitation = (r: Row): Invitation =>
  ({ cafeId: r.cafe_id, participantId: r.participant_id, email: r.email, consentAge: r.consent_age, consentedAt: r.consented_at });

export interface SqliteInvitationStore extends InvitationStore {
  close(): void;
}

/**
 * Opens the invitations of the database at `path`, which the SqliteStore opened first (its
 * `cafes` table says which cafés exist). Same durability settings as the SqliteStore.
 */
export function openSqliteInvitations(path: string): SqliteInvitationStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.exec(INVITATIONS_SCHEMA);

  const stmt = {
    cafeExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM cafes WHERE cafe_id = ?'),
    exists: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM invitations WHERE cafe_id = ? AND participant_id = ?'),
    upsert: db.prepare<[string, string, string, number, number]>(
      `INSERT INTO invitations (cafe_id, participant_id, email, consent_age, consented_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (cafe_id, participant_id) DO UPDATE SET email = excluded.email, consent_age = excluded.consent_age, consented_at = excluded.consented_at`),
    get: db.prepare<[string, string], Row>('SELECT * FROM invitations WHERE cafe_id = ? AND participant_id = ?'),
    remove: db.prepare<[string, string]>('DELETE FROM invitations WHERE cafe_id = ? AND participant_id = ?'),
    list: db.prepare<[string], Row>('SELECT * FROM invitations WHERE cafe_id = ? ORDER BY consented_at, participant_id'),
    deleteCafe: db.prepare<[string]>('DELETE FROM invitations WHERE cafe_id = ?'),
  };
  const upsert = (i: Invitation): void => {
    if (!stmt.cafeExists.get(i.cafeId)) throw new Error(`invitation for an unknown café ${i.cafeId}`);
    stmt.upsert.run(i.cafeId, i.participantId, i.email, i.consentAge, i.consentedAt);
  };
  const putTx = db.transaction((i: Invitation): 'created' | 'replaced' => {
    const existed = stmt.exists.get(i.cafeId, i.participantId) !== undefined;
    upsert(i);
    return existed ? 'replaced' : 'created';
  });
  const restoreTx = db.transaction((rows: readonly Invitation[]) => rows.forEach(upsert));

  return {
    async put(invitation) {
      return putTx.immediate(invitation);
    },
    async get(cafeId, participantId) {
      const row = stmt.get.get(cafeId, participantId);
      return row ? toInvitation(row) : null;
    },
    async remove(cafeId, participantId) {
      return stmt.remove.run(cafeId, participantId).changes > 0;
    },
    async listForCafe(cafeId) {
      return stmt.list.all(cafeId).map(toInvitation);
    },
    async deleteCafe(cafeId) {
      return stmt.deleteCafe.run(cafeId).changes;
    },
    async restore(rows) {
      restoreTx.immediate(rows);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
