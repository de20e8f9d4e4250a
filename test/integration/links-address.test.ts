import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import type { CafeLinks } from '../../server/reception.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { defaultSetup } from '../helpers/server.js';

describe('the address in links and QR codes', () => {
  let built: App;
  afterEach(async () => {
    await built?.app.close();
  });

  async function create(options: { publicUrl?: string | null; host: string }): Promise<CafeLinks> {
    built = await buildApp({ store: SqliteStore.open(':memory:'), clock: new ManualClock(), publicUrl: options.publicUrl ?? null, venueUrl: () => 'http://192.0.2.10:3000' });
    const response = await built.app.inject({ method: 'POST', url: '/api/cafes', headers: { host: options.host }, payload: defaultSetup });
    expect(response.statusCode).toBe(201);
    return response.json<CafeLinks>();
  }

  it('is the venue address when the café is created from localhost, which no phone could open', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000']) {
      const links = await create({ host });
      expect(links.join).toBe(`http://192.0.2.10:3000/j/${links.joinCode}`);
      expect(links.facilitator).toMatch(/^http:\/\/192\.0\.2\.10:3000\/facilitator#/);
      expect(links.tables[0]!.participants).toMatch(/^http:\/\/192\.0\.2\.10:3000\/j\//);
      await built.app.close();
    }
  });

  it('is the address the page was opened with when that is a network address, and PUBLIC_URL above all', async () => {
    expect((await create({ host: 'cafe.local:3000' })).join).toMatch(/^http:\/\/cafe\.local:3000\/j\//);
    await built.app.close();
    expect((await create({ host: 'localhost:3000', publicUrl: 'https://cafe.example.org' })).join).toMatch(/^https:\/\/cafe\.example\.org\/j\//);
  });
});
