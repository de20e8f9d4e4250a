/**
 * The invitation store's contract against SQLite (a file, beside a SqliteStore, as the server runs
 * it) and against the Redis on REDIS_URL (default 127.0.0.1:6379) under a random key prefix that is
 * removed afterwards. Plus what only the SQLite file can show: a withdrawn address is not left in it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { redisInvitations } from '../server/store/redis-invitations.js';
import { RedisStore } from '../server/store/redis-store.js';
import { openSqliteInvitations } from '../server/store/sqlite-invitations.js';
import { SqliteStore } from '../server/store/sqlite-store.js';
import { invitationStoreContract } from './invitation-store-contract.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function sqliteFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'tablecloth-invitations-'));
  const path = join(dir, 'tablecloth.db');
  const cafes = SqliteStore.open(path);
  const invitations = openSqliteInvitations(path);
  return {
    dir,
    cafes,
    invitations,
    cleanup: async () => {
      invitations.close();
      await cafes.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

invitationStoreContract('sqlite', async () => sqliteFiles());

invitationStoreContract('redis', async () => {
  const prefix = `tablecloth-test:${randomUUID()}:`;
  const cafes = await RedisStore.connect(REDIS_URL, { prefix });
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  return {
    cafes,
    invitations: redisInvitations(client, prefix),
    cleanup: async () => {
      await cafes.deletePrefix();
      await client.close();
      await cafes.close();
    },
  };
});

describe('the SQLite invitations', () => {
  it('leave no trace of a withdrawn address in the database files', async () => {
    const files = sqliteFiles();
    try {
      const at = 1_780_000_000_000;
      const first = { opId: 'op-1', actor: 'system', at, event: { type: 'rehearsalStarted' as const } };
      await files.cafes.createCafe({ cafeId: 'cafe-1', joinCode: 'CODE01', createdAt: at }, first, []);
      const secret = 'withdrawn.address.7f3a@example.org';
      await files.invitations.put({ cafeId: 'cafe-1', participantId: 'p-1', email: secret, consentAge: 16, consentedAt: at });
      const stored = () => readdirSync(files.dir).map((f) => readFileSync(join(files.dir, f)).toString('latin1')).join('');
      expect(stored()).toContain(secret); // the search can find it while it is there
      await files.invitations.remove('cafe-1', 'p-1');
      await files.cafes.close(); // the last connection to close checkpoints the WAL into the file
      files.invitations.close();
      expect(stored()).not.toContain(secret);
    } finally {
      await files.cleanup();
    }
  });
});
