/**
 * The console's plan preview and printable seat plan end to end (issue 6): a real server plans a
 * café of 36 phones and 4 people the facilitator added without one, before it opens. In real
 * Chromium the console shows the plan's quality in words and a table × round grid whose figures are
 * the facilitator's plan recounted; "Print seat plan" opens a page listing, per round, every
 * number and name with the table the plan gives, sorted by number or name, people without a
 * phone marked and printable alone, and name badges eight to an A4 page. In print the console and
 * the view's controls are gone, and each round starts a page and fits on it (two columns of up
 * to 30), up to 60 people; more go on to further pages in blocks of 60, each with the columns' headings.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeLinks } from '../../server/reception.js';
import type { CafeState } from '../../shared/domain/state.js';
import { chromiumAvailable, LAPTOP } from '../helpers/browser.js';
import { connect, type TestClient } from '../helpers/client.js';
import { startPlannedCafe, type PlannedCafe } from '../helpers/planned-cafe.js';
import { joinCafe, type TestServer } from '../helpers/server.js';
import { settledState } from '../helpers/settled-plan.js';

const GROUPS = ['teachers', 'students', 'parents', 'unions'];
const TABLES = ['Red', 'Green', 'Blue', 'Yellow', 'Orange'];
const WITHOUT_PHONE = [
  { participantId: 'on-paper-1', displayName: 'Walter Zander', group: 'unions' },
  { participantId: 'on-paper-2', displayName: 'Ärzte Bea', group: 'parents' },
  { participantId: 'on-paper-3', group: 'teachers' },
  { participantId: 'on-paper-4', displayName: 'Carla Ost', group: 'students' },
];

let server: TestServer;
let rig: PlannedCafe;
let links: CafeLinks;
let facilitator: TestClient;
let laptop: Page;
const phones: TestClient[] = [];
let problems: string[] = [];

const settled = () => settledState(server, facilitator);

const label = (tableId: string) => `${tableId} · ${TABLES[Number(tableId) - 1]}`;
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Per round, "number → table" for everyone the facilitator's plan seats, by number. */
function expectedRows(state: CafeState, only?: (id: string) => boolean): string[][] {
  const plan = state.plan!;
  const rounds = state.rounds.length - plan.fromRound;
  const people = Object.entries(plan.seats)
    .filter(([id]) => !only || only(id))
    .map(([id, seats]) => ({ number: state.participants[id]!.number, seats }))
    .sort((a, b) => a.number - b.number);
  return Array.from({ length: rounds }, (_, i) => people.map((p) => `${p.number} → ${label(p.seats[i]!)}`));
}

/** What the print view lists, per round, as "number → table". */
async function listedRows(page: Page): Promise<string[][]> {
  return page.locator('tc-seat-plan-print section.round').evaluateAll((sections) =>
    sections.map((s) => [...s.querySelectorAll('tbody tr')].map((tr) => `${tr.querySelector('td.num')!.textContent!.trim()} → ${tr.querySelector('td.table')!.textContent!.trim()}`)),
  );
}

describe.runIf(chromiumAvailable())('the plan preview and the printable seat plan, against a real server', () => {
  beforeAll(async () => {
    rig = await startPlannedCafe({
      title: 'Network meeting',
      stakeholderGroups: GROUPS,
      tables: TABLES,
    });
    ({ server, links, facilitator, problems } = rig);
    for (let i = 0; i < 36; i++) {
      const joined = await joinCafe(server, links, { group: GROUPS[i % GROUPS.length]!, displayName: `Phone ${i + 1}` });
      phones.push(await connect(server.url, joined.secret));
    }
    for (const person of WITHOUT_PHONE) await facilitator.must({ type: 'addParticipant', ...person });
    await facilitator.must({ type: 'planRotation' });
    laptop = await rig.open(LAPTOP, links.facilitator!);
  }, 90_000);

  afterAll(async () => {
    await rig?.close(phones);
  });

  it('previews the plan before the café opens: its quality in words, and people and groups per table and round as planned', async () => {
    const state = await settled();
    expect(['setup', 'lobby']).toContain(state.phase.kind);
    expect(Object.keys(state.plan!.seats)).toHaveLength(40);
    const settings = laptop.locator('tc-rotation-settings');
    await expect.poll(() => settings.locator('.people').innerText().then(clean)).toContain('40 people, 4 of them without a phone');
    expect(clean(await settings.locator('.repeats').innerText())).toBe(`Pairs who meet again: ${state.plan!.quality!.repeatedPairs} (fewest possible: ${state.plan!.quality!.repeatBound})`);
    const { min, max } = state.plan!.quality!.tableSize;
    expect(clean(await settings.locator('.sizes').innerText())).toContain(min === max ? `People per table: ${min} at every table` : `People per table: ${min}–${max}`);
    // The grid, recounted from the plan's seats and the participants' groups.
    for (const tableId of ['1', '2', '3', '4', '5']) {
      const want = [0, 1, 2].map((i) => {
        const here = Object.entries(state.plan!.seats).filter(([, seats]) => seats[i] === tableId);
        const groups = new Set(here.map(([id]) => state.participants[id]!.group));
        return here.length === 0 ? '–' : `${here.length} / ${groups.size}`;
      });
      const cells = await settings.locator(`tc-plan-grid tr[data-table="${tableId}"] td`).allInnerTexts();
      expect(cells.map(clean), `table ${tableId}`).toEqual(want);
    }
  }, 60_000);

  it('prints, per round, every number with the table the plan gives; by name; and only the people without a phone', async () => {
    const state = await settled();
    await laptop.getByRole('button', { name: 'Print seat plan' }).click();
    const view = laptop.locator('tc-seat-plan-print');
    await view.locator('section.round').first().waitFor();
    expect(await laptop.locator('tc-facilitator-face').isVisible()).toBe(false);
    expect(await listedRows(laptop)).toEqual(expectedRows(state));
    // People added by the facilitator are marked; phones are not.
    const marked = await view.locator('section.round').first().locator('tr:has(.nophone) td.num').allInnerTexts();
    const paper = WITHOUT_PHONE.map((p) => String(state.participants[p.participantId]!.number));
    expect(marked).toEqual(paper);
    await view.getByLabel('By name').check();
    const names = await view.locator('section.round').first().locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.slice(0, 3).map((n) => n.replace(/no phone/, '').trim())).toEqual(['Ärzte Bea', 'Carla Ost', 'Phone 1']);
    // The nameless one comes last.
    expect(clean(names.at(-1)!)).toBe('— no phone');
    await view.getByLabel('By number').check();
    await view.getByLabel(/Only people without a phone \(4\)/).check();
    expect(await listedRows(laptop)).toEqual(expectedRows(state, (id) => id.startsWith('on-paper-')));
    await view.getByLabel(/Only people without a phone/).uncheck();
  }, 60_000);

  it('hides the console and the controls in print, starts each round on its own A4 page, and prints badges eight to a page', async () => {
    const view = laptop.locator('tc-seat-plan-print');
    await laptop.emulateMedia({ media: 'print' });
    expect(await view.locator('.bar').isVisible()).toBe(false);
    expect(await laptop.locator('tc-facilitator-face').isVisible()).toBe(false);
    expect(await view.locator('section.round').first().isVisible()).toBe(true);
    const roundPages = await view.locator('section.round').evaluateAll((s) => s.map((e) => getComputedStyle(e).breakBefore));
    expect(roundPages).toEqual(['auto', 'page', 'page']);
    // 40 people: each round on one page, in two columns of 20 read top to bottom.
    const list = await laptop.pdf({ preferCSSPageSize: true });
    expect(pages(list)).toBe(3);
    expect(pageSize(list)).toEqual([595, 842]);
    const columns = await view.locator('section.round').first().locator('.block table').evaluateAll((ts) => ts.map((t) => [...t.querySelectorAll('tbody td.num')].map((td) => Number(td.textContent))));
    expect(columns.map((c) => [c[0], c.at(-1)])).toEqual([
      [1, 20],
      [21, 40],
    ]);
    await laptop.emulateMedia({ media: 'screen' });
    await view.getByLabel('Name badges').check();
    expect(await view.locator('.card').count()).toBe(40);
    expect(await view.locator('.sheet').count()).toBe(5);
    const first = clean(await view.locator('.card').first().innerText());
    const one = (await settled()).participants;
    const number1 = Object.values(one).find((p) => p.number === 1)!;
    expect(first).toContain(`${number1.displayName}`);
    expect(first).toContain(`Round 1 Table ${label((await settled()).plan!.seats[number1.id]![0]!)}`);
    await laptop.emulateMedia({ media: 'print' });
    expect(pages(await laptop.pdf({ preferCSSPageSize: true }))).toBe(5);
    await laptop.emulateMedia({ media: 'screen' });
    await view.getByLabel('List per round').check();
    // Back to the console, where the button was.
    await view.getByRole('button', { name: 'Back to the console' }).click();
    expect(await laptop.locator('tc-seat-plan-print').count()).toBe(0);
    expect(await laptop.locator('tc-facilitator-face').isVisible()).toBe(true);
    await expect.poll(() => laptop.evaluate(() => document.querySelector('tc-facilitator-face')!.shadowRoot!.activeElement?.tagName)).toBe('TC-FACILITATOR-VIEW');
  }, 60_000);

  it('fits a round of 60 on one A4 page, and pages a round of 150 in blocks of 60 that are never split, each with the columns’ headings', async () => {
    for (let i = 0; i < 20; i++) await facilitator.must({ type: 'addParticipant', participantId: `more-paper-${i}`, displayName: `Paper ${i + 1}`, group: GROUPS[i % GROUPS.length]! });
    await expect.poll(async () => Object.keys((await settled()).plan!.seats).length).toBe(60);
    await laptop.getByRole('button', { name: 'Print seat plan' }).click();
    const view = laptop.locator('tc-seat-plan-print');
    await expect.poll(() => view.locator('section.round').first().locator('tbody tr').count()).toBe(60);
    expect(await listedRows(laptop)).toEqual(expectedRows(await settled()));
    await laptop.emulateMedia({ media: 'print' });
    expect(pages(await laptop.pdf({ preferCSSPageSize: true }))).toBe(3);
    await laptop.emulateMedia({ media: 'screen' });
    for (let i = 20; i < 110; i++) await facilitator.must({ type: 'addParticipant', participantId: `more-paper-${i}`, displayName: `Paper ${i + 1}`, group: GROUPS[i % GROUPS.length]! });
    await expect.poll(async () => Object.keys((await settled()).plan!.seats).length).toBe(150);
    await expect.poll(() => view.locator('section.round').first().locator('tbody tr').count()).toBe(150);
    expect(await listedRows(laptop)).toEqual(expectedRows(await settled()));
    // 60, 60 and 30 to a page, each page's two columns headed No. / Name / Group / Table.
    const blocks = await view.locator('section.round').first().locator('.block').evaluateAll((bs) => bs.map((b) => [b.querySelectorAll('tbody tr').length, b.querySelectorAll('thead').length]));
    expect(blocks).toEqual([
      [60, 2],
      [60, 2],
      [30, 2],
    ]);
    // Each round starts a page and takes two or three: a block of 60 is never split.
    await laptop.emulateMedia({ media: 'print' });
    const long = pages(await laptop.pdf({ preferCSSPageSize: true }));
    expect(long).toBeGreaterThanOrEqual(6);
    expect(long).toBeLessThanOrEqual(9);
    await laptop.emulateMedia({ media: 'screen' });
    await view.getByRole('button', { name: 'Back to the console' }).click();
    expect(problems).toEqual([]);
  }, 90_000);
});

/** Pages in a PDF Chromium made: its page objects. */
function pages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** The first page's size in points. */
function pageSize(pdf: Buffer): number[] {
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
  return [Math.round(Number(box[3])), Math.round(Number(box[4]))];
}
