import { afterEach, describe, expect, it } from 'vitest';
import type { Presence } from '../../shared/protocol.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

describe('who is connected, for the console', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
  });

  it('tells the facilitators which hosts and walls are connected, what each wall can play, and how many phones there are', async () => {
    server = await startServer();
    const links = await createCafe(server);
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    clients.push(facilitator);
    let presence: Presence | null = null;
    facilitator.socket.on('presence', (p) => (presence = p));
    const seen = async (check: (p: Presence) => boolean, what: string) => {
      for (const started = Date.now(); Date.now() - started < 5000; await new Promise((r) => setTimeout(r, 25))) {
        if (presence !== null && check(presence)) return;
      }
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(presence)}`);
    };
    const host = await connect(server.url, secretOf(links.tables[1]!.host));
    clients.push(host);
    await seen((p) => p.hosts['2'] === 1, 'host of table 2 connected');
    expect(presence!.hosts['1']).toBeUndefined();

    const wall = await connect(server.url, secretOf(links.wall[0]!));
    clients.push(wall);
    await seen((p) => p.walls.length === 1 && p.walls[0]!.sound === 'blocked', 'a wall, sound blocked');
    expect(await wall.socket.timeout(2000).emitWithAck('status', { sound: 'on' })).toEqual({ ok: true });
    await seen((p) => p.walls[0]?.sound === 'on', 'the wall can ring the chime');

    const phones = await Promise.all([0, 1, 2].map(async () => connect(server.url, (await joinCafe(server, links, { tableId: '1' })).secret)));
    clients.push(...phones);
    await seen((p) => p.participants === 3, 'three phones');
    phones[0]!.close();
    host.close();
    await seen((p) => p.participants === 2 && p.hosts['2'] === undefined, 'a phone and the host gone');
  });
});
