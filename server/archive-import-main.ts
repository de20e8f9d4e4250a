/**
 * `npm run archive:import -- FILE`: imports a café archive into the store this server's
 * environment names (DATA_DIR, or REDIS_URL; PHOTO_DIR), as POST /api/archives does, for an
 * operator on the server's machine: the shell is the permission, so no ARCHIVE_IMPORT_TOKEN.
 * An entry point like main.ts, so it too reads the environment.
 * Prints the café's id, code and how many entries were added; exits 1 with the refusal's code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { CafeArchives } from './cafes/cafe-archives.js';
import { exportJobsPart, invitationsPart, photosPart } from './cafes/parts.js';
import { systemClock } from './clock.js';
import { readConfig } from './config.js';
import { FilePhotoStore } from './photos/photo-store.js';
import { DomainError } from './reception.js';
import { Sequencer } from './sequencer.js';
import { redisInvitations } from './store/redis-invitations.js';
import { RedisStore } from './store/redis-store.js';
import { openSqliteInvitations } from './store/sqlite-invitations.js';
import { SqliteStore } from './store/sqlite-store.js';

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('usage: npm run archive:import -- tablecloth-CODE-DATE.ndjson.gz');
    return 2;
  }
  const config = readConfig(process.env);
  const bytes = readFileSync(file);
  let close: () => Promise<void>;
  let archives: CafeArchives;
  const photos = photosPart(new FilePhotoStore(config.photoDir));
  if (config.redisUrl) {
    const store = await RedisStore.connect(config.redisUrl);
    const client = await createClient({ url: config.redisUrl }).connect();
    archives = new CafeArchives(store, new Sequencer(store, systemClock), [exportJobsPart(store.exportJobs), invitationsPart(redisInvitations(client, 'tablecloth:')), photos]);
    close = async () => (await client.close(), await store.close());
  } else {
    const path = join(config.dataDir, 'tablecloth.db');
    const store = SqliteStore.open(path);
    const invitations = openSqliteInvitations(path);
    archives = new CafeArchives(store, new Sequencer(store, systemClock), [exportJobsPart(store.exportJobs), invitationsPart(invitations), photos]);
    close = async () => (invitations.close(), await store.close());
  }
  try {
    const result = await archives.import(bytes);
    console.log(`imported café ${result.cafeId} (code ${result.joinCode}): ${result.added} entries added, ${result.head} in all`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(`refused: ${error.code}${error.path ? ` (${error.path})` : ''}`);
    return 1;
  } finally {
    await close();
  }
}

process.exitCode = await main(process.argv[2]);
