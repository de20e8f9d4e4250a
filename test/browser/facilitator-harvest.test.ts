/**
 * The console's harvest screen in real Chromium: themes created, renamed, merged and deleted;
 * ideas moved by keyboard and by dragging (mouse and finger, as pointer events); suggested themes
 * accepted, edited and rejected; the dot vote, paper dots and the spotlight; the read-only preview
 * before the harvest; axe in English and German. A café of 45 tables × 3 rounds, built through
 * the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ClientCommand } from '../../shared/domain/commands.js';
import type { CafeState } from '../../shared/domain/state.js';
import { suggestThemes } from '../../shared/harvest/suggest.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/facilitator/tc-facilitator-view.js';
import type { TcFacilitatorView } from '../../client/src/facilitator/tc-facilitator-view.js';
import { questionsText, unassignedIdeas } from '../../client/src/facilitator/harvest-ideas.js';
import { PAGE } from '../../client/src/facilitator/tc-theme-board.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, MINUTE, startCafe, wait, type TestCafe } from '../helpers/cafe-factory.js';
import { deep, deepAll } from './facilitator-dom.js';

const SAYINGS = [
  'Mehr Zeit für Projekte statt 45-Minuten-Takt',
  'Projektunterricht braucht Zeit im Stundenplan',
  'Fortbildungen für Lehrkräfte gemeinsam mit Hochschulen',
  'Lehrkräftefortbildung an der eigenen Schule',
  'Students want to be asked, not told',
  'Ask students before changing the timetable',
  'Ein Schultag beginnt mit Frühstück für alle 🥐',
  'Eltern früher einbinden, nicht erst bei Problemen',
  'A quiet room for students who need a break',
  'Feedback goes both ways: students rate lessons too',
];

/** 45 tables × 3 rounds, 5 ideas each (675), some starred, one hidden; in the harvest unless told otherwise. */
function harvestCafe(options: { harvest?: boolean } = {}): TestCafe {
  const cafe = createCafe({ title: 'Schulen von morgen', language: 'de', tables: 45 });
  startCafe(cafe);
  for (let round = 0; round < 3; round++) {
    if (round > 0) {
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
    }
    for (let t = 1; t <= 45; t++) {
      for (let i = 0; i < 5; i++) {
        wait(cafe, 1000);
        const ideaId = `idea-${t}-r${round}-${i}`;
        const text = `${SAYINGS[(t * 3 + i + round) % SAYINGS.length]}${t > 1 || round > 0 ? ` (${t}.${round + 1})` : ''}`;
        accepted(cafe, hostOf(String(t)), { type: 'addIdea', ideaId, tableId: String(t), round, text });
      }
    }
  }
  accepted(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-1-r0-0', starred: true });
  accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-1-r0-1', hidden: true });
  if (options.harvest !== false) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  return cafe;
}

/** The element with the keyboard focus, through shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await (el as TcFacilitatorView).updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
  }
}

async function renderView(state: CafeState): Promise<TcFacilitatorView> {
  const el = await fixture<TcFacilitatorView>(html`<tc-facilitator-view .state=${state} status="connected" .now=${state.createdAt + 90 * MINUTE}></tc-facilitator-view>`);
  await settle(el);
  return el;
}

/** Every operation the console asks for; each accepted one is applied to the café and shown, as the server would. */
function recordOps(el: TcFacilitatorView, cafe?: TestCafe): ClientCommand[] {
  const ops: ClientCommand[] = [];
  el.addEventListener('facilitator-op', (e) => {
    ops.push(e.detail);
    if (cafe) {
      accepted(cafe, FACILITATOR, e.detail);
      el.state = cafe.state;
    }
  });
  return ops;
}

const screen = (el: Element) => deep(el, 'tc-harvest-screen');
const board = (el: Element) => deep(el, 'tc-harvest-screen', 'tc-theme-board');
const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ').trim();
const ideaRow = (el: Element, ideaId: string) => deep(board(el), `li[data-idea="${ideaId}"]`);
const tick = (el: Element, ideaId: string) => deep<HTMLInputElement>(ideaRow(el, ideaId), 'input[type=checkbox]').click();
const themeCard = (el: Element, name: string) => {
  const card = deepAll(board(el), 'section.theme').find((s) => s.querySelector('h3')!.textContent === name);
  if (!card) throw new Error(`no theme “${name}”`);
  return card;
};

async function createTheme(el: TcFacilitatorView, name: string): Promise<void> {
  const input = deep<HTMLInputElement>(board(el), '.tools input[name=name]');
  input.value = name;
  deep<HTMLButtonElement>(board(el), 'button.create').click();
  await settle(el);
}

beforeAll(async () => {
  // The facilitator's laptop.
  await page.viewport(1440, 900);
});

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
});

describe('themes', () => {
  it('H2 are created from the ticked ideas, named, with the focus on the new theme', async () => {
    const cafe = harvestCafe();
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    tick(el, 'idea-1-r0-0');
    tick(el, 'idea-2-r0-3');
    await settle(el);
    expect(deep(board(el), 'button.create').textContent).to.contain('Create theme with 2 ideas');
    await createTheme(el, '  Zeit für Projekte ');
    expect(ops).to.have.length(1);
    const op = ops[0]!;
    expect(op.type === 'createTheme' && { name: op.name, ideaIds: op.ideaIds }).to.deep.equal({ name: '  Zeit für Projekte ', ideaIds: ['idea-1-r0-0', 'idea-2-r0-3'] });
    expect(text(themeCard(el, 'Zeit für Projekte'))).to.contain('2 ideas');
    expect(focused()?.textContent).to.equal('Zeit für Projekte');
    expect(deep(board(el), '[role=status]').textContent).to.equal('Theme “Zeit für Projekte” created.');
    expect(text(deep(board(el), '#unassigned-heading'))).to.equal('Ideas in no theme (673)');
  });

  it('H3 says in words why a name is refused, and sends nothing', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    await createTheme(el, 'ZEIT');
    expect(deep(board(el), '.tools .error').textContent).to.equal('There is already a theme with this name.');
    await createTheme(el, '   ');
    expect(deep(board(el), '.tools .error').textContent).to.equal('Please write something first.');
    expect(ops).to.deep.equal([]);
  });

  it('H3 are renamed', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    deep<HTMLButtonElement>(themeCard(el, 'Zeit'), 'button.rename').click();
    await settle(el);
    const input = deep<HTMLInputElement>(themeCard(el, 'Zeit'), 'form.rename input');
    expect(focused()).to.equal(input);
    input.value = 'Zeit für Projekte';
    deep<HTMLButtonElement>(themeCard(el, 'Zeit'), 'form.rename button.primary').click();
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'renameTheme', themeId: 'theme-time', name: 'Zeit für Projekte' }]);
    expect(focused()?.textContent).to.equal('Zeit für Projekte');
  });

  it('H4 are merged into the theme chosen, after a confirmation (Cancel sends nothing)', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit', ideaIds: ['idea-1-r0-0'] });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-projects', name: 'Projekte', ideaIds: ['idea-3-r1-2'] });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-food', name: 'Frühstück' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    const mergeProjects = async () => {
      // After a Cancel the form stays open, to choose another theme.
      if (deepAll(themeCard(el, 'Projekte'), 'form.merge').length === 0) deep<HTMLButtonElement>(themeCard(el, 'Projekte'), 'button.merge').click();
      await settle(el);
      const select = deep<HTMLSelectElement>(themeCard(el, 'Projekte'), 'form.merge select');
      expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Zeit', 'Frühstück']);
      select.value = 'theme-time';
      deep<HTMLButtonElement>(themeCard(el, 'Projekte'), 'form.merge button.primary').click();
      await settle(el);
      return deep(board(el), 'tc-confirm');
    };
    let confirm = await mergeProjects();
    expect(text(deep(confirm, 'dialog'))).to.contain('Merge “Projekte” into “Zeit”?');
    deep<HTMLButtonElement>(confirm, 'button.cancel').click();
    await settle(el);
    expect(ops).to.deep.equal([]);
    confirm = await mergeProjects();
    deep<HTMLButtonElement>(confirm, 'button.confirm').click();
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'mergeThemes', themeId: 'theme-time', from: 'theme-projects' }]);
    expect(deepAll(board(el), 'section.theme h3').map((h) => h.textContent)).to.deep.equal(['Zeit', 'Frühstück']);
    expect(text(themeCard(el, 'Zeit'))).to.contain('2 ideas');
    expect(focused()?.textContent).to.equal('Zeit');
  });

  it('H5 are deleted after a confirmation; their ideas go back, the focus to the ideas in no theme', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit', ideaIds: ['idea-1-r0-0', 'idea-2-r0-0'] });
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    expect(text(deep(board(el), '#unassigned-heading'))).to.equal('Ideas in no theme (673)');
    deep<HTMLButtonElement>(themeCard(el, 'Zeit'), 'button.delete').click();
    await settle(el);
    const confirm = deep(board(el), 'tc-confirm');
    expect(text(deep(confirm, 'dialog'))).to.contain('Delete the theme “Zeit”?');
    deep<HTMLButtonElement>(confirm, 'button.confirm').click();
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'deleteTheme', themeId: 'theme-time' }]);
    expect(deepAll(board(el), 'section.theme')).to.have.length(0);
    expect(text(deep(board(el), '#unassigned-heading'))).to.equal('Ideas in no theme (675)');
    expect(focused()?.id).to.equal('unassigned-heading');
  });
});

describe('moving ideas', () => {
  it('H2 works by keyboard alone: Space ticks, the list chooses the theme, Enter moves; "Take out" too', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit' });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-food', name: 'Frühstück' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    for (const id of ['idea-1-r0-2', 'idea-1-r0-3']) {
      deep<HTMLInputElement>(ideaRow(el, id), 'input').focus();
      await userEvent.keyboard(' ');
    }
    await settle(el);
    expect(text(deep(board(el), '.move .count'))).to.equal('2 selected');
    deep<HTMLSelectElement>(board(el), 'select.target').focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    deep<HTMLButtonElement>(board(el), 'button.move-selected').focus();
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'moveIdeas', ideaIds: ['idea-1-r0-2', 'idea-1-r0-3'], themeId: 'theme-food' }]);
    expect(deep(board(el), '[role=status]').textContent).to.equal('Moved 2 ideas to “Frühstück”.');
    expect(text(themeCard(el, 'Frühstück'))).to.contain('2 ideas');
    expect(text(deep(board(el), '.move .count')), 'the selection is cleared').to.equal('0 selected');

    deep<HTMLButtonElement>(themeCard(el, 'Frühstück'), 'li[data-idea="idea-1-r0-3"] button.take-out').focus();
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(ops[1]).to.deep.equal({ type: 'moveIdeas', ideaIds: ['idea-1-r0-3'], themeId: null });
    expect(deep(board(el), '[role=status]').textContent).to.equal('Moved 1 idea out of its theme.');
    expect(focused()?.textContent, 'the focus goes to the theme it left').to.equal('Frühstück');
  });

  for (const pointerType of ['mouse', 'touch'] as const) {
    it(`H2 works by dragging with a ${pointerType}: one idea, or every ticked one, onto a theme and back`, async () => {
      const cafe = harvestCafe();
      accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit' });
      const el = await renderView(cafe.state);
      const ops = recordOps(el, cafe);
      const drag = async (from: Element, to: Element) => {
        from.scrollIntoView({ block: 'center' });
        const a = from.getBoundingClientRect();
        const at = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
        const init = (x: number, y: number) => ({ pointerId: 7, pointerType, isPrimary: true, clientX: x, clientY: y, bubbles: true, composed: true, button: 0 });
        from.dispatchEvent(new PointerEvent('pointerdown', init(at.x, at.y)));
        window.dispatchEvent(new PointerEvent('pointermove', init(at.x + 3, at.y + 2)));
        to.scrollIntoView({ block: 'center' });
        const b = to.getBoundingClientRect();
        const target = { x: b.x + b.width / 2, y: b.y + Math.min(b.height / 2, 20) };
        window.dispatchEvent(new PointerEvent('pointermove', init(target.x, target.y)));
        await settle(el);
        expect(to.classList.contains('over'), 'the target is marked while the idea is over it').to.equal(true);
        expect(deep(board(el), '.ghost')).to.exist;
        window.dispatchEvent(new PointerEvent('pointerup', init(target.x, target.y)));
        await settle(el);
      };
      await drag(deep(ideaRow(el, 'idea-7-r0-4'), '.grip'), themeCard(el, 'Zeit'));
      expect(ops).to.deep.equal([{ type: 'moveIdeas', ideaIds: ['idea-7-r0-4'], themeId: 'theme-time' }]);
      expect(deep(board(el), '[role=status]').textContent).to.equal('Moved 1 idea to “Zeit”.');
      expect(deepAll(board(el), '.ghost')).to.have.length(0);

      tick(el, 'idea-1-r0-0');
      tick(el, 'idea-1-r0-2');
      await settle(el);
      await drag(deep(ideaRow(el, 'idea-1-r0-2'), '.grip'), themeCard(el, 'Zeit'));
      expect(ops[1]).to.deep.equal({ type: 'moveIdeas', ideaIds: ['idea-1-r0-0', 'idea-1-r0-2'], themeId: 'theme-time' });

      await drag(deep(ideaRow(el, 'idea-7-r0-4'), '.grip'), deep(board(el), 'section.column'));
      expect(ops[2]).to.deep.equal({ type: 'moveIdeas', ideaIds: ['idea-7-r0-4'], themeId: null });
      expect(ops).to.have.length(3);
    });
  }

  it('leaves a tap on the handle a tap, and a drop outside any theme changes nothing', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    const grip = deep(ideaRow(el, 'idea-1-r0-0'), '.grip');
    const r = grip.getBoundingClientRect();
    const init = (x: number, y: number) => ({ pointerId: 3, pointerType: 'touch', clientX: x, clientY: y, bubbles: true, composed: true });
    grip.dispatchEvent(new PointerEvent('pointerdown', init(r.x + 4, r.y + 4)));
    window.dispatchEvent(new PointerEvent('pointerup', init(r.x + 6, r.y + 5)));
    grip.dispatchEvent(new PointerEvent('pointerdown', init(r.x + 4, r.y + 4)));
    window.dispatchEvent(new PointerEvent('pointermove', init(2, 2)));
    window.dispatchEvent(new PointerEvent('pointerup', init(2, 2)));
    await settle(el);
    expect(ops).to.deep.equal([]);
  });

  it(`shows the ideas in no theme ${PAGE} at a time, narrowed by table, round and words, hidden ones marked`, async () => {
    const el = await renderView(harvestCafe().state);
    expect(deepAll(deep(board(el), 'section.column'), 'li')).to.have.length(PAGE);
    expect(text(deep(board(el), '.more'))).to.contain(`${PAGE} of 675 shown`);
    deep<HTMLButtonElement>(board(el), '.more button').click();
    await settle(el);
    expect(deepAll(deep(board(el), 'section.column'), 'li')).to.have.length(2 * PAGE);
    const [table, round] = deepAll<HTMLSelectElement>(board(el), '.filters select');
    table!.value = '1';
    table!.dispatchEvent(new Event('change'));
    round!.value = '0';
    round!.dispatchEvent(new Event('change'));
    await settle(el);
    const rows = deepAll(deep(board(el), 'section.column'), 'li');
    expect(rows.map((li) => li.dataset['idea'])).to.deep.equal(['idea-1-r0-0', 'idea-1-r0-1', 'idea-1-r0-2', 'idea-1-r0-3', 'idea-1-r0-4']);
    expect(text(rows[0]!)).to.contain('★ Key idea');
    expect(text(rows[1]!)).to.contain('Hidden from the wall');
    const words = deep<HTMLInputElement>(board(el), '.filters input[type=search]');
    words.value = 'frühstück';
    words.dispatchEvent(new Event('input'));
    await settle(el);
    expect(deepAll(deep(board(el), 'section.column'), 'li').every((li) => /Frühstück/.test(li.textContent!))).to.equal(true);
  });
});

describe('suggested themes', () => {
  it('change nothing until accepted: Accept, Edit and Reject give exactly the expected createTheme operations', async () => {
    const cafe = harvestCafe();
    const expected = suggestThemes(
      unassignedIdeas(cafe.state).filter((i) => !i.hidden),
      { commonText: questionsText(cafe.state) },
    );
    expect(expected.length, 'the café has groups to suggest').to.be.at.least(3);
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    const panel = deep(screen(el), 'tc-theme-suggestions');
    deep<HTMLButtonElement>(panel, 'button.suggest').click();
    for (let i = 0; i < 50 && deepAll(panel, 'li.suggestion').length === 0; i++) await settle(el);
    expect(deepAll(panel, 'h3').map((h) => h.textContent)).to.deep.equal(expected.map((g) => g.label));
    expect(ops, 'suggesting sends nothing').to.deep.equal([]);

    const suggestion = (label: string) => deepAll(panel, 'li.suggestion').find((li) => li.querySelector('h3')!.textContent === label)!;
    const [first, second, third] = expected as [(typeof expected)[0], (typeof expected)[0], (typeof expected)[0]];
    deep<HTMLButtonElement>(suggestion(first.label), 'button.accept').click();
    await settle(el);

    deep<HTMLButtonElement>(suggestion(second.label), 'button.edit').click();
    await settle(el);
    const name = deep<HTMLInputElement>(suggestion(second.label), 'input:not([type])');
    name.value = 'Fortbildung gemeinsam';
    name.dispatchEvent(new Event('input'));
    await settle(el);
    const card = deepAll(panel, 'li.suggestion')[0]!;
    const boxes = deepAll<HTMLInputElement>(card, 'input[type=checkbox]');
    expect(boxes).to.have.length(second.ideaIds.length);
    boxes[0]!.click();
    await settle(el);
    deep<HTMLButtonElement>(card, 'button.accept').click();
    await settle(el);

    deep<HTMLButtonElement>(suggestion(third.label), 'button.reject').click();
    await settle(el);

    const created = ops.map((op) => (op.type === 'createTheme' ? { type: op.type, name: op.name, ideaIds: op.ideaIds, id: typeof op.themeId } : op));
    expect(created).to.deep.equal([
      { type: 'createTheme', name: first.label, ideaIds: first.ideaIds, id: 'string' },
      { type: 'createTheme', name: 'Fortbildung gemeinsam', ideaIds: second.ideaIds.slice(1), id: 'string' },
    ]);
    expect(deepAll(panel, 'h3').map((h) => h.textContent)).to.deep.equal(expected.slice(3).map((g) => g.label));
    expect(deep(panel, '[role=status]').textContent).to.equal(`Suggestion “${third.label}” rejected.`);
  });

  it('H3 turn a name already taken into an edit, with the reason, and send nothing', async () => {
    const cafe = harvestCafe();
    const [first] = suggestThemes(unassignedIdeas(cafe.state).filter((i) => !i.hidden), { commonText: questionsText(cafe.state) });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-taken', name: first!.label.toUpperCase() });
    const el = await renderView(cafe.state);
    const ops = recordOps(el);
    const panel = deep(screen(el), 'tc-theme-suggestions');
    deep<HTMLButtonElement>(panel, 'button.suggest').click();
    for (let i = 0; i < 50 && deepAll(panel, 'li.suggestion').length === 0; i++) await settle(el);
    deep<HTMLButtonElement>(deepAll(panel, 'li.suggestion')[0]!, 'button.accept').click();
    await settle(el);
    expect(ops).to.deep.equal([]);
    expect(deep(deepAll(panel, 'li.suggestion')[0]!, '.error').textContent).to.equal('There is already a theme with this name.');
    expect(deepAll(deepAll(panel, 'li.suggestion')[0]!, 'input[type=checkbox]').length).to.be.greaterThan(0);
  });
});

describe('the vote and the spotlight', () => {
  it('H6 H7 open the vote with 3 dots or another number, close it, and show phone and paper dots per theme', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit' });
    accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-food', name: 'Frühstück' });
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    const vote = deep(screen(el), 'tc-vote-controls');
    expect(text(deep(vote, '.status'))).to.equal('No vote yet.');
    expect(deep<HTMLInputElement>(vote, 'input[type=number]').value).to.equal('3');
    const dots = deep<HTMLInputElement>(vote, 'input[type=number]');
    dots.value = '5';
    dots.dispatchEvent(new Event('input'));
    deep<HTMLButtonElement>(vote, 'button.open-vote').click();
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'openVote', dots: 5 }]);
    expect(text(deep(vote, '.status'))).to.equal('The vote is open: 5 dots per phone.');

    join(cafe, 'phone-1');
    accepted(cafe, 'phone-1', { type: 'castDot', themeId: 'theme-food', add: true });
    accepted(cafe, 'phone-1', { type: 'castDot', themeId: 'theme-food', add: true });
    el.state = cafe.state;
    await settle(el);
    const row = deep(vote, 'tr[data-theme="theme-food"]');
    expect(text(deep(row, '.phones'))).to.equal('2');
    const paper = deep<HTMLInputElement>(row, 'input');
    expect(paper.getAttribute('aria-label')).to.equal('Paper dots for “Frühstück”');
    paper.value = '12';
    paper.focus();
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(ops[1]).to.deep.equal({ type: 'setPaperDots', themeId: 'theme-food', count: 12 });
    expect(text(deep(vote, 'tr[data-theme="theme-food"] .total'))).to.equal('14');

    deep<HTMLButtonElement>(vote, 'button.close-vote').click();
    await settle(el);
    expect(ops[2]).to.deep.equal({ type: 'closeVote' });
    expect(text(deep(vote, '.status'))).to.equal('The vote is closed.');
    expect(text(deep(vote, 'button.open-vote'))).to.equal('Open the vote again');
  });

  it('H10 puts a table in the spotlight and takes it off again, marking tables with a harvest card', async () => {
    const cafe = harvestCafe();
    accepted(cafe, hostOf('12'), { type: 'setHarvestCard', tableId: '12', round: 2, insights: [{ ideaId: 'idea-12-r2-0' }] });
    const el = await renderView(cafe.state);
    const ops = recordOps(el, cafe);
    const spot = deep(screen(el), 'tc-spotlight');
    expect(text(deep(spot, '[role=status]'))).to.equal('No table is in the spotlight.');
    const select = deep<HTMLSelectElement>(spot, 'select');
    expect(select.options[11]!.textContent!.trim()).to.equal('Table 12 (harvest card)');
    select.value = '12';
    select.dispatchEvent(new Event('change'));
    deep<HTMLButtonElement>(spot, 'button.show').click();
    await settle(el);
    expect(ops).to.deep.equal([{ type: 'spotlight', tableId: '12' }]);
    expect(text(deep(spot, '[role=status]'))).to.equal('On the wall now: Table 12');
    deep<HTMLButtonElement>(spot, 'button.off').click();
    await settle(el);
    expect(ops[1]).to.deep.equal({ type: 'spotlight', tableId: null });
  });
});

describe('before the harvest', () => {
  it('H1 shows the harvest screen only as a read-only preview', async () => {
    const cafe = harvestCafe({ harvest: false });
    const el = await renderView(cafe.state);
    expect(deepAll(el, 'tc-harvest-screen.harvest')).to.have.length(0);
    const details = deep<HTMLDetailsElement>(el, 'details.preview');
    details.open = true;
    await new Promise((r) => details.addEventListener('toggle', r, { once: true }));
    await settle(el);
    const preview = deep(details, 'tc-harvest-screen');
    expect(text(preview)).to.contain('A preview: themes are formed in the harvest.');
    const b = deep(preview, 'tc-theme-board');
    expect(deepAll(b, 'li').length).to.equal(PAGE);
    expect(deepAll(b, 'input[type=checkbox], button.take-out, .grip, form')).to.have.length(0);
    expect(deep<HTMLButtonElement>(deep(preview, 'tc-vote-controls'), 'button.open-vote').getAttribute('aria-disabled')).to.equal('true');
  });
});

describe('after the café closed', () => {
  it('says the café is closed, not that the harvest is a preview, and no round is running', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    expect(cafe.state.phase.kind).to.equal('closed');
    const el = await renderView(cafe.state);
    const harvest = deep(el, 'tc-harvest-screen.harvest');
    expect(text(deep(harvest, '.preview'))).to.equal('The café is closed: the themes as the harvest left them.');
    const rounds = deep(el, 'tc-round-editor');
    expect(text(rounds)).to.contain('Round 3');
    expect(text(rounds)).not.to.contain('running now');
  });
});

describe('the console fits the screen', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`has no sideways scrolling at ${width} wide once the vote table has long theme names, with Votes and the spotlight picker inside`, async () => {
      await page.viewport(width, height);
      try {
        const cafe = harvestCafe();
        const long = 'Fortbildungen für Lehrkräfte gemeinsam mit Hochschulen und Schulträgern planen';
        accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-long', name: long.slice(0, 80), ideaIds: ['idea-1-r0-0'] });
        accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-word', name: 'Lehrkräftefortbildungsverpflichtungsvereinbarungen', ideaIds: ['idea-2-r0-0'] });
        accepted(cafe, FACILITATOR, { type: 'openVote' });
        accepted(cafe, FACILITATOR, { type: 'closeVote' });
        const el = await renderView(cafe.state);
        expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
        const vote = deep(screen(el), 'tc-vote-controls');
        for (const cell of [...deepAll(vote, 'th.num'), ...deepAll(vote, 'td.total'), deep(screen(el), 'tc-spotlight')]) {
          expect(cell.getBoundingClientRect().right).to.be.at.most(window.innerWidth);
        }
      } finally {
        await page.viewport(1440, 900);
      }
    });
  }
});

describe('accessibility', () => {
  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale} with themes, a rename open and suggestions shown`, async () => {
      if (locale !== 'en') await chooseLocale(locale);
      const cafe = harvestCafe();
      accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-time', name: 'Zeit für Projekte', ideaIds: ['idea-1-r0-0', 'idea-2-r0-0', 'idea-1-r0-1'] });
      accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'theme-food', name: 'Frühstück', ideaIds: ['idea-3-r0-0'] });
      accepted(cafe, FACILITATOR, { type: 'openVote' });
      const el = await renderView(cafe.state);
      deep<HTMLButtonElement>(themeCard(el, 'Frühstück'), 'button.rename').click();
      const panel = deep(screen(el), 'tc-theme-suggestions');
      deep<HTMLButtonElement>(panel, 'button.suggest').click();
      for (let i = 0; i < 50 && deepAll(panel, 'li.suggestion').length === 0; i++) await settle(el);
      deep<HTMLButtonElement>(deepAll(panel, 'li.suggestion')[1]!, 'button.edit').click();
      await settle(el);
      if (locale === 'de') expect(text(deep(screen(el), '#themes-heading'))).to.equal('Themen');
      await expect(el).to.be.accessible();
    });
  }
});
