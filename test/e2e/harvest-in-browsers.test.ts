/**
 * The dot vote in real Chromium pages against a real server: a wall on the projector and two
 * phones that joined through their table's QR link. The facilitator (a Socket.IO client: the
 * console's harvest screen has its own tests) runs the café into the harvest, forms two themes
 * and opens the vote; each phone's dot reaches the wall live; a phone whose Wi-Fi is gone keeps
 * its taps and sends them when it is back; a dot the server refuses is said in words. Pages are
 * reached as http://cafe.test, and no page may throw or log an error it should not.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { startAccessPoint, type AccessPoint } from '../helpers/access-point.js';
import { browserUrl, chromiumAvailable, launchChromium, PHONE, PROJECTOR } from '../helpers/browser.js';
import { buildClient } from '../helpers/client-build.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

/** How long a change may take to reach another page. */
const SEEN_WITHIN = 10_000;

let server: TestServer;
let browser: Browser;
let accessPoint: AccessPoint;
const clients: TestClient[] = [];
const contexts: BrowserContext[] = [];
const problems: string[] = [];

/** A page whose errors are collected under `name`; `offline`: its refused connections are the point. */
async function watchedPage(options: typeof PHONE, name: string, offline = false): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SEEN_WITHIN);
  const expected = (text: string) => offline && /ERR_CONNECTION_(REFUSED|RESET|CLOSED)|ERR_EMPTY_RESPONSE|WebSocket/.test(text);
  page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.message}`));
  page.on('console', (m) => void (m.type() === 'error' && !expected(m.text()) && problems.push(`${name}: console error ${m.text()}`)));
  return page;
}

/** Waits until the wall shows `votes` on the theme. */
const wallShows = (wall: Page, themeId: string, votes: number) =>
  wall.locator(`li.theme[data-theme="${themeId}"] .count`).filter({ hasText: new RegExp(`^${votes}$`) }).waitFor({ timeout: SEEN_WITHIN });

const dot = (phone: Page, add: boolean, theme: string) => phone.getByRole('button', { name: add ? `Put a dot on ${theme}` : `Take a dot back from ${theme}`, exact: true });

describe.runIf(chromiumAvailable())('the dot vote in real browsers', () => {
  beforeAll(async () => {
    const client = await buildClient();
    server = await startServer({ clientDir: client.dir, clock: systemClock });
    accessPoint = await startAccessPoint({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await accessPoint?.close();
    await server?.close();
  });

  it('H7: a phone’s dot reaches the wall live; taps without Wi-Fi are kept and sent; a refused dot is said in words', async () => {
    const links = await createCafe(server);
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    const host = await connect(server.url, secretOf(links.tables[0]!.host));
    clients.push(facilitator, host);

    const wall = await watchedPage(PROJECTOR, 'wall');
    await wall.goto(browserUrl(links.wall[0]!));
    // Ana's phone reaches the server directly; Ben's through the venue access point, which can lose the café.
    const ana = await watchedPage(PHONE, 'phone (Ana)');
    const ben = await watchedPage(PHONE, 'phone (Ben)', true);
    const viaAccessPoint = (url: string) => browserUrl(url).replace(`:${new URL(server.url).port}/`, `:${accessPoint.port}/`);
    for (const [phone, url] of [
      [ana, browserUrl(links.tables[0]!.participants)],
      [ben, viaAccessPoint(links.tables[1]!.participants)],
    ] as const) {
      await phone.goto(url);
      await phone.getByRole('button', { name: 'Join the café' }).tap();
      await phone.getByText('Your name and choices').waitFor();
    }

    // Into the harvest: two themes, then the vote with 2 dots each.
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    await host.must({ type: 'addIdea', ideaId: 'idea-blocks', tableId: links.tables[0]!.tableId, round: 0, text: 'Longer blocks, fewer bells', group: 'teachers' });
    while (facilitator.state.phase.kind !== 'harvest') await facilitator.must({ type: 'nextRound' });
    await facilitator.must({ type: 'createTheme', themeId: 'theme-time', name: 'Time to learn', ideaIds: ['idea-blocks'] });
    await facilitator.must({ type: 'createTheme', themeId: 'theme-families', name: 'Families as partners' });
    await wall.getByText('Themes of the harvest').waitFor();
    await wall.getByText('teachers 1').waitFor();
    await facilitator.must({ type: 'openVote', dots: 2 });
    await wall.getByText('Vote now: 2 dots each').waitFor();
    await wall.getByText('Vote on your phone').waitFor();
    await wallShows(wall, 'theme-time', 0);

    // Ana's dot is on the wall within moments.
    await dot(ana, true, 'Time to learn').tap();
    await wallShows(wall, 'theme-time', 1);
    await ana.getByText('Your dots: 1 of 2 left').waitFor();

    // Ben's Wi-Fi is gone: his two taps wait on his phone, counted there, not yet on the wall.
    await dot(ben, true, 'Time to learn').waitFor();
    accessPoint.cut();
    await ben.getByText(/Reconnecting|Offline/).first().waitFor();
    await dot(ben, true, 'Time to learn').tap();
    await dot(ben, true, 'Families as partners').tap();
    await ben.getByText('Your dots: 0 of 2 left').waitFor();
    expect(await dot(ben, true, 'Time to learn').isDisabled()).toBe(true);
    await ben.waitForTimeout(500);
    await wallShows(wall, 'theme-time', 1);
    await wallShows(wall, 'theme-families', 0);
    accessPoint.restore();
    await wallShows(wall, 'theme-time', 2);
    await wallShows(wall, 'theme-families', 1);
    expect(facilitator.state.themes['theme-time']!.phoneDots).toBe(2);

    // Ben takes a dot back while offline, and the vote closes before it arrives: refused, in words.
    accessPoint.cut();
    await ben.getByText(/Reconnecting|Offline/).first().waitFor();
    await dot(ben, false, 'Families as partners').tap();
    await ben.getByText('Your dots: 1 of 2 left').waitFor();
    await facilitator.must({ type: 'closeVote' });
    await wall.getByText('Vote closed').waitFor();
    accessPoint.restore();
    await ben.getByRole('alert').filter({ hasText: 'The vote is not open.' }).waitFor();
    await ben.locator('section.vote li', { hasText: 'Families as partners' }).filter({ hasText: /Families as partners\s*1\s*$/ }).waitFor();
    await wallShows(wall, 'theme-families', 1);
    await wallShows(wall, 'theme-time', 2);

    expect(problems).toEqual([]);
  }, 90_000);
});
