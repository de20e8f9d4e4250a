/**
 * The console's people and tables in planned rotation end to end (issue 6, M7–M10, M12): in real
 * Chromium against a real server, the facilitator adds someone without a phone (and reads their
 * number), names a table's host, marks someone as gone and gives a table a number of seats; the
 * facilitator's state and the console show each, and the plan the server makes by itself keeps
 * the host at their table every round, leaves out the one who left, seats the one without a phone
 * and sends the table no more people than its seats. The room's mix is counted in the console.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import type { CafeState, Participant } from '../../shared/domain/state.js';
import { chromiumAvailable, LAPTOP, TABLET } from '../helpers/browser.js';
import { connect, type TestClient } from '../helpers/client.js';
import { startPlannedCafe, type PlannedCafe } from '../helpers/planned-cafe.js';
import { joinCafe, type TestServer } from '../helpers/server.js';
import { settledState } from '../helpers/settled-plan.js';

const GROUPS = ['teachers', 'students', 'parents'];
/** Twelve phones: four of each group. */
const PHONES = Array.from({ length: 12 }, (_, i) => GROUPS[i % 3]!);
const HOST_TABLE = '2';
const SMALL_TABLE = '3';
const SEATS = 2;

let server: TestServer;
let rig: PlannedCafe;
let links: CafeLinks;
let facilitator: TestClient;
let consolePage: Page;
let problems: string[] = [];
const phones: { participantId: string; secret: string }[] = [];

const settled = (): Promise<CafeState> => settledState(server, facilitator);

const byNumber = (state: CafeState, n: number): Participant => Object.values(state.participants).find((p) => p.number === n)!;
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const row = (n: number) => consolePage.locator(`tc-people tr[data-number="${n}"]`);

/** Types into the people search and waits for the rows it finds. */
async function find(query: string): Promise<void> {
  await consolePage.locator('tc-people #find').fill(query);
}

describe.runIf(chromiumAvailable())('the console\u2019s people and tables in planned rotation, against a real server', () => {
  beforeAll(async () => {
    rig = await startPlannedCafe({
      title: 'Network meeting, planned rotation',
      stakeholderGroups: GROUPS,
      tables: 4,
    });
    ({ server, links, facilitator, problems } = rig);
    for (const group of PHONES) phones.push(await joinCafe(server, links, { group }));
    consolePage = await rig.open(LAPTOP, links.facilitator!);
    await consolePage.locator('tc-people').waitFor();
  }, 90_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('adds someone without a phone and says their number to print', async () => {
    await consolePage.locator('tc-people #add-name').fill('Erika Mustermann');
    await consolePage.locator('tc-people #add-group').selectOption('parents');
    await consolePage.locator('tc-people form.add button[type=submit]').click();
    await expect.poll(() => consolePage.locator('tc-people .added').innerText().then(clean)).toBe('Added: No. 13 — print their seat plan');
    const state = await settled();
    const erika = byNumber(state, 13);
    expect(erika).toMatchObject({ displayName: 'Erika Mustermann', group: 'parents', left: false, hostOf: null });
    // The server planned her in: the list says where the plan sends her for round 1.
    const planned = state.tables.find((t) => t.id === state.plan!.seats[erika.id]![0])!.name;
    await find('erika');
    await expect.poll(() => consolePage.locator('tc-people tbody tr').allInnerTexts().then((rows) => rows.map(clean))).toEqual([
      expect.stringMatching(new RegExp(`^13 Erika Mustermann no phone parents → ${planned} Not a host`)),
    ]);
  }, 60_000);

  it('names a host, marks someone as gone, and finds people by number', async () => {
    await find('1');
    // 1 and 10–13: the number's first digits.
    await expect.poll(() => consolePage.locator('tc-people tbody tr').count()).toBe(5);
    await row(1).locator('select.host-of').selectOption(HOST_TABLE);
    await expect.poll(async () => byNumber(await settled(), 1).hostOf).toBe(HOST_TABLE);
    await row(11).locator('button.left-toggle').click();
    await expect.poll(async () => byNumber(await settled(), 11).left).toBe(true);
    // Someone who left hosts no table: their host choice is off until they are back.
    await expect.poll(() => row(11).locator('select.host-of').isDisabled()).toBe(true);
    expect(await row(1).locator('select.host-of').isDisabled()).toBe(false);
    await expect.poll(() => row(11).locator('button.left-toggle').innerText()).toBe('Mark as back');
    expect(await row(1).locator('select.host-of').inputValue()).toBe(HOST_TABLE);
    // The room's mix: 13 people, one gone.
    await expect.poll(() => consolePage.locator('tc-people .mix').innerText().then(clean)).toBe('Present: 12 teachers: 4 students: 3 parents: 5 Left: 1');
  }, 60_000);

  it('gives a table a number of seats in its panel, which shows its host or the lack of one', async () => {
    await consolePage.locator(`tc-table-grid button[data-table="${SMALL_TABLE}"]`).click();
    const panel = consolePage.locator('tc-table-panel');
    await expect.poll(() => panel.locator('.no-host').innerText()).toBe('No host: no one stays at this table from round to round. Name one under People.');
    await panel.locator('#capacity').fill(String(SEATS));
    await panel.locator('form.capacity button').click();
    await expect.poll(async () => (await settled()).tables.find((t) => t.id === SMALL_TABLE)!.capacity).toBe(SEATS);
    await consolePage.locator(`tc-table-grid button[data-table="${HOST_TABLE}"]`).click();
    await expect.poll(() => panel.locator('.host-of').innerText().then(clean)).toBe('Host: No. 1');
    // The grid warns of tables without a host, and not of the one with.
    expect(await consolePage.locator(`tc-table-grid button[data-table="${HOST_TABLE}"] .no-host`).count()).toBe(0);
    expect(await consolePage.locator(`tc-table-grid button[data-table="${SMALL_TABLE}"] .no-host`).innerText()).toBe('No host named');
  }, 60_000);

  it('the plan the server makes keeps the host at home, leaves out the one who left, seats the one without a phone, and fills the small table no more than its seats', async () => {
    await facilitator.must({ type: 'openCafe' });
    const state = await settled();
    const plan = state.plan!;
    expect(plan.fromRound).toBe(0);
    const host = byNumber(state, 1);
    const gone = byNumber(state, 11);
    const erika = byNumber(state, 13);
    expect(plan.seats[host.id]).toEqual([HOST_TABLE, HOST_TABLE, HOST_TABLE]);
    expect(plan.seats[gone.id]).toBeUndefined();
    expect(plan.seats[erika.id]).toHaveLength(3);
    expect(Object.keys(plan.seats)).toHaveLength(12);
    for (let r = 0; r < 3; r++) {
      const atSmall = Object.values(plan.seats).filter((seats) => seats[r] === SMALL_TABLE).length;
      expect(atSmall, `round ${r + 1}`).toBeLessThanOrEqual(SEATS);
      expect(plan.arrivals[SMALL_TABLE]![r]!.count).toBe(atSmall);
    }
    // In the lobby no one sits anywhere yet: each tile gives the plan's figures for round 1.
    const tile = (tableId: string) => consolePage.locator(`tc-table-grid button[data-table="${tableId}"] .mix`).innerText().then(clean);
    for (const t of state.tables) {
      const coming = Object.entries(plan.seats).filter(([, seats]) => seats[0] === t.id);
      const groups = new Set(coming.map(([id]) => state.participants[id]!.group).filter((g) => g !== null)).size;
      const g = groups === 1 ? '1 group' : `${groups} groups`;
      const line = t.id === SMALL_TABLE ? `${coming.length} of ${SEATS} seats planned, ${g}` : `${coming.length} planned, ${g}`;
      await expect.poll(() => tile(t.id), { message: `table ${t.id}` }).toBe(line);
    }
  }, 60_000);

  it('counts per table in the grid the people and groups sitting there this round', async () => {
    await facilitator.must({ type: 'startRound' });
    const state = await settled();
    const mix = (tableId: string) => consolePage.locator(`tc-table-grid button[data-table="${tableId}"] .mix`).innerText().then(clean);
    // No one has sat down yet: every table counts zero.
    await expect.poll(() => mix(SMALL_TABLE)).toBe(`0 of ${SEATS} seats, 0 groups`);
    // Five phones sit down where the plan sends them in round 1; the grid counts them there.
    const seated = phones.filter((p) => state.plan!.seats[p.participantId] !== undefined).slice(0, 5);
    const want = new Map<string, { people: number; groups: Set<string> }>();
    for (const phone of seated) {
      const tableId = state.plan!.seats[phone.participantId]![0]!;
      const client = await connect(server.url, phone.secret);
      await client.must({ type: 'takeSeat', tableId });
      client.close();
      const at = want.get(tableId) ?? { people: 0, groups: new Set<string>() };
      at.people++;
      at.groups.add(state.participants[phone.participantId]!.group!);
      want.set(tableId, at);
    }
    await settled();
    for (const t of state.tables) {
      const w = want.get(t.id) ?? { people: 0, groups: new Set() };
      const g = w.groups.size === 1 ? '1 group' : `${w.groups.size} groups`;
      const line = t.id === SMALL_TABLE ? `${w.people} of ${SEATS} seats, ${g}` : `${w.people === 1 ? '1 person' : `${w.people} people`}, ${g}`;
      await expect.poll(() => mix(t.id), { message: `table ${t.id}` }).toBe(line);
    }
  }, 60_000);

  it('fits a 1024 tablet without sideways scrolling, and says nothing went wrong', async () => {
    await consolePage.setViewportSize({ width: TABLET.viewport!.width, height: TABLET.viewport!.height });
    await find('');
    expect(await consolePage.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    const table = (await consolePage.locator('tc-people table').boundingBox())!;
    const section = (await consolePage.locator('tc-people').boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(section.x + section.width + 1);
    expect(problems).toEqual([]);
  }, 60_000);
});
