/**
 * The table host's tablet view in real Chromium: capture (Enter, IME, Shift+Enter, chips, the
 * limit), ideas on their way (sending, refused, retry), star / edit / delete, the handover panel,
 * "pie" questions, the connection state, and axe in English and German with a full table.
 * Cafés are built through the real reducer and seen through the host's real visibility filter.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { wireError, type ErrorCode } from '../../shared/errors.js';
import '../../client/src/host/tc-host-view.js';
import type { TcHostView } from '../../client/src/host/tc-host-view.js';
import type { AddIdeaDetail, DeleteIdeaDetail, EditIdeaDetail, OutgoingDetail, StarIdeaDetail } from '../../client/src/host/host-events.js';
import type { HostOp } from '../../client/src/host/host-events.js';
import { idbStorage } from '../../client/src/outbox/idb-storage.js';
import { Outbox, type OutgoingOp, type OutgoingStatus, type SendOp } from '../../client/src/outbox/outbox.js';
import { idbLock, webLock } from '../../client/src/outbox/web-lock.js';
import { chooseLocale } from '../../client/src/i18n.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, MINUTE, startCafe, wait, type TestCafe } from '../helpers/cafe-factory.js';

const TABLE = '7';
const GROUPS = ['Lehrkräfte', 'Schüler:innen', 'Eltern', 'Schulleitung', 'Hochschulen', 'Gewerkschaften'];
const LONG =
  'Wir brauchen Zeit im Stundenplan, in der Lehrkräfte gemeinsam Unterricht planen können – nicht nach 16 Uhr, wenn alle erschöpft sind, sondern als Teil der Arbeitszeit. ' +
  'Teachers at this table agreed that collaboration only happens when it is scheduled, protected and valued by the school leadership, and that one afternoon a month is not enough. ' +
  'Eine Schülerin ergänzte: „Wenn ihr zusammen plant, merken wir das sofort.“ 🙌📚';
const SAYINGS = [
  'Shorter lessons, more projects 🚀',
  'Mehr Mitsprache der Schüler:innen bei der Stundenplanung',
  'Students want to know why a topic matters',
  'Eltern früher einbinden, nicht erst bei Problemen 👨‍👩‍👧',
  'Digital tools only help if teachers get time to learn them',
  'Prüfungen, die Verstehen messen statt Auswendiglernen',
  'A quiet room for students who need a break 🧘',
  'Gemeinsame Fortbildungen von Schule und Hochschule',
  'Feedback goes both ways: students rate lessons too',
  'Übergänge Kita → Grundschule → weiterführende Schule besser begleiten',
  LONG,
];

/** A café of 45 tables and 3 rounds; table 7 has `perRound` ideas in each round started. */
function cafeWith(options: { rounds?: number; perRound?: number; pie?: boolean; travel?: boolean } = {}): TestCafe {
  const cafe = createCafe({
    title: 'Netzwerktreffen Schule der Zukunft',
    language: 'de',
    stakeholderGroups: GROUPS,
    tables: 45,
    mode: options.pie ? 'pie' : 'single',
    rounds: [
      {
        question: 'Was macht einen guten Schultag aus?',
        tableQuestions: options.pie ? { [TABLE]: 'Wie lernen Lehrkräfte am besten voneinander?', '8': 'What do parents need from school?' } : {},
        durationMs: 20 * MINUTE,
      },
      { question: 'What stands in the way — and who could move it?', durationMs: 20 * MINUTE },
      { question: 'Was tust du am Montag?', durationMs: 20 * MINUTE, returnHome: true },
    ],
  });
  startCafe(cafe);
  const rounds = options.rounds ?? 1;
  const perRound = options.perRound ?? 30;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      accepted(cafe, FACILITATOR, { type: 'nextRound' }); // travel
      accepted(cafe, FACILITATOR, { type: 'nextRound' }); // the round
    }
    for (let i = 0; i < perRound; i++) {
      wait(cafe, 20_000);
      const ideaId = `idea-r${round}-${String(i).padStart(3, '0')}`;
      const text = `${SAYINGS[i % SAYINGS.length]}${i >= SAYINGS.length ? ` (${i + 1})` : ''}`;
      accepted(cafe, hostOf(TABLE), { type: 'addIdea', ideaId, tableId: TABLE, round, text, group: i % 3 === 0 ? null : GROUPS[i % GROUPS.length]! });
      if (i % 7 === 2) accepted(cafe, hostOf(TABLE), { type: 'starIdea', ideaId, starred: true });
    }
    accepted(cafe, hostOf('8'), { type: 'addIdea', ideaId: `other-table-${round}`, tableId: '8', round, text: 'Eine Idee von Tisch 8' });
  }
  if (options.travel) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  return cafe;
}

/** The café as the host of table 7 receives it. */
const hostState = (cafe: TestCafe): CafeState => snapshotFor({ role: 'host', tableId: TABLE }, cafe.state);

let opCount = 0;
/** An operation on its way, as the outbox lists it. */
function outgoing(op: HostOp, status: OutgoingStatus, error: ErrorCode | null = null): OutgoingOp {
  return { opId: `op-${++opCount}`, op, status, error, seq: null, notBefore: 0, attempts: 0 };
}

async function renderView(state: CafeState, props: Partial<Pick<TcHostView, 'status' | 'msLeft' | 'outgoing'>> = {}): Promise<TcHostView> {
  const el = await fixture<TcHostView>(
    html`<tc-host-view
      .state=${state}
      .tableId=${TABLE}
      .status=${props.status ?? 'connected'}
      .msLeft=${props.msLeft ?? 754_000}
      .outgoing=${props.outgoing ?? []}
    ></tc-host-view>`,
  );
  await settled(el);
  return el;
}

/** Waits until the element and every Lit element inside its shadow tree have rendered. */
async function settled(el: Element): Promise<void> {
  const lit = el as Partial<LitElement>;
  if (lit.updateComplete) await lit.updateComplete;
  for (const child of el.shadowRoot?.querySelectorAll('*') ?? []) await settled(child);
}

/** The first element matching the selectors in turn, each inside the previous one's shadow root. */
function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T {
  let el: Element = root;
  for (const s of selectors) {
    const next = (el.shadowRoot ?? el).querySelector(s);
    if (!next) throw new Error(`nothing matches ${selectors.join(' » ')} at ${s}`);
    el = next;
  }
  return el as T;
}

const field = (view: TcHostView) => deep<HTMLTextAreaElement>(view, 'tc-idea-capture', 'textarea');
const capture = (view: TcHostView) => deep(view, 'tc-idea-capture');
const rows = (view: TcHostView) => [...view.shadowRoot!.querySelectorAll('tc-host-idea')];
const textOf = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ').trim();
const button = (el: Element, name: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').includes(name));
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
/** The element that has the keyboard focus, looking into shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Records every event of a type that reaches `el`. */
function record<T>(el: Element, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (e) => seen.push((e as CustomEvent<T>).detail));
  return seen;
}

beforeEach(async () => {
  await page.viewport(1024, 768);
});
afterEach(() => fixtureCleanup());

describe('capturing an idea', () => {
  it('Enter adds the idea, empties the field and keeps the focus there', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 3 })));
    const added = record<AddIdeaDetail>(view, 'add-idea');
    field(view).focus();
    // (userEvent types characters one UTF-16 unit at a time, so emoji are tested with the counter below.)
    await userEvent.keyboard('Mehr Zeit für Projekte{Enter}');
    expect(added).to.deep.equal([{ text: 'Mehr Zeit für Projekte', group: null }]);
    expect(field(view).value).to.equal('');
    expect(focused()).to.equal(field(view));
    await userEvent.keyboard('Second idea{Enter}');
    expect(added.map((a) => a.text)).to.deep.equal(['Mehr Zeit für Projekte', 'Second idea']);
  });

  it('the Add button adds too and gives the focus back to the field', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 3 })));
    const added = record<AddIdeaDetail>(view, 'add-idea');
    field(view).focus();
    await userEvent.keyboard('Eltern als Lernbegleiter');
    await userEvent.click(button(capture(view), 'Add idea'));
    expect(added).to.have.length(1);
    expect(field(view).value).to.equal('');
    expect(focused()).to.equal(field(view));
  });

  it('Enter that confirms an IME composition does not add', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 3 })));
    const added = record<AddIdeaDetail>(view, 'add-idea');
    const area = field(view);
    area.focus();
    await userEvent.keyboard('せんせい');
    for (const init of [{ isComposing: true }, { keyCode: 229 }]) {
      const press = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, ...init });
      area.dispatchEvent(press);
      expect(press.defaultPrevented).to.equal(false);
    }
    expect(added).to.have.length(0);
    expect(area.value).to.equal('せんせい');
  });

  it('Shift+Enter starts a new line and does not add', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 3 })));
    const added = record<AddIdeaDetail>(view, 'add-idea');
    field(view).focus();
    await userEvent.keyboard('Erste Zeile{Shift>}{Enter}{/Shift}zweite Zeile');
    expect(added).to.have.length(0);
    expect(field(view).value).to.equal('Erste Zeile\nzweite Zeile');
    await userEvent.keyboard('{Enter}');
    expect(added).to.deep.equal([{ text: 'Erste Zeile\nzweite Zeile', group: null }]);
  });

  it('a tapped stakeholder chip goes with the idea and stays chosen until tapped again', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 3 })));
    const added = record<AddIdeaDetail>(view, 'add-idea');
    const chip = () => button(capture(view), 'Eltern');
    await userEvent.click(chip());
    expect(chip().getAttribute('aria-pressed')).to.equal('true');
    expect(button(capture(view), 'No group').getAttribute('aria-pressed')).to.equal('false');
    expect(textOf(button(capture(view), 'Add idea'))).to.equal('Add idea as Eltern');
    field(view).focus();
    await userEvent.keyboard('Elternabende anders gestalten{Enter}Mehr Transparenz{Enter}');
    await userEvent.click(chip());
    field(view).focus();
    await userEvent.keyboard('Ohne Gruppe{Enter}');
    expect(added.map((a) => a.group)).to.deep.equal(['Eltern', 'Eltern', null]);
    expect(chip().getAttribute('aria-pressed')).to.equal('false');
  });

  it('counts code points near the limit: 1,001 are refused here, 1,000 emoji are accepted', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 3 })));
    const added = record<AddIdeaDetail>(view, 'add-idea');
    const area = field(view);
    const type = async (text: string) => {
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await settled(view);
    };
    const counter = () => textOf(deep(view, 'tc-idea-capture', '#counter'));
    await type('a'.repeat(899));
    expect(counter()).to.equal('');
    await type('a'.repeat(1001));
    expect(counter()).to.equal('1,001 / 1,000 characters: 1 too many');
    area.focus();
    await userEvent.keyboard('{Enter}');
    await settled(view);
    expect(added).to.have.length(0);
    expect(textOf(deep(view, 'tc-idea-capture', '[role=alert]'))).to.equal('This text is too long.');
    expect(area.getAttribute('aria-invalid')).to.equal('true');
    await type('🌍'.repeat(1000));
    expect(counter()).to.equal('1,000 / 1,000 characters');
    await userEvent.keyboard('{Enter}');
    expect(added).to.have.length(1);
    expect([...added[0]!.text]).to.have.length(1000);
  });

  it('before the first round the text is kept and the host is told why it cannot be added yet', async () => {
    const cafe = createCafe({ stakeholderGroups: GROUPS, tables: 45 });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    const view = await renderView(hostState(cafe), { msLeft: null });
    const added = record<AddIdeaDetail>(view, 'add-idea');
    field(view).focus();
    await userEvent.keyboard('Vorab notiert{Enter}');
    await settled(view);
    expect(added).to.have.length(0);
    expect(field(view).value).to.equal('Vorab notiert');
    expect(textOf(deep(view, 'tc-idea-capture', '[role=alert]'))).to.equal('Ideas can be added once the first round starts.');
  });
});

describe('the keyboard', () => {
  it('Tab goes from the text field to the chips, the Add button and then each idea’s actions', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 2 })));
    field(view).focus();
    const order: string[] = [];
    for (let i = 0; i < 13; i++) {
      await userEvent.tab();
      const el = focused()!;
      order.push(el.textContent!.replace(/\s+/g, ' ').trim());
    }
    expect(order).to.deep.equal([
      'No group', ...GROUPS, 'Add idea', '☆ Key idea', 'Edit', 'Delete', '☆ Key idea', 'Edit',
    ]);
  });
});

describe('the list of ideas', () => {
  it('shows the table’s ideas of the current round only, newest first, held and hidden ones marked', async () => {
    const cafe = cafeWith({ rounds: 2, perRound: 5 });
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-r1-001', hidden: true });
    accepted(cafe, FACILITATOR, { type: 'editCafe', premoderation: true });
    join(cafe, 'participant-ana-01', { tableId: TABLE, displayName: 'Ana', group: 'Eltern' });
    accepted(cafe, 'participant-ana-01', { type: 'addIdea', ideaId: 'idea-from-phone', tableId: TABLE, round: 1, text: 'Elterncafé jeden Monat ☕' });
    const view = await renderView(hostState(cafe));
    const texts = rows(view).map((r) => r.idea.id);
    expect(texts).to.deep.equal(['idea-from-phone', 'idea-r1-004', 'idea-r1-003', 'idea-r1-002', 'idea-r1-001', 'idea-r1-000']);
    expect(textOf(rows(view)[0]!)).to.contain('Waiting for approval: not on the wall yet');
    expect(textOf(rows(view)[0]!)).to.contain("from Ana's phone");
    expect(textOf(rows(view)[4]!)).to.contain('Hidden from the wall by the facilitator');
    expect(textOf(rows(view)[1]!)).not.to.contain('Hidden');
    expect(textOf(deep(view, '#ideas-title'))).to.equal('Ideas of round 2 (6)');
  });

  it('shows an idea on its way as sending, one that could not go yet as kept, and a refused one with the reason, retry and copy', async () => {
    const state = hostState(cafeWith({ perRound: 3 }));
    const add = (ideaId: string, text: string): HostOp => ({ type: 'addIdea', ideaId, tableId: TABLE, round: 0, text, group: 'Eltern' });
    const sending = outgoing(add('new-idea-sending', 'Lernzeit statt Hausaufgaben'), 'sending');
    const waiting = outgoing(add('new-idea-waiting', 'Offline geschrieben 📶'), 'waiting', 'STORE_UNAVAILABLE');
    const refused = outgoing(add('new-idea-refused', 'Zu spät für diese Runde'), 'refused', 'CAFE_CLOSED');
    const view = await renderView(state, { outgoing: [sending, waiting, refused] });
    const [r0, r1, r2] = rows(view);
    expect(r0!.idea.id).to.equal('new-idea-refused');
    expect(textOf(r0!)).to.contain('Not added: The café is closed.');
    expect(textOf(r1!)).to.contain('Not sent yet: kept here and sent when the connection is back');
    expect(textOf(r2!)).to.contain('Sending …');
    expect(rows(view)).to.have.length(6);
    const retried = record<OutgoingDetail>(view, 'retry-op');
    const discarded = record<OutgoingDetail>(view, 'discard-op');
    await userEvent.click(button(r0!, 'Try again'));
    await userEvent.click(button(r0!, 'Discard'));
    expect(retried).to.deep.equal([{ opId: refused.opId }]);
    expect(discarded).to.deep.equal([{ opId: refused.opId }]);
    await userEvent.click(button(r0!, 'Copy text'));
    await settled(view);
    expect(button(r0!, 'Copied')).to.exist;
    // Ideas not yet accepted cannot be starred, edited or deleted, only copied.
    expect([...r1!.shadowRoot!.querySelectorAll('button')].map((b) => textOf(b))).to.deep.equal(['Copy text']);
  });

  it('star, edit (Enter saves, Escape cancels) and delete after confirmation fire their events', async () => {
    const view = await renderView(hostState(cafeWith({ perRound: 5 })));
    const row = rows(view)[0]!;
    const ideaId = row.idea.id;
    const starred = record<StarIdeaDetail>(view, 'star-idea');
    const edited = record<EditIdeaDetail>(view, 'edit-idea');
    const deleted = record<DeleteIdeaDetail>(view, 'delete-idea');

    await userEvent.click(button(row, 'Key idea'));
    expect(starred).to.deep.equal([{ ideaId, starred: true }]);

    await userEvent.click(button(row, 'Edit'));
    await settled(row);
    const editor = deep<HTMLTextAreaElement>(row, 'textarea');
    expect(focused()).to.equal(editor);
    await userEvent.keyboard('{Escape}');
    await settled(row);
    expect(edited).to.have.length(0);
    expect(focused()).to.equal(button(row, 'Edit'));

    await userEvent.click(button(row, 'Edit'));
    await settled(row);
    await userEvent.keyboard('{Control>}a{/Control}Neu formuliert ✍️{Enter}');
    expect(edited).to.deep.equal([{ ideaId, text: 'Neu formuliert ✍️' }]);

    await userEvent.click(button(row, 'Delete'));
    await settled(row);
    expect(textOf(row)).to.contain('Delete this idea for everyone? This cannot be undone.');
    expect(focused()).to.equal(button(row, 'Keep it'));
    expect(deleted).to.have.length(0);
    await userEvent.click(button(row, 'Delete'));
    expect(deleted).to.deep.equal([{ ideaId }]);
    await settled(view);
    expect(focused()).to.equal(field(view));
  });

  it('shows an unsaved star and edit at once, and a refused change with its reason', async () => {
    const view0 = hostState(cafeWith({ perRound: 3 }));
    const star = outgoing({ type: 'starIdea', ideaId: 'idea-r0-000', starred: true }, 'sending');
    const edit = outgoing({ type: 'editIdea', ideaId: 'idea-r0-001', text: 'Geändert, aber abgelehnt' }, 'refused', 'IDEA_DELETED');
    const view = await renderView(view0, { outgoing: [star, edit] });
    const byId = (id: string) => rows(view).find((r) => r.idea.id === id)!;
    expect(byId('idea-r0-000').idea.starred).to.equal(true);
    expect(textOf(byId('idea-r0-000'))).to.contain('Saving …');
    expect(textOf(byId('idea-r0-001'))).to.contain('Change not saved: This idea has been deleted.');
    expect(byId('idea-r0-001').idea.text).not.to.equal('Geändert, aber abgelehnt');
  });
});

describe('not accepted', () => {
  it('shows a refused change to an idea of an earlier round on its card, and how many were not accepted', async () => {
    const cafe = cafeWith({ rounds: 2, perRound: 3 });
    const edit = outgoing({ type: 'editIdea', ideaId: 'idea-r0-001', text: 'Nach Rundenende geändert' }, 'refused', 'CAFE_CLOSED');
    const star = outgoing({ type: 'starIdea', ideaId: 'idea-gone-999', starred: true }, 'refused', 'IDEA_NOT_FOUND');
    const waiting = outgoing({ type: 'starIdea', ideaId: 'idea-r1-000', starred: true }, 'waiting', 'RATE_LIMITED');
    const view = await renderView(hostState(cafe), { outgoing: [edit, star, waiting] });
    const byId = (id: string) => rows(view).find((r) => r.idea.id === id);
    expect(textOf(byId('idea-r0-001')!)).to.contain('Change not saved: The café is closed.');
    expect(textOf(byId('idea-r0-001')!)).to.contain('Round 1');
    expect(textOf(byId('idea-gone-999')!)).to.contain('Change not saved: This idea no longer exists.');
    expect(textOf(deep(view, '.net'))).to.contain('1 not sent yet.');
    expect(textOf(deep(view, '.net'))).to.contain('2 not accepted: see the marked cards below.');
  });
});

describe('the round and the room', () => {
  it('in "pie" mode shows the table’s own question, large', async () => {
    const view = await renderView(hostState(cafeWith({ pie: true, perRound: 2 })));
    const question = deep(view, '#question');
    expect(question.textContent!.trim()).to.equal('Wie lernen Lehrkräfte am besten voneinander?');
    expect(parseFloat(getComputedStyle(question).fontSize)).to.be.at.least(28);
    expect(textOf(view)).not.to.contain('What do parents need from school?');
  });

  it('the handover panel shows the earlier rounds’ starred ideas, or all of a round without stars', async () => {
    const cafe = cafeWith({ rounds: 2, perRound: 10, travel: true });
    for (const id of ['idea-r1-002', 'idea-r1-009']) accepted(cafe, hostOf(TABLE), { type: 'starIdea', ideaId: id, starred: false });
    const view = await renderView(hostState(cafe));
    const panel = deep(view, 'tc-handover-panel');
    const text = textOf(panel);
    expect(text).to.contain('Round 1');
    expect(text).to.contain('Round 2');
    // Round 1: ideas 2 and 9 were starred; the other eight are only counted.
    expect(panel.shadowRoot!.querySelectorAll('ul')[0]!.querySelectorAll('li')).to.have.length(2);
    expect(text).to.contain('+ 8 more, not starred');
    // Round 2: nothing starred any more, so all ten ideas.
    expect(panel.shadowRoot!.querySelectorAll('ul')[1]!.querySelectorAll('li')).to.have.length(10);
    expect(text).not.to.contain('Eine Idee von Tisch 8');
    expect(textOf(deep(view, '.question-label'))).to.equal('Next question (round 3)');

    const toggle = deep<HTMLButtonElement>(panel, 'h2 button');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await userEvent.click(toggle);
    await settled(view);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(deep(panel, '#body').hidden).to.equal(true);
    // The next round opens it again for the newcomers.
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    view.state = hostState(cafe);
    await settled(view);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
  });

  it('shows the facilitator’s message, the phase and the time left', async () => {
    const cafe = cafeWith({ perRound: 2 });
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Noch 5 Minuten – bitte die wichtigsten Ideen markieren ⭐' });
    const view = await renderView(hostState(cafe), { msLeft: 299_500 });
    expect(textOf(view)).to.contain('Message from the facilitator:Noch 5 Minuten – bitte die wichtigsten Ideen markieren ⭐');
    expect(textOf(deep(view, '.phase'))).to.equal('Round 1');
    expect(textOf(deep(view, 'tc-countdown'))).to.contain('5:00');
  });

  it('while offline says so and still lists every note', async () => {
    const op = outgoing({ type: 'addIdea', ideaId: 'typed-offline', tableId: TABLE, round: 0, text: 'Im Funkloch geschrieben', group: null }, 'waiting', 'STORE_UNAVAILABLE');
    // Queued behind the first, never tried yet: kept all the same, not "sending".
    const behind = outgoing({ type: 'addIdea', ideaId: 'typed-offline-2', tableId: TABLE, round: 0, text: 'Noch eine Notiz', group: null }, 'waiting');
    const view = await renderView(hostState(cafeWith()), { status: 'offline', outgoing: [op, behind] });
    expect(textOf(deep(view, 'tc-connection-status'))).to.equal('Offline');
    expect(textOf(deep(view, '.net'))).to.contain('2 not sent yet.');
    expect(rows(view)).to.have.length(32);
    for (const row of rows(view).slice(0, 2)) expect(textOf(row)).to.contain('Not sent yet: kept here and sent when the connection is back');
    for (const row of rows(view)) expect(row.checkVisibility()).to.equal(true);
    // The notice sits above the content, not on top of it.
    const notice = deep(view, '.net').getBoundingClientRect();
    const first = rows(view)[0]!.getBoundingClientRect();
    expect(first.top).to.be.at.least(notice.bottom);
  });
});

describe('accessibility', () => {
  afterEach(async () => {
    await chooseLocale('en');
    localStorage.removeItem('tablecloth.language');
  });

  for (const locale of ['en', 'de']) {
    it(`has no axe violations in ${locale} with 30 ideas, the handover panel and a refused idea`, async () => {
      if (locale !== 'en') await chooseLocale(locale);
      const cafe = cafeWith({ rounds: 2, perRound: 30 });
      accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Bitte in 2 Minuten zum Plenum ⭐' });
      const op = outgoing({ type: 'addIdea', ideaId: 'refused-1', tableId: TABLE, round: 1, text: LONG, group: 'Eltern' }, 'refused', 'UNKNOWN_GROUP');
      const view = await renderView(hostState(cafe), { outgoing: [op], status: 'reconnecting' });
      expect(rows(view)).to.have.length(31);
      await expect(view).to.be.accessible();
    });
  }
});

describe('the outbox in Chromium: IndexedDB and Web Locks', () => {
  it('O2 O6 two tabs of one link find what a closed tab stored and send each operation once, in order', async () => {
    expect(navigator.locks, 'Web Locks').to.exist;
    const secret = `tab-test-${Math.random()}`;
    const open = (send: SendOp) => Outbox.open({ storage: idbStorage(secret), lock: webLock(secret), send });
    const closedTab = await open(async () => ({ ok: false, error: wireError('STORE_UNAVAILABLE') }));
    for (let i = 0; i < 6; i++) await closedTab.put({ type: 'addIdea', ideaId: `idea-tab-${i}`, tableId: TABLE, round: 0, text: `note ${i}` });
    closedTab.close();
    const sent: string[] = [];
    let seq = 0;
    const send: SendOp = async (op) => {
      await new Promise((r) => setTimeout(r, 5));
      sent.push(op.type === 'addIdea' ? op.text : op.type);
      return { ok: true, seq: ++seq, duplicate: false };
    };
    const [tabB, tabC] = await Promise.all([open(send), open(send)]);
    await Promise.all([tabB.flush(), tabC.flush()]);
    expect(sent).to.deep.equal(['note 0', 'note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
    expect(await idbStorage(secret).load()).to.deep.equal([]);
    tabB.close();
    tabC.close();
  });

  it('O6 without Web Locks (plain http on a venue LAN), the IndexedDB lease lets one tab send at a time', async () => {
    const secret = `lease-test-${Math.random()}`;
    const sent: string[] = [];
    let seq = 0;
    let inFlight = 0;
    const send: SendOp = async (op) => {
      inFlight++;
      expect(inFlight, 'two tabs sending at once').to.equal(1);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      sent.push(op.type === 'addIdea' ? op.text : op.type);
      return { ok: true, seq: ++seq, duplicate: false };
    };
    const offline: SendOp = async () => ({ ok: false, error: wireError('STORE_UNAVAILABLE') });
    const closedTab = await Outbox.open({ storage: idbStorage(secret), lock: idbLock(secret), send: offline });
    for (let i = 0; i < 6; i++) await closedTab.put({ type: 'addIdea', ideaId: `idea-lease-${i}`, tableId: TABLE, round: 0, text: `note ${i}` });
    closedTab.close();
    const [tabB, tabC] = await Promise.all([0, 1].map(() => Outbox.open({ storage: idbStorage(secret), lock: idbLock(secret), send })));
    await Promise.all([tabB!.flush(), tabC!.flush()]);
    expect(sent).to.deep.equal(['note 0', 'note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
    tabB!.close();
    tabC!.close();
  });
});
