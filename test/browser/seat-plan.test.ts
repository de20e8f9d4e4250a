/**
 * The console's plan preview and the printable seat plan in real Chromium (issue 6): a café of
 * 1,200 prints every round's list and 150 pages of badges quickly; a plan short of its bounds is
 * marked in the preview; German; both pass axe. Cafés are built through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/facilitator/tc-rotation-settings.js';
import type { TcRotationSettings } from '../../client/src/facilitator/tc-rotation-settings.js';
import { openSeatPlan, type TcSeatPlanPrint } from '../../client/src/facilitator/tc-seat-plan-print.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { q, text } from './join-dom.js';

const GROUPS = ['teachers', 'students', 'parents', 'unions', 'administration'];

afterEach(async () => {
  fixtureCleanup();
  document.querySelectorAll('tc-seat-plan-print').forEach((v) => v.close());
  await chooseLocale('en');
});

/** `people` at tables of five over three rounds, every tenth person added without a phone. */
function bigCafe(people: number): TestCafe {
  const tables = Math.ceil(people / 5);
  const cafe = createCafe({ tables, stakeholderGroups: GROUPS });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  const seats: Record<string, string[]> = {};
  for (let i = 0; i < people; i++) {
    const id = `person-${String(i).padStart(5, '0')}`;
    const group = GROUPS[i % GROUPS.length]!;
    if (i % 10 === 9) accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: id, displayName: `Paper ${i}`, group });
    else join(cafe, id, { displayName: `Phone ${i}`, group });
    seats[id] = [0, 1, 2].map((r) => String(((i + r * Math.floor(i / 5)) % tables) + 1));
  }
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
  return cafe;
}

async function opened(cafe: TestCafe): Promise<TcSeatPlanPrint> {
  const view = openSeatPlan(cafe.state);
  await view.updateComplete;
  return view;
}

describe('the printable seat plan', () => {
  it('lists 1,200 people in every round and lays out 150 pages of badges, each within a second', async () => {
    const cafe = bigCafe(1200);
    let start = performance.now();
    const view = await opened(cafe);
    const listMs = performance.now() - start;
    const rounds = view.shadowRoot!.querySelectorAll('section.round');
    expect(rounds.length).to.equal(3);
    for (const r of rounds) expect(r.querySelectorAll('tbody tr').length).to.equal(1200);
    expect(view.shadowRoot!.querySelectorAll('section.round:first-of-type .nophone').length).to.equal(120);
    start = performance.now();
    view.layout = 'badges';
    await view.updateComplete;
    const badgesMs = performance.now() - start;
    expect(view.shadowRoot!.querySelectorAll('.sheet').length).to.equal(150);
    expect(view.shadowRoot!.querySelectorAll('.card').length).to.equal(1200);
    expect(listMs, `list ${listMs.toFixed(0)} ms`).to.be.below(1000);
    expect(badgesMs, `badges ${badgesMs.toFixed(0)} ms`).to.be.below(1000);
  });

  it('says it in German and passes axe', async () => {
    await chooseLocale('de');
    const view = await opened(bigCafe(20));
    expect(text(q(view, 'h2'))).to.contain('Runde 1');
    expect(text(q(view, '.bar'))).to.contain('Nur Personen ohne Handy (2)');
    expect(text(q(view, 'thead'))).to.equal(' Nr. Name Gruppe Tisch ');
    await expect(view).to.be.accessible();
    view.layout = 'badges';
    await view.updateComplete;
    expect(text(q(view, '.card li'))).to.contain('Runde 1');
    await expect(view).to.be.accessible();
  });
});

describe('the console\u2019s plan preview', () => {
  it('marks what falls short of the bounds: repeats, groups below the bound, tables over capacity, hosts away', async () => {
    const cafe = bigCafe(20);
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '1', capacity: 3 });
    const short = qualityReport({
      repeatedPairs: 2,
      repeatMeetings: 2,
      repeatBound: 0,
      groupsPerTable: { mean: 3.5, worst: 2, boundMean: 4, boundWorst: 4, tablesBelowBound: 3 },
      tableSize: { min: 4, max: 6, overCapacity: 1 },
      hosts: { inPlace: 2, expected: 3 },
    });
    accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 2, seats: cafe.state.plan!.seats, quality: short });
    const el = await fixture<TcRotationSettings>(html`<tc-rotation-settings .state=${cafe.state}></tc-rotation-settings>`);
    expect(text(q(el, '.verdict'))).to.contain('Short of the best possible');
    for (const line of ['.repeats', '.groups', '.sizes', '.hosts']) expect(q(el, line).classList.contains('warn'), line).to.equal(true);
    expect(text(q(el, '.sizes'))).to.contain('People per table: 4–6 (capacity 3 at some tables) · up to 1 over a table\u2019s share or capacity');
    expect(text(q(el, '.hosts'))).to.contain('Hosts at their own table: 2 of 3 host rounds');
    const grid = q(el, 'tc-plan-grid');
    // Table 1 seats five in round 1, over its capacity of 3.
    expect(grid.shadowRoot!.querySelector('tr[data-table="1"] td')!.classList.contains('over')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('warns when people are not in the plan yet and when the open tables seat fewer than are present', async () => {
    const cafe = bigCafe(20);
    const fine = await fixture<TcRotationSettings>(html`<tc-rotation-settings .state=${cafe.state}></tc-rotation-settings>`);
    expect(fine.shadowRoot!.querySelector('.gap')).to.equal(null);
    fixtureCleanup();
    join(cafe, 'p-late-arrival');
    for (const t of cafe.state.tables) accepted(cafe, FACILITATOR, { type: 'editTable', tableId: t.id, capacity: 2 });
    const el = await fixture<TcRotationSettings>(html`<tc-rotation-settings .state=${cafe.state}></tc-rotation-settings>`);
    const seats = 2 * cafe.state.tables.length;
    expect(text(q(el, '.gap.seats'))).to.contain(`Not enough seats: 21 people, ${seats} seats at the open tables.`);
    expect(text(q(el, '.gap.unplanned'))).to.contain('1 of 21 people are not in this plan yet.');
    await expect(el).to.be.accessible();
  });
});
