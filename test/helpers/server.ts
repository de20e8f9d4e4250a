/** A real Tablecloth server on port 0 for tests, with a clock the test can move. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { CafeSetup } from '../../shared/domain/commands.js';
import { buildApp, type App, type AppComponents } from '../../server/app.js';
import { ManualClock, type Clock } from '../../server/clock.js';
import type { CafeLinks } from '../../server/reception.js';
import { FilePhotoStore } from '../../server/photos/photo-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import type { InvitationStore } from '../../server/invitations/invitation-store.js';
import { openSqliteInvitations } from '../../server/store/sqlite-invitations.js';
import type { CafeStore } from '../../server/store/store.js';

export interface TestServer extends App {
  url: string;
  store: CafeStore;
  clock: Clock;
  close(): Promise<void>;
}

export interface ServerOptions {
  store?: CafeStore;
  clock?: Clock;
  /** Fastify's logger option, e.g. `{ level: 'trace', stream }` to capture the request log; none by default. */
  logger?: AppComponents['logger'];
  /** The built faces to serve (see client-build.ts); the API alone by default. */
  clientDir?: string;
  /** Budgets of the rate limits, for a test that must go past the defaults. */
  rateLimits?: AppComponents['rateLimits'];
  /** Other sites' origins allowed (ALLOWED_ORIGINS). */
  allowedOrigins?: AppComponents['allowedOrigins'];
  /** Serve the export routes with the store's export jobs (the store must have them, as SQLite's does), these targets and this clock. */
  exports?: { targets: AppComponents['exportTargets']; clock?: AppComponents['exportClock'] };
  /** The invitation store; by default one in the test's own SQLite file (none with a store passed in). */
  invitations?: InvitationStore;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  let dir: string | null = null;
  let store = options.store;
  if (!store) {
    dir = mkdtempSync(joinPath(tmpdir(), 'tablecloth-test-'));
    store = SqliteStore.open(joinPath(dir, 'test.db'));
  }
  const ownInvitations = dir && !options.invitations ? openSqliteInvitations(joinPath(dir, 'test.db')) : null;
  const invitations = options.invitations ?? ownInvitations ?? undefined;
  const clock = options.clock ?? new ManualClock();
  // Photos always in a directory of the test's own, removed at close.
  const photoDir = mkdtempSync(joinPath(tmpdir(), 'tablecloth-photos-'));
  const built = await buildApp({
    store,
    clock,
    photos: new FilePhotoStore(photoDir),
    logger: options.logger ?? false,
    clientDir: options.clientDir ?? null,
    rateLimits: options.rateLimits,
    allowedOrigins: options.allowedOrigins,
    invitations,
    ...(options.exports
      ? { exportJobs: (store as CafeStore & Pick<SqliteStore, 'exportJobs'>).exportJobs, exportTargets: options.exports.targets, exportClock: options.exports.clock }
      : {}),
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    ...built,
    url,
    store,
    clock,
    async close() {
      await built.app.close();
      await built.sequencer.idle();
      rmSync(photoDir, { recursive: true, force: true });
      ownInvitations?.close();
      if (dir) {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export const defaultSetup: CafeSetup = {
  title: 'Network meeting of the ministry',
  language: 'en',
  stakeholderGroups: ['teachers', 'students', 'parents', 'administration', 'universities', 'unions'],
  travelMs: 5 * 60_000,
  tables: 3,
  rounds: [
    { question: 'What makes learning matter?', durationMs: 20 * 60_000 },
    { question: 'What would we change first?', durationMs: 20 * 60_000 },
    { question: 'What will you do on Monday?', durationMs: 20 * 60_000, returnHome: true },
  ],
};

export async function createCafe(server: { url: string }, setup: CafeSetup = defaultSetup): Promise<CafeLinks> {
  const response = await fetch(`${server.url}/api/cafes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setup),
  });
  if (response.status !== 201) throw new Error(`create café: ${response.status} ${await response.text()}`);
  return (await response.json()) as CafeLinks;
}

/** The secret in a link's #fragment. */
export function secretOf(link: string | null): string {
  if (!link) throw new Error('no link');
  return new URL(link).hash.slice(1);
}

export async function joinCafe(
  server: { url: string },
  links: CafeLinks,
  body: { tableId?: string; displayName?: string | null; group?: string | null; consent?: { publish: boolean; showName: boolean } } = {},
): Promise<{ cafeId: string; participantId: string; secret: string }> {
  const response = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: links.joinCode, consent: { publish: true, showName: true }, ...body }),
  });
  if (response.status !== 201) throw new Error(`join: ${response.status} ${await response.text()}`);
  return (await response.json()) as { cafeId: string; participantId: string; secret: string };
}
