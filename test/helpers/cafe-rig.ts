/**
 * A real server on port 0 over a store of either kind, with its files where a test can read them:
 * the SQLite database (and its -wal and -shm), the photo directory, and the Redis prefix. For the
 * tests that delete a café and search what is left, and those that move a café by its archive.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { fanOutStreamPart } from '../../server/cafes/fanout-stream.js';
import { buildApp, type App, type AppComponents } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { FilePhotoStore } from '../../server/photos/photo-store.js';
import { RedisStore } from '../../server/store/redis-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { redisInvitations } from '../../server/store/redis-invitations.js';
import { openSqliteInvitations } from '../../server/store/sqlite-invitations.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface CafeRig extends App {
  url: string;
  store: SqliteStore | RedisStore;
  /** The SQLite database file (null on Redis). */
  dbPath: string | null;
  photoDir: string;
  /** Where the rig's export target ('folder', kind files) writes. */
  exportDir: string;
  /** The Redis key prefix (null on SQLite). */
  prefix: string | null;
  close(): Promise<void>;
}

export interface RigOptions {
  kind: 'sqlite' | 'redis';
  /** On Redis: share this prefix (and fan-out stream) with another rig, as two processes would. */
  shared?: { prefix: string; photoDir: string };
  /** More components (e.g. an ARCHIVE_IMPORT_TOKEN). */
  components?: Partial<AppComponents>;
}

export async function startRig(options: RigOptions): Promise<CafeRig> {
  const dir = mkdtempSync(join(tmpdir(), 'tablecloth-rig-'));
  const photoDir = options.shared?.photoDir ?? join(dir, 'photos');
  let store: SqliteStore | RedisStore;
  let dbPath: string | null = null;
  let prefix: string | null = null;
  let pub: ReturnType<typeof createClient> | null = null;
  let adapter: AppComponents['adapter'];
  let invitations: AppComponents['invitations'];
  let closeInvitations = (): void => undefined;
  if (options.kind === 'sqlite') {
    dbPath = join(dir, 'tablecloth.db');
    store = SqliteStore.open(dbPath);
    const own = openSqliteInvitations(dbPath);
    invitations = own;
    closeInvitations = () => own.close();
  } else {
    prefix = options.shared?.prefix ?? `tablecloth-test:${randomUUID()}:`;
    store = await RedisStore.connect(REDIS_URL, { prefix });
    pub = createClient({ url: REDIS_URL });
    pub.on('error', () => undefined);
    await pub.connect();
    invitations = redisInvitations(pub, prefix);
    adapter = createAdapter(pub, { streamName: `${prefix}socket.io`, channelPrefix: prefix, blockTimeInMs: 500 });
  }
  const built = await buildApp({
    store,
    clock: new ManualClock(),
    photos: new FilePhotoStore(photoDir),
    exportJobs: store.exportJobs,
    exportTargets: [{ name: 'folder', kind: 'files', settings: { dir: join(dir, 'export') } }],
    adapter,
    invitations,
    cafeParts: pub ? [fanOutStreamPart(pub, `${prefix}socket.io`)] : [],
    ...options.components,
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...built,
    url: `http://127.0.0.1:${port}`,
    store,
    dbPath,
    photoDir,
    exportDir: join(dir, 'export'),
    prefix,
    async close() {
      await built.app.close();
      await built.sequencer.idle();
      if (store instanceof RedisStore && !options.shared) {
        await store.deletePrefix();
        await pub?.del(`${prefix}socket.io`);
      }
      closeInvitations();
      await pub?.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
