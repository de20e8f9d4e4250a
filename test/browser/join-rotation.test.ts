/**
 * Planned rotation on the participant phone and in the console, in real Chromium (issue 6):
 * before each round (lobby and travel) the phone says in large type where the plan sends it, in
 * English and German; in a round or under free movement it says nothing of the kind. The console's
 * switch sends editCafe, "Plan again" planRotation, and the plan's quality is shown. States are
 * built through the real reducer and cut to what each face receives.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/join/tc-join-view.js';
import type { TcJoinView } from '../../client/src/join/tc-join-view.js';
import '../../client/src/facilitator/tc-rotation-settings.js';
import type { TcRotationSettings } from '../../client/src/facilitator/tc-rotation-settings.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { q, text } from './join-dom.js';

const MIA = 'participant-mia';
const QUALITY = qualityReport({
  repeatedPairs: 1,
  repeatMeetings: 1,
  mostMeetings: 2,
  groupsPerTable: { mean: 1.5, worst: 1, boundMean: 2, boundWorst: 2, tablesBelowBound: 1 },
  tableSize: { min: 1, max: 2, overCapacity: 0 },
});

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  await page.viewport(414, 896);
});

/** A planned café with tables named by colour: Mia goes to Blue (3), then Green (2), then Red (1). */
function plannedCafe(): TestCafe {
  const cafe = createCafe({ tables: ['Red', 'Green', 'Blue'] });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  join(cafe, MIA, { group: 'students' });
  join(cafe, 'participant-ben', { group: 'parents' });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats: { [MIA]: ['3', '2', '1'], 'participant-ben': ['3', '1', '2'] }, quality: QUALITY });
  return cafe;
}

const miasView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'participant', participantId: MIA, tableId: null }, cafe.state);
const phone = (state: CafeState) => fixture<TcJoinView>(html`<tc-join-view .state=${state} participantId=${MIA} status="connected"></tc-join-view>`);
const planLine = (el: TcJoinView) => (el.shadowRoot!.querySelector('.plan') as HTMLElement | null)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

describe('the phone in planned rotation', () => {
  it('says in the lobby and in travel time, in large type, which table the plan sends it to; nothing in a round', async () => {
    const cafe = plannedCafe();
    const lobby = await phone(miasView(cafe));
    expect(planLine(lobby)).to.equal('Round 1: table 3 — Blue');
    expect(parseFloat(getComputedStyle(q(lobby, '.plan')).fontSize)).to.be.at.least(24);
    await expect(lobby).to.be.accessible();
    fixtureCleanup();
    // The plan is the headline: the largest text on the phone until it sits there.
    expect(q(lobby, 'h1').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Go to Round 1: table 3 — Blue');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, MIA, { type: 'takeSeat', tableId: '3' });
    const seated = await phone(miasView(cafe));
    expect(planLine(seated)).to.equal(null);
    expect(text(q(seated, 'h1'))).to.contain('Your table').and.contain('Blue');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(planLine(await phone(miasView(cafe)))).to.equal('Round 2: table 2 — Green');
    fixtureCleanup();
    // Seated where the plan says: the plan is done, the phone shows its table.
    accepted(cafe, MIA, { type: 'takeSeat', tableId: '2' });
    expect(planLine(await phone(miasView(cafe)))).to.equal(null);
  });

  it('keeps showing the way in a round to a phone that has not sat down in it (it stayed put, or came late)', async () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, MIA, { type: 'takeSeat', tableId: '3' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    // Round 2 runs; Mia is still at Blue from round 1.
    const el = await phone(miasView(cafe));
    expect(planLine(el)).to.equal('Round 2: table 2 — Green');
    const button = q(el, 'tc-join-seat-picker').shadowRoot!.querySelector('button.home') as HTMLButtonElement;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Sit at Green, as planned');
    fixtureCleanup();
    // Late arrival in round 2, planned at table 1 (named by default): no "Table 1 — Table 1".
    join(cafe, 'participant-late');
    const seats = { ...cafe.state.plan!.seats, 'participant-late': ['1', '1'] };
    accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 1, seed: 1, seats: Object.fromEntries(Object.entries(seats).map(([id, t]) => [id, t.slice(-2)])), quality: QUALITY });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '1', name: 'Table 1' });
    const late = await fixture<TcJoinView>(
      html`<tc-join-view .state=${snapshotFor({ role: 'participant', participantId: 'participant-late', tableId: null }, cafe.state)} participantId="participant-late" status="connected"></tc-join-view>`,
    );
    expect(planLine(late)).to.equal('Round 2: table 1');
  });

  it('shows a phone that has left no way to go', async () => {
    const cafe = plannedCafe();
    accepted(cafe, MIA, { type: 'setLeft', left: true });
    const el = await phone(miasView(cafe));
    expect(planLine(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('.move')).to.equal(null);
  });

  it('shows a phone that has sat nowhere yet, in travel time, where to go', async () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(planLine(await phone(miasView(cafe)))).to.equal('Round 2: table 2 — Green');
  });

  it('says it in German, and fits a 360 px phone', async () => {
    await chooseLocale('de');
    await page.viewport(360, 740);
    const el = await phone(miasView(plannedCafe()));
    expect(planLine(el)).to.equal('Runde 1: Tisch 3 — Blue');
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    await expect(el).to.be.accessible();
  });

  it('M7 shows the phone its number, for the wall’s find-your-table board and the printed seat plan', async () => {
    const cafe = plannedCafe();
    const el = await phone(miasView(cafe));
    expect(text(el.shadowRoot!.querySelector('.seat')!)).to.contain(`Your number: ${cafe.state.participants[MIA]!.number}`);
  });

  it('offers the planned table as one button in travel time (not the empty picker), which takes that seat', async () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, MIA, { type: 'takeSeat', tableId: '3' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const el = await phone(miasView(cafe));
    const picker = q(el, 'tc-join-seat-picker');
    const button = picker.shadowRoot!.querySelector('button.home') as HTMLButtonElement;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Sit at Green, as planned');
    setTimeout(() => button.click());
    const { detail } = (await oneEvent(el, 'take-seat')) as CustomEvent<{ tableId: string }>;
    expect(detail.tableId).to.equal('2');
    // Once seated there, the button is gone.
    fixtureCleanup();
    accepted(cafe, MIA, { type: 'takeSeat', tableId: '2' });
    const seated = await phone(miasView(cafe));
    expect(seated.shadowRoot!.querySelector('tc-join-seat-picker')?.shadowRoot?.querySelector('button.home') ?? null).to.equal(null);
  });

  it('M9 lets the phone say it leaves early, and that it is back', async () => {
    const cafe = plannedCafe();
    const el = await phone(miasView(cafe));
    const leave = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('I am leaving early'))!;
    setTimeout(() => leave.click());
    expect(((await oneEvent(el, 'set-left')) as CustomEvent<boolean>).detail).to.equal(true);
    fixtureCleanup();
    accepted(cafe, MIA, { type: 'setLeft', left: true });
    const gone = await phone(miasView(cafe));
    expect(text(gone.shadowRoot!.querySelector('main')!)).to.contain('You are marked as gone.');
    const back = [...gone.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('I am back'))!;
    setTimeout(() => back.click());
    expect(((await oneEvent(gone, 'set-left')) as CustomEvent<boolean>).detail).to.equal(false);
    await expect(gone).to.be.accessible();
  });

  it('says nothing of a plan under free movement', async () => {
    const cafe = createCafe();
    join(cafe, MIA);
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    const el = await phone(miasView(cafe));
    expect(planLine(el)).to.equal(null);
    expect(text(q(el, 'main'))).not.to.contain('Your number');
    expect(text(q(el, 'main'))).not.to.contain('I am leaving early');
  });
});

describe('the console\u2019s rotation settings', () => {
  it('switches planned rotation on with editCafe, asks for a plan and shows its quality against the bounds', async () => {
    const free = createCafe();
    const off = await fixture<TcRotationSettings>(html`<tc-rotation-settings .state=${free.state}></tc-rotation-settings>`);
    expect(off.shadowRoot!.querySelector('button.plan')).to.equal(null);
    const box = q<HTMLInputElement>(off, 'input.planned');
    setTimeout(() => box.click());
    const { detail } = (await oneEvent(off, 'facilitator-op')) as CustomEvent;
    expect(JSON.stringify(detail)).to.contain('"rotation":{"planned":true}');
    fixtureCleanup();
    const cafe = plannedCafe();
    const el = await fixture<TcRotationSettings>(html`<tc-rotation-settings .state=${cafe.state}></tc-rotation-settings>`);
    expect(text(q(el, '.repeats'))).to.contain('Pairs who meet again: 1 (fewest possible: 0)');
    expect(text(q(el, '.groups'))).to.contain('1.5 on average, at least 1 (best possible: 2.0, 2)');
    const plan = q<HTMLButtonElement>(el, 'button.plan');
    setTimeout(() => plan.click());
    const asked = (await oneEvent(el, 'facilitator-op')) as CustomEvent;
    expect(JSON.stringify(asked.detail)).to.contain('"type":"planRotation"');
    await expect(el).to.be.accessible();
  });
});
