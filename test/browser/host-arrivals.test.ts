/**
 * Planned rotation on the host's tablet, in real Chromium (issue 6, M5): before a round (lobby,
 * travel time) a large panel says how many people the plan seats at this table (a host who stays
 * among them: not "coming") and of which groups, largest first and people without a group last;
 * during a round one line says who sits there next; a table the plan sends no
 * one to says so; free movement shows nothing of it. In English and German, at 1024×768 and
 * 768×1024. Cafés are built through the real reducer and cut to what the host receives.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { afterEach, describe, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/host/tc-host-view.js';
import type { TcHostView } from '../../client/src/host/tc-host-view.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';

/** Where each participant sits in rounds 1, 2 and 3, and their group. */
const PEOPLE: [id: string, group: string | null, seats: [string, string, string]][] = [
  ['anna', 'teachers', ['1', '2', '3']],
  ['ben', 'teachers', ['1', '3', '3']],
  ['gus', 'teachers', ['1', '3', '3']],
  ['cleo', 'parents', ['1', '2', '1']],
  ['finn', 'parents', ['1', '2', '3']],
  ['dan', 'students', ['2', '1', '3']],
  ['eva', null, ['2', '1', '3']],
  ['hal', null, ['2', '1', '3']],
];
/** The host never sees the planner's report (M5): any will do. */
const QUALITY = qualityReport();

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  await page.viewport(1024, 768);
});

/** A planned café of three tables in the lobby, its plan accepted as the server would send it. */
function plannedCafe(groups = true): TestCafe {
  const cafe = createCafe({ tables: ['Red', 'Green', 'Blue'], ...(groups ? {} : { stakeholderGroups: [] }) });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  for (const [id, group] of PEOPLE) join(cafe, `participant-${id}`, { group: groups ? group : null });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  const seats = Object.fromEntries(PEOPLE.map(([id, , s]) => [`participant-${id}`, s]));
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: QUALITY });
  return cafe;
}

const hostOf = (cafe: TestCafe, tableId: string): CafeState => snapshotFor({ role: 'host', tableId }, cafe.state);

async function tablet(cafe: TestCafe, tableId = '1'): Promise<TcHostView> {
  const el = await fixture<TcHostView>(html`<tc-host-view .state=${hostOf(cafe, tableId)} .tableId=${tableId} status="connected"></tc-host-view>`);
  await el.updateComplete;
  const panel = el.shadowRoot!.querySelector('tc-arrivals-panel') as LitElement | null;
  await panel?.updateComplete;
  return el;
}

const clean = (s: string | null | undefined) => s?.replace(/\s+/g, ' ').trim() ?? null;
const panelOf = (el: TcHostView) => el.shadowRoot!.querySelector('tc-arrivals-panel')?.shadowRoot ?? null;
const heading = (el: TcHostView) => clean(panelOf(el)?.querySelector('h2')?.textContent);
const rows = (el: TcHostView) => [...(panelOf(el)?.querySelectorAll('li') ?? [])].map((li) => clean(li.textContent));
const line = (el: TcHostView) => clean(panelOf(el)?.querySelector('p.next')?.textContent);

describe('who the plan sends to the host\u2019s table', () => {
  it('in the lobby: a large panel with how many sit at the table in round 1 and a row per group, largest first', async () => {
    const el = await tablet(plannedCafe());
    expect(heading(el)).to.equal('5 people at this table in round 1');
    expect(rows(el)).to.deep.equal(['teachers 3', 'parents 2']);
    expect(parseFloat(getComputedStyle(panelOf(el)!.querySelector('h2')!).fontSize)).to.be.at.least(26);
    expect(parseFloat(getComputedStyle(panelOf(el)!.querySelector('li')!).fontSize)).to.be.at.least(20);
    await expect(el).to.be.accessible();
  });

  it('during a round: one line about the next round; in travel time: the panel for the round travelled to', async () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    const inRound = await tablet(cafe);
    expect(heading(inRound)).to.equal(null);
    // People without a group last, though they are more than the students.
    expect(line(inRound)).to.equal('Next round: 3 at this table (students 1, No group 2)');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const travel = await tablet(cafe);
    expect(heading(travel)).to.equal('3 people at this table in round 2');
    expect(rows(travel)).to.deep.equal(['students 1', 'No group 2']);
    await expect(travel).to.be.accessible();
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(line(await tablet(cafe))).to.equal('Next round: 1 at this table (parents 1)');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(heading(await tablet(cafe))).to.equal('1 person at this table in round 3');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    // The last round: no round comes after it.
    expect(panelOf(await tablet(cafe))).to.equal(null);
  });

  it('says plainly when the plan sends no one to the table', async () => {
    const cafe = plannedCafe();
    const lobby = await tablet(cafe, '3');
    expect(heading(lobby)).to.equal('No one is planned for this table in round 1');
    expect(rows(lobby)).to.deep.equal([]);
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    // Round 2 at Green: the plan leaves it empty in round 3.
    expect(line(await tablet(cafe, '2'))).to.equal('No one is planned for this table in round 3');
  });

  it('shows nothing of it under free movement, and no group rows in a café without groups', async () => {
    const free = createCafe();
    join(free, 'participant-anna');
    accepted(free, FACILITATOR, { type: 'openCafe' });
    expect(panelOf(await tablet(free))).to.equal(null);
    fixtureCleanup();
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: false } });
    expect(panelOf(await tablet(cafe))).to.equal(null);
    fixtureCleanup();
    const ungrouped = await tablet(plannedCafe(false));
    expect(heading(ungrouped)).to.equal('5 people at this table in round 1');
    expect(rows(ungrouped)).to.deep.equal([]);
  });

  it('says it in German', async () => {
    await chooseLocale('de');
    const cafe = plannedCafe();
    const lobby = await tablet(cafe);
    expect(heading(lobby)).to.equal('5 Personen an diesem Tisch in Runde 1');
    expect(heading(await tablet(cafe, '3'))).to.equal('Für diesen Tisch ist in Runde 1 niemand eingeplant');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    expect(line(await tablet(cafe))).to.equal('Nächste Runde: 3 an diesem Tisch (students 1, Ohne Gruppe 2)');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const travel = await tablet(cafe);
    expect(rows(travel)).to.deep.equal(['students 1', 'Ohne Gruppe 2']);
    await expect(travel).to.be.accessible();
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(heading(await tablet(cafe))).to.equal('1 Person an diesem Tisch in Runde 3');
  });

  for (const [width, height] of [
    [1024, 768],
    [768, 1024],
  ] as const) {
    it(`fits a ${width}×${height} tablet in travel time, the panel in sight at the top`, async () => {
      await page.viewport(width, height);
      await chooseLocale('de');
      const cafe = plannedCafe();
      accepted(cafe, FACILITATOR, { type: 'startRound' });
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
      const el = await tablet(cafe);
      const box = el.shadowRoot!.querySelector('tc-arrivals-panel')!.getBoundingClientRect();
      expect(box.top).to.be.below(200);
      expect(box.bottom).to.be.below(height / 2);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
    });
  }
});
