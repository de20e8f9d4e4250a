/**
 * Runs a café server: reads the configuration, opens the store, listens, prints the links a
 * facilitator needs, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { ConfigError, readConfig, type Config } from './config.js';
import { SqliteStore } from './store/sqlite-store.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The addresses phones on the venue network can reach this laptop by. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
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
  lines.push(`  API documentation:     http://localhost:${port}/docs`, `  Data: ${resolve(config.dataDir)}`, '  Stop with Ctrl+C.', '');
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
  if (config.redisUrl) fail('REDIS_URL: the Redis store is not part of this version yet; unset REDIS_URL to use the embedded store.');

  let store: SqliteStore;
  try {
    store = SqliteStore.open(join(config.dataDir, 'tablecloth.db'));
  } catch (error) {
    fail(`DATA_DIR: cannot open the store in "${resolve(config.dataDir)}": ${error instanceof Error ? error.message : error}`);
  }
  let venueUrl: string | null = null;
  const { app, sequencer } = await buildApp({
    store,
    publicUrl: config.publicUrl,
    venueUrl: () => venueUrl,
    logger: { level: config.logLevel },
    clientDir: join(projectRoot, 'dist', 'client'),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close(); // stop accepting, disconnect sockets
      await sequencer.idle(); // finish the writes in progress
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
}

main().catch((error) => {
  console.error('Tablecloth cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
