/**
 * A school network whose proxy blocks WebSocket: the faces fall back to HTTP long-polling
 * (Socket.IO's `tryAllTransports`) and work. Real Chromium, through a loopback access point that
 * refuses every WebSocket connection.
 */
import { describe, expect, it } from 'vitest';
import { PHONE, TABLET } from '../helpers/browser.js';
import { useCafeBehindAccessPoint } from '../helpers/cafe-behind-access-point.js';

const WITHIN = 15_000;

const rig = useCafeBehindAccessPoint();


/** The transports of the browsers' connections as the server sees them (the test client uses WebSocket directly). */
function browserTransports(): string[] {
  const clients = (rig.server.io.engine as unknown as { clients: Record<string, { transport: { name: string }; request: { headers: Record<string, string> } }> }).clients;
  return Object.values(clients)
    .filter((c) => (c.request.headers['user-agent'] ?? '').includes('Chrome'))
    .map((c) => c.transport.name);
}

describe('WebSocket blocked by the network', () => {
  it('the host tablet and a phone connect by long-polling and their ideas arrive', async () => {
    rig.accessPoint.blockWebSocket(true);
    const tablet = await (await rig.browser.newContext(TABLET)).newPage();
    await tablet.goto(rig.through(rig.links.tables[0]!.host!));
    const field = tablet.getByLabel('New idea from this table');
    await field.waitFor({ timeout: WITHIN });
    await field.fill('Sent by long-polling');
    await field.press('Enter');

    const phone = await (await rig.browser.newContext(PHONE)).newPage();
    await phone.goto(rig.through(rig.links.tables[0]!.participants));
    await phone.getByRole('button', { name: /join/i }).first().click();
    await phone.getByLabel('Your idea').waitFor({ timeout: WITHIN });
    await phone.getByLabel('Your idea').fill('From a phone behind the school proxy');
    await phone.getByRole('button', { name: /send|add/i }).first().click();

    await expect
      .poll(async () => {
        const log = await rig.server.store.readSince(rig.links.cafeId, 0);
        return log.flatMap((e) => (e.event.type === 'ideaAdded' ? [e.event.idea.text] : [])).sort();
      }, { timeout: WITHIN })
      .toEqual(['From a phone behind the school proxy', 'Sent by long-polling']);
    const transports = browserTransports();
    expect(transports.length).toBeGreaterThanOrEqual(2);
    expect(new Set(transports)).toEqual(new Set(['polling']));
    // Each page shows the other's idea: the live fan-out reaches polling clients too.
    await tablet.getByText('From a phone behind the school proxy').waitFor({ timeout: WITHIN });
    await phone.getByText('Sent by long-polling').waitFor({ timeout: WITHIN });
  }, 90_000);
});
