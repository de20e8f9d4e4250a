/**
 * The console's tables and people in planned rotation, in real Chromium (issue 6): before a round
 * (set-up, lobby, travel) a table's tile and panel give the plan's figures for the coming round,
 * during a round who sits there; a host who left is named as gone; the people list marks who has
 * no phone, offers "Mark as left" / "Mark as back" and no host choice for someone who left. In
 * English and German, with axe. Cafés are built through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/facilitator/tc-people.js';
import '../../client/src/facilitator/tc-table-grid.js';
import '../../client/src/facilitator/tc-table-panel.js';
import type { TcPeople } from '../../client/src/facilitator/tc-people.js';
import type { TcTableGrid } from '../../client/src/facilitator/tc-table-grid.js';
import type { TcTablePanel } from '../../client/src/facilitator/tc-table-panel.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { q, text } from './join-dom.js';

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
});

/**
 * Three tables (the third seats four), five phones and Emil without one; Anna (No. 1) hosts table 1.
 * Round 1: table 1 gets Anna, Ben, Fay (teachers, students, no group); table 2 Cem, Dora (parents,
 * teachers); table 3 Emil (students). Round 2: table 1 Anna, Cem; table 2 Ben, Emil; table 3 Dora, Fay.
 */
function plannedCafe(): TestCafe {
  const cafe = createCafe();
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  join(cafe, 'p-anna-01', { displayName: 'Anna', group: 'teachers' });
  join(cafe, 'p-ben-002', { displayName: 'Ben', group: 'students' });
  join(cafe, 'p-cem-003', { displayName: 'Cem', group: 'parents' });
  join(cafe, 'p-dora-04', { displayName: 'Dora', group: 'teachers' });
  accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'p-emil-05', displayName: 'Emil', group: 'students' });
  join(cafe, 'p-fay-006', { displayName: 'Fay' });
  accepted(cafe, FACILITATOR, { type: 'setHost', participantId: 'p-anna-01', tableId: '1' });
  accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '3', capacity: 4 });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  const seats = {
    'p-anna-01': ['1', '1', '1'],
    'p-ben-002': ['1', '2', '3'],
    'p-cem-003': ['2', '1', '3'],
    'p-dora-04': ['2', '3', '1'],
    'p-emil-05': ['3', '2', '1'],
    'p-fay-006': ['1', '3', '2'],
  };
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
  return cafe;
}

async function grid(state: TestCafe['state']): Promise<TcTableGrid> {
  return fixture<TcTableGrid>(html`<tc-table-grid .state=${state}></tc-table-grid>`);
}

const mixes = (el: TcTableGrid) => [...el.shadowRoot!.querySelectorAll('button .mix')].map((m) => m.textContent!.trim());

describe('the console\u2019s tables in planned rotation', () => {
  it('give the plan\u2019s figures for the coming round in the lobby and in travel time, and who sits there during a round', async () => {
    const cafe = plannedCafe();
    expect(cafe.state.phase.kind).to.equal('lobby');
    let el = await grid(cafe.state);
    expect(mixes(el)).to.deep.equal(['3 planned, 2 groups', '2 planned, 2 groups', '1 of 4 seats planned, 1 group']);
    expect(el.shadowRoot!.querySelectorAll('.mix.planned').length).to.equal(3);
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, 'p-ben-002', { type: 'takeSeat', tableId: '1' });
    el = await grid(cafe.state);
    expect(mixes(el)).to.deep.equal(['1 person, 1 group', '0 people, 0 groups', '0 of 4 seats, 0 groups']);
    expect(el.shadowRoot!.querySelectorAll('.mix.planned').length).to.equal(0);
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).to.include({ kind: 'travel', round: 1 });
    el = await grid(cafe.state);
    expect(mixes(el)).to.deep.equal(['2 planned, 2 groups', '2 planned, 1 group', '2 of 4 seats planned, 1 group']);
    fixtureCleanup();
    const panel = await fixture<TcTablePanel>(html`<tc-table-panel .state=${cafe.state} tableId="2"></tc-table-panel>`);
    expect(text(q(panel, '.mix.planned')).trim()).to.equal('Planned for round 2: 2 people from 1 group');
  });

  it('say so when a table\u2019s host has left, and not merely that there is none', async () => {
    const cafe = plannedCafe();
    let panel = await fixture<TcTablePanel>(html`<tc-table-panel .state=${cafe.state} tableId="1"></tc-table-panel>`);
    expect(text(q(panel, '.host-of')).trim()).to.equal('Host: No. 1 — Anna');
    expect(text(q(panel, '.mix')).trim()).to.equal('Planned for round 1: 3 people from 2 groups');
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-anna-01', left: true });
    panel = await fixture<TcTablePanel>(html`<tc-table-panel .state=${cafe.state} tableId="1"></tc-table-panel>`);
    const gone = q(panel, '.no-host');
    expect(text(gone).trim()).to.equal('Host No. 1 — Anna has left: name another under People.');
    expect(gone.classList.contains('warn')).to.equal(true);
    fixtureCleanup();
    const el = await grid(cafe.state);
    expect(text(q(el, 'button[data-table="1"] .no-host')).trim()).to.equal('Host has left');
    expect(text(q(el, 'button[data-table="2"] .no-host')).trim()).to.equal('No host named');
    fixtureCleanup();
    await chooseLocale('de');
    panel = await fixture<TcTablePanel>(html`<tc-table-panel .state=${cafe.state} tableId="1"></tc-table-panel>`);
    expect(text(q(panel, '.no-host')).trim()).to.equal('Gastgeber Nr. 1 — Anna ist gegangen: Benenne unter „Personen“ einen anderen.');
    await expect(panel).to.be.accessible();
  });
});

describe('the console\u2019s people in planned rotation', () => {
  const row = (el: TcPeople, n: number) => q(el, `tr[data-number="${n}"]`);

  it('marks who has no phone, offers "Mark as left" and "Mark as back", and no host choice for someone who left', async () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-dora-04', left: true });
    const el = await fixture<TcPeople>(html`<tc-people .state=${cafe.state}></tc-people>`);
    const tagged = [...el.shadowRoot!.querySelectorAll('tr:has(.nophone)')].map((tr) => tr.getAttribute('data-number'));
    expect(tagged).to.deep.equal(['5']);
    expect(text(q(row(el, 5), '.name')).trim()).to.equal('Emil no phone');
    const toggle = (n: number) => q<HTMLButtonElement>(row(el, n), 'button.left-toggle');
    const hostSelect = (n: number) => q<HTMLSelectElement>(row(el, n), 'select.host-of');
    expect(toggle(1).textContent!.trim()).to.equal('Mark as left');
    expect(toggle(1).getAttribute('aria-label')).to.equal('Mark as left: No. 1');
    expect(hostSelect(1).disabled).to.equal(false);
    expect(toggle(4).textContent!.trim()).to.equal('Mark as back');
    expect(toggle(4).getAttribute('aria-label')).to.equal('Mark as back: No. 4');
    expect(hostSelect(4).disabled).to.equal(true);
    expect(toggle(4).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says it in German', async () => {
    await chooseLocale('de');
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-dora-04', left: true });
    const el = await fixture<TcPeople>(html`<tc-people .state=${cafe.state}></tc-people>`);
    expect(text(q(row(el, 5), '.name')).trim()).to.equal('Emil ohne Handy');
    expect(q(row(el, 1), 'button.left-toggle').textContent!.trim()).to.equal('Als gegangen markieren');
    expect(q(row(el, 4), 'button.left-toggle').textContent!.trim()).to.equal('Als zurück markieren');
    fixtureCleanup();
    const tiles = await grid(cafe.state);
    expect(mixes(tiles)).to.deep.equal(['3 geplant, 2 Gruppen', '2 geplant, 2 Gruppen', '1 von 4 Plätzen geplant, 1 Gruppe']);
  });
});
