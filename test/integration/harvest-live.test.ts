/**
 * The harvest live over real sockets: themes and dots reach every room; a phone's own dot comes
 * back to it with its id (so it knows how many it has left), the others get it without (H8).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import { dotsUsed } from '../../shared/domain/state.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

describe('the harvest, live', () => {
  let server: TestServer;
  let links: CafeLinks;
  const clients: TestClient[] = [];
  const client = async (secret: string) => {
    const c = await connect(server.url, secret);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startServer();
    links = await createCafe(server, { title: 'Harvest live', tables: 2, travelMs: 0, rounds: [{ question: 'One question?', durationMs: 60_000 }] });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.close();
  });

  it('H8 a phone learns its own dots live; the wall and the other phones see the totals only', async () => {
    const ana = await joinCafe(server, links, { tableId: '1' });
    const ben = await joinCafe(server, links, { tableId: '1' });
    const facilitator = await client(secretOf(links.facilitator));
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    await facilitator.must({ type: 'addIdea', ideaId: 'idea-harvest-001', tableId: '1', round: 0, text: 'Time for teams' });
    await facilitator.must({ type: 'nextRound' });
    await facilitator.must({ type: 'createTheme', themeId: 'theme-teams-01', name: 'Teams', ideaIds: ['idea-harvest-001'] });
    await facilitator.must({ type: 'openVote', dots: 2 });
    const [anaPhone, benPhone, wall] = await Promise.all([client(ana.secret), client(ben.secret), client(secretOf(links.wall[0]!))]);
    const seq = await anaPhone.must({ type: 'castDot', themeId: 'theme-teams-01', add: true });
    await Promise.all([anaPhone, benPhone, wall].map((c) => c.caughtUp(seq)));
    expect(dotsUsed(anaPhone.state, ana.participantId)).toBe(1);
    expect(anaPhone.state.ballots).toEqual({ [ana.participantId]: { 'theme-teams-01': 1 } });
    for (const other of [benPhone, wall]) {
      expect(other.state.themes['theme-teams-01']!.phoneDots).toBe(1);
      expect(other.state.ballots).toEqual({});
      expect(JSON.stringify(other.received)).not.toContain(ana.participantId);
    }
  });
});
