import { afterEach, describe, expect, it } from 'vitest';
import { connect, type TestClient } from './helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from './helpers/server.js';

describe('smoke', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });
  it('a host idea reaches the wall', async () => {
    server = await startServer();
    const links = await createCafe(server);
    const fac = await connect(server.url, secretOf(links.facilitator));
    const wall = await connect(server.url, secretOf(links.wall[0]!));
    const host = await connect(server.url, secretOf(links.tables[0]!.host));
    clients.push(fac, wall, host);
    await fac.must({ type: 'openCafe' });
    await fac.must({ type: 'startRound' });
    const seq = await host.must({ type: 'addIdea', ideaId: 'idea-0001', tableId: '1', round: 0, text: '  Hello  ' });
    await wall.caughtUp(seq);
    expect(wall.state.ideas['idea-0001']?.text).toBe('Hello');
    const p = await joinCafe(server, links, { tableId: '2' });
    const phone = await connect(server.url, p.secret);
    clients.push(phone);
    expect(phone.state.ideas['idea-0001']).toBeUndefined();
    expect(phone.replica.scope).toEqual({ role: 'participant', participantId: p.participantId, tableId: '2' });
  });
});
