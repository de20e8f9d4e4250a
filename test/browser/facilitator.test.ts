/**
 * The facilitator's console in real Chromium: which buttons each phase allows, what each press
 * sends, the table grid with presence and counts (also by keyboard), moderation, and axe in
 * English and German. The café is built through the shared reducer: 45 tables, ideas in German
 * and English with emoji and long texts, a phone's idea held for approval.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
// Loaded lazily by <tc-qr>; imported here so that Vite prepares it before the tests run, not during one.
import 'uqr';
import { afterEach, describe, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ClientCommand } from '../../shared/domain/commands.js';
import type { CafeState } from '../../shared/domain/state.js';
import type { Presence } from '../../shared/protocol.js';
import { chooseLocale } from '../../client/src/i18n.js';
import { NEXT_LOCK_MS } from '../../client/src/facilitator/tc-run-controls.js';
import '../../client/src/facilitator/tc-facilitator-view.js';
import type { TcFacilitatorView } from '../../client/src/facilitator/tc-facilitator-view.js';
import {
  accepted,
  addIdea,
  createCafe,
  FACILITATOR,
  hostOf,
  join,
  MINUTE,
  startCafe,
  T0,
  wait,
  type TestCafe,
} from '../helpers/cafe-factory.js';
import { deep, deepAll } from './facilitator-dom.js';

const GROUPS = ['Lehrkräfte', 'Schüler:innen', 'Eltern'];
const IDEAS = [
  'Mehr Zeit für Projekte statt 45-Minuten-Takt 🕒',
  'Students want to be asked, not told',
  'Ein Schultag beginnt mit Frühstück für alle 🥐',
  'Teachers need protected time to plan together — at least two hours a week, without substitution duties or meetings that could have been an email. Otherwise every good idea from today dies on Monday.',
];

/** Thursday's café: 45 tables, round 1 running for 12 minutes, ideas at most tables. */
function thursday(): TestCafe {
  const cafe = createCafe({ title: 'Schulen von morgen – Netzwerktreffen', language: 'de', tables: 45, stakeholderGroups: GROUPS });
  startCafe(cafe);
  for (let t = 1; t <= 40; t++) {
    for (let i = 0; i < t % 4; i++) {
      wait(cafe, 7_000);
      const text = IDEAS[(t + i) % IDEAS.length]!;
      accepted(cafe, hostOf(String(t)), { type: 'addIdea', ideaId: `idea-${t}-${i}-r0`, tableId: String(t), round: 0, text, group: GROUPS[i % 3] ?? null });
    }
  }
  accepted(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-1-0-r0', starred: true });
  accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-2-1-r0', hidden: true });
  accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '44', enabled: false });
  accepted(cafe, FACILITATOR, { type: 'editCafe', premoderation: true });
  join(cafe, 'participant-lena', { tableId: '3', displayName: 'Lena', group: 'Schüler:innen' });
  accepted(cafe, 'participant-lena', addIdea('idea-lena-1', '3', 0, 'Handyverbot nochmal diskutieren – mit uns Schüler:innen! 📱'));
  wait(cafe, 12 * MINUTE - cafe.now + T0);
  return cafe;
}

const PRESENCE: Presence = {
  hosts: Object.fromEntries(Array.from({ length: 38 }, (_, i) => [String(i + 1), 1])),
  walls: [
    { linkId: 'wall-link', sound: 'blocked' },
    { linkId: 'wall-2', sound: 'on' },
  ],
  participants: 183,
};

async function settle(el: Element): Promise<void> {
  // Nested elements update one after another; a few frames let all of them finish.
  for (let i = 0; i < 4; i++) {
    await (el as TcFacilitatorView).updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Every operation the console asks for, in order. */
function recordOps(el: HTMLElement): ClientCommand[] {
  const ops: ClientCommand[] = [];
  el.addEventListener('facilitator-op', (e) => ops.push(e.detail));
  return ops;
}

async function renderView(state: CafeState, options: { msLeft?: number | null; presence?: Presence | null; notice?: string | null } = {}) {
  const el = await fixture<TcFacilitatorView>(html`<tc-facilitator-view
    .state=${state}
    status="connected"
    .msLeft=${options.msLeft ?? null}
    .now=${state.createdAt + 13 * MINUTE}
    .presence=${options.presence === undefined ? PRESENCE : options.presence}
    .notice=${options.notice ?? null}
    qrHref="/qr#facilitator-secret-0001"
  ></tc-facilitator-view>`);
  await settle(el);
  return el;
}

const button = (el: Element, cls: string) => deep<HTMLButtonElement>(el, 'tc-run-controls', `button.${cls}`);
const enabled = (el: Element) =>
  ['open', 'start', 'next', 'pause', 'resume', 'extend1', 'extend5', 'close'].filter((c) => button(el, c).getAttribute('aria-disabled') === 'false');

afterEach(async () => {
  fixtureCleanup();
  localStorage.removeItem('tablecloth.language');
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
});

describe('the run controls', () => {
  it('follow the phase: set-up, lobby, running, paused, travel, harvest, closed', async () => {
    const cafe = createCafe({ tables: 45 });
    const el = await renderView(cafe.state);
    expect(enabled(el)).to.deep.equal(['open', 'start', 'close']);
    const ops = recordOps(el);
    for (const unavailable of ['next', 'pause', 'resume', 'extend1', 'extend5']) button(el, unavailable).click();
    expect(ops, 'an unavailable control sends nothing').to.deep.equal([]);

    const step = async (op: ClientCommand, expected: string[]) => {
      accepted(cafe, FACILITATOR, op);
      el.state = cafe.state;
      await settle(el);
      expect(enabled(el), op.type).to.deep.equal(expected);
    };
    await step({ type: 'openCafe' }, ['start', 'close']);
    await step({ type: 'startRound' }, ['next', 'pause', 'extend1', 'extend5', 'close']);
    expect(button(el, 'next').textContent).to.contain('End round 1: change tables');
    await step({ type: 'pauseRound' }, ['next', 'resume', 'extend1', 'extend5', 'close']);
    await step({ type: 'resumeRound' }, ['next', 'pause', 'extend1', 'extend5', 'close']);
    await step({ type: 'nextRound' }, ['next', 'extend1', 'extend5', 'close']);
    expect(button(el, 'next').textContent).to.contain('Start round 2 now');
    await step({ type: 'nextRound' }, ['next', 'pause', 'extend1', 'extend5', 'close']);
    await step({ type: 'nextRound' }, ['next', 'extend1', 'extend5', 'close']);
    await step({ type: 'nextRound' }, ['next', 'pause', 'extend1', 'extend5', 'close']);
    expect(button(el, 'next').textContent).to.contain('End round 3: start the harvest');
    await step({ type: 'nextRound' }, ['close']);
    await step({ type: 'closeCafe' }, []);
  });

  it('send "next round" with the phase it was pressed in, once per double click', async () => {
    const cafe = createCafe({ tables: 45 });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    button(el, 'next').focus();
    button(el, 'next').click();
    button(el, 'next').click();
    expect(ops).to.deep.equal([{ type: 'nextRound', from: { kind: 'round', round: 1 } }]);
    await settle(el);
    expect(button(el, 'next').getAttribute('aria-disabled'), 'locked right after the press').to.equal('true');
    expect(el.shadowRoot!.activeElement, 'the focus stays on the console').to.equal(deep(el, 'tc-run-controls'));
    await new Promise((r) => setTimeout(r, NEXT_LOCK_MS + 50));
    await settle(el);
    expect(button(el, 'next').getAttribute('aria-disabled'), 'unlocked after a moment').to.equal('false');
  });

  it('offer "Undo" only while the café can still undo the last change, for two minutes, and send it', async () => {
    const cafe = createCafe({ tables: 45 });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'pauseRound' }); // a pause clears the undo
    const el = await renderView(cafe.state);
    expect(deepAll(deep(el, 'tc-run-controls'), 'button.undo')).to.have.length(0);
    accepted(cafe, FACILITATOR, { type: 'nextRound', from: { kind: 'round', round: 0 } });
    el.state = cafe.state;
    el.now = cafe.state.phaseChangedAt + 30_000;
    await settle(el);
    const undo = button(el, 'undo');
    expect(undo.textContent).to.contain('Undo: back to Round 1');
    const ops = recordOps(el);
    undo.click();
    expect(ops).to.deep.equal([{ type: 'undoNextRound' }]);
    // Two minutes later a stray click can no longer undo the round change.
    el.now = cafe.state.phaseChangedAt + 2 * MINUTE + 1000;
    await settle(el);
    expect(deepAll(deep(el, 'tc-run-controls'), 'button.undo')).to.have.length(0);
  });

  it('pause and extend by one and five minutes', async () => {
    const cafe = createCafe({ tables: 45 });
    startCafe(cafe);
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    button(el, 'pause').click();
    button(el, 'extend1').click();
    button(el, 'extend5').click();
    expect(ops).to.deep.equal([{ type: 'pauseRound' }, { type: 'extendRound', ms: 60_000 }, { type: 'extendRound', ms: 300_000 }]);
  });

  it('close the café only after a confirmation, with Cancel focused first', async () => {
    const el = await renderView(thursday().state);
    const ops = recordOps(el);
    button(el, 'close').click();
    await settle(el);
    const confirm = deep(el, 'tc-run-controls', 'tc-confirm');
    expect(deep<HTMLDialogElement>(confirm, 'dialog').open).to.equal(true);
    expect(confirm.shadowRoot!.activeElement?.className).to.equal('cancel');
    deep(confirm, 'button.cancel').click();
    await settle(el);
    expect(ops).to.deep.equal([]);
    button(el, 'close').click();
    await settle(el);
    deep(confirm, 'button.confirm').click();
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'closeCafe' }]);
  });
});

describe('the header', () => {
  it('shows the title, the phase, the time left with overtime, the rehearsal banner and refusals', async () => {
    const cafe = thursday();
    const el = await renderView(cafe.state, { msLeft: -42_000, notice: 'This is not possible right now.' });
    expect(deep(el, 'h1').textContent).to.equal('Schulen von morgen – Netzwerktreffen');
    expect(deep(el, '.phase').textContent).to.equal('Round 1');
    const countdown = deep(el, 'tc-countdown');
    expect(countdown.hasAttribute('overtime')).to.equal(true);
    expect(countdown.shadowRoot!.textContent).to.contain('\u22120:42');
    expect(deep(el, '[role="alert"]').textContent).to.contain('This is not possible right now.');
    expect(deep<HTMLAnchorElement>(el, 'a[target="_blank"]').getAttribute('href')).to.equal('/qr#facilitator-secret-0001');
    expect(deepAll(el, '.rehearsal')).to.have.length(0);

    const rehearsal = createCafe({ tables: 45 });
    accepted(rehearsal, FACILITATOR, { type: 'startRehearsal' });
    el.state = rehearsal.state;
    await settle(el);
    expect(deep(el, '.rehearsal').textContent).to.contain('REHEARSAL');
  });
});

describe('the broadcast', () => {
  it('counts characters as people do, refuses more than 280, sends and clears', async () => {
    const cafe = thursday();
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Noch 5 Minuten!' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    const form = deep(el, 'tc-broadcast-form');
    expect(form.shadowRoot!.textContent).to.contain('Noch 5 Minuten!');
    const textarea = deep<HTMLTextAreaElement>(form, 'textarea');
    textarea.focus();
    await userEvent.keyboard('Kaffee ☕ ist da');
    await settle(el);
    expect(deep(form, '#count').textContent!.trim()).to.equal('15 of 280 characters');
    deep(form, 'button.send').click();
    expect(ops).to.deep.equal([{ type: 'broadcast', text: 'Kaffee ☕ ist da' }]);

    textarea.value = '🌍'.repeat(281);
    textarea.dispatchEvent(new Event('input'));
    await settle(el);
    expect(deep(form, '#count').textContent).to.contain('281 of 280 characters: too long');
    expect(deep<HTMLButtonElement>(form, 'button.send').disabled).to.equal(true);
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');

    deep(form, 'button.clear').click();
    expect(ops[1]).to.deep.equal({ type: 'broadcast', text: '' });
  });
});

describe('the table grid', () => {
  it('shows every table with its host device, ideas this round, last idea and closed state', async () => {
    const el = await renderView(thursday().state);
    const grid = deep(el, 'tc-table-grid');
    const tiles = deepAll<HTMLButtonElement>(grid, 'button');
    expect(tiles).to.have.length(45);
    const tile = (id: string) => tiles.find((t) => t.dataset.table === id)!;
    expect(tile('3').textContent).to.contain('Host connected').and.contain('Ideas this round: 4');
    expect(tile('4').textContent).to.contain('Ideas this round: 0').and.contain('No ideas yet');
    expect(tile('39').textContent).to.contain('No host device').and.contain('Ideas this round: 3');
    expect(tile('44').textContent).to.contain('Closed table');
    expect(tile('39').textContent).to.match(/Last idea \d+ min\. ago/);
    expect(deep(el, '.summary').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Host connected at 38 of 44 tables · Phones connected: 183');
  });

  it('says the host is unknown while presence has not arrived', async () => {
    const el = await renderView(thursday().state, { presence: null });
    expect(deepAll(deep(el, 'tc-table-grid'), 'button')[0]!.textContent).to.contain('Host: unknown');
  });

  it('is operated by keyboard: arrows, Home and End move, Enter opens the table', async () => {
    const el = await renderView(thursday().state);
    const grid = deep(el, 'tc-table-grid');
    const tiles = deepAll<HTMLButtonElement>(grid, 'button');
    tiles[0]!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(grid.shadowRoot!.activeElement).to.equal(tiles[1]);
    await userEvent.keyboard('{End}');
    expect(grid.shadowRoot!.activeElement).to.equal(tiles[44]);
    await userEvent.keyboard('{Home}{ArrowDown}');
    const columns = tiles.filter((t) => t.offsetTop === tiles[0]!.offsetTop).length;
    expect(grid.shadowRoot!.activeElement).to.equal(tiles[columns]);
    await userEvent.keyboard('{ArrowUp}{ArrowRight}{ArrowRight}{Enter}');
    await settle(el);
    expect(tiles[2]!.getAttribute('aria-pressed')).to.equal('true');
    expect(deep(el, 'tc-table-panel', 'h2').textContent).to.equal('Table 3');
  });
});

describe('the table panel', () => {
  async function openTable(el: TcFacilitatorView, id: string) {
    deepAll<HTMLButtonElement>(deep(el, 'tc-table-grid'), 'button').find((b) => b.dataset.table === id)!.click();
    await settle(el);
    return deep(el, 'tc-table-panel');
  }

  it('lists the ideas with key and late marks, and hides and shows them on the wall', async () => {
    const cafe = thursday();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, hostOf('1'), addIdea('idea-1-late', '1', 0, 'Nachgereicht: Schulhof als Lernort 🌳'));
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    const panel = await openTable(el, '1');
    const items = deepAll(panel, 'tc-idea-item');
    const text = (i: Element) => i.shadowRoot!.textContent!;
    expect(items.map((i) => text(i).includes('Key idea'))).to.deep.equal([false, true]);
    expect(text(items[0]!)).to.contain('Late');
    deep(items[0]!, 'button.hide').click();
    expect(ops).to.deep.equal([{ type: 'hideIdea', ideaId: 'idea-1-late', hidden: true }]);

    const table2 = await openTable(el, '2');
    const hidden = deepAll(table2, 'tc-idea-item').find((i) => text(i).includes('Hidden from the wall'))!;
    deep(hidden, 'button.show').click();
    expect(ops[1]).to.deep.equal({ type: 'hideIdea', ideaId: 'idea-2-1-r0', hidden: false });
  });

  it('closes and reopens a table, and asks before issuing a new host link, then shows it as a QR code', async () => {
    const el = await renderView(thursday().state);
    const ops = recordOps(el);
    const asked: string[] = [];
    el.addEventListener('reissue-host-link', (e) => asked.push(e.detail.tableId));
    let panel = await openTable(el, '7');
    deep(panel, 'button.enable').click();
    expect(ops).to.deep.equal([{ type: 'editTable', tableId: '7', enabled: false }]);
    deep(panel, 'button.relink').click();
    await settle(el);
    const confirm = deep(panel, 'tc-confirm');
    expect(confirm.shadowRoot!.textContent).to.contain('disconnected at once');
    deep(confirm, 'button.confirm').click();
    await settle(el);
    expect(asked).to.deep.equal(['7']);

    el.issuedLink = { tableId: '7', url: 'http://cafe.test:3000/host#n3wS3cretForTable7xx' };
    await settle(el);
    const qr = deep(el, 'tc-table-panel', 'tc-qr');
    await (qr as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(deep(qr, 'svg').getAttribute('aria-label')).to.equal('New host link for Table 7');
    expect(deep<HTMLInputElement>(el, 'tc-table-panel', 'input').value).to.equal('http://cafe.test:3000/host#n3wS3cretForTable7xx');

    panel = await openTable(el, '44');
    expect(deep(panel, 'button.enable').textContent).to.contain('Open this table again');
  });
});

describe('moderation, rounds and settings', () => {
  it('lists held ideas from phones and lets one onto the wall', async () => {
    const el = await renderView(thursday().state);
    const ops = recordOps(el);
    expect(deep(el, '#held-heading').textContent).to.equal('Waiting for approval (1)');
    const held = deep(el, 'tc-held-ideas', 'tc-idea-item');
    expect(held.shadowRoot!.textContent).to.contain('Handyverbot').and.contain('Table 3').and.contain('Waiting for approval');
    deep(held, 'button.approve').click();
    expect(ops).to.deep.equal([{ type: 'hideIdea', ideaId: 'idea-lena-1', hidden: false }]);
  });

  it('keeps started rounds read-only, saves a later round and adds one', async () => {
    const el = await renderView(thursday().state);
    const ops = recordOps(el);
    const editor = deep(el, 'tc-round-editor');
    expect(deepAll(editor, 'li.started')).to.have.length(1);
    expect(deepAll(editor, 'li.started textarea')).to.have.length(0);
    const q = deep<HTMLTextAreaElement>(editor, '#q1');
    q.value = 'Was steht im Weg – und wer kann es wegräumen?';
    deep<HTMLInputElement>(editor, '#m1').value = '25';
    deep(editor, 'li.editable:nth-of-type(2) button[type="submit"]').click();
    expect(ops).to.deep.equal([{ type: 'editRound', round: 1, question: 'Was steht im Weg – und wer kann es wegräumen?', durationMs: 25 * MINUTE }]);
    deep<HTMLTextAreaElement>(editor, '#q-new').value = 'What will you try first?';
    deep(editor, 'form.add button[type="submit"]').click();
    expect(ops[1]).to.deep.equal({ type: 'addRound', question: 'What will you try first?', durationMs: 20 * MINUTE });
  });

  it('turns the café into a “pie” café and gives tables their own question in rounds not yet started', async () => {
    const cafe = thursday();
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    const editor = deep(el, 'tc-round-editor');
    expect(deepAll(editor, 'details.pie')).to.have.length(0);
    const pie = deep<HTMLInputElement>(editor, 'label.mode input');
    pie.click();
    expect(ops).to.deep.equal([{ type: 'editCafe', mode: 'pie' }]);
    accepted(cafe, FACILITATOR, { type: 'editCafe', mode: 'pie' });
    // A closed table keeps its own question when the round is saved (people may still sit there).
    accepted(cafe, FACILITATOR, { type: 'editRound', round: 1, tableQuestions: { '5': 'Frage nur für Tisch 5' } });
    accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '5', enabled: false });
    el.state = cafe.state;
    await settle(el);
    // Started rounds stay as they were; each later round gets a question field per open table.
    expect(deepAll(editor, 'li.started details.pie')).to.have.length(0);
    const perTable = deepAll<HTMLTextAreaElement>(editor, 'li.editable:nth-of-type(2) details.pie textarea');
    expect(perTable).to.have.length(cafe.state.tables.filter((t) => t.enabled).length);
    deep<HTMLTextAreaElement>(editor, '#tq1-3').value = '  Was braucht die Schule im Dorf?  ';
    deep(editor, 'li.editable:nth-of-type(2) button[type="submit"]').click();
    expect(ops[1]).to.deep.equal({ type: 'editRound', round: 1, tableQuestions: { '5': 'Frage nur für Tisch 5', '3': 'Was braucht die Schule im Dorf?' } });
    await expect(editor).to.be.accessible();
  });

  it('adds a table with the next free number', async () => {
    const el = await renderView(thursday().state);
    const ops = recordOps(el);
    deep<HTMLInputElement>(el, 'tc-add-table', 'input').value = 'Tisch am Fenster';
    deep(el, 'tc-add-table', 'button').click();
    expect(ops).to.deep.equal([{ type: 'addTable', tableId: '46', name: 'Tisch am Fenster' }]);
  });

  it('switches pre-moderation and the chime, shows each wall’s sound and guards the rehearsal', async () => {
    const lobby = createCafe({ tables: 45 });
    accepted(lobby, FACILITATOR, { type: 'openCafe' });
    const el = await renderView(lobby.state);
    const ops = recordOps(el);
    const settings = deep(el, 'tc-cafe-settings');
    deep(settings, 'input.premoderation').click();
    deep(settings, 'input.chime').click();
    expect(ops).to.deep.equal([
      { type: 'editCafe', premoderation: true },
      { type: 'editCafe', chime: false },
    ]);
    expect(settings.shadowRoot!.textContent).to.contain('Wall 1: sound blocked: click once on the wall page to enable it').and.contain('Wall 2: sound on');
    expect(deep<HTMLButtonElement>(settings, 'button.rehearse').disabled).to.equal(false);
    expect(deep<HTMLButtonElement>(settings, 'button.reset').disabled).to.equal(true);
    deep(settings, 'button.rehearse').click();
    expect(ops[2]).to.deep.equal({ type: 'startRehearsal' });

    accepted(lobby, FACILITATOR, { type: 'startRehearsal' });
    accepted(lobby, FACILITATOR, { type: 'startRound' });
    el.state = lobby.state;
    await settle(el);
    expect(deep<HTMLButtonElement>(settings, 'button.rehearse').disabled, 'no rehearsal once a round runs').to.equal(true);
    deep(settings, 'button.reset').click();
    await settle(el);
    deep(settings, 'tc-confirm', 'button.confirm').click();
    await settle(el);
    expect(ops[3]).to.deep.equal({ type: 'resetRehearsal' });
  });
});

describe('accessibility', () => {
  it('passes axe in English and in German, with a table open', async () => {
    const el = await renderView(thursday().state, { msLeft: 8 * MINUTE });
    deepAll<HTMLButtonElement>(deep(el, 'tc-table-grid'), 'button')[0]!.click();
    await settle(el);
    await expect(el).to.be.accessible();
    await chooseLocale('de');
    await settle(el);
    expect(document.documentElement.lang).to.equal('de');
    expect(deep(el, '.phase').textContent).to.equal('Runde 1');
    await expect(el).to.be.accessible();
  });
});
