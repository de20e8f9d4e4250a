/**
 * A café switched to planned rotation on a real server, with the faces built and Debian's Chromium
 * started: the set-up the end-to-end tests of issue 6 share. Pages it opens record uncaught errors
 * and console errors in `problems`, which each test file expects to stay empty.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { systemClock } from '../../server/clock.js';
import type { CafeLinks } from '../../server/reception.js';
import type { CafeSetup } from '../../shared/domain/commands.js';
import { browserUrl, launchChromium } from './browser.js';
import { connect, type TestClient } from './client.js';
import { buildClient } from './client-build.js';
import { createCafe, secretOf, startServer, type TestServer } from './server.js';

const GENEROUS = { max: 1_000_000, timeWindow: 60_000 };

export interface PlannedCafe {
  server: TestServer;
  browser: Browser;
  links: CafeLinks;
  facilitator: TestClient;
  problems: string[];
  /** A page on `device` at one of the café's links, its errors going to `problems`. */
  open(device: BrowserContextOptions, link: string): Promise<Page>;
  /** Closes the clients given, the facilitator, the browser and the server (after the plan being made). */
  close(clients?: readonly (TestClient | undefined)[]): Promise<void>;
}

/** Three rounds of 20 minutes, 5 minutes of travel, English; the rest as given. */
export async function startPlannedCafe(setup: Pick<CafeSetup, 'title' | 'stakeholderGroups' | 'tables'>): Promise<PlannedCafe> {
  const client = await buildClient();
  const server = await startServer({ clientDir: client.dir, clock: systemClock, rateLimits: { ops: GENEROUS, requests: GENEROUS, joinsPerCode: GENEROUS } });
  const browser = await launchChromium();
  const links = await createCafe(server, {
    language: 'en',
    travelMs: 5 * 60_000,
    rounds: [0, 1, 2].map((i) => ({ question: `Question ${i + 1}`, durationMs: 20 * 60_000 })),
    ...setup,
  });
  const facilitator = await connect(server.url, secretOf(links.facilitator));
  await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
  const problems: string[] = [];
  return {
    server,
    browser,
    links,
    facilitator,
    problems,
    async open(device, link) {
      const page = await (await browser.newContext(device)).newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => problems.push(`uncaught ${error.message}`));
      page.on('console', (m) => void (m.type() === 'error' && problems.push(`console error ${m.text()}`)));
      await page.goto(browserUrl(link));
      return page;
    },
    async close(clients = []) {
      for (const c of [facilitator, ...clients]) c?.close();
      await browser.close();
      await server.rotation.idle();
      await server.close();
    },
  };
}
