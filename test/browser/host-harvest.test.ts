/**
 * The table's harvest card on the host's tablet, in real Chromium: the starred ideas chosen to
 * begin with, never more than 3 insights, a written one, saved as an event for the outbox, shown
 * once saved and changed again, waiting or refused in the outbox, earlier rounds in the harvest,
 * read-only once the café closed; axe in English and German. Cafés built through the real reducer
 * and seen through the host's visibility filter.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { afterEach, describe, it } from 'vitest';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import '../../client/src/host/tc-host-view.js';
import type { TcHostView } from '../../client/src/host/tc-host-view.js';
import type { HostOp, SetHarvestCardDetail } from '../../client/src/host/host-events.js';
import type { OutboxOp, OutgoingOp, OutgoingStatus } from '../../client/src/outbox/outbox.js';
import { chooseLocale } from '../../client/src/i18n.js';
import { accepted, createCafe, FACILITATOR, hostOf, startCafe, wait, type TestCafe } from '../helpers/cafe-factory.js';

const TABLE = '7';
const SAYINGS = [
  'Mehr Zeit für Projekte statt 45-Minuten-Takt',
  'Students want to be asked, not told',
  'Eltern früher einbinden, nicht erst bei Problemen 👨‍👩‍👧',
  'Gemeinsame Fortbildungen von Schule und Hochschule',
  'A quiet room for students who need a break',
  'Feedback goes both ways: students rate lessons too',
];

/** 45 tables; table 7 has 6 ideas per round, ideas 0, 2, 3 and 5 starred; then `rounds` rounds and the phase after. */
function cafeAfter(rounds: number, then: 'travel' | 'harvest' | 'closed' | 'round' | 'none'): TestCafe {
  const cafe = createCafe({ title: 'Netzwerktreffen', language: 'de', tables: 45 });
  startCafe(cafe);
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
    }
    for (const [i, text] of SAYINGS.entries()) {
      wait(cafe, 30_000);
      const ideaId = `idea-r${round}-${i}`;
      accepted(cafe, hostOf(TABLE), { type: 'addIdea', ideaId, tableId: TABLE, round, text: `${text} (${round + 1})` });
      if ([0, 2, 3, 5].includes(i)) accepted(cafe, hostOf(TABLE), { type: 'starIdea', ideaId, starred: true });
    }
  }
  if (then === 'travel') accepted(cafe, FACILITATOR, { type: 'nextRound' });
  if (then === 'round') {
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
  }
  if (then === 'harvest' || then === 'closed') accepted(cafe, FACILITATOR, { type: 'nextRound' });
  if (then === 'closed') accepted(cafe, FACILITATOR, { type: 'closeCafe' });
  return cafe;
}

const hostState = (cafe: TestCafe): CafeState => snapshotFor({ role: 'host', tableId: TABLE }, cafe.state);

async function settled(el: Element): Promise<void> {
  const lit = el as Partial<LitElement>;
  if (lit.updateComplete) await lit.updateComplete;
  for (const child of el.shadowRoot?.querySelectorAll('*') ?? []) await settled(child);
}

async function renderView(state: CafeState, outgoing: OutgoingOp[] = []): Promise<TcHostView> {
  const el = await fixture<TcHostView>(html`<tc-host-view .state=${state} .tableId=${TABLE} status="connected" .outgoing=${outgoing}></tc-host-view>`);
  await settled(el);
  return el;
}

const card = (view: Element) => view.shadowRoot!.querySelector('tc-harvest-card')!;
const inCard = <E extends Element = HTMLElement>(view: Element, selector: string) => [...card(view).shadowRoot!.querySelectorAll<E>(selector)];
const textOf = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ').trim();
/** The ideas' checkboxes by the idea's text, with their state. */
const choices = (view: Element) =>
  inCard(view, 'label.choice').map((l) => {
    const box = l.querySelector('input')!;
    return { text: l.textContent!.replace(/\s+/g, ' ').replace(' ★ Key idea', '').trim(), checked: box.checked, disabled: box.disabled, box };
  });
const press = (view: Element, cls: string) => inCard<HTMLButtonElement>(view, `button.${cls}`)[0]!.click();

function savedCards(view: Element): SetHarvestCardDetail[] {
  const got: SetHarvestCardDetail[] = [];
  view.addEventListener('set-harvest-card', (e) => got.push((e as CustomEvent<SetHarvestCardDetail>).detail));
  return got;
}

let opCount = 0;
const outgoing = (op: OutboxOp, status: OutgoingStatus, error: OutgoingOp['error'] = null): OutgoingOp => ({
  opId: `card-op-${++opCount}`,
  op,
  status,
  error,
  seq: null,
  notBefore: 0,
  attempts: 0,
});

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
});

describe('the harvest card', () => {
  it('H9 opens in the travel time for the round that ended, with the first 3 starred ideas chosen, and saves them', async () => {
    const view = await renderView(hostState(cafeAfter(1, 'travel')));
    const side = view.shadowRoot!.querySelector('.side')!;
    expect(side.firstElementChild?.tagName, 'the card comes first at the end of a round').to.equal('TC-HARVEST-CARD');
    expect(textOf(inCard(view, 'h2')[0]!)).to.equal('Harvest card for round 1');
    expect(choices(view).filter((c) => c.checked).map((c) => c.text)).to.deep.equal([
      'Mehr Zeit für Projekte statt 45-Minuten-Takt (1)',
      'Eltern früher einbinden, nicht erst bei Problemen 👨‍👩‍👧 (1)',
      'Gemeinsame Fortbildungen von Schule und Hochschule (1)',
    ]);
    expect(textOf(inCard(view, '.count')[0]!)).to.contain('3 of 3 chosen');
    const saved = savedCards(view);
    press(view, 'save');
    await settled(view);
    expect(saved).to.deep.equal([{ round: 0, insights: [{ ideaId: 'idea-r0-0' }, { ideaId: 'idea-r0-2' }, { ideaId: 'idea-r0-3' }] }]);
  });

  it('H9 never holds more than 3: the other ideas and "Write" wait until one is taken out; a written insight is saved as text', async () => {
    const view = await renderView(hostState(cafeAfter(1, 'travel')));
    const saved = savedCards(view);
    const unchosen = choices(view).filter((c) => !c.checked);
    expect(unchosen.every((c) => c.disabled)).to.equal(true);
    expect(inCard<HTMLButtonElement>(view, 'button.write')[0]!.disabled).to.equal(true);
    choices(view)[3]!.box.click(); // "Gemeinsame Fortbildungen …" out
    await settled(view);
    expect(choices(view).filter((c) => c.disabled)).to.have.length(0);
    expect(textOf(inCard(view, '.count')[0]!)).to.equal('2 of 3 chosen');
    press(view, 'write');
    await settled(view);
    const field = inCard<HTMLTextAreaElement>(view, 'textarea')[0]!;
    expect(card(view).shadowRoot!.activeElement).to.equal(field);
    field.value = '  Zeit ist der Schlüssel  ';
    field.dispatchEvent(new Event('input'));
    await settled(view);
    expect(choices(view).filter((c) => !c.checked).every((c) => c.disabled), 'full again').to.equal(true);
    press(view, 'save');
    await settled(view);
    expect(saved).to.deep.equal([{ round: 0, insights: [{ ideaId: 'idea-r0-0' }, { ideaId: 'idea-r0-2' }, { text: 'Zeit ist der Schlüssel' }] }]);
  });

  it('H9 shows the saved card and lets the host change it, starting from what was saved', async () => {
    const cafe = cafeAfter(1, 'travel');
    accepted(cafe, hostOf(TABLE), { type: 'setHarvestCard', tableId: TABLE, round: 0, insights: [{ ideaId: 'idea-r0-4' }, { text: 'Ruhe braucht Raum' }] });
    const view = await renderView(hostState(cafe));
    expect(inCard(view, '.saved li').map(textOf)).to.deep.equal(['A quiet room for students who need a break (1)', 'Ruhe braucht Raum']);
    expect(inCard(view, 'label.choice')).to.have.length(0);
    press(view, 'change');
    await settled(view);
    expect(choices(view).filter((c) => c.checked).map((c) => c.text)).to.deep.equal(['A quiet room for students who need a break (1)']);
    expect(inCard<HTMLTextAreaElement>(view, 'textarea')[0]!.value).to.equal('Ruhe braucht Raum');
    press(view, 'cancel');
    await settled(view);
    expect(inCard(view, '.saved li')).to.have.length(2);
  });

  it('O says when the card waits in the outbox, and why it was not accepted', async () => {
    const cafe = cafeAfter(1, 'travel');
    const op: HostOp = { type: 'setHarvestCard', tableId: TABLE, round: 0, insights: [{ ideaId: 'idea-r0-1' }] };
    let view = await renderView(hostState(cafe), [outgoing(op, 'waiting')]);
    expect(inCard(view, '.saved li').map(textOf)).to.deep.equal(['Students want to be asked, not told (1)']);
    expect(textOf(inCard(view, '.state')[0]!)).to.equal('Not sent yet: kept on this tablet.');
    fixtureCleanup();
    view = await renderView(hostState(cafe), [outgoing(op, 'refused', 'CAFE_CLOSED')]);
    expect(textOf(inCard(view, '.refused')[0]!)).to.equal('Card not saved: The café is closed.');
  });

  it('H9 offers every round in the harvest, the last first, and each round starts from its own starred ideas', async () => {
    const view = await renderView(hostState(cafeAfter(3, 'harvest')));
    const saved = savedCards(view);
    const rounds = inCard<HTMLButtonElement>(view, '.rounds button');
    expect(rounds.map((b) => [textOf(b), b.getAttribute('aria-pressed')])).to.deep.equal([
      ['Round 1', 'false'],
      ['Round 2', 'false'],
      ['Round 3', 'true'],
    ]);
    expect(textOf(inCard(view, 'h2')[0]!)).to.equal('Harvest card for round 3');
    rounds[0]!.click();
    await settled(view);
    expect(textOf(inCard(view, 'h2')[0]!)).to.equal('Harvest card for round 1');
    expect(choices(view).every((c) => c.text.endsWith('(1)'))).to.equal(true);
    press(view, 'save');
    await settled(view);
    expect(saved[0]!.round).to.equal(0);
  });

  it('stays first in a later round until saved, then waits below the ideas; is not there in the first, and is read-only once the café closed', async () => {
    const later = cafeAfter(1, 'round');
    let view = await renderView(hostState(later));
    expect(view.shadowRoot!.querySelector('.side')!.firstElementChild?.tagName, 'first while the card is not saved').to.equal('TC-HARVEST-CARD');
    expect(textOf(inCard(view, 'h2')[0]!)).to.equal('Harvest card for round 1');
    fixtureCleanup();
    accepted(later, hostOf(TABLE), { type: 'setHarvestCard', tableId: TABLE, round: 0, insights: [{ ideaId: 'idea-r0-0' }] });
    view = await renderView(hostState(later));
    expect(view.shadowRoot!.querySelector('.side')!.lastElementChild?.tagName, 'below the ideas once saved').to.equal('TC-HARVEST-CARD');
    fixtureCleanup();
    view = await renderView(hostState(cafeAfter(1, 'none')));
    expect(view.shadowRoot!.querySelectorAll('tc-harvest-card')).to.have.length(0);
    fixtureCleanup();
    view = await renderView(hostState(cafeAfter(3, 'closed')));
    expect(inCard(view, 'button.change, button.save, input')).to.have.length(0);
    expect(textOf(inCard(view, '.empty')[0]!)).to.equal('No insights chosen: the card shows the starred ideas.');
  });
});

describe('tablecloth photos', () => {
  it('H13 the card counts the round’s photos, says how many wait, and the camera fires add-photo with the file', async () => {
    const cafe = cafeAfter(1, 'travel');
    accepted(cafe, hostOf(TABLE), { type: 'addPhoto', photoId: 'photo-cloth-0001', tableId: TABLE, round: 0, bytes: 1000, width: 1600, height: 1200 });
    const waiting = outgoing({ type: 'addPhoto', photoId: 'photo-cloth-0002', tableId: TABLE, round: 0, bytes: 900, width: 1600, height: 1200 }, 'waiting', 'STORE_UNAVAILABLE');
    const view = await renderView(hostState(cafe), [waiting]);
    expect(textOf(inCard(view, '.photo-count')[0]!)).to.equal('Photos of the tablecloth: 1 (1 not sent yet)');
    const taken: { round: number; file: Blob }[] = [];
    view.addEventListener('add-photo', (e) => taken.push((e as CustomEvent<{ round: number; file: Blob }>).detail));
    const input = inCard<HTMLInputElement>(view, '.camera input')[0]!;
    expect(input.getAttribute('accept')).to.equal('image/*');
    expect(input.getAttribute('capture')).to.equal('environment');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'cloth.jpg', { type: 'image/jpeg' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    expect(taken.map((t) => [t.round, (t.file as File).name])).to.deep.equal([[0, 'cloth.jpg']]);
    expect(input.value).to.equal('');
  });
});

describe('accessibility', () => {
  for (const locale of ['en', 'de']) {
    it(`has no axe violations in ${locale} with the card being chosen and one written insight`, async () => {
      if (locale !== 'en') await chooseLocale(locale);
      const view = await renderView(hostState(cafeAfter(2, 'travel')));
      choices(view)[0]!.box.click();
      await settled(view);
      press(view, 'write');
      await settled(view);
      if (locale === 'de') expect(textOf(inCard(view, 'h2')[0]!)).to.equal('Erntekarte für Runde 2');
      await expect(view).to.be.accessible();
    });
  }
});
