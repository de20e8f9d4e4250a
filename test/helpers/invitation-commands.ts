/**
 * Vitest browser commands (run in Node, called from test/browser/facilitator-invitations.test.ts):
 * a real Tablecloth server on port 0, reachable from the test page's origin, with a harvested café
 * whose phones left their addresses through the real routes (join, then PUT …/invitation).
 * Imported lazily by vitest.config.ts, so the server's code loads only when a test asks for it.
 */
import type { BrowserCommand } from 'vitest/node';
import type { CafeState } from '../../shared/domain/state.js';
import { hashSecret } from '../../server/secrets.js';
import { FACILITATOR } from './cafe-factory.js';
import { harvestedCafe, storeCafe } from './export-cafe.js';
import { startServer, type TestServer } from './server.js';

const FACILITATOR_SECRET = 'facilitator-invitations-01';
const running = new Map<string, TestServer>();

export interface InvitationCafe {
  url: string;
  secret: string;
  state: CafeState;
}

export const startInvitationCafe: BrowserCommand<[{ origin: string; emails: string[] }]> = async (_context, options): Promise<InvitationCafe> => {
  const server = await startServer({ allowedOrigins: [options.origin] });
  const cafe = harvestedCafe({ tables: 2, rounds: 1 });
  await storeCafe(server.store, cafe);
  await server.store.addCredential({ secretHash: hashSecret(FACILITATOR_SECRET), cafeId: cafe.state.id, linkId: FACILITATOR, wrappedKey: null });
  for (const [i, email] of options.emails.entries()) {
    const joined = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: cafe.state.joinCode, displayName: `Gast ${i + 1}`, consent: { publish: true, showName: true } }),
    });
    const { secret } = (await joined.json()) as { secret: string };
    const put = await fetch(`${server.url}/api/cafes/${cafe.state.id}/invitation`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ email, consent: true, ageConfirmed: true }),
    });
    if (put.status !== 201) throw new Error(`invitation: ${put.status} ${await put.text()}`);
  }
  running.set(server.url, server);
  return { url: server.url, secret: FACILITATOR_SECRET, state: cafe.state };
};

export const stopInvitationCafe: BrowserCommand<[url: string]> = async (_context, url) => {
  const server = running.get(url);
  running.delete(url);
  await server?.close();
};
