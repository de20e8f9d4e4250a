/** The set-up both outbox test files share: a café in its first round, and tablets on its host links. */
import { afterEach, beforeEach } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';
import { SimulatedTablet, type TabletOptions } from '../helpers/tablet.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CafeInRound {
  server: TestServer;
  links: CafeLinks;
  facilitator: TestClient;
  /** A tablet on table `table`'s host link, once it has its first state. */
  tablet(table?: number, extra?: Partial<TabletOptions>): Promise<SimulatedTablet>;
}

/** Registers the hooks; the returned object is filled before each test. */
export function useCafeInRound(): CafeInRound {
  const tablets: SimulatedTablet[] = [];
  const cafe = {} as CafeInRound;
  beforeEach(async () => {
    cafe.server = await startServer();
    cafe.links = await createCafe(cafe.server);
    cafe.facilitator = await connect(cafe.server.url, secretOf(cafe.links.facilitator));
    await cafe.facilitator.must({ type: 'openCafe' });
    await cafe.facilitator.must({ type: 'startRound' });
    cafe.tablet = async (table = 0, extra = {}) => {
      const t = await SimulatedTablet.open({ urls: [cafe.server.url], secret: secretOf(cafe.links.tables[table]!.host), ...extra });
      tablets.push(t);
      for (let i = 0; i < 200 && !t.state; i++) await sleep(10);
      return t;
    };
  });
  afterEach(async () => {
    for (const t of tablets.splice(0)) t.close();
    cafe.facilitator.close();
    await cafe.server.close();
  });
  return cafe;
}
