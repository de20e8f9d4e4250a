/**
 * Screenshots of every face at its size, into docs/screenshots/ (`npm run screenshots`). Builds
 * the faces, starts a server, creates the network meeting "Schools of tomorrow" on the start page
 * in English and in German, fills it with ideas from tablets and phones, runs it into a round with
 * a message to the room (and, in English, into the travel time), and photographs each face there.
 * Prints what it saved, and any page that scrolls or logged an error.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { Clock } from '../../server/clock.js';
import type { CafeLinks } from '../../server/reception.js';
import { startAccessPoint } from '../helpers/access-point.js';
import { browserUrl, launchChromium } from '../helpers/browser.js';
import { buildClient } from '../helpers/client-build.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';
import { english, german, type CafeStory } from './school-network-cafe.js';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SECOND = 1000;

/** Real time plus the jumps the script makes, so the pictures show a round well under way. */
class JumpingClock implements Clock {
  private jumped = 0;
  now(): number {
    return Date.now() + this.jumped;
  }
  jump(ms: number): void {
    this.jumped += ms;
  }
}

/** A4 at 96 dpi, drawn at 150 dpi. */
const A4_SCALE = 1240 / 794;
const devices = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
  laptop: { viewport: { width: 1440, height: 900 } },
  projector: { viewport: { width: 1920, height: 1080 } },
  a4: { viewport: { width: 794, height: 1123 }, deviceScaleFactor: A4_SCALE },
} satisfies Record<string, BrowserContextOptions>;

/** The words the script clicks and types into, as each language says them. */
const words = {
  en: {
    title: 'Title',
    tables: 'Number of tables',
    question: 'Question',
    returnHome: 'Everyone returns to their first table',
    exampleGroups: 'Use example groups',
    create: 'Create café',
    console: 'Open your console',
    wall: 'Open the live wall',
    qr: 'Open the QR codes for every table',
    name: 'Your name (optional)',
    publish: 'My ideas may be published after the café',
    showName: 'My name may be shown next to my ideas',
    join: 'Join the café',
    idea: 'Your idea',
    send: 'Send',
    hostField: 'New idea from this table',
    star: 'Key idea',
  },
  de: {
    title: 'Titel',
    tables: 'Anzahl der Tische',
    question: 'Frage',
    returnHome: 'Alle kehren an ihren ersten Tisch zurück',
    exampleGroups: 'Beispielgruppen verwenden',
    create: 'Café anlegen',
    console: 'Deine Konsole öffnen',
    wall: 'Live-Wand öffnen',
    qr: 'QR-Codes für alle Tische öffnen',
    name: 'Dein Name (freiwillig)',
    publish: 'Meine Ideen dürfen nach dem Café veröffentlicht werden',
    showName: 'Mein Name darf neben meinen Ideen stehen',
    join: 'Dem Café beitreten',
    idea: 'Deine Idee',
    send: 'Senden',
    hostField: 'Neue Idee von diesem Tisch',
    star: 'Kernidee',
  },
};

const saved: string[] = [];
const problems: string[] = [];

class Studio {
  private readonly contexts: BrowserContext[] = [];
  constructor(
    private readonly browser: Browser,
    private readonly locale: string,
  ) {}

  /** `offline`: the page's failed connections are the point, not a problem. */
  async page(device: keyof typeof devices, name: string, offline = false): Promise<Page> {
    const context = await this.browser.newContext({ ...devices[device], locale: this.locale });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15 * SECOND);
    page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.message}`));
    const expected = (text: string) => offline && /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|Connection closed before receiving a handshake response/.test(text);
    page.on('console', (m) => void (m.type() === 'error' && !expected(m.text()) && problems.push(`${name}: console error ${m.text()}`)));
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}

/** Saves what the page shows now, and notes a page that scrolls where it should not. */
async function shot(page: Page, file: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, file), fullPage: options.fullPage ?? false, animations: 'disabled' });
  const scroll = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth > window.innerWidth,
    y: document.documentElement.scrollHeight > window.innerHeight,
  }));
  saved.push(`${file}${scroll.x ? '  (scrolls sideways!)' : ''}${scroll.y ? '  (page scrolls)' : ''}`);
}

/**
 * A photo of the focus table's tablecloth (H13): drawn in the browser — paper, sticky notes with
 * the table's words, a doodled arrow and a coffee ring — and uploaded as the host's tablet does.
 */
async function uploadTablecloth(page: Page, server: TestServer, cafeId: string, hostSecret: string, tableId: string, notes: string[]): Promise<void> {
  const base64 = await page.evaluate((words) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#f1ece0';
    g.fillRect(0, 0, 1600, 1200);
    const colours = ['#ffe58a', '#a8e0c8', '#ffc2d1', '#bcd9ff'];
    words.forEach((word, i) => {
      const x = 120 + (i % 2) * 720;
      const y = 120 + Math.floor(i / 2) * 520;
      g.save();
      g.translate(x + 300, y + 200);
      g.rotate((i % 2 ? 1 : -1) * 0.04);
      g.fillStyle = colours[i % colours.length]!;
      g.fillRect(-300, -200, 600, 400);
      g.fillStyle = '#2b2a28';
      g.font = '44px "Comic Sans MS", cursive, sans-serif';
      const lines = word.match(/.{1,22}(\s|$)/g) ?? [word];
      lines.slice(0, 5).forEach((line, k) => g.fillText(line.trim(), -260, -110 + k * 60));
      g.restore();
    });
    g.strokeStyle = '#0b5f7a';
    g.lineWidth = 10;
    g.beginPath();
    g.moveTo(760, 360);
    g.quadraticCurveTo(800, 600, 860, 700);
    g.stroke();
    g.strokeStyle = 'rgba(120, 80, 40, 0.35)';
    g.lineWidth = 14;
    g.beginPath();
    g.arc(1420, 1080, 80, 0, Math.PI * 2);
    g.stroke();
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  }, notes);
  const response = await fetch(`${server.url}/api/cafes/${cafeId}/photos/${randomUUID()}?tableId=${tableId}&round=0`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${hostSecret}`, 'content-type': 'image/jpeg' },
    body: Buffer.from(base64, 'base64'),
  });
  if (response.status !== 201) throw new Error(`photo upload: ${response.status} ${await response.text()}`);
}

/** A page opened before a jump of the clock measures the server's time again. */
async function reload(page: Page, ready: string): Promise<void> {
  await page.reload();
  await page.getByText(ready).first().waitFor();
}

async function linksOf(server: TestServer, joinCode: string, facilitatorSecret: string): Promise<CafeLinks> {
  const intro = (await (await fetch(`${server.url}/api/join/${joinCode}`)).json()) as { cafeId: string };
  const response = await fetch(`${server.url}/api/cafes/${intro.cafeId}/links`, { headers: { authorization: `Bearer ${facilitatorSecret}` } });
  return (await response.json()) as CafeLinks;
}

/** Scrolls the page so that `target` starts just below the console's sticky header. */
async function scrollBelowHeader(page: Page, target: Locator): Promise<void> {
  const top = await target.evaluate((el) => el.getBoundingClientRect().top);
  const header = await page.locator('tc-facilitator-view header').first().evaluate((el) => el.getBoundingClientRect().height);
  await page.evaluate((by) => window.scrollBy(0, by), top - header - 12);
}

/**
 * The console's export screen (harvest): the seed threads previewed, one title edited, one body
 * in the editor, one thread left out, then exported to the harvest folder, n of n; on the tablet
 * and the phone the same screen as it opens.
 */
async function photographExport(studio: Studio, laptop: Page, consoleUrl: string): Promise<void> {
  await laptop.setViewportSize(devices.laptop.viewport);
  const screen = laptop.locator('tc-export-screen');
  // The console opened before the themes existed: its preview says the harvest has changed since.
  await screen.getByRole('button', { name: 'Show the changes' }).click();
  await screen.locator('tc-seed-thread .body h2').first().waitFor();
  const threads = screen.locator('tc-seed-thread');
  const count = await threads.count();
  await threads.nth(0).getByLabel('Title').fill('Time that is worth it: projects instead of 45-minute lessons');
  await threads.nth(1).getByRole('button', { name: 'Edit the text' }).click();
  await threads.last().getByLabel('Publish this thread').uncheck();
  // Saved in the café (editSeedThread) once typing paused: the picture shows it so.
  await threads.nth(0).getByText('Saved', { exact: true }).waitFor();
  await threads.last().getByText('Saved', { exact: true }).waitFor();
  await scrollBelowHeader(laptop, screen);
  await shot(laptop, 'console-export-1440x900.png');
  await screen.locator('select.target').selectOption('harvest-folder');
  await screen.getByRole('button', { name: `Export ${count - 1} threads` }).click();
  await screen.getByText(`${count - 1} of ${count - 1} threads exported`).waitFor();
  await scrollBelowHeader(laptop, screen.locator('.current'));
  await shot(laptop, 'console-export-done-1440x900.png');
  for (const [device, file] of [
    ['tablet', 'console-export-1024x768.png'],
    ['phone', 'console-export-390x844.png'],
  ] as const) {
    const page = await studio.page(device, `export screen (${device})`);
    await page.goto(consoleUrl);
    const other = page.locator('tc-export-screen');
    await other.locator('tc-seed-thread .body h2').first().waitFor();
    await scrollBelowHeader(page, other);
    await shot(page, file);
  }
}

/** Creates the story's café on the start page, runs it into round 1 and photographs it; `all` also the lobby, console, QR sheet and travel time. */
async function photograph(browser: Browser, server: TestServer, clock: JumpingClock, story: CafeStory, all: boolean): Promise<void> {
  const w = words[story.language];
  const suffix = story.language === 'en' ? '' : `-${story.language}`;
  const studio = new Studio(browser, story.language === 'en' ? 'en-GB' : 'de-DE');
  const origin = browserUrl(server.url);
  const focus = story.focusTable;
  const clients: TestClient[] = [];
  const connected = async (secret: string) => {
    const client = await connect(server.url, secret);
    clients.push(client);
    return client;
  };
  try {
    // The start page, on a phone and (filled in) on the laptop.
    if (all) {
      const phoneStart = await studio.page('phone', 'start page (phone)');
      await phoneStart.goto(`${origin}/`);
      await shot(phoneStart, 'start-390x844.png');
    }
    const laptop = await studio.page('laptop', 'start page / console');
    await laptop.goto(`${origin}/`);
    await laptop.getByLabel(w.title, { exact: true }).fill(story.title);
    await laptop.getByLabel(w.tables).fill(String(story.tables));
    for (const [i, question] of story.questions.entries()) await laptop.getByLabel(w.question, { exact: true }).nth(i).fill(question);
    await laptop.getByLabel(w.returnHome).last().check();
    await laptop.getByRole('button', { name: w.exampleGroups }).click();
    if (all) {
      await laptop.evaluate(() => window.scrollTo(0, 0));
      await shot(laptop, 'start-1440x900.png');
      await shot(laptop, 'start-1440-full.png', { fullPage: true });
    }
    await laptop.getByRole('button', { name: w.create }).click();
    const consoleLink = laptop.getByRole('link', { name: w.console });
    await consoleLink.waitFor();
    if (all) await shot(laptop, 'start-created-1440x900.png');
    const consoleUrl = (await consoleLink.getAttribute('href'))!;
    const wallUrl = (await laptop.getByRole('link', { name: w.wall }).getAttribute('href'))!;
    const qrUrl = (await laptop.getByRole('link', { name: w.qr }).getAttribute('href'))!;
    const joinCode = (await laptop.locator('tc-start-links .code').innerText()).trim();
    const links = await linksOf(server, joinCode, secretOf(consoleUrl));
    const table = (id: string) => links.tables.find((t) => t.tableId === id)!;
    const facilitator = await connected(secretOf(consoleUrl));
    await laptop.goto(consoleUrl);

    if (all) {
      const sheet = await studio.page('laptop', 'QR sheet');
      await sheet.goto(qrUrl);
      await sheet.locator('tc-qr svg').nth(1 + links.wall.length + 2 * story.tables - 1).waitFor();
      await shot(sheet, 'qr-sheet-1440x900.png');
      const paper = await studio.page('a4', 'QR sheet (print)');
      await paper.emulateMedia({ media: 'print' });
      await paper.goto(qrUrl);
      await paper.locator('tc-qr svg').nth(1 + links.wall.length + 2 * story.tables - 1).waitFor();
      await shot(paper, 'qr-sheet-print-1240x1754.png');
    }

    // Hosts: the focus table's on a tablet in the browser, the others as socket clients.
    const tablet = await studio.page('tablet', `host of table ${focus}`);
    await tablet.goto(browserUrl(table(focus).host!));
    await tablet.getByLabel(w.hostField).waitFor();
    const hosts = new Map<string, TestClient>();
    for (const id of new Set(story.ideas.filter((i) => !i.phone && i.table !== focus).map((i) => i.table))) {
      hosts.set(id, await connected(secretOf(table(id).host)));
    }

    // The photographed phone joins at the focus table through its QR link; other phones over the API.
    const phone = await studio.page('phone', 'phone');
    await phone.goto(browserUrl(table(focus).participants));
    await phone.getByLabel(w.name).fill(story.phone.name);
    await phone.getByRole('radio', { name: story.phone.group, exact: true }).check();
    await phone.getByLabel(w.publish).check();
    await phone.getByLabel(w.showName).check();
    await shot(phone, `phone-join${suffix}-390x844.png`);
    await phone.getByRole('button', { name: w.join }).tap();
    await phone.getByLabel(w.idea).waitFor();
    const phones = new Map<string, TestClient>();
    for (const idea of story.ideas) {
      if (!idea.phone) continue;
      const key = `${idea.table}/${idea.phone.name}`;
      if (phones.has(key)) continue;
      const joined = await joinCafe(server, links, {
        tableId: idea.table,
        displayName: idea.phone.name,
        group: idea.group,
        consent: { publish: true, showName: idea.phone.showName },
      });
      phones.set(key, await connected(joined.secret));
    }

    // Lobby, then round 1.
    await facilitator.must({ type: 'openCafe' });
    const wall = await studio.page('projector', 'wall');
    await wall.goto(wallUrl);
    await wall.getByText(joinCode).first().waitFor();
    if (all) await shot(wall, 'wall-lobby-1920x1080.png');
    await facilitator.must({ type: 'startRound' });

    const seen = (text: string) => facilitator.until(() => Object.values(facilitator.state.ideas).some((i) => i.text === text), text);
    let hiddenId: string | null = null;
    let said = 0;
    const pause = () => clock.jump((9 + ((said++ * 7) % 11)) * SECOND);
    const typed = [...story.typedOnTablet];
    for (const [n, idea] of story.ideas.entries()) {
      pause();
      // Every few ideas from the room, the focus table's host types one (and the phone writes one).
      if (n % 5 === 0 && typed.length > 0) {
        const next = typed.shift()!;
        await tablet.getByRole('button', { name: next.group, exact: true }).click();
        await tablet.getByLabel(w.hostField).fill(next.text);
        await tablet.getByLabel(w.hostField).press('Enter');
        await seen(next.text);
      }
      if (n === 7) {
        await phone.getByLabel(w.idea).fill(story.phone.idea);
        await phone.getByRole('button', { name: w.send }).tap();
        await seen(story.phone.idea);
      }
      const ideaId = randomUUID();
      const author = idea.phone ? phones.get(`${idea.table}/${idea.phone.name}`)! : hosts.get(idea.table);
      if (!author) throw new Error(`no host at table ${idea.table}`);
      await author.must({ type: 'addIdea', ideaId, tableId: idea.table, round: 0, text: idea.text, ...(idea.phone ? {} : { group: idea.group }) });
      if (idea.starred) await (hosts.get(idea.table) ?? facilitator).must({ type: 'starIdea', ideaId, starred: true });
      if (idea.text === story.hidden) hiddenId = ideaId;
    }
    // The first idea typed on the tablet is the table's key insight.
    await tablet.locator('tc-host-idea', { hasText: story.typedOnTablet[0]!.text }).getByRole('button', { name: w.star }).click();
    await facilitator.must({ type: 'broadcast', text: story.broadcast });
    clock.jump(30 * SECOND);

    const tableName = table(focus).name;
    await reload(laptop, tableName);
    await reload(wall, story.broadcast);
    await reload(tablet, story.broadcast);
    await reload(phone, story.broadcast);
    if (all) {
      await shot(laptop, 'console-round-1440x900.png');
      await laptop.getByRole('button', { name: new RegExp(`^${tableName}\\b`) }).click();
      const item = laptop.locator('tc-idea-item', { hasText: story.hidden });
      await item.getByRole('button', { name: 'Hide from the wall' }).click();
      await item.getByText('Hidden from the wall').waitFor();
      await shot(laptop, 'console-table-1440x900.png');
    } else {
      await facilitator.must({ type: 'hideIdea', ideaId: hiddenId!, hidden: true });
    }
    await wall.getByText(story.hidden).waitFor({ state: 'detached' });
    await shot(wall, `wall-round${suffix}-1920x1080.png`);
    await shot(phone, `phone-round${suffix}-390x844.png`);
    await shot(phone, `phone-round${suffix}-390-full.png`, { fullPage: true });
    await shot(tablet, `host-round${suffix}-1024x768.png`);
    if (!all) return;

    // Travel time: the wall shows the join code again, the hosts get the handover.
    await facilitator.must({ type: 'nextRound', from: { kind: 'round', round: 0 } });
    clock.jump(90 * SECOND);
    await reload(wall, joinCode);
    await reload(tablet, story.typedOnTablet[0]!.text);
    await reload(phone, story.questions[1]);
    await shot(wall, 'wall-travel-1920x1080.png');
    await shot(tablet, 'host-travel-1024x768.png');
    await shot(phone, 'phone-travel-390x844.png');

    // A tablet whose Wi-Fi is gone keeps taking notes: they wait in its outbox, counted in sight.
    const accessPoint = await startAccessPoint({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    try {
      const offline = await studio.page('tablet', `offline host of table ${focus}`, true);
      await offline.goto(browserUrl(table(focus).host!).replace(`:${new URL(server.url).port}/`, `:${accessPoint.port}/`));
      const field = offline.getByLabel(w.hostField);
      await field.waitFor();
      accessPoint.cut();
      await offline.getByText('Not connected.', { exact: false }).waitFor();
      for (const note of story.typedWhileOffline) {
        await field.fill(note);
        await field.press('Enter');
      }
      await offline.getByText(`${story.typedWhileOffline.length} not sent yet.`, { exact: false }).waitFor();
      await shot(offline, 'host-offline-1024x768.png');
    } finally {
      await accessPoint.close();
    }

    // The end of round 1: the host chooses the table's key insights on the harvest card.
    const card = tablet.locator('tc-harvest-card');
    await card.getByRole('button', { name: 'Write an insight' }).waitFor();
    const chosen = card.locator('label.choice input:checked');
    if ((await chosen.count()) === 3) await chosen.first().uncheck();
    await card.getByRole('button', { name: 'Write an insight' }).click();
    await card.locator('textarea').fill('Students should plan part of the timetable themselves');
    await card.scrollIntoViewIfNeeded();
    await shot(tablet, 'host-harvest-1024x768.png');
    await card.getByRole('button', { name: 'Save the card' }).click();
    await facilitator.until(() => Object.keys(facilitator.state.harvestCards).length > 0, 'the harvest card');
    // Two photos of the focus table's tablecloth, taken at the end of round 1.
    const tabletWords = story.typedOnTablet.map((n) => n.text);
    for (const notes of [tabletWords.slice(0, 4), tabletWords.slice(1, 5)]) await uploadTablecloth(tablet, server, links.cafeId, secretOf(table(focus).host!), focus, notes);

    // The harvest: themes from suggestions and by hand, a vote with phone and paper dots, a table in the spotlight.
    for (let i = 0; i < 4; i++) await facilitator.must({ type: 'nextRound' });
    await reload(laptop, 'Suggest themes');
    await laptop.getByRole('button', { name: 'Suggest themes' }).click();
    const suggestion = laptop.locator('tc-theme-suggestions li.suggestion').first();
    await suggestion.getByRole('button', { name: 'Edit' }).click();
    await suggestion.getByLabel('Name of the theme').fill('Time that is worth it');
    for (let i = 0; i < 3; i++) await laptop.locator('tc-theme-suggestions li.suggestion').first().getByRole('button', { name: 'Accept' }).click();
    await facilitator.until(() => Object.keys(facilitator.state.themes).length === 3, 'three themes');
    const board = laptop.locator('tc-theme-board');
    for (const box of (await board.locator('section.column li input[type=checkbox]').all()).slice(0, 3)) await box.check();
    await board.getByLabel('New theme').fill('What students want');
    await board.getByRole('button', { name: 'Create theme with 3 ideas' }).click();
    await facilitator.until(() => Object.keys(facilitator.state.themes).length === 4, 'four themes');
    await facilitator.must({ type: 'openVote' });
    const themeIds = Object.keys(facilitator.state.themes);
    let dot = 0;
    for (const voter of phones.values()) for (let d = 0; d < 3; d++) await voter.must({ type: 'castDot', themeId: themeIds[dot++ % themeIds.length]!, add: true });
    await facilitator.must({ type: 'setPaperDots', themeId: themeIds[0]!, count: 7 });
    await facilitator.must({ type: 'spotlight', tableId: focus });
    await laptop.locator('tc-vote-controls td.phones').first().waitFor();
    await laptop.evaluate(() => window.scrollTo(0, 0));
    await shot(laptop, 'console-harvest-1440x900.png');
    await laptop.setViewportSize({ width: 1280, height: 720 });
    await shot(laptop, 'console-harvest-1280x720.png');
    // The café's data: its archive, and the deletion's fold open with the code typed (never sent here).
    const data = laptop.locator('tc-cafe-data');
    await data.locator('details summary').click();
    await data.locator('#confirm-code').fill(facilitator.state.joinCode.toLowerCase());
    await laptop.locator('#data-heading').scrollIntoViewIfNeeded();
    await shot(laptop, 'console-data-1280x720.png');
    await data.locator('#confirm-code').fill('');
    await data.locator('details summary').click();
    await photographExport(studio, laptop, consoleUrl);
    await reload(tablet, 'Harvest card for round 3');
    await tablet.locator('tc-harvest-card').getByRole('button', { name: 'Round 1' }).click();
    await shot(tablet, 'host-harvest-saved-1024x768.png');

    // The wall and the phone in the vote: the themes and their dots, and the phone's own dots.
    const mostVoted = facilitator.state.themes[themeIds[1]!]!.name;
    await reload(phone, mostVoted);
    for (let d = 0; d < 2; d++) await phone.getByRole('button', { name: `Put a dot on ${mostVoted}`, exact: true }).tap();
    await facilitator.until(() => Object.values(facilitator.state.ballots).some((b) => b[themeIds[1]!] === 2), 'the phone’s dots');
    await phone.reload();
    await phone.getByText('Your dots: 1 of 3 left').waitFor();
    await phone.locator('section.vote').scrollIntoViewIfNeeded();
    await shot(phone, 'phone-vote-390x844.png');
    await facilitator.must({ type: 'spotlight', tableId: null });
    await reload(wall, 'Vote now');
    await shot(wall, 'wall-harvest-1920x1080.png');
    await facilitator.must({ type: 'spotlight', tableId: focus });
    await wall.locator('tc-wall-spotlight').waitFor();
    await shot(wall, 'wall-spotlight-1920x1080.png');
    if (all) {
      const photos = laptop.locator('tc-table-photos');
      await photos.locator('button.open img').first().waitFor();
      await photos.scrollIntoViewIfNeeded();
      await shot(laptop, 'console-photos-1280x720.png');
    }

    // The end: the vote closed, the wall offers the public harvest page (H15); the page on a phone and a laptop.
    await facilitator.must({ type: 'spotlight', tableId: null });
    await facilitator.must({ type: 'closeVote' });
    await wall.locator('tc-wall-join.take-home svg').waitFor();
    await shot(wall, `wall-end${suffix}-1920x1080.png`);
    // The phone's way back (H16): the invitation form filled in, then the address it will be invited at.
    const invite = phone.locator('tc-join-invite');
    await invite.locator('input[type=email]').fill('mia.lehrerin@schule.example'); // invitation
    for (const box of await invite.locator('input[type=checkbox]').all()) await box.check(); // invitation boxes
    await invite.locator('button.primary').scrollIntoViewIfNeeded(); // invitation form in view
    await shot(phone, `phone-invite${suffix}-390x844.png`);
    await invite.locator('button.primary').tap(); // invitation sent
    await invite.locator('[role=status]').waitFor(); // invitation shown
    await shot(phone, `phone-invited${suffix}-390x844.png`);
    if (all) { // the console's invitations, in English only
      const invitations = laptop.locator('tc-invitations'); // the console's invitations
      await invitations.locator('button.refresh').click(); // invitations: the phone's address
      await invitations.getByText('E-mail addresses: 1').waitFor(); // invitations counted
      await invitations.locator('details summary').click(); // invitations: remove one on request
      await invitations.scrollIntoViewIfNeeded(); // invitations in view
      await shot(laptop, 'console-invitations-1440x900.png'); // invitations
    } // invitations
    for (const device of all ? (['phone', 'laptop'] as const) : (['phone'] as const)) {
      const reader = await studio.page(device, `harvest page (${device})`);
      await reader.goto(`${origin}/h/${joinCode}`);
      await reader.locator('tc-harvest-theme').first().waitFor();
      // Lazy photos load once near the viewport: scroll past them, wait for each, come back.
      await reader.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      for (const img of await reader.locator('tc-harvest-view img').all()) await img.evaluate((i: HTMLImageElement) => i.decode());
      await reader.evaluate(() => window.scrollTo(0, 0));
      const size = device === 'phone' ? '390x844' : '1440x900';
      await shot(reader, `harvest-page${suffix}-${size}.png`);
      if (all) await shot(reader, `harvest-page-${size.split('x')[0]}-full.png`, { fullPage: true });
    }
  } finally {
    for (const client of clients) client.close();
    await studio.close();
  }
}

/** Planned rotation (issue 6): a café of 32 at eight coloured tables; the phone says where to go, the console shows the plan's quality. */
async function photographRotation(browser: Browser, server: TestServer): Promise<void> {
  const studio = new Studio(browser, 'en-GB');
  const clients: TestClient[] = [];
  try {
    const groups = ['teachers', 'students', 'parents', 'administration'];
    const created = await fetch(`${server.url}/api/cafes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Network meeting, planned rotation',
        stakeholderGroups: groups,
        tables: ['Red', 'Green', 'Blue', 'Yellow', 'Orange', 'Purple', 'Teal', 'Grey'],
        rounds: ['What makes learning matter?', 'What would we change first?', 'What will you do on Monday?'].map((question) => ({ question, durationMs: 20 * 60 * SECOND })),
      }),
    });
    const links = (await created.json()) as CafeLinks;
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    clients.push(facilitator);
    await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
    for (let i = 0; i < 31; i++) await joinCafe(server, links, { group: groups[i % groups.length]! });
    const phone = await studio.page('phone', 'planned phone');
    await phone.goto(browserUrl(links.join));
    await phone.getByLabel(words.en.name).fill('Mia');
    await phone.getByRole('radio', { name: 'students', exact: true }).check();
    await phone.getByLabel(words.en.publish).check();
    await phone.getByRole('button', { name: words.en.join }).tap();
    await facilitator.must({ type: 'openCafe' });
    await phone.locator('.plan').waitFor();
    await shot(phone, 'phone-rotation-lobby-390x844.png');
    // The host of Blue: during round 1 a line about who comes next; in travel time the panel.
    const tablet = await studio.page('tablet', 'host (rotation)');
    await tablet.goto(browserUrl(links.tables.find((t) => t.tableId === '3')!.host!));
    await facilitator.must({ type: 'startRound' });
    await tablet.locator('tc-arrivals-panel p.next').waitFor();
    await shot(tablet, 'host-rotation-round-1024x768.png');
    await facilitator.must({ type: 'nextRound', from: { kind: 'round', round: 0 } });
    await phone.getByText('Round 2: table').waitFor();
    await shot(phone, 'phone-rotation-travel-390x844.png');
    await tablet.getByRole('heading', { name: /people at this table in round 2/ }).waitFor();
    await shot(tablet, 'host-rotation-travel-1024x768.png');
    await tablet.setViewportSize({ width: 768, height: 1024 });
    await shot(tablet, 'host-rotation-travel-768x1024.png');
    const laptop = await studio.page('laptop', 'console (rotation)');
    await laptop.goto(browserUrl(links.facilitator!));
    const settings = laptop.locator('tc-rotation-settings');
    await settings.locator('.repeats').waitFor();
    await settings.scrollIntoViewIfNeeded();
    await shot(laptop, 'console-rotation-1440x900.png');
  } finally {
    for (const client of clients) client.close();
    await studio.close();
  }
}

/**
 * The wall in planned rotation (issue 6): "find your table" in the lobby and in travel time (a café
 * of 32 at eight coloured tables, four of them added without a phone), the room's mix during round
 * 1 once people sit, the board paging for 300 people, and a café of 60 tables (photographBigWall).
 */
async function photographWallRotation(browser: Browser, server: TestServer): Promise<void> {
  const studio = new Studio(browser, 'en-GB');
  const clients: TestClient[] = [];
  try {
    const groups = ['teachers', 'students', 'parents', 'administration', 'unions'];
    const created = await fetch(`${server.url}/api/cafes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Network meeting, planned rotation',
        stakeholderGroups: groups,
        tables: ['Red', 'Green', 'Blue', 'Yellow', 'Orange', 'Purple', 'Teal', 'Grey'],
        rounds: ['What makes learning matter?', 'What would we change first?', 'What will you do on Monday?'].map((question) => ({ question, durationMs: 20 * 60 * SECOND })),
      }),
    });
    const links = (await created.json()) as CafeLinks;
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    clients.push(facilitator);
    await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
    const phones: { id: string; client: TestClient }[] = [];
    for (let i = 0; i < 28; i++) {
      // The unions are few: one in ten.
      const joined = await joinCafe(server, links, { group: i % 10 === 9 ? 'unions' : groups[i % 4]! });
      const client = await connect(server.url, joined.secret);
      clients.push(client);
      phones.push({ id: joined.participantId, client });
    }
    for (let i = 0; i < 4; i++) await facilitator.must({ type: 'addParticipant', participantId: `no-phone-${i}`, group: groups[i % 4]! });
    await facilitator.must({ type: 'openCafe' });
    await server.rotation.idle();
    const wall = await studio.page('projector', 'wall (rotation)');
    await wall.goto(browserUrl(links.wall[0]!));
    await wall.getByText('Round 1 — find your table').waitFor();
    await shot(wall, 'wall-find-your-table-lobby-1920x1080.png');
    await facilitator.must({ type: 'startRound' });
    await server.rotation.idle();
    for (const { id, client } of phones) {
      await client.until(() => client.state.plan?.seats[id] !== undefined, 'its plan');
      await client.must({ type: 'takeSeat', tableId: client.state.plan!.seats[id]![0]! });
    }
    const sayings = ['Projects that matter outside school', 'Students choose one subject each term', 'Parents as guests in lessons', 'Unions and schools plan training together'];
    for (const [i, text] of sayings.entries()) {
      const { id, client } = phones[i + 1]!;
      await client.must({ type: 'addIdea', ideaId: `wall-idea-${i}`, tableId: client.state.plan!.seats[id]![0]!, round: 0, text });
    }
    await facilitator.must({ type: 'setLeft', participantId: phones[0]!.id, left: true });
    await wall.getByText(sayings[3]!).waitFor();
    await wall.locator('tc-wall-mix').getByText('1 left').waitFor();
    await shot(wall, 'wall-room-mix-1920x1080.png');
    await wall.setViewportSize({ width: 1280, height: 720 });
    await shot(wall, 'wall-room-mix-1280x720.png');
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await facilitator.must({ type: 'nextRound', from: { kind: 'round', round: 0 } });
    await server.rotation.idle();
    await wall.getByText('Round 2 — find your table').waitFor();
    await shot(wall, 'wall-find-your-table-1920x1080.png');
    await wall.setViewportSize({ width: 1280, height: 720 });
    await shot(wall, 'wall-find-your-table-1280x720.png');
    await wall.setViewportSize({ width: 1024, height: 768 });
    await shot(wall, 'wall-find-your-table-1024x768.png');
    await wall.setViewportSize({ width: 1920, height: 1080 });
    for (let i = 0; i < 268; i++) await facilitator.must({ type: 'addParticipant', participantId: `no-phone-more-${i}`, group: groups[i % 5]! });
    await server.rotation.idle();
    await wall.getByText(/page 1 of/).waitFor();
    await shot(wall, 'wall-find-your-table-300-1920x1080.png');
    await photographBigWall(server, studio, clients);
  } finally {
    for (const client of clients) client.close();
    await studio.close();
  }
}

/**
 * A big café's wall in the lobby (issue 6): 60 tables beside the find-your-table board, each with
 * the groups the plan sends to it, and the room's mix of six groups with longer names, people
 * without a group and two who left.
 */
async function photographBigWall(server: TestServer, studio: Studio, clients: TestClient[]): Promise<void> {
  const groups = ['Teachers and school leaders', 'Students and pupils', 'Parents and guardians', 'School administration', 'Universities and colleges', 'Trade unions'];
  const links = await createCafe(server, {
    title: 'Regional network meeting',
    stakeholderGroups: groups,
    tables: 60,
    rounds: ['What makes learning matter?', 'What would we change first?', 'What will you do on Monday?'].map((question) => ({ question, durationMs: 20 * 60 * SECOND })),
  });
  const facilitator = await connect(server.url, secretOf(links.facilitator));
  clients.push(facilitator);
  await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
  for (let i = 0; i < 240; i++) await facilitator.must({ type: 'addParticipant', participantId: `big-cafe-${i}`, group: i % 9 === 8 ? null : groups[i % 6]! });
  for (const id of ['big-cafe-0', 'big-cafe-1']) await facilitator.must({ type: 'setLeft', participantId: id, left: true });
  await facilitator.must({ type: 'openCafe' });
  await server.rotation.idle();
  const wall = await studio.page('projector', 'wall (big café)');
  await wall.goto(browserUrl(links.wall[0]!));
  await wall.getByText('Round 1 — find your table').waitFor();
  await wall.locator('tc-wall-mix').getByText('2 left').waitFor();
  await shot(wall, 'wall-find-your-table-60-tables-1920x1080.png');
  await wall.setViewportSize({ width: 1280, height: 720 });
  await shot(wall, 'wall-find-your-table-60-tables-1280x720.png');
}

/**
 * The console's people and tables in planned rotation (issue 6): a café of 26 at eight coloured
 * tables, two of them without a phone; six tables have a named host, one person left and so did
 * Purple's host, Teal seats four. The People section with the room's mix at 1440 and 1024, and a
 * table's panel with its host and seats, without a host, and with a host who left; in the lobby
 * the tiles give the plan's figures for round 1.
 */
async function photographConsolePeople(browser: Browser, server: TestServer): Promise<void> {
  const studio = new Studio(browser, 'en-GB');
  const clients: TestClient[] = [];
  try {
    const groups = ['teachers', 'students', 'parents', 'administration'];
    const names = ['Anna', 'Ben', 'Cem', 'Dora', 'Emil', 'Fatma', 'Gus', 'Hanna', 'Ivo', 'Jule', 'Kai', 'Lea'];
    const links = await createCafe(server, {
      title: 'Network meeting, planned rotation',
      language: 'en',
      stakeholderGroups: groups,
      travelMs: 5 * 60 * SECOND,
      tables: ['Red', 'Green', 'Blue', 'Yellow', 'Orange', 'Purple', 'Teal', 'Grey'],
      rounds: [1, 2, 3].map((n) => ({ question: `Question ${n}`, durationMs: 20 * 60 * SECOND })),
    });
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    clients.push(facilitator);
    await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const joined = await joinCafe(server, links, { group: i % 7 === 6 ? null : groups[i % 4]!, displayName: names[i] ?? null });
      ids.push(joined.participantId);
    }
    await facilitator.must({ type: 'addParticipant', participantId: 'paper-erika', displayName: 'Erika Mustermann', group: 'parents' });
    await facilitator.must({ type: 'addParticipant', participantId: 'paper-without-name', group: 'administration' });
    for (let t = 1; t <= 6; t++) await facilitator.must({ type: 'setHost', participantId: ids[t - 1]!, tableId: String(t) });
    await facilitator.must({ type: 'setLeft', participantId: ids[9]!, left: true });
    await facilitator.must({ type: 'setLeft', participantId: ids[5]!, left: true });
    await facilitator.must({ type: 'editTable', tableId: '7', capacity: 4 });
    await facilitator.must({ type: 'openCafe' });
    await server.rotation.idle();
    const laptop = await studio.page('laptop', 'console (people)');
    await laptop.goto(browserUrl(links.facilitator!));
    const people = laptop.locator('tc-people');
    await people.locator('tr[data-number="26"]').waitFor();
    await laptop.locator('tc-people #add-name').fill('Oma Ilse');
    await laptop.locator('tc-people form.add button[type=submit]').click();
    await people.getByText('Added: No. 27').waitFor();
    await scrollBelowHeader(laptop, laptop.locator('#people-heading'));
    await shot(laptop, 'console-people-1440x900.png');
    await laptop.setViewportSize({ width: 1024, height: 768 });
    await scrollBelowHeader(laptop, laptop.locator('#people-heading'));
    await shot(laptop, 'console-people-1024x768.png');
    await laptop.setViewportSize({ width: 1440, height: 900 });
    await laptop.locator('tc-table-grid button[data-table="2"]').click();
    await laptop.locator('tc-table-panel .host-of').waitFor();
    await laptop.evaluate(() => window.scrollTo(0, 0));
    await shot(laptop, 'console-table-host-capacity-1440x900.png');
    await laptop.locator('tc-table-grid button[data-table="7"]').click();
    await laptop.locator('tc-table-panel .no-host').waitFor();
    await shot(laptop, 'console-table-no-host-1440x900.png');
    await laptop.locator('tc-table-grid button[data-table="6"]').click();
    await laptop.locator('tc-table-panel .host-left').waitFor();
    await shot(laptop, 'console-table-host-left-1440x900.png');
  } finally {
    for (const client of clients) client.close();
    await studio.close();
  }
}

/**
 * The console's plan preview and the printed seat plan (issue 6): a café of 40 at ten coloured
 * tables before it opens, four people added without a phone. The rotation section at 1440 and
 * 1024; the seat plan on screen, on A4 as printed, and its name badges.
 */
async function photographSeatPlan(browser: Browser, server: TestServer): Promise<void> {
  const studio = new Studio(browser, 'en-GB');
  const clients: TestClient[] = [];
  try {
    const groups = ['teachers', 'students', 'parents', 'administration'];
    const created = await fetch(`${server.url}/api/cafes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Network meeting, planned rotation',
        stakeholderGroups: groups,
        tables: ['Red', 'Green', 'Blue', 'Yellow', 'Orange', 'Purple', 'Teal', 'Grey', 'Pink', 'White'],
        rounds: ['What makes learning matter?', 'What would we change first?', 'What will you do on Monday?'].map((question) => ({ question, durationMs: 20 * 60 * SECOND })),
      }),
    });
    const links = (await created.json()) as CafeLinks;
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    clients.push(facilitator);
    await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
    const first = ['Mia', 'Jonas', 'Aylin', 'Ben', 'Clara', 'David', 'Elif', 'Finn', 'Greta', 'Hamid', 'Ida', 'Jan'];
    const last = ['Adler', 'Becker', 'Çelik', 'Dietz', 'Engel', 'Fuchs', 'Graf'];
    for (let i = 0; i < 36; i++) {
      // Some phones leave their name out.
      const displayName = i % 9 === 4 ? null : `${first[i % first.length]} ${last[(i * 5) % last.length]}`;
      await joinCafe(server, links, { group: groups[i % groups.length]!, displayName });
    }
    const paper = [
      { participantId: 'no-phone-walter', displayName: 'Walter Sommer', group: 'administration' },
      { participantId: 'no-phone-ruth', displayName: 'Ruth Okafor', group: 'parents' },
      { participantId: 'no-phone-karl', displayName: 'Karl-Heinz Brandt', group: 'teachers' },
      { participantId: 'no-phone-lea', displayName: 'Lea Wagner', group: 'students' },
    ];
    for (const person of paper) await facilitator.must({ type: 'addParticipant', ...person });
    await facilitator.must({ type: 'planRotation' });
    await server.rotation.idle();
    const laptop = await studio.page('laptop', 'console (seat plan)');
    await laptop.goto(browserUrl(links.facilitator!));
    const settings = laptop.locator('tc-rotation-settings');
    await settings.locator('tc-plan-grid tr[data-table="10"]').waitFor();
    await scrollBelowHeader(laptop, settings);
    // The section's heading too.
    await laptop.evaluate(() => window.scrollBy(0, -40));
    await shot(laptop, 'console-rotation-preview-1440x900.png');
    await laptop.setViewportSize({ width: 1024, height: 768 });
    await scrollBelowHeader(laptop, settings.locator('.verdict'));
    await shot(laptop, 'console-rotation-preview-1024x768.png');
    await laptop.setViewportSize({ width: 1440, height: 900 });
    await settings.getByRole('button', { name: 'Print seat plan' }).click();
    await laptop.locator('tc-seat-plan-print section.round').first().waitFor();
    await shot(laptop, 'seat-plan-screen-1440x900.png');
    const sheet = await studio.page('a4', 'seat plan (print)');
    await sheet.goto(browserUrl(links.facilitator!));
    await sheet.locator('tc-rotation-settings').getByRole('button', { name: 'Print seat plan' }).click();
    const view = sheet.locator('tc-seat-plan-print');
    await view.locator('section.round').first().waitFor();
    // By name, so the people without a phone show among the others, marked.
    await view.getByLabel('By name').check();
    // A screenshot has no @page: the paper's 12 mm margin is drawn around the page instead.
    await sheet.addStyleTag({ content: 'html.tc-seat-plan body { padding: 12mm; box-sizing: border-box }' });
    await sheet.emulateMedia({ media: 'print' });
    await shot(sheet, 'seat-plan-print-1240x1754.png');
    await sheet.emulateMedia({ media: 'screen' });
    await view.getByLabel('Name badges').check();
    await sheet.emulateMedia({ media: 'print' });
    await view.locator('.card').first().waitFor();
    await shot(sheet, 'seat-plan-badges-print-1240x1754.png');
  } finally {
    for (const client of clients) client.close();
    await studio.close();
  }
}

mkdirSync(OUT, { recursive: true });
const client = await buildClient();
const clock = new JumpingClock();
// The export screen's target: a folder (the files exporter), removed at the end.
const harvestFolder = mkdtempSync(join(tmpdir(), 'tablecloth-screenshots-export-'));
const server = await startServer({ clientDir: client.dir, clock, exports: { targets: [{ name: 'harvest-folder', kind: 'files', settings: { dir: harvestFolder } }] } });
const browser = await launchChromium();
try {
  // SCREENSHOTS=rotation takes only planned rotation's pictures; SCREENSHOTS=wall-rotation only the wall's;
  // SCREENSHOTS=console-rotation only the console's seat plan, people and tables.
  const only = process.env.SCREENSHOTS;
  if (only !== 'rotation' && only !== 'wall-rotation' && only !== 'console-rotation') {
    await photograph(browser, server, clock, english, true);
    await photograph(browser, server, clock, german, false);
  }
  if (only !== 'wall-rotation' && only !== 'console-rotation') await photographRotation(browser, server);
  if (only !== 'console-rotation') await photographWallRotation(browser, server);
  if (only !== 'wall-rotation') await photographSeatPlan(browser, server);
  if (only !== 'wall-rotation') await photographConsolePeople(browser, server);
} finally {
  await browser.close();
  await server.close();
  rmSync(harvestFolder, { recursive: true, force: true });
}
console.log(`Saved in ${OUT}:\n${saved.map((s) => `  ${s}`).join('\n')}`);
if (problems.length > 0) {
  console.log(`Errors in the pages:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exitCode = 1;
}
