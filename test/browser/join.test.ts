/**
 * The participant phone in real Chromium: the join form (consent never pre-ticked, the QR code's
 * table preselected), writing an idea (counter, limit, Enter makes a new line), the table's ideas
 * (own ones marked and editable, held ones marked), travel time (picker, back to the first table),
 * withdrawn links and closed cafés, axe in English and German, and no sideways scrolling on a phone.
 * The café is built through the shared reducer: 45 tables, German and English ideas, emoji, long texts.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { afterEach, describe, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { tableOf } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import type { CafeIntro, JoinChoices } from '../../client/src/join/join-api.js';
import type { PendingIdea } from '../../client/src/join/pending-ideas.js';
import '../../client/src/join/tc-join-form.js';
import type { TcJoinForm } from '../../client/src/join/tc-join-form.js';
import '../../client/src/join/tc-join-view.js';
import type { TcJoinView } from '../../client/src/join/tc-join-view.js';
import { accepted, addIdea, createCafe, FACILITATOR, hostOf, join, MINUTE, startCafe, wait, type TestCafe } from '../helpers/cafe-factory.js';
import { q, text } from './join-dom.js';

const GROUPS = ['Lehrkräfte', 'Schüler:innen', 'Eltern', 'Verwaltung', 'Hochschulen', 'Gewerkschaften'];
const ANA = 'participant-ana';
const LONG = `Teachers need protected time to plan together — at least two hours a week, without substitution duties. ${'https://example.org/a-very-long-unbroken-link-that-must-wrap-on-a-phone-screen/'.repeat(2)}`;

afterEach(async () => {
  fixtureCleanup();
  localStorage.removeItem('tablecloth.language');
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
  await page.viewport(414, 896);
});

/** Thursday's café from Ana's phone: 45 tables, round 1 running at table 3 with ideas of the host, Ben and Ana. */
function thursday(): TestCafe {
  const cafe = createCafe({ title: 'Schulen von morgen – Netzwerktreffen', language: 'de', tables: 45, stakeholderGroups: GROUPS });
  accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '44', enabled: false });
  join(cafe, ANA, { tableId: '3', displayName: 'Ana', group: 'Schüler:innen', consent: { publish: true, showName: false } });
  join(cafe, 'participant-ben', { tableId: '3', displayName: 'Ben', group: 'Eltern' });
  startCafe(cafe);
  wait(cafe, MINUTE);
  accepted(cafe, hostOf('3'), { type: 'addIdea', ideaId: 'idea-host-1', tableId: '3', round: 0, text: 'Mehr Zeit für Projekte statt 45-Minuten-Takt 🕒', group: 'Lehrkräfte' });
  wait(cafe, MINUTE);
  accepted(cafe, 'participant-ben', addIdea('idea-ben-1', '3', 0, 'Students want to be asked, not told'));
  wait(cafe, MINUTE);
  accepted(cafe, ANA, addIdea('idea-ana-1', '3', 0, LONG));
  accepted(cafe, FACILITATOR, { type: 'editCafe', premoderation: true });
  wait(cafe, MINUTE);
  accepted(cafe, ANA, addIdea('idea-ana-2', '3', 0, 'Handyverbot nochmal diskutieren – mit uns! 📱'));
  accepted(cafe, hostOf('7'), { type: 'addIdea', ideaId: 'idea-host-7', tableId: '7', round: 0, text: 'Frühstück für alle 🥐' });
  return cafe;
}

/** What Ana's phone holds: the café filtered for her scope. */
function anasView(cafe: TestCafe): CafeState {
  const tableId = tableOf(cafe.state.participants[ANA]!);
  return snapshotFor({ role: 'participant', participantId: ANA, tableId }, cafe.state);
}

const intro = (cafe: TestCafe): CafeIntro => ({
  cafeId: cafe.state.id,
  title: cafe.state.title,
  language: 'de',
  stakeholderGroups: cafe.state.stakeholderGroups,
  phase: cafe.state.phase.kind,
  tables: cafe.state.tables,
});

async function view(state: CafeState, props: Partial<Pick<TcJoinView, 'refusal' | 'movedTo' | 'error' | 'msLeft' | 'status'>> & { pending?: PendingIdea[] } = {}) {
  return fixture<TcJoinView>(html`<tc-join-view
    .state=${state}
    .participantId=${ANA}
    .status=${props.status ?? 'connected'}
    .refusal=${props.refusal ?? null}
    .msLeft=${props.msLeft ?? 14 * MINUTE + 5000}
    .pending=${props.pending ?? []}
    .movedTo=${props.movedTo ?? null}
    .error=${props.error ?? null}
  ></tc-join-view>`);
}

describe('the join form', () => {
  it('has both consent boxes unticked and sends the choices as made, with the table of the QR code', async () => {
    const el = await fixture<TcJoinForm>(html`<tc-join-form .intro=${intro(thursday())} table-id="7"></tc-join-form>`);
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).to.deep.equal([false, false]);
    expect(q<HTMLSelectElement>(el, '#table').value).to.equal('7');
    expect(text(el)).to.contain('You are at Table 7');
    q<HTMLInputElement>(el, '#name').focus();
    await userEvent.keyboard('  Ana Müller ');
    [...el.shadowRoot!.querySelectorAll<HTMLLabelElement>('label.chip')].find((c) => c.textContent!.includes('Eltern'))!.click();
    boxes[0]!.click();
    const event = oneEvent(el, 'join-cafe');
    q(el, 'button[type=submit]').click();
    const detail: JoinChoices = (await event).detail;
    expect(detail).to.deep.equal({ displayName: 'Ana Müller', group: 'Eltern', consent: { publish: true, showName: false }, tableId: '7' });
  });

  it('without a QR code lets the table wait, offers only open tables, and sends nothing optional it was not given', async () => {
    const el = await fixture<TcJoinForm>(html`<tc-join-form .intro=${intro(thursday())}></tc-join-form>`);
    const select = q<HTMLSelectElement>(el, '#table');
    expect(select.value).to.equal('');
    expect(select.options).to.have.length(1 + 44); // "later" and every open table; table 44 is closed
    expect([...select.options].some((o) => o.value === '44')).to.equal(false);
    const event = oneEvent(el, 'join-cafe');
    q(el, 'button[type=submit]').click();
    expect((await event).detail).to.deep.equal({ displayName: null, group: null, consent: { publish: false, showName: false }, tableId: null });
  });

  it('ignores a QR code of a table that does not exist, says when the café is closed, and shows a refusal', async () => {
    const cafe = thursday();
    const el = await fixture<TcJoinForm>(html`<tc-join-form .intro=${intro(cafe)} table-id="99" .error=${'TABLE_DISABLED'}></tc-join-form>`);
    expect(q<HTMLSelectElement>(el, '#table').value).to.equal('');
    expect(q(el, '[role=alert]').textContent).to.contain('This table is closed.');
    const closed = await fixture<TcJoinForm>(html`<tc-join-form .intro=${{ ...intro(cafe), phase: 'closed' }}></tc-join-form>`);
    expect(text(closed)).to.contain('This café is closed: joining is no longer possible.');
    expect(closed.shadowRoot!.querySelector('form')).to.equal(null);
  });
});

describe('writing an idea', () => {
  it('fires add-idea with the text, the table and the current round, and empties the field', async () => {
    const el = await view(anasView(thursday()));
    const field = q<HTMLTextAreaElement>(el, 'tc-join-composer', 'textarea');
    field.focus();
    await userEvent.keyboard('Pausenhof als Lernort');
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('und mehr Schatten');
    expect(field.value).to.equal('Pausenhof als Lernort\nund mehr Schatten');
    const event = oneEvent(el, 'add-idea');
    q(el, 'tc-join-composer', 'button[type=submit]').click();
    expect((await event).detail).to.deep.equal({ text: 'Pausenhof als Lernort\nund mehr Schatten', tableId: '3', round: 0 });
    await q<TcJoinView>(el, 'tc-join-composer').updateComplete;
    expect(field.value).to.equal('');
  });

  it('counts code points up to 1,000 and refuses more, and an empty idea, without firing', async () => {
    const el = await view(anasView(thursday()));
    const composer = q<HTMLElement & { draft: string; updateComplete: Promise<boolean> }>(el, 'tc-join-composer');
    let fired = 0;
    el.addEventListener('add-idea', () => fired++);
    q(composer, 'button[type=submit]').click();
    await composer.updateComplete;
    expect(q(composer, '[role=alert]').textContent).to.contain('Please write something first.');
    composer.draft = '🙂'.repeat(1000);
    await composer.updateComplete;
    expect(q(composer, '#counter').textContent).to.contain('1000 of 1000 characters');
    composer.draft = '🙂'.repeat(1001);
    await composer.updateComplete;
    expect(q(composer, '#counter').textContent).to.contain('1001 of 1000 characters: too long');
    expect(q(composer, 'textarea').getAttribute('aria-invalid')).to.equal('true');
    q(composer, 'button[type=submit]').click();
    await composer.updateComplete;
    expect(q(composer, '[role=alert]').textContent).to.contain('This text is too long.');
    expect(fired).to.equal(0);
  });

  it('before the first round and after moving in travel time, keeps the text but does not send it', async () => {
    const cafe = createCafe({ tables: 45 });
    join(cafe, ANA, { tableId: '3' });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    const lobby = await view(anasView(cafe));
    expect(text(q(lobby, 'tc-join-composer'))).to.contain('You can add ideas once the first round starts.');
    expect(q<HTMLButtonElement>(lobby, 'tc-join-composer', 'button[type=submit]').disabled).to.equal(true);
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, ANA, { type: 'takeSeat', tableId: '12' });
    const moved = await view(anasView(cafe), { movedTo: '12' });
    expect(text(q(moved, 'tc-join-composer'))).to.contain('You can add ideas at Table 12 once the next round starts.');
    expect(q(moved, '.notice').textContent).to.contain('You are now at Table 12');
  });
});

describe('the table’s ideas', () => {
  it('shows the table’s ideas newest first, marks Ana’s own as yours and the held one as waiting', async () => {
    const el = await view(anasView(thursday()));
    const items = [...q(el, 'tc-join-ideas').shadowRoot!.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.text')!.textContent)).to.deep.equal([
      'Handyverbot nochmal diskutieren – mit uns! 📱',
      LONG,
      'Students want to be asked, not told',
      'Mehr Zeit für Projekte statt 45-Minuten-Takt 🕒',
    ]);
    expect(items.map((li) => li.querySelector('.badge')?.textContent ?? '')).to.deep.equal(['yours', 'yours', '', '']);
    expect(items[0]!.textContent).to.contain('waiting for approval');
    expect(items[1]!.textContent).not.to.contain('waiting for approval');
    expect(items[2]!.textContent).to.contain('Ben · Eltern');
    expect(items.map((li) => li.querySelectorAll('button').length)).to.deep.equal([1, 1, 0, 0]);
    expect(text(el)).not.to.contain('Frühstück für alle'); // another table's idea
  });

  it('edits an own idea in place and fires edit-idea with the new text', async () => {
    const el = await view(anasView(thursday()));
    const ideas = q(el, 'tc-join-ideas');
    const second = ideas.shadowRoot!.querySelectorAll('li')[1]!;
    second.querySelector('button')!.click();
    await (ideas as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    const field = q<HTMLTextAreaElement>(ideas, '#edit');
    expect(ideas.shadowRoot!.activeElement).to.equal(field);
    field.select();
    await userEvent.keyboard('Protected planning time, two hours a week');
    const event = oneEvent(el, 'edit-idea');
    q(ideas, 'form button[type=submit]').click();
    expect((await event).detail).to.deep.equal({ ideaId: 'idea-ana-1', text: 'Protected planning time, two hours a week' });
  });

  it('shows what is still on its way, and puts a refused idea back into the field', async () => {
    const pending: PendingIdea[] = [
      { opId: 'op-1', op: { type: 'addIdea', ideaId: 'idea-new-1', tableId: '3', round: 0, text: 'Offline geschrieben' }, status: 'waiting', error: null, seq: null, notBefore: 0, attempts: 0 },
      { opId: 'op-2', op: { type: 'addIdea', ideaId: 'idea-new-2', tableId: '3', round: 0, text: 'Zu spät' }, status: 'refused', error: 'CAFE_CLOSED', seq: null, notBefore: 0, attempts: 0 },
    ];
    const el = await view(anasView(thursday()), { pending });
    const ideas = q(el, 'tc-join-ideas');
    const [refused, waiting] = [...ideas.shadowRoot!.querySelectorAll('li')];
    expect(waiting!.textContent).to.contain('will be sent when the connection is back');
    expect(refused!.textContent).to.contain('not accepted: The café is closed.');
    // How many wait is said once, above the list; the refused one is not counted as waiting.
    expect(ideas.shadowRoot!.querySelector('.waiting')!.textContent).to.contain('1 not sent yet: kept on this phone.');
    // No empty author line on one's own ideas (it showed as a stray "·").
    for (const span of ideas.shadowRoot!.querySelectorAll('li .meta > span')) expect(span.textContent!.trim()).not.to.equal('');
    const event = oneEvent(el, 'restore-draft');
    [...refused!.querySelectorAll('button')].find((b) => b.textContent!.includes('Edit and send again'))!.click();
    expect((await event).detail.opId).to.equal('op-2');
    const composer = q<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'tc-join-composer');
    await composer.updateComplete;
    expect(q<HTMLTextAreaElement>(composer, 'textarea').value).to.equal('Zu spät');
  });
});

describe('the phases', () => {
  it('shows the table large, the question, the time left and the broadcast during a round', async () => {
    const cafe = thursday();
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Kaffee ☕ steht auf der Terrasse' });
    const el = await view(anasView(cafe));
    expect(q(el, '.seat .table').textContent).to.equal('Table 3');
    expect(q(el, '.question').textContent).to.equal('What does a good school day feel like?');
    expect(q(el, 'tc-countdown', '[role=timer]').textContent).to.equal('14:05');
    expect(q(el, '.broadcast').textContent).to.contain('Kaffee ☕ steht auf der Terrasse');
  });

  it('in travel time asks to move and fires take-seat for the picked table', async () => {
    const cafe = thursday();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const el = await view(anasView(cafe), { msLeft: 4 * MINUTE });
    expect(q(el, '.move h2').textContent).to.contain('Move to your next table: scan its QR code or pick it');
    expect(q(el, '.question-label').textContent).to.contain('Next question');
    const picker = q(el, 'tc-join-seat-picker');
    const select = q<HTMLSelectElement>(picker, 'select');
    expect([...select.options].map((o) => o.value)).not.to.include.members(['3', '44']);
    // Nothing is chosen for the person: a careless tap must not seat everyone at the first table.
    expect(select.value).to.equal('');
    expect(q<HTMLButtonElement>(picker, 'button[type=submit]').disabled).to.equal(true);
    select.value = '17';
    select.dispatchEvent(new Event('change'));
    await (picker as LitElement).updateComplete;
    const event = oneEvent(el, 'take-seat');
    q(picker, 'button[type=submit]').click();
    expect((await event).detail).to.deep.equal({ tableId: '17' });
  });

  it('before a round that sends everyone home, offers one button back to the first table', async () => {
    const cafe = thursday();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, ANA, { type: 'takeSeat', tableId: '7' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' }); // travel before round 3, which returns home
    const el = await view(anasView(cafe));
    expect(q(el, '.move h2').textContent).to.contain('This round, everyone goes back to their first table');
    const home = q(el, 'tc-join-seat-picker', 'button.home');
    expect(home.textContent!.trim()).to.equal('Go back to your first table (Table 3)');
    const event = oneEvent(el, 'take-seat');
    home.click();
    expect((await event).detail).to.deep.equal({ tableId: '3' });
  });

  it('says plainly when the link was withdrawn, when the phone’s place is gone, and when the café is closed', async () => {
    const cafe = thursday();
    const revoked = await view(anasView(cafe), { refusal: 'LINK_REVOKED', status: 'refused' });
    expect(text(revoked)).to.contain('You are no longer part of this café');
    expect(revoked.shadowRoot!.querySelector('tc-join-composer')).to.equal(null);
    const unknown = await view(anasView(cafe), { refusal: 'UNAUTHENTICATED', status: 'refused' });
    const rejoin = oneEvent(unknown, 'rejoin');
    q(unknown, 'button.primary').click();
    await rejoin;
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    const closed = await view(anasView(cafe));
    expect(text(closed)).to.contain('This café is closed');
    expect(closed.shadowRoot!.querySelector('tc-join-composer')).to.equal(null);
    expect(closed.shadowRoot!.querySelector('tc-join-seat-picker')).to.equal(null);
    expect(q(closed, 'tc-join-ideas').shadowRoot!.querySelectorAll('li button')).to.have.length(0);
    expect(q(closed, 'tc-join-profile').shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('lets Ana change her name, group and consent, withdrawing consent as easily as she gave it', async () => {
    const el = await view(anasView(thursday()));
    const profile = q<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'tc-join-profile');
    expect(text(profile)).to.match(/Publish my ideas\s*yes\s*Show my name\s*no/);
    q(profile, 'button').click();
    await profile.updateComplete;
    const boxes = [...profile.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, false]);
    boxes[0]!.click();
    const event = oneEvent(el, 'update-profile');
    q(profile, 'button[type=submit]').click();
    expect((await event).detail).to.deep.equal({ displayName: 'Ana', group: 'Schüler:innen', consent: { publish: false, showName: false } });
  });
});

describe('on a phone, in both languages', () => {
  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale}: the join form, the café in a round, in travel time and closed, and a withdrawn link`, async () => {
      await chooseLocale(locale);
      const cafe = thursday();
      const form = await fixture<TcJoinForm>(html`<tc-join-form .intro=${intro(cafe)} table-id="3"></tc-join-form>`);
      await expect(form).to.be.accessible();
      fixtureCleanup();
      const round = await view(anasView(cafe), { movedTo: '3', error: 'TABLE_DISABLED' });
      await expect(round).to.be.accessible();
      fixtureCleanup();
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
      const travel = await view(anasView(cafe));
      await expect(travel).to.be.accessible();
      fixtureCleanup();
      accepted(cafe, FACILITATOR, { type: 'closeCafe' });
      await expect(await view(anasView(cafe))).to.be.accessible();
      fixtureCleanup();
      await expect(await view(anasView(cafe), { refusal: 'LINK_REVOKED', status: 'refused' })).to.be.accessible();
    });
  }

  it('never scrolls sideways at 390 px and stays usable at 320 px', async () => {
    const cafe = thursday();
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Bitte alle Handys auf lautlos 🔕 — https://example.org/ein-sehr-langer-link-ohne-leerzeichen' });
    for (const width of [390, 320]) {
      await page.viewport(width, 844);
      const form = await fixture<TcJoinForm>(html`<tc-join-form .intro=${intro(cafe)} table-id="3"></tc-join-form>`);
      expect(document.documentElement.scrollWidth, `join form at ${width}`).to.be.at.most(width);
      fixtureCleanup();
      const el = await view(anasView(cafe));
      expect(document.documentElement.scrollWidth, `café at ${width}`).to.be.at.most(width);
      const send = q(el, 'tc-join-composer', 'button[type=submit]').getBoundingClientRect();
      expect(send.height).to.be.at.least(44);
      expect(send.right).to.be.at.most(width);
      void form;
      fixtureCleanup();
    }
  });
});
