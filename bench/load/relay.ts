/**
 * The bare Socket.IO relay the bench compares Tablecloth with: the transport's own limit. Each
 * client joins the rooms named in its handshake; an `op` is acknowledged and its entry sent as an
 * `ops` message to the rooms it names, with nothing decided, stored or filtered on the way. With
 * REDIS_URL set, processes share rooms through the same Redis streams adapter Tablecloth uses.
 *
 *   node --import tsx bench/load/relay.ts      (PORT, HOST, REDIS_URL, RELAY_STREAM from the environment)
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server, type ServerOptions } from 'socket.io';
import type { RelayClientEvents, RelayServerEvents } from './relay-protocol.js';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  let adapter: ServerOptions['adapter'] | undefined;
  let redis: ReturnType<typeof createClient> | null = null;
  if (redisUrl) {
    redis = createClient({ url: redisUrl });
    redis.on('error', (err: Error) => console.error(`relay: Redis: ${err.message}`));
    await redis.connect();
    // Channels of its own too: pub/sub ignores the database number, and other deployments may share this Redis.
    adapter = createAdapter(redis, { streamName: process.env.RELAY_STREAM ?? 'tablecloth-bench:relay', channelPrefix: 'tablecloth-bench-relay' });
  }
  const http = createServer();
  const io = new Server<RelayClientEvents, RelayServerEvents>(http, { serveClient: false, adapter });
  let seq = 0;
  io.on('connection', (socket) => {
    const rooms = (socket.handshake.auth as { rooms?: unknown }).rooms;
    if (Array.isArray(rooms)) void socket.join(rooms.filter((r): r is string => typeof r === 'string'));
    socket.emit('ready');
    socket.on('op', (request, ack) => {
      seq++;
      io.to(request.rooms).emit('ops', { entries: [request.entry], prev: seq - 1, upTo: seq });
      ack({ ok: true, seq });
    });
  });
  const stop = () => {
    io.close();
    void redis?.close().catch(() => undefined);
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const address = http.address();
    console.log(`listening on port ${typeof address === 'object' && address ? address.port : 0}`);
  });
}

main().catch((error: unknown) => {
  console.error('relay cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
