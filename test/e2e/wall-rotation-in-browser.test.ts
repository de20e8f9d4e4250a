/**
 * The wall in planned rotation end to end (issue 6, M11): a real server plans a café of 40 phones
 * at eight tables; the wall, in real Chromium at projector size, shows "find your table" in the
 * lobby and in travel time with each phone's number and the table that phone itself shows, leaves
 * out whoever left, counts the room's mix (people per group, groups per table) as the facilitator's
 * state gives it, and with 300 people turns the board's pages, with motion reduced too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import { tablesDuring, type CafeState } from '../../shared/domain/state.js';
import { chromiumAvailable, PROJECTOR } from '../helpers/browser.js';
import { connect, type TestClient } from '../helpers/client.js';
import { startPlannedCafe, type PlannedCafe } from '../helpers/planned-cafe.js';
import { joinCafe, type TestServer } from '../helpers/server.js';
import { settledState } from '../helpers/settled-plan.js';

const GROUPS = ['teachers', 'students', 'parents', 'administration', 'universities', 'unions'];
const PHONES = 40;

let server: TestServer;
let rig: PlannedCafe;
let links: CafeLinks;
let facilitator: TestClient;
let wall: Page;
const phones: { id: string; client: TestClient }[] = [];
let problems: string[] = [];

/** The facilitator's state once every plan being made has been recorded and has arrived; every phone caught up too. */
/** The facilitator's state once the plan is made, and every phone caught up with it. */
async function settled(): Promise<CafeState> {
  const state = await settledState(server, facilitator);
  for (const { client } of phones) await client.caughtUp(state.seq);
  return state;
}

/** What each phone itself knows: its number and the table its plan gives it in `round`. */
function phonesSay(round: number): Map<number, string> {
  const say = new Map<number, string>();
  for (const { id, client } of phones) {
    const s = client.state;
    const me = s.participants[id]!;
    // Who left, the facilitator knows (a phone marked as gone is not told).
    if (facilitator.state.participants[id]!.left) continue;
    const plan = s.plan!;
    expect(Object.keys(plan.seats), 'a phone sees only its own seats').toEqual([id]);
    say.set(me.number, plan.seats[id]![round - plan.fromRound]!);
  }
  return say;
}

/** The board as the wall shows it now: number → table. */
async function board(): Promise<Map<number, string>> {
  const cells = await wall.locator('tc-wall-board li').evaluateAll((lis) => lis.map((li) => [Number(li.getAttribute('data-number')), li.getAttribute('data-table')!] as const));
  return new Map(cells);
}

/** Every cell of the board inside the board's area, at least `minPx` type, no table name cut. */
async function boardFits(minPx: number): Promise<void> {
  const check = await wall.locator('tc-wall-board').evaluate((el) => {
    const root = el.shadowRoot!;
    const area = root.querySelector('.area')!.getBoundingClientRect();
    const cells = [...root.querySelectorAll('li')];
    return {
      outside: cells.filter((li) => {
        const r = li.getBoundingClientRect();
        return r.right > area.right + 1 || r.bottom > area.bottom + 1 || r.left < area.left - 1;
      }).length,
      // To a fraction of a pixel (scrollWidth is rounded): the text's own width against its box.
      cut: [...root.querySelectorAll<HTMLElement>('.name, .number, .table')].filter((n) => {
        const text = document.createRange();
        text.selectNodeContents(n);
        return text.getBoundingClientRect().width > n.getBoundingClientRect().width + 0.1;
      }).length,
      smallest: Math.min(...cells.map((li) => parseFloat(getComputedStyle(li.querySelector('.number')!).fontSize))),
      scroll: document.documentElement.scrollWidth - innerWidth + (document.documentElement.scrollHeight - innerHeight),
    };
  });
  expect(check).toMatchObject({ outside: 0, cut: 0, scroll: 0 });
  expect(check.smallest).toBeGreaterThanOrEqual(minPx);
}

describe.runIf(chromiumAvailable())('the wall in planned rotation, against a real server', () => {
  beforeAll(async () => {
    rig = await startPlannedCafe({
      title: 'Network meeting, planned rotation',
      stakeholderGroups: GROUPS,
      tables: ['Red', 'Green', 'Blue', 'Yellow', 'Orange', 'Purple', 'Teal', 'Grey'],
    });
    ({ server, links, facilitator, problems } = rig);
    for (let i = 0; i < PHONES; i++) {
      // Universities and unions are few; four phones have no group.
      const group = i % 10 === 9 ? null : i % 10 === 8 ? GROUPS[4 + (i % 20 === 8 ? 1 : 0)]! : GROUPS[i % 4]!;
      const joined = await joinCafe(server, links, { group });
      phones.push({ id: joined.participantId, client: await connect(server.url, joined.secret) });
    }
    wall = await rig.open(PROJECTOR, links.wall[0]!);
  }, 90_000);

  afterAll(async () => {
    await rig?.close(phones.map((p) => p.client));
  });

  it('in the lobby: "Round 1 — find your table", every phone\u2019s number with the table its own phone shows, in large type', async () => {
    await facilitator.must({ type: 'openCafe' });
    await settled();
    await wall.getByRole('heading', { name: 'Round 1 — find your table' }).waitFor();
    const want = phonesSay(0);
    expect(want.size).toBe(PHONES);
    await expect.poll(board).toEqual(want);
    // Sorted by number, all on one page, no page line.
    expect([...(await board()).keys()]).toEqual([...want.keys()].sort((a, b) => a - b));
    expect(await wall.locator('tc-wall-board .page').count()).toBe(0);
    await expect.poll(() => wall.locator('tc-wall-board .hint').innerText()).toBe('Your number is on your phone');
    // 40 people: larger than the wall's smallest text (32 px at 1920×1080).
    await boardFits(34);
  }, 60_000);

  it('during round 1: no board, the room\u2019s mix per group and the groups seated at each table, as the facilitator counts them', async () => {
    await facilitator.must({ type: 'startRound' });
    await settled();
    for (const { id, client } of phones) await client.must({ type: 'takeSeat', tableId: client.state.plan!.seats[id]![0]! });
    await facilitator.must({ type: 'setLeft', participantId: phones[3]!.id, left: true });
    const state = await settled();
    await expect.poll(() => wall.locator('tc-wall-board').count()).toBe(0);
    await wall.locator('tc-wall-mix').getByText('1 left').waitFor();
    const present = new Map<string, number>();
    const groupsAt = new Map<string, Set<string>>();
    for (const p of Object.values(state.participants)) {
      if (p.left) continue;
      present.set(p.group ?? '', (present.get(p.group ?? '') ?? 0) + 1);
      const table = tablesDuring(p, 0).at(-1)!;
      if (p.group) groupsAt.set(table, (groupsAt.get(table) ?? new Set()).add(p.group));
    }
    expect(present.get('')).toBe(4);
    const shown = await wall.locator('tc-wall-mix li[data-group]').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-group')!, Number(li.getAttribute('data-count'))] as const));
    expect(shown).toEqual([...GROUPS, ''].map((g) => [g, present.get(g) ?? 0]));
    await expect.poll(() => wall.locator('tc-wall-mix li').first().innerText()).toBe(`teachers ${present.get('teachers')}`);
    const tiles = await wall.locator('tc-wall-tables li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-table')!, li.querySelector('.groups')!.getAttribute('data-groups'), li.querySelector('.groups')!.textContent!.trim()] as const));
    expect(tiles).toHaveLength(8);
    for (const [table, n, label] of tiles) {
      expect(Number(n), `table ${table}`).toBe(groupsAt.get(table)?.size ?? 0);
      expect(label).toBe(n === '0' ? '' : n === '1' ? '1 group' : `${n} groups`);
    }
    expect(Math.max(...tiles.map(([, n]) => Number(n)))).toBeGreaterThan(1);
  }, 60_000);

  it('in travel time: "Round 2 — find your table" from the new plan, without the one who left; fits 1280×720', async () => {
    await facilitator.must({ type: 'nextRound' });
    const state = await settled();
    expect(state.plan!.fromRound).toBe(1);
    await wall.getByRole('heading', { name: 'Round 2 — find your table' }).waitFor();
    const want = phonesSay(1);
    expect(want.size).toBe(PHONES - 1);
    await expect.poll(board).toEqual(want);
    expect((await board()).has(state.participants[phones[3]!.id]!.number)).toBe(false);
    // In travel the tiles count the groups the plan sends to each table.
    const arrivals = state.plan!.arrivals;
    const tiles = await wall.locator('tc-wall-tables li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-table')!, Number(li.querySelector('.groups')!.getAttribute('data-groups'))] as const));
    for (const [table, n] of tiles) expect(n, `table ${table}`).toBe(Object.keys(arrivals[table]![0]!.groups).filter((g) => g !== '').length);
    await boardFits(32);
    await wall.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(board).toEqual(want);
    await boardFits(21);
    await wall.setViewportSize({ width: 1920, height: 1080 });
  }, 60_000);

  it('with 300 people: pages of numbers in order, turning by themselves, also when motion is reduced', async () => {
    for (let i = 0; i < 261; i++) await facilitator.must({ type: 'addParticipant', participantId: `no-phone-${String(i).padStart(3, '0')}`, group: GROUPS[i % 6]! });
    const state = await settled();
    const numbers = Object.values(state.participants)
      .filter((p) => !p.left)
      .map((p) => p.number)
      .sort((a, b) => a - b);
    expect(numbers).toHaveLength(300);
    const caption = wall.locator('tc-wall-board .page');
    await expect.poll(() => caption.innerText(), { timeout: 10_000 }).toMatch(/^Numbers 1–\d+ · page 1 of \d+$/);
    const [, last, pages] = (await caption.innerText()).match(/^Numbers 1–(\d+) · page 1 of (\d+)$/)!.map(Number) as [number, number, number];
    const first = [...(await board()).keys()];
    expect(first).toEqual(numbers.slice(0, first.length));
    expect(first.at(-1)).toBe(last);
    expect(pages).toBe(Math.ceil(300 / first.length));
    expect(pages).toBeGreaterThan(1);
    await boardFits(32);
    await wall.emulateMedia({ reducedMotion: 'reduce' });
    // The page turns by itself (every 9 s) to the next numbers, without the fade.
    await expect.poll(() => caption.innerText(), { timeout: 12_000, interval: 500 }).toMatch(/page 2 of/);
    const second = [...(await board()).keys()];
    expect(second).toEqual(numbers.slice(first.length, first.length + second.length));
    expect(await wall.locator('tc-wall-board').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('ol')!).animationName)).toBe('none');
    await wall.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await wall.locator('tc-wall-board').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('ol')!).animationName)).toBe('appear');
    expect(problems).toEqual([]);
  }, 90_000);
});
