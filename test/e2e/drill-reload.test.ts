/**
 * Fault drill 2 of issue 4, in real Chromium: a host tablet loses the café's connection, the
 * host keeps typing, and the page is reloaded with a full outbox (IndexedDB). When the
 * connection is back, every note arrives exactly once and the tablet shows them as saved.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLET } from '../helpers/browser.js';
import { useCafeBehindAccessPoint } from '../helpers/cafe-behind-access-point.js';

const NOTES = 20;
const WITHIN = 15_000;

const rig = useCafeBehindAccessPoint();

/** The host page's records in IndexedDB, read by the page itself. */
function storedOps(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tablecloth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('ops').objectStore('ops').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function ideasOfTable(tableId: string): Promise<string[]> {
  const log = await rig.server.store.readSince(rig.links.cafeId, 0);
  return log.flatMap((e) => (e.event.type === 'ideaAdded' && e.event.idea.tableId === tableId ? [e.event.idea.text] : []));
}

describe('drill 2: a host page with a full outbox is reloaded', () => {
  it('keeps every note typed while the connection was lost, and sends each once when it is back', async () => {
    const context = await rig.browser.newContext(TABLET);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const hostUrl = rig.links.tables[0]!.host!.replace(/^http:\/\/[^/]+/, `http://cafe.test:${rig.accessPoint.port}`);
    await page.goto(hostUrl);
    const field = page.getByLabel('New idea from this table');
    await field.waitFor({ timeout: WITHIN });

    rig.accessPoint.cut();
    await page.getByText('Not connected.', { exact: false }).waitFor({ timeout: WITHIN });
    const texts = Array.from({ length: NOTES }, (_, i) => `Written in the dead zone, note ${i + 1}`);
    for (const text of texts) {
      await field.fill(text);
      await field.press('Enter');
    }
    await page.getByText(`${NOTES} not sent yet.`, { exact: false }).waitFor({ timeout: WITHIN });
    // Shown at once, stored a moment later (O1).
    await expect.poll(() => storedOps(page), { timeout: WITHIN }).toBe(NOTES);

    // Reloaded while the café is still unreachable: the notes are in IndexedDB, not in the page.
    await page.reload();
    await page.getByText('Connecting to the café', { exact: false }).waitFor({ timeout: WITHIN });
    expect(await storedOps(page)).toBe(NOTES);
    expect(await ideasOfTable('1')).toEqual([]);

    rig.accessPoint.restore();
    const deadline = Date.now() + WITHIN;
    while ((await ideasOfTable('1')).length < NOTES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const arrived = await ideasOfTable('1');
    expect(arrived.sort()).toEqual([...texts].sort());
    expect(arrived.length).toBe(new Set(arrived).size);
    await page.getByText(texts[NOTES - 1]!).waitFor({ timeout: WITHIN });
    await expect.poll(() => storedOps(page), { timeout: WITHIN }).toBe(0);
    expect(await page.getByText('not sent yet', { exact: false }).count()).toBe(0);
    // Each once, and in the order they were typed.
    const log = await rig.server.store.readSince(rig.links.cafeId, 0);
    const order = log.flatMap((e) => (e.event.type === 'ideaAdded' ? [e.event.idea.text] : []));
    expect(order).toEqual(texts);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
