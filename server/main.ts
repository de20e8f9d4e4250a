/**
 * Runs a café server: reads the configuration, opens the store, listens, prints the links a
 * facilitator needs, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { buildApp } from './app.js';
import { fanOutStreamPart } from './cafes/fanout-stream.js';
import { ConfigError, readConfig, type Config } from './config.js';
import { loadExportTargets, type ExportTarget } from './export/targets.js';
import { FilePhotoStore } from './photos/photo-store.js';
import type { InvitationStore } from './invitations/invitation-store.js';
import { redisInvitations } from './store/redis-invitations.js';
import { RedisStore } from './store/redis-store.js';
import { openSqliteInvitations } from './store/sqlite-invitations.js';
import { SqliteStore } from './store/sqlite-store.js';

/** The Redis stream through which the processes fan out (the streams adapter's). */
const FAN_OUT_STREAM = 'tablecloth:socket.io';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The addresses phones on the venue network can reach this laptop by. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

/** A Redis URL fit to print: the password (and a user name) replaced by `***`. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username) parsed.username = '***';
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

function linksBanner(config: Config, port: number): string {
  const lines = ['', 'Tablecloth is running.'];
  if (config.publicUrl) {
    lines.push(`  Open: ${config.publicUrl}/`);
  } else {
    lines.push(`  On this laptop:        http://localhost:${port}/`);
    // Only an address on every interface is reachable from phones.
    const everywhere = config.host === '0.0.0.0' || config.host === '::';
    for (const address of everywhere ? lanAddresses() : []) lines.push(`  On the venue network:  http://${address}:${port}/`);
    if (!everywhere) lines.push(`  Listening on ${config.host} only: phones cannot reach it unless that is a network address.`);
    lines.push('  Links and QR codes use the venue address above (set PUBLIC_URL to choose another).');
  }
  lines.push(`  API documentation:     http://localhost:${port}/docs`, config.redisUrl ? `  Store: Redis at ${redactedUrl(config.redisUrl)}` : `  Data: ${resolve(config.dataDir)}`, '  Stop with Ctrl+C.', '');
  return lines.join('\n');
}

function fail(message: string): never {
  console.error(`Tablecloth cannot start: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let exportTargets: ExportTarget[];
  try {
    exportTargets = loadExportTargets(config.exportTargetsFile);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let store: SqliteStore | RedisStore;
  /** The connection the Socket.IO adapter publishes on (Redis only); closed after the app. */
  let adapterClient: ReturnType<typeof createClient> | null = null;
  /** The connection rate limits count on (Redis only); closed after the app. */
  let limitsClient: ReturnType<typeof createClient> | null = null;
  let adapter: Parameters<typeof buildApp>[0]['adapter'];
  /** E-mail addresses for invitations, beside the café store (server/invitations/). */
  let invitations: InvitationStore;
  let closeInvitations = (): void => undefined;
  if (config.redisUrl) {
    const where = redactedUrl(config.redisUrl);
    try {
      store = await RedisStore.connect(config.redisUrl, { onError: (err) => console.error(`Redis (store): ${err.message}`) });
      const client = createClient({ url: config.redisUrl });
      client.on('error', (err: Error) => console.error(`Redis (fan-out): ${err.message}`));
      adapterClient = await client.connect();
      adapter = createAdapter(adapterClient, { streamName: FAN_OUT_STREAM });
      // Not the adapter's connection: that one queues commands while Redis is away (its stream
      // reader must wait there, not spin), which would hold every operation at its rate check.
      // This one fails at once; the limits are then skipped and the store says STORE_UNAVAILABLE.
      const limits = createClient({ url: config.redisUrl, disableOfflineQueue: true });
      limits.on('error', (err: Error) => console.error(`Redis (rate limits): ${err.message}`));
      limitsClient = await limits.connect();
      // The invitations fail at once too while Redis is away, on the same connection.
      invitations = redisInvitations(limitsClient, 'tablecloth:');
    } catch (error) {
      fail(`REDIS_URL: cannot connect to Redis at ${where}: ${error instanceof Error ? error.message : error}`);
    }
  } else {
    try {
      store = SqliteStore.open(join(config.dataDir, 'tablecloth.db'));
      const sqliteInvitations = openSqliteInvitations(join(config.dataDir, 'tablecloth.db'));
      invitations = sqliteInvitations;
      closeInvitations = () => sqliteInvitations.close();
    } catch (error) {
      fail(`DATA_DIR: cannot open the store in "${resolve(config.dataDir)}": ${error instanceof Error ? error.message : error}`);
    }
  }
  let venueUrl: string | null = null;
  const { app, sequencer, rotation, resumeExports } = await buildApp({
    store,
    publicUrl: config.publicUrl,
    venueUrl: () => venueUrl,
    logger: { level: config.logLevel },
    clientDir: join(projectRoot, 'dist', 'client'),
    adapter,
    allowedOrigins: config.allowedOrigins,
    // Rate limits are counted in the same Redis, so every process counts a device together.
    rateLimitRedis: limitsClient ? { client: limitsClient, prefix: 'tablecloth:rate:' } : undefined,
    photos: new FilePhotoStore(config.photoDir),
    exportJobs: store.exportJobs,
    exportTargets,
    invitations,
    // A deleted café's messages are removed from the fan-out stream too (server/cafes/fanout-stream.ts).
    cafeParts: adapterClient ? [fanOutStreamPart(adapterClient, FAN_OUT_STREAM)] : [],
    archiveImportToken: config.archiveImportToken,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close(); // stop accepting, disconnect sockets
      await rotation.idle(); // a rotation plan being made is recorded before the store closes
      await sequencer.idle(); // finish the writes in progress
      await adapterClient?.close(); // after Socket.IO, which closed the adapter
      await limitsClient?.close();
      closeInvitations();
      await store.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`PORT: port ${config.port} is already in use (is Tablecloth already running?)`);
    if (code === 'EACCES') fail(`PORT: port ${config.port} needs privileges; use a port above 1023`);
    if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL' || code === 'EAI_AGAIN') fail(`HOST: cannot listen on "${config.host}" (${code})`);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lan = config.host === '0.0.0.0' || config.host === '::' ? lanAddresses() : [];
  venueUrl = lan[0] ? `http://${lan[0]}:${port}` : null;
  console.log(linksBanner(config, port));
  // Tests and scripts read this line to find the port when PORT=0.
  console.log(`listening on port ${port}`);
  // The café's work does not wait for it, nor fail with it: a job not resumed now waits for a person's "run".
  resumeExports().then(
    (jobs) => jobs.length > 0 && app.log.info({ jobs }, 'resuming export jobs left under way'),
    (error: unknown) => app.log.error({ error: error instanceof Error ? error.message : 'error' }, 'export jobs left under way were not resumed'),
  );
}

main().catch((error) => {
  console.error('Tablecloth cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
