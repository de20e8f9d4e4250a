/**
 * Hostile text is shown inert on every face, in real Chromium under the server's
 * Content-Security-Policy: a café whose title, table names, questions, broadcast, participant
 * name and ideas are script tags, event-handler images, Markdown and HTML tricks, entities, a
 * thousand emoji and RTL overrides. On every face the text appears literally, no payload runs
 * (a global flag it would set stays unset, no dialog opens), no markup from it exists in the
 * page, nothing is wider than the screen, and the browser reports no CSP violation at all.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import type { CafeLinks } from '../../server/reception.js';
import type { CafeSetup } from '../../shared/domain/commands.js';
import { browserUrl, chromiumAvailable, launchChromium, LAPTOP, PHONE, PROJECTOR, TABLET } from '../helpers/browser.js';
import { connect, type TestClient } from '../helpers/client.js';
import { buildClient } from '../helpers/client-build.js';
import { createCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';


/** Each payload, if it ever ran, would set `window.pwned` or open a dialog. */
const TITLE = '<img src=x onerror="window.pwned=\'title\';alert(1)"> **Café** &lt;b&gt;';
const TABLE = '<script>window.pwned="table"</script>';
const QUESTION = '[click me](javascript:window.pwned="question") <b onmouseover=alert(1)>bold</b> &amp; `code`';
const BROADCAST = '<svg onload="window.pwned=\'broadcast\'"></svg> \u202Egnp.exe\u202C __underline__';
const NAME = '<iframe src="javascript:window.pwned=1">';
const IDEA_MARKUP = '<a href="javascript:window.pwned=\'idea\'">link</a> <style>*{display:none}</style> &#60;script&#62;';
// (Direction marks at the very ends are trimmed on input, as all invisible characters there: shared/text.ts.)
const IDEA_RTL = 'Start \u202Ereversed text\u202C end, \u2066isolated\u2069 and after';
const IDEA_EMOJI = '😀'.repeat(1000);
const IDEA_LONG_WORD = `https://example.org/${'a'.repeat(300)}`;

let server: TestServer;
let browser: Browser;
let links: CafeLinks;
const contexts: BrowserContext[] = [];
const clients: TestClient[] = [];
/** Whatever went wrong on any page: a dialog, a CSP violation, an uncaught error, a console error. */
const problems: string[] = [];

async function face(options: BrowserContextOptions, name: string, url: string): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { violations?: string[] };
      (w.violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('dialog', (dialog) => {
    problems.push(`${name}: a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${name}: console error ${message.text()}`);
  });
  await page.goto(url);
  return page;
}

/** All text of the page, shadow roots included (what Lit renders lives there). */
function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        else if (node.nodeType === Node.ELEMENT_NODE) {
          const el = node as Element;
          if (el.tagName === 'STYLE' || el.tagName === 'SCRIPT') continue;
          if (el.shadowRoot) walk(el.shadowRoot);
          walk(el);
        }
      }
    };
    walk(document.body);
    return parts.join('');
  });
}

/** Elements or attributes a payload would have created, were it parsed as markup, anywhere in the page. */
function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const tag = el.tagName.toLowerCase();
        if (['iframe', 'svg', 'b', 'img', 'a', 'style', 'script'].includes(tag)) {
          const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
          if (tag === 'img' && href === 'x') found.push('img src=x');
          if (href.startsWith('javascript:')) found.push(`${tag} ${href}`);
          if (tag === 'iframe') found.push('iframe');
          if (tag === 'script' && (el.textContent ?? '').includes('pwned')) found.push('script');
          if (tag === 'svg' && el.hasAttribute('onload')) found.push('svg onload');
          if (tag === 'b' && el.hasAttribute('onmouseover')) found.push('b onmouseover');
        }
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

/** What every face must hold to: literal text, nothing ran, no markup made, no sideways scroll, no CSP violation. */
async function expectInert(page: Page, name: string, texts: string[]): Promise<void> {
  await expect
    .poll(async () => {
      const text = await deepText(page);
      return texts.filter((t) => !text.includes(t));
    }, { timeout: 10_000, message: `${name} shows every hostile text literally` })
    .toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned), `${name}: a payload ran`).toBeUndefined();
  expect(await injectedMarkup(page), `${name}: markup from user text`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []), `${name}: CSP violations`).toEqual([]);
}

describe.runIf(chromiumAvailable())('hostile text on every face, under the Content-Security-Policy', () => {
  beforeAll(async () => {
    const client = await buildClient();
    server = await startServer({ clientDir: client.dir, clock: systemClock });
    browser = await launchChromium();
    const setup: CafeSetup = {
      title: TITLE,
      language: 'en',
      stakeholderGroups: ['teachers'],
      travelMs: 5 * 60_000,
      tables: [TABLE, 'Table two'],
      rounds: [
        { question: QUESTION, durationMs: 20 * 60_000 },
        { question: 'Next?', durationMs: 20 * 60_000 },
      ],
    };
    links = await createCafe(server, setup);
    const facilitator = await connect(server.url, secretOf(links.facilitator));
    const host = await connect(server.url, secretOf(links.tables[0]!.host));
    clients.push(facilitator, host);
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    await facilitator.must({ type: 'broadcast', text: BROADCAST });
    for (const [i, text] of [IDEA_MARKUP, IDEA_RTL, IDEA_EMOJI, IDEA_LONG_WORD].entries()) {
      await host.must({ type: 'addIdea', ideaId: `hostile-idea-${i}`, tableId: '1', round: 0, text });
    }
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const ideas = [IDEA_MARKUP, IDEA_RTL, IDEA_EMOJI, IDEA_LONG_WORD];
  const at = (link: string) => browserUrl(link);

  it('the participant phone: the join page, then the table with its question, the broadcast, the ideas and the hostile name', async () => {
    const phone = await face(PHONE, 'phone', at(links.tables[0]!.participants));
    await expectInert(phone, 'join page', [TITLE, TABLE]);
    await phone.getByLabel('Your name (optional)').fill(NAME);
    await phone.getByLabel('My ideas may be published after the café').check();
    await phone.getByLabel('My name may be shown next to my ideas').check();
    await phone.getByRole('button', { name: 'Join the café' }).tap();
    await expectInert(phone, 'phone', [QUESTION, BROADCAST, TABLE, ...ideas]);
    // The phone's own idea, under the hostile name, reaches the wall and the host as text.
    await phone.getByLabel('Your idea').fill('<b>from the phone</b>');
    await phone.getByRole('button', { name: 'Send' }).tap();
    await expectInert(phone, 'phone after sending', ['<b>from the phone</b>']);
  }, 60_000);

  it('the table host’s tablet', async () => {
    const tablet = await face(TABLET, 'host', at(links.tables[0]!.host!));
    await expectInert(tablet, 'host', [TABLE, QUESTION, BROADCAST, ...ideas, '<b>from the phone</b>', NAME]);
  }, 60_000);

  it('the live wall', async () => {
    const wall = await face(PROJECTOR, 'wall', at(links.wall[0]!));
    // The wall shows the newest ideas; the long ones may be clamped, but never as markup.
    await expectInert(wall, 'wall', [QUESTION, BROADCAST, TABLE, '<b>from the phone</b>', NAME]);
    expect(await wall.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('the facilitator console and the QR sheet', async () => {
    const console = await face(LAPTOP, 'facilitator', at(links.facilitator!));
    await expectInert(console, 'facilitator', [TITLE, TABLE, BROADCAST]);
    await console.getByRole('button', { name: TABLE }).first().click();
    await expectInert(console, 'facilitator’s table panel', [IDEA_MARKUP, IDEA_RTL, IDEA_EMOJI, '<b>from the phone</b>']);
    const sheet = await face(LAPTOP, 'QR sheet', at(links.facilitator!.replace('/facilitator#', '/qr#')));
    await expectInert(sheet, 'QR sheet', [TITLE, TABLE]);
  }, 60_000);

  it('the start page, creating a café with a hostile title', async () => {
    const start = await face(LAPTOP, 'start page', `${browserUrl(server.url)}/`);
    await start.getByLabel('Title', { exact: true }).fill(TITLE);
    await start.getByRole('button', { name: 'Create café' }).click();
    await expectInert(start, 'start page', [`“${TITLE}” is ready`]);
  }, 60_000);

  it('the API documentation at /docs renders under its policy', async () => {
    const docs = await face(LAPTOP, '/docs', `${browserUrl(server.url)}/docs/`);
    await docs.getByText('Tablecloth API').first().waitFor({ state: 'visible' });
    expect(await docs.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? [])).toEqual([]);
  }, 60_000);

  it('no page had a dialog, an uncaught error, a console error or a CSP report', () => {
    expect(problems).toEqual([]);
  });
});
