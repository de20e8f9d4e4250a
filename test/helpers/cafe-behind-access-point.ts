/**
 * The set-up of the browser drills that play with the network: the built faces on a test server,
 * a loopback access point in front of it (test/helpers/access-point.ts), a café in its first
 * round, and Chromium. Registers its own beforeAll/afterAll; the returned object is filled in them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import { startAccessPoint, type AccessPoint } from './access-point.js';
import { launchChromium } from './browser.js';
import { connect, type TestClient } from './client.js';
import { buildClient } from './client-build.js';
import { createCafe, secretOf, startServer, type TestServer } from './server.js';

export interface CafeBehindAccessPoint {
  server: TestServer;
  accessPoint: AccessPoint;
  browser: Browser;
  links: CafeLinks;
  facilitator: TestClient;
  /** A link of the café as a browser reaches it through the access point. */
  through(link: string): string;
}

export function useCafeBehindAccessPoint(): CafeBehindAccessPoint {
  const rig = {} as CafeBehindAccessPoint;
  beforeAll(async () => {
    const client = await buildClient();
    rig.server = await startServer({ clientDir: client.dir });
    rig.accessPoint = await startAccessPoint({ host: '127.0.0.1', port: Number(new URL(rig.server.url).port) });
    rig.links = await createCafe(rig.server);
    rig.facilitator = await connect(rig.server.url, secretOf(rig.links.facilitator));
    await rig.facilitator.must({ type: 'openCafe' });
    await rig.facilitator.must({ type: 'startRound' });
    rig.browser = await launchChromium();
    rig.through = (link) => link.replace(/^http:\/\/[^/]+/, `http://cafe.test:${rig.accessPoint.port}`);
  }, 120_000);
  afterAll(async () => {
    await rig.browser?.close();
    rig.facilitator?.close();
    await rig.accessPoint?.close();
    await rig.server?.close();
  });
  return rig;
}
