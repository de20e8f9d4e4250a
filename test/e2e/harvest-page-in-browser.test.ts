/**
 * The public harvest page end to end (H15), in real Chromium under the server's
 * Content-Security-Policy: served at /h/CODE by the server alone (no CDN), it says in words that
 * the harvest is not there yet before the harvest; in the harvest it shows a German café in
 * German with its themes, an idea's markup inert, its photo loaded from the server, no sideways
 * scrolling on a 360 px phone, and on paper without its buttons; no CSP violation, no error.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import type { CafeLinks } from '../../server/reception.js';
import type { ClientCommand } from '../../shared/domain/commands.js';
import { browserUrl, chromiumAvailable, launchChromium } from '../helpers/browser.js';
import { buildClient } from '../helpers/client-build.js';
import { TINY_JPEG } from '../helpers/seed-threads.js';
import { createCafe, defaultSetup, secretOf, startServer, type TestServer } from '../helpers/server.js';

const MARKUP = '<img src=x onerror="window.pwned=1"> Längere Blöcke: 90 Minuten';

let server: TestServer;
let browser: Browser;
let links: CafeLinks;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

async function op(command: ClientCommand, secret = secretOf(links.facilitator)): Promise<void> {
  const response = await fetch(`${server.url}/api/cafes/${links.cafeId}/ops`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), op: command }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'de-DE' });
  contexts.push(context);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { violations?: string[] };
      (w.violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`uncaught ${error.message}`));
  // The 404 before the harvest is the answer the page expects; anything else is a problem.
  page.on('console', (m) => void (m.type() === 'error' && !/status of 404/.test(m.text()) && problems.push(`console error ${m.text()}`)));
  return page;
}

describe.runIf(chromiumAvailable())('the public harvest page in a browser', () => {
  beforeAll(async () => {
    const client = await buildClient();
    server = await startServer({ clientDir: client.dir, clock: systemClock });
    browser = await launchChromium();
    links = await createCafe(server, { ...defaultSetup, title: 'Schule von morgen', language: 'de', travelMs: 0 });
    await op({ type: 'openCafe' });
    await op({ type: 'startRound' });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('H15 says that the harvest is not there yet before the harvest, in the browser’s language', async () => {
    const page = await phone();
    await page.goto(`${browserUrl(server.url)}/h/${links.joinCode.toLowerCase()}`);
    await expect.poll(() => page.locator('tc-harvest-face h1').textContent()).toBe('Die Ernte ist noch nicht da');
    expect(problems).toEqual([]);
  });

  it('H11 H14 H15 shows the harvest in the café’s language, inert text, its photo, fitting a phone and paper', async () => {
    const host = secretOf(links.tables[0]!.host);
    await op({ type: 'addIdea', ideaId: 'idea-markup-01', tableId: '1', round: 0, text: MARKUP }, host);
    const upload = await fetch(`${server.url}/api/cafes/${links.cafeId}/photos/photo-table-1?tableId=1&round=0`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${host}`, 'content-type': 'image/jpeg' },
      body: Buffer.from(TINY_JPEG),
    });
    expect(upload.status).toBe(201);
    for (let i = 0; i < 3; i++) await op({ type: 'nextRound' });
    await op({ type: 'createTheme', themeId: 'theme-zeit-0001', name: 'Zeit zum Lernen', ideaIds: ['idea-markup-01'] });

    const page = await phone();
    await page.goto(`${browserUrl(server.url)}/h/${links.joinCode}`);
    await page.locator('tc-harvest-theme h3').waitFor();
    expect(await page.locator('tc-harvest-view #themes').textContent()).toBe('Themen');
    expect(await page.locator('tc-harvest-theme h3').textContent()).toBe('Zeit zum Lernen');
    expect(await page.locator('tc-harvest-theme .ideas .text').textContent()).toBe(MARKUP);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.title()).toBe('Schule von morgen — Tablecloth');
    const photo = page.locator('tc-harvest-view img');
    await photo.scrollIntoViewIfNeeded();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('tc-harvest-view .actions button').isVisible()).toBe(false);
    expect(await page.locator('tc-harvest-face tc-language-switch').isVisible()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
  });
});
