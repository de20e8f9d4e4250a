/**
 * C4 in real Chromium: a host tablet holds unsent notes when the facilitator withdraws its link.
 * The notes are listed as not accepted, with nothing left to try but copying — and they are still
 * there when the page is opened again (reload, or a sleeping tablet's next morning).
 */
import { describe, expect, it } from 'vitest';
import { TABLET } from '../helpers/browser.js';
import { useCafeBehindAccessPoint } from '../helpers/cafe-behind-access-point.js';
import { secretOf } from '../helpers/server.js';

const WITHIN = 15_000;
const rig = useCafeBehindAccessPoint();

describe('a withdrawn host link with unsent notes', () => {
  it('C4 lists them as not accepted, offers only copying, and shows them again after a reload', async () => {
    const context = await rig.browser.newContext(TABLET);
    const page = await context.newPage();
    await page.goto(rig.through(rig.links.tables[1]!.host!));
    const field = page.getByLabel('New idea from this table');
    await field.waitFor({ timeout: WITHIN });
    rig.accessPoint.cut();
    await page.getByText('Not connected.', { exact: false }).waitFor({ timeout: WITHIN });
    for (const note of ['Kept through a withdrawn link', 'A second unsent note']) {
      await field.fill(note);
      await field.press('Enter');
    }
    const revoked = await fetch(`${rig.server.url}/api/cafes/${rig.links.cafeId}/links/${rig.links.tables[1]!.hostLinkId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${secretOf(rig.links.facilitator)}` },
    });
    expect(revoked.status).toBe(200);
    rig.accessPoint.restore();

    // The live page: each note marked, no "Try again", no changes offered.
    await page.getByText('2 not accepted', { exact: false }).waitFor({ timeout: WITHIN });
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Copy text' }).count()).toBe(2);
    expect(await page.getByRole('button', { name: /Key idea|Edit|Delete/ }).count()).toBe(0);

    // Opened again later: the café is gone for this link, the notes are not.
    await page.reload();
    await page.getByText('This link has been withdrawn', { exact: false }).waitFor({ timeout: WITHIN });
    await page.getByText('Kept through a withdrawn link').waitFor({ timeout: WITHIN });
    await page.getByText('A second unsent note').waitFor({ timeout: WITHIN });
    expect(await page.getByRole('button', { name: 'Copy text' }).count()).toBe(2);
    const log = await rig.server.store.readSince(rig.links.cafeId, 0);
    expect(log.filter((e) => e.event.type === 'ideaAdded')).toEqual([]);
    await context.close();
  }, 90_000);
});
