import { afterEach, describe, expect, it } from 'vitest';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, defaultSetup, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

describe('pre-moderation over real sockets', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
  });

  it('I14 a held idea reaches its author, the host and the facilitator, and the wall and other phones only once approved', async () => {
    server = await startServer();
    const links = await createCafe(server, { ...defaultSetup, premoderation: true });
    const fac = await connect(server.url, secretOf(links.facilitator));
    const wall = await connect(server.url, secretOf(links.wall[0]!));
    const host = await connect(server.url, secretOf(links.tables[0]!.host));
    const ana = await joinCafe(server, links, { tableId: '1', displayName: 'Ana' });
    const ben = await joinCafe(server, links, { tableId: '1', displayName: 'Ben' });
    const anaPhone = await connect(server.url, ana.secret);
    const benPhone = await connect(server.url, ben.secret);
    clients.push(fac, wall, host, anaPhone, benPhone);
    await fac.must({ type: 'openCafe' });
    await fac.must({ type: 'startRound' });

    const seq = await anaPhone.must({ type: 'addIdea', ideaId: 'held-idea-1', tableId: '1', round: 0, text: 'Please approve me' });
    for (const c of [fac, wall, host, anaPhone, benPhone]) await c.caughtUp(seq);
    expect(fac.state.ideas['held-idea-1']).toMatchObject({ held: true, text: 'Please approve me' });
    expect(host.state.ideas['held-idea-1']?.held).toBe(true);
    expect(anaPhone.state.ideas['held-idea-1']).toMatchObject({ held: true, author: { participantId: ana.participantId } });
    expect(wall.state.ideas['held-idea-1']).toBeUndefined();
    expect(benPhone.state.ideas['held-idea-1']).toBeUndefined();
    expect(JSON.stringify(wall.received)).not.toContain('Please approve me');
    expect(JSON.stringify(benPhone.received)).not.toContain('Please approve me');

    const shown = await fac.must({ type: 'hideIdea', ideaId: 'held-idea-1', hidden: false });
    for (const c of [wall, anaPhone, benPhone]) await c.caughtUp(shown);
    expect(wall.state.ideas['held-idea-1']).toMatchObject({ held: false, hidden: false, text: 'Please approve me' });
    expect(benPhone.state.ideas['held-idea-1']?.author.participantId).toBeNull();
    // The author keeps knowing the idea is theirs.
    expect(anaPhone.state.ideas['held-idea-1']).toMatchObject({ held: false, author: { participantId: ana.participantId } });
  });
});
