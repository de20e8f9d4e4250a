/**
 * Planned rotation on the host's tablet end to end (issue 6, M5): a real server plans a café of 14
 * phones at four tables; the host page of one table, in real Chromium, says how many people the
 * plan seats there and of which groups (people without a group last) — the figures the
 * facilitator's full plan gives — in the
 * lobby and in travel time, in English and German, held sideways and upright; when the table is
 * closed and the server plans again, it says no one is planned there.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import type { CafeState } from '../../shared/domain/state.js';
import { chromiumAvailable, TABLET } from '../helpers/browser.js';
import { connect, type TestClient } from '../helpers/client.js';
import { startPlannedCafe, type PlannedCafe } from '../helpers/planned-cafe.js';
import { joinCafe, type TestServer } from '../helpers/server.js';
import { settledState } from '../helpers/settled-plan.js';

const GROUPS = ['Lehrkräfte', 'Schüler:innen', 'Eltern'];
/** Each phone's group: the three groups unevenly, and two phones without one. */
const PHONES = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, null, null].map((g) => (g === null ? null : GROUPS[g]!));
const TABLE = '2';

let server: TestServer;
let rig: PlannedCafe;
let links: CafeLinks;
let facilitator: TestClient;
let tablet: Page;
const phones: TestClient[] = [];
let problems: string[] = [];

/** The facilitator's state once every plan being made has been recorded and has arrived. */
const settled = (): Promise<CafeState> => settledState(server, facilitator);

/** From the facilitator's full plan: how many the table gets in `round`, and the rows the host should see. */
function expected(state: CafeState, round: number, noGroup: string): { count: number; rows: string[] } {
  const plan = state.plan!;
  const byGroup = new Map<string, number>();
  let count = 0;
  for (const [id, seats] of Object.entries(plan.seats)) {
    if (seats[round - plan.fromRound] !== TABLE) continue;
    count++;
    const group = state.participants[id]!.group ?? '';
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
  }
  const rows = [...byGroup]
    .sort(([a, m], [b, n]) => Number(a === '') - Number(b === '') || n - m || GROUPS.indexOf(a) - GROUPS.indexOf(b))
    .map(([g, n]) => `${g || noGroup} ${n}`);
  return { count, rows };
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
async function panel(page: Page): Promise<{ heading: string; rows: string[] }> {
  const heading = clean(await page.locator('tc-arrivals-panel h2').innerText());
  const rows = (await page.locator('tc-arrivals-panel li').allInnerTexts()).map(clean);
  return { heading, rows };
}

/** Waits for the panel to say `heading`, then returns its rows. */
async function rowsUnder(heading: string): Promise<string[]> {
  await expect.poll(async () => (await panel(tablet)).heading, { timeout: 10_000 }).toBe(heading);
  return (await panel(tablet)).rows;
}

describe.runIf(chromiumAvailable())('the host\u2019s tablet in planned rotation, against a real server', () => {
  beforeAll(async () => {
    rig = await startPlannedCafe({
      title: 'Netzwerktreffen, geplante Rotation',
      stakeholderGroups: GROUPS,
      tables: 4,
    });
    ({ server, links, facilitator, problems } = rig);
    for (const group of PHONES) phones.push(await connect(server.url, (await joinCafe(server, links, { group })).secret));
    tablet = await rig.open(TABLET, links.tables.find((t) => t.tableId === TABLE)!.host!);
  }, 90_000);

  afterAll(async () => {
    await rig?.close(phones);
  });

  it('in the lobby: how many sit at the table in round 1 and of which groups, as in the facilitator\u2019s plan', async () => {
    await facilitator.must({ type: 'openCafe' });
    const want = expected(await settled(), 0, 'No group');
    expect(want.count).toBeGreaterThan(1);
    expect(await rowsUnder(`${want.count} people at this table in round 1`)).toEqual(want.rows);
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  }, 60_000);

  it('in travel time, in German, held sideways and upright: the round travelled to, from the new plan', async () => {
    await facilitator.must({ type: 'startRound' });
    // During the round a single line about the next one.
    const next = expected(await settled(), 1, 'No group');
    await expect.poll(() => tablet.locator('tc-arrivals-panel p.next').innerText().then(clean)).toBe(`Next round: ${next.count} at this table (${next.rows.join(', ')})`);
    await tablet.getByLabel('Language').selectOption('de');
    await facilitator.must({ type: 'nextRound' });
    const state = await settled();
    expect(state.phase).toMatchObject({ kind: 'travel', round: 1 });
    expect(state.plan!.fromRound).toBe(1);
    const want = expected(state, 1, 'Ohne Gruppe');
    expect(await rowsUnder(`${want.count} Personen an diesem Tisch in Runde 2`)).toEqual(want.rows);
    for (const size of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
      await tablet.setViewportSize(size);
      const box = (await tablet.locator('tc-arrivals-panel').boundingBox())!;
      expect(box.y + box.height, `${size.width}×${size.height}: the panel in sight`).toBeLessThan(size.height / 2);
      expect(await tablet.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    }
  }, 60_000);

  it('says no one is planned once the table is closed and the server planned again', async () => {
    await facilitator.must({ type: 'editTable', tableId: TABLE, enabled: false });
    const state = await settled();
    expect(expected(state, 1, 'Ohne Gruppe').count).toBe(0);
    expect(await rowsUnder('Für diesen Tisch ist in Runde 2 niemand eingeplant')).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});
