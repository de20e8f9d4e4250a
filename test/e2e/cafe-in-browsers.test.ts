/**
 * A whole café in real Chromium pages against a real server, through the faces only: the
 * facilitator creates the café on the start page and runs it from the console, two hosts capture
 * on tablets, a participant joins and moves table on a phone, and the wall shows what the room
 * says. Pages are reached as http://cafe.test (not a secure context, as on a venue LAN), and no
 * page may throw or log an error.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { browserUrl, chromiumAvailable, launchChromium, LAPTOP, PHONE, PROJECTOR, TABLET } from '../helpers/browser.js';
import { buildClient } from '../helpers/client-build.js';
import { startServer, type TestServer } from '../helpers/server.js';


/** How long a change may take to reach another page. */
const SEEN_WITHIN = 10_000;

const TITLE = 'Schools of tomorrow — e2e';
const HOST_IDEA = 'Shorter lessons, more projects';
const PHONE_IDEA = 'Students want to know why a topic matters';
const HOST2_IDEA = 'Parents as partners, not visitors';
const ROUND2_IDEA = 'A quiet room for students who need a break';
const HOST2_ROUND2_IDEA = 'Mixed-age teams for the school garden';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Every uncaught exception and console error of every page, with the page's name. */
const problems: string[] = [];

async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

/** A page whose errors are collected under `name`. */
async function watchedPage(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(SEEN_WITHIN);
  page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${name}: console error ${message.text()}`);
  });
  return page;
}

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: SEEN_WITHIN });
const gone = (locator: Locator) => locator.waitFor({ state: 'detached', timeout: SEEN_WITHIN });

async function hrefOf(link: Locator): Promise<string> {
  const href = await link.getAttribute('href');
  if (!href) throw new Error('link without href');
  return href;
}

/** The link a `<tc-qr>` on the QR sheet encodes, found by the QR code's accessible name. */
async function qrLink(sheet: Page, name: string): Promise<string> {
  const code = sheet.locator('tc-qr', { has: sheet.getByRole('img', { name, exact: true }) });
  await visible(code);
  return code.evaluate((qr) => (qr as HTMLElement & { value: string }).value);
}

describe.runIf(chromiumAvailable())('a café in real browsers', () => {
  beforeAll(async () => {
    const client = await buildClient();
    server = await startServer({ clientDir: client.dir, clock: systemClock });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('runs from the start page to a hidden idea: hosts and a phone capture, the wall shows it, the participant moves, the host gets the handover', async () => {
    const origin = browserUrl(server.url);

    // The facilitator creates the café on the start page: a title and 4 tables, the rest as it comes.
    const laptop = await newContext(LAPTOP);
    const facilitator = await watchedPage(laptop, 'facilitator (start page, console)');
    await facilitator.goto(`${origin}/`);
    expect(await facilitator.evaluate(() => window.isSecureContext)).toBe(false);
    await facilitator.getByLabel('Title', { exact: true }).fill(TITLE);
    await facilitator.getByLabel('Number of tables').fill('4');
    await facilitator.getByRole('button', { name: 'Create café' }).click();
    await visible(facilitator.getByRole('heading', { name: `“${TITLE}” is ready` }));
    const consoleLink = facilitator.getByRole('link', { name: 'Open your console' });
    const wallUrl = await hrefOf(facilitator.getByRole('link', { name: 'Open the live wall' }));
    const qrUrl = await hrefOf(facilitator.getByRole('link', { name: 'Open the QR codes for every table' }));
    const joinCode = (await facilitator.locator('.code').innerText()).trim();
    expect(joinCode).toMatch(/^[A-Z0-9]{4,}$/);
    expect(await hrefOf(consoleLink)).toMatch(new RegExp(`^${origin}/facilitator#.+`));
    expect(await facilitator.getByRole('textbox', { name: 'Your console link' }).inputValue()).toBe(await hrefOf(consoleLink));

    await consoleLink.click();
    await visible(facilitator.getByRole('heading', { name: TITLE, level: 1 }));
    await visible(facilitator.getByRole('button', { name: 'Table 4' }));

    // The QR sheet has a host code per table and a participant code per table.
    const sheet = await watchedPage(laptop, 'QR sheet');
    await sheet.goto(qrUrl);
    const host1Url = await qrLink(sheet, 'Table host link for Table 1 — keep this private');
    const host2Url = await qrLink(sheet, 'Table host link for Table 2 — keep this private');
    const join1Url = await qrLink(sheet, 'Join Table 1');
    const join2Url = await qrLink(sheet, 'Join Table 2');
    expect(join1Url).toBe(`${origin}/j/${joinCode}?t=1`);
    await visible(sheet.getByText(joinCode).first());
    // Back to the console's tab: a tab in the background gets no animation frames.
    await sheet.close();

    // The wall on the projector shows the join code while people arrive.
    const projector = await newContext(PROJECTOR);
    const wall = await watchedPage(projector, 'wall');
    await wall.goto(wallUrl);
    await visible(wall.getByText(TITLE).first());

    // Two hosts claim their tables on tablets.
    const host1 = await watchedPage(await newContext(TABLET), 'host of Table 1');
    const host2 = await watchedPage(await newContext(TABLET), 'host of Table 2');
    await host1.goto(host1Url);
    await host2.goto(host2Url);
    await visible(host1.getByRole('heading', { name: 'Table 1', level: 1 }));
    await visible(host2.getByRole('heading', { name: 'Table 2', level: 1 }));
    await visible(facilitator.getByText('Host connected at 2 of 4 tables'));

    // A participant scans Table 1's code and joins, ticking both consent boxes.
    const phone = await watchedPage(await newContext(PHONE), 'phone');
    await phone.goto(join1Url);
    await visible(phone.getByText('You are at Table 1'));
    await phone.getByLabel('Your name (optional)').fill('Ana');
    await phone.getByLabel('My ideas may be published after the café').check();
    await phone.getByLabel('My name may be shown next to my ideas').check();
    await phone.getByRole('button', { name: 'Join the café' }).tap();
    await visible(phone.getByText('Welcome! The café starts soon'));

    // The facilitator opens the café and starts round 1.
    await facilitator.getByRole('button', { name: 'Open the café' }).click();
    await visible(wall.getByRole('heading', { name: 'Join on your phone' }));
    await visible(wall.getByText(joinCode).first());
    await facilitator.getByRole('button', { name: 'Start round 1' }).click();
    await visible(facilitator.getByRole('button', { name: 'End round 1: change tables' }));
    await visible(host1.getByText('Question', { exact: true }));
    await expect.poll(() => wall.getByRole('timer').innerText(), { timeout: SEEN_WITHIN }).toMatch(/^(20:00|19:\d\d)$/);

    // Ideas typed on a tablet (Enter) and a phone appear on the wall, with their table.
    const field1 = host1.getByLabel('New idea from this table');
    await field1.fill(HOST_IDEA);
    await field1.press('Enter');
    await expect.poll(() => field1.inputValue()).toBe('');
    const field2 = host2.getByLabel('New idea from this table');
    await field2.fill(HOST2_IDEA);
    await field2.press('Enter');
    await phone.getByLabel('Your idea').fill(PHONE_IDEA);
    await phone.getByRole('button', { name: 'Send' }).tap();
    for (const text of [HOST_IDEA, HOST2_IDEA, PHONE_IDEA]) await visible(wall.getByText(text));
    await visible(wall.locator('li', { hasText: PHONE_IDEA }).getByText('Table 1'));
    await visible(wall.locator('li', { hasText: PHONE_IDEA }).getByText('Ana'));
    // The host sees the phone's idea at the table, the phone sees the host's.
    await visible(host1.getByText(PHONE_IDEA));
    await visible(phone.getByText(HOST_IDEA));

    // The round ends: travel time; the participant scans Table 2's code.
    await facilitator.getByRole('button', { name: 'End round 1: change tables' }).click();
    await visible(facilitator.getByRole('button', { name: 'Start round 2 now' }));
    await visible(phone.getByRole('heading', { name: 'Move to your next table: scan its QR code or pick it' }));
    await phone.goto(join2Url);
    await visible(phone.getByText('You are now at Table 2'));
    await visible(phone.getByText('Table 2', { exact: true }));
    expect(new URL(phone.url()).search).toBe('');

    // Round 2: the phone writes at Table 2; Table 1's host has the handover of round 1.
    await facilitator.getByRole('button', { name: 'Start round 2 now' }).click();
    await visible(facilitator.getByRole('button', { name: 'End round 2: change tables' }));
    await phone.getByLabel('Your idea').fill(ROUND2_IDEA);
    await phone.getByRole('button', { name: 'Send' }).tap();
    await visible(host2.getByText(ROUND2_IDEA));
    await visible(wall.locator('li', { hasText: ROUND2_IDEA }).getByText('Table 2'));
    await field2.fill(HOST2_ROUND2_IDEA);
    await field2.press('Enter');
    await visible(wall.getByText(HOST2_ROUND2_IDEA));
    // Under round 2's question the wall shows round 2's ideas.
    await gone(wall.getByText(HOST_IDEA));
    const handover = host1.locator('tc-handover-panel');
    await visible(handover.getByRole('button', { name: 'Handover: what this table found so far', expanded: true }));
    await visible(handover.getByText('Round 1'));
    await visible(handover.getByText(HOST_IDEA));
    await visible(handover.getByText(PHONE_IDEA));
    await visible(host1.getByRole('heading', { name: /Ideas of round 2/ }));

    // The facilitator hides the phone's round-2 idea from Table 2's panel: it leaves the wall, and only it.
    await facilitator.getByRole('button', { name: /^Table 2\b/ }).click();
    const item = facilitator.locator('tc-idea-item', { hasText: ROUND2_IDEA });
    await item.getByRole('button', { name: 'Hide from the wall' }).click();
    await visible(item.getByText('Hidden from the wall'));
    await gone(wall.getByText(ROUND2_IDEA));
    await visible(wall.getByText(HOST2_ROUND2_IDEA));
    // Its author still has it, marked, instead of seeing it vanish.
    await visible(phone.getByText('not shown on the wall'));

    expect(problems).toEqual([]);
  }, 60_000);
});
