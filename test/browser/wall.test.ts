/**
 * The live wall in real Chromium at projector size: 1,000 ideas and 45 tables on one screen with
 * text of at least 32 px and no scrollbar, newest first, starred ideas marked, moderated ones gone,
 * the table strip, the join code only while people arrive or move, the facilitator's message, the
 * chime (rung once at a deadline, through a stand-in AudioContext; the browser's own one resumes
 * after a click), the sound state reported, and axe in English and German. Cafés are built
 * through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import type { CafeState, Phase } from '../../shared/domain/state.js';
import type { StatusAck, WallSound } from '../../shared/protocol.js';
import type { ConnectionStatus } from '../../client/src/controllers/cafe-connection.js';
import { WallStatusController, type SoundChannel } from '../../client/src/controllers/wall-status.js';
import { chooseLocale } from '../../client/src/i18n.js';
import type { ChimeAudioContext } from '../../client/src/wall/chime.js';
import '../../client/src/wall/tc-wall-chime.js';
import type { TcWallChime } from '../../client/src/wall/tc-wall-chime.js';
import '../../client/src/wall/tc-wall-view.js';
import type { TcWallView } from '../../client/src/wall/tc-wall-view.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, MINUTE, startCafe, wait, type TestCafe } from '../helpers/cafe-factory.js';
import { everything, find, one, rendered, settled, text, until } from './wall-dom.js';

const SAYINGS = [
  'Shorter lessons, more projects 🚀',
  'Mehr Mitsprache der Schüler:innen bei der Stundenplanung',
  'Students want to know why a topic matters',
  'Eltern früher einbinden, nicht erst bei Problemen 👨‍👩‍👧',
  'Wir brauchen Zeit im Stundenplan, in der Lehrkräfte gemeinsam Unterricht planen können – nicht nach 16 Uhr, wenn alle erschöpft sind, sondern als Teil der Arbeitszeit. ' +
    'Teachers at this table agreed that collaboration only happens when it is scheduled, protected and valued. 🙌📚',
  'Prüfungen, die Verstehen messen statt Auswendiglernen',
  'A quiet room for students who need a break 🧘',
];
const GROUPS = ['Lehrkräfte', 'Schüler:innen', 'Eltern'];
const IDEAS = 1000;

/**
 * 45 tables in round 1 with 1,000 ideas, one every second, spread over the tables; table 12 is
 * closed; the newest ideas include a starred one, a hidden one, a deleted one and one held for
 * approval (the facilitator's full state: the wall must leave those out itself).
 */
function bigCafe(): TestCafe {
  const cafe = createCafe({ title: 'Netzwerktreffen Schule der Zukunft', language: 'de', stakeholderGroups: GROUPS, tables: 45 });
  startCafe(cafe);
  accepted(cafe, FACILITATOR, { type: 'extendRound', ms: 60 * MINUTE });
  for (let i = 0; i < IDEAS; i++) {
    wait(cafe, 1000);
    const table = String((i % 44) + 1 + (i % 44 >= 11 ? 1 : 0)); // never table 12
    accepted(cafe, hostOf(table), { type: 'addIdea', ideaId: `idea-${String(i).padStart(4, '0')}`, tableId: table, round: 0, text: `${SAYINGS[i % SAYINGS.length]} #${i}`, group: GROUPS[i % 3]! });
  }
  accepted(cafe, FACILITATOR, { type: 'editTable', tableId: '12', enabled: false });
  const star = (n: number) => accepted(cafe, hostOf(tableOf(cafe, n)), { type: 'starIdea', ideaId: id(n), starred: true });
  star(IDEAS - 2);
  accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: id(IDEAS - 1), hidden: true });
  accepted(cafe, hostOf(tableOf(cafe, IDEAS - 3)), { type: 'deleteIdea', ideaId: id(IDEAS - 3) });
  accepted(cafe, FACILITATOR, { type: 'editCafe', premoderation: true });
  join(cafe, 'phone-ana', { tableId: '3', displayName: 'Ana' });
  wait(cafe, 1000);
  accepted(cafe, 'phone-ana', { type: 'addIdea', ideaId: 'idea-held', tableId: '3', round: 0, text: 'Held until the facilitator approves it' });
  accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Bitte kommt zum Ende – in 5 Minuten wechseln wir die Tische. Kaffee gibt es im Foyer ☕' });
  return cafe;
}
const id = (n: number) => `idea-${String(n).padStart(4, '0')}`;
const tableOf = (cafe: TestCafe, n: number) => cafe.state.ideas[id(n)]!.tableId;

let cafe: TestCafe;
beforeAll(() => {
  cafe = bigCafe();
});

const withPhase = (state: CafeState, phase: Phase): CafeState => ({ ...state, phase });
const roundPhase = (state: CafeState) => state.phase as Extract<Phase, { kind: 'round' }>;

async function renderWall(
  state: CafeState,
  props: { now?: number; msLeft?: number | null; status?: ConnectionStatus; audio?: () => ChimeAudioContext | null } = {},
): Promise<TcWallView> {
  const el = await fixture<TcWallView>(
    html`<tc-wall-view
      .state=${state}
      .now=${props.now ?? cafe.now + 5000}
      .msLeft=${props.msLeft === undefined ? 754_000 : props.msLeft}
      .status=${props.status ?? 'connected'}
      .joinUrl=${'http://192.168.178.20:3000/j/ABC234'}
      .audioContextFactory=${props.audio ?? (() => new FakeAudioContext('suspended'))}
    ></tc-wall-view>`,
  );
  await settled(el);
  return el;
}

/** The idea cards the room can see (not flowed out of sight). */
const shownCards = (wall: Element) => find(wall, 'tc-wall-ideas', 'li').filter((li) => !li.hasAttribute('data-clipped'));
const allText = (wall: Element) => [...everything(wall.shadowRoot!)].map((el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')).join(' ');

/** Stands in for the browser's AudioContext; its nodes come from a real OfflineAudioContext. */
class FakeAudioContext implements ChimeAudioContext {
  readonly offline = new OfflineAudioContext(1, 44_100, 44_100);
  /** The start time of every tone played. */
  readonly tones: number[] = [];
  private readonly listeners = new Set<() => void>();
  currentTime = 0;
  readonly destination = this.offline.destination;
  constructor(public state: 'running' | 'suspended') {}
  async resume() {
    this.state = 'running';
    for (const l of this.listeners) l();
  }
  async close() {}
  createOscillator() {
    const osc = this.offline.createOscillator();
    const start = osc.start.bind(osc);
    osc.start = (when?: number) => {
      this.tones.push(when ?? 0);
      start(when);
    };
    return osc;
  }
  createGain() {
    return this.offline.createGain();
  }
  addEventListener(_type: 'statechange', listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'statechange', listener: () => void) {
    this.listeners.delete(listener);
  }
}

beforeEach(async () => {
  await page.viewport(1920, 1080);
  sessionStorage.clear();
});
afterEach(() => fixtureCleanup());

describe('the browser’s own sound', () => {
  const deadline = Date.UTC(2025, 2, 13, 10, 0, 0);
  const phase: Extract<Phase, { kind: 'round' }> = { kind: 'round', round: 0, paused: false, deadline, remainingMs: 0 };

  it('asks for a click while sound is blocked, and resumes the browser’s own AudioContext after one', async () => {
    // A real AudioContext, suspended as Chromium suspends one before any user gesture (the page
    // may already have had one from another test file, which would let it start running).
    const real = () => {
      const context = new AudioContext();
      void context.suspend();
      return context;
    };
    const el = await fixture<TcWallChime>(html`<tc-wall-chime .phase=${phase} .now=${deadline - 60_000} .audioContextFactory=${real}></tc-wall-chime>`);
    const seen: WallSound[] = [];
    el.addEventListener('sound-change', (e) => seen.push(e.detail.sound));
    await until(() => el.sound === 'blocked');
    expect(text(el)).to.contain('Click anywhere to enable the chime');
    await userEvent.click(el);
    await until(() => el.sound === 'on');
    expect(text(el)).to.contain('Chime on');
    expect(seen.at(-1)).to.equal('on');
  });

  it('says nothing about the chime once no deadline is left (harvest and closed)', async () => {
    const blocked = () => {
      const context = new AudioContext();
      void context.suspend();
      return context;
    };
    for (const kind of ['harvest', 'closed'] as const) {
      const el = await fixture<TcWallChime>(html`<tc-wall-chime .phase=${{ kind }} .now=${deadline} .audioContextFactory=${blocked}></tc-wall-chime>`);
      await until(() => el.sound === 'blocked');
      await el.updateComplete;
      expect(text(el)).to.equal('');
      fixtureCleanup();
    }
  });
});

describe('the ideas', () => {
  it('shows the newest ideas first, as many as fit, each with its table', async () => {
    const wall = await renderWall(cafe.state);
    // Which cards flowed out of sight is learnt from an IntersectionObserver: on a loaded machine later than two frames.
    await until(() => shownCards(wall).length >= 4);
    const cards = shownCards(wall);
    expect(cards.length).to.be.within(4, 30);
    // The newest shown: #998 (starred); #999 is hidden, #997 deleted, the phone's idea held.
    expect(text(cards[0]!)).to.contain(`#${IDEAS - 2}`).and.contain(`Table ${tableOf(cafe, IDEAS - 2)}`);
    expect(text(cards[1]!)).to.contain(`#${IDEAS - 4}`);
    const numbers = cards.map((c) => Number(/#(\d+)/.exec(text(c))![1]));
    expect(numbers).to.deep.equal([...numbers].sort((a, b) => b - a));
    // Cards never hang off the bottom of the stream.
    const box = one(wall, 'tc-wall-ideas').getBoundingClientRect();
    for (const card of cards) expect(card.getBoundingClientRect().bottom).to.be.at.most(box.bottom + 0.5);
  });

  it('marks a starred idea with a star, words and a heavier border, not by colour alone', async () => {
    const wall = await renderWall(cafe.state);
    const [starred, plain] = shownCards(wall);
    expect(starred!.classList.contains('starred')).to.equal(true);
    expect(text(starred!)).to.match(/^★ Key idea/);
    expect(text(plain!)).not.to.contain('Key idea');
    expect(parseFloat(getComputedStyle(starred!).borderTopWidth)).to.be.greaterThan(2 * parseFloat(getComputedStyle(plain!).borderTopWidth));
  });

  it('leaves out hidden, held and deleted ideas that the replica still holds', async () => {
    const wall = await renderWall(cafe.state);
    const shown = allText(wall);
    expect(cafe.state.ideas[id(IDEAS - 1)]!.hidden).to.equal(true);
    expect(shown).not.to.match(new RegExp(`#${IDEAS - 1}\\b`));
    expect(cafe.state.ideas['idea-held']!.held).to.equal(true);
    expect(shown).not.to.contain('Held until the facilitator approves it');
    expect(cafe.state.ideas[id(IDEAS - 3)]!.deleted).to.equal(true);
    expect(shown).not.to.match(new RegExp(`#${IDEAS - 3}\\b`));
  });

  it('lets a new idea in at the top and drops the oldest', async () => {
    const wall = await renderWall(cafe.state);
    const before = shownCards(wall).map(text);
    const next: TestCafe = { state: cafe.state, log: [], now: cafe.now };
    accepted(next, hostOf('9'), { type: 'addIdea', ideaId: 'idea-fresh', tableId: '9', round: 0, text: 'Ganz neu: ein Schulgarten 🌱' });
    wall.state = next.state;
    await settled(wall);
    const after = shownCards(wall).map(text);
    expect(after[0]).to.contain('Ganz neu: ein Schulgarten').and.contain('Table 9');
    expect(after.slice(1, 3)).to.deep.equal(before.slice(0, 2));
  });
});

describe('motion', () => {
  afterEach(async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  });

  /** A wall that has just received an idea from table 9: its card and table 9's cell. */
  async function arrival(): Promise<{ card: HTMLElement; older: HTMLElement; cell: HTMLElement }> {
    const wall = await renderWall(cafe.state);
    const next: TestCafe = { state: cafe.state, log: [], now: cafe.now };
    accepted(next, hostOf('9'), { type: 'addIdea', ideaId: 'idea-moving', tableId: '9', round: 0, text: 'Ein Schulgarten für alle 🌱' });
    wall.state = next.state;
    await rendered(wall);
    const [card, older] = find(wall, 'tc-wall-ideas', 'li');
    const cell = find(wall, 'tc-wall-tables', 'li').find((c) => c.dataset.table === '9')!;
    expect(text(card!)).to.contain('Ein Schulgarten für alle');
    return { card: card!, older: older!, cell };
  }

  it('fades a new idea in (only the new one) and pulses its table', async () => {
    const { card, older, cell } = await arrival();
    expect(getComputedStyle(card).animationName).to.equal('arrive');
    expect(getComputedStyle(older).animationName).to.equal('none');
    expect(getComputedStyle(cell, '::after').animationName).to.equal('pulse');
  });

  it('moves nothing when the room asked for reduced motion', async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
    const { card, cell } = await arrival();
    expect(getComputedStyle(card).animationName).to.equal('none');
    expect(getComputedStyle(cell, '::after').animationName).to.equal('none');
    // The recent table is still marked, without motion.
    expect(cell.classList.contains('recent')).to.equal(true);
  });
});

describe('the table strip', () => {
  it('shows all 45 tables with this round’s count, a mark on the recent ones and the closed one greyed', async () => {
    const wall = await renderWall(cafe.state, { now: cafe.now + 5000 });
    const cells = find(wall, 'tc-wall-tables', 'li');
    expect(cells).to.have.length(45);
    const cell = (t: string) => cells.find((c) => c.getAttribute('data-table') === t)!;
    const expected = Object.values(cafe.state.ideas).filter((i) => i.tableId === '5' && !i.hidden && !i.deleted && !i.held).length;
    expect(text(cell('5'))).to.contain(`Table 5, ideas: ${expected}`);
    expect(text(one(cell('5'), '.count'))).to.equal(String(expected));
    // One idea a second round the tables: only the last 30 or so wrote something in the last 30 seconds.
    expect(cell(tableOf(cafe, IDEAS - 2)).classList.contains('recent')).to.equal(true);
    const quietTable = cells.find((c) => !c.classList.contains('recent') && c.getAttribute('data-table') !== '12');
    expect(quietTable, 'some table wrote nothing in the last 30 s').to.not.equal(undefined);
    expect(cell('12').classList.contains('closed')).to.equal(true);
    expect(text(cell('12'))).to.contain('closed').and.contain('✕');
  });

  it('shows the names of a few named tables, and numbers when there are many', async () => {
    const named = (n: number): CafeState['tables'] => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), name: ['Curriculum', 'Wellbeing', 'Digital', 'Eltern'][i % 4]!, enabled: true, capacity: null }));
    const few = await renderWall({ ...cafe.state, tables: named(12) });
    expect(find(few, 'tc-wall-tables', '.name').slice(0, 3).map(text)).to.deep.equal(['Curriculum', 'Wellbeing', 'Digital']);
    fixtureCleanup();
    const many = await renderWall({ ...cafe.state, tables: named(45) });
    expect(find(many, 'tc-wall-tables', '.name').slice(0, 3).map(text)).to.deep.equal(['1', '2', '3']);
    // The name is still there for screen readers.
    expect(text(find(many, 'tc-wall-tables', 'li')[0]!)).to.contain('Curriculum');
  });

  it('fits 100 tables without a scrollbar', async () => {
    const many: CafeState = { ...cafe.state, tables: Array.from({ length: 100 }, (_, i) => ({ id: String(i + 1), name: `Table ${i + 1}`, enabled: true, capacity: null })) };
    const wall = await renderWall(many);
    expect(find(wall, 'tc-wall-tables', 'li')).to.have.length(100);
    const strip = one(wall, 'tc-wall-tables', 'ul');
    expect(strip.scrollHeight).to.be.at.most(strip.clientHeight + 1);
    expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
  });
});

describe('read from 10 metres', () => {
  /** Every element that holds text, with its computed font size in px. */
  const textSizes = (wall: Element) =>
    [...everything(wall.shadowRoot!)]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
      .map((el) => ({ text: el.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize) }));

  for (const phase of ['lobby', 'round', 'travel'] as const) {
    it(`has no text under 32 px and no scrollbar at 1920×1080 (${phase}, 1,000 ideas, 45 tables)`, async () => {
      const p = roundPhase(cafe.state);
      const state = phase === 'round' ? cafe.state : withPhase(cafe.state, phase === 'lobby' ? { kind: 'lobby' } : { kind: 'travel', round: 1, deadline: p.deadline });
      // In travel time the connection is being restored: its badge must be as readable as the rest.
      const wall = await renderWall(state, { msLeft: phase === 'lobby' ? null : 754_000, status: phase === 'travel' ? 'reconnecting' : 'connected' });
      if (phase === 'travel') expect(text(one(wall, 'tc-connection-status'))).to.contain('Reconnecting');
      const sizes = textSizes(wall);
      expect(sizes.length).to.be.greaterThan(60);
      expect(sizes.filter((s) => s.px < 32)).to.deep.equal([]);
      expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });
  }

  for (const [w, h] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    it(`scales to a ${w}×${h} projector without a scrollbar`, async () => {
      await page.viewport(w, h);
      const wall = await renderWall(withPhase(cafe.state, { kind: 'travel', round: 1, deadline: roundPhase(cafe.state).deadline }));
      expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
      expect(shownCards(wall).length).to.be.greaterThan(0);
      // Everything scales by the same unit: the question stays 1.6 times the smallest text.
      expect(parseFloat(getComputedStyle(one(wall, 'h1')).fontSize)).to.be.closeTo(1.6 * Math.min(w / 60, h / 33.75), 0.5);
    });
  }

  it('shows a large countdown and the phase', async () => {
    const wall = await renderWall(cafe.state, { msLeft: 4 * MINUTE + 58_000 });
    const time = one(wall, 'tc-countdown', '.time');
    expect(text(time)).to.equal('4:58');
    expect(parseFloat(getComputedStyle(time).fontSize)).to.be.at.least(4 * 32);
    expect(text(one(wall, '.phase'))).to.contain('Round 1').and.contain('Netzwerktreffen Schule der Zukunft');
    expect(text(one(wall, 'h1'))).to.equal(cafe.state.rounds[0]!.question);
  });

  it('shows the facilitator’s message prominently', async () => {
    const wall = await renderWall(cafe.state);
    const message = one(wall, '.broadcast');
    expect(text(message)).to.equal(cafe.state.broadcast!.text);
    expect(parseFloat(getComputedStyle(message).fontSize)).to.be.at.least(1.5 * 32);
    const none = await renderWall({ ...cafe.state, broadcast: null });
    expect(find(none, '.broadcast')).to.have.length(0);
  });
});

describe('joining', () => {
  const phases: [string, Phase, boolean][] = [
    ['lobby', { kind: 'lobby' }, true],
    ['round', { kind: 'round', round: 0, paused: false, deadline: 0, remainingMs: 0 }, false],
    ['travel', { kind: 'travel', round: 1, deadline: 0 }, true],
    ['harvest', { kind: 'harvest' }, false],
  ];
  for (const [name, phase, shown] of phases) {
    it(`${shown ? 'shows' : 'does not show'} the join QR code and code in ${name}`, async () => {
      const wall = await renderWall(withPhase(cafe.state, phase));
      const panel = find(wall, 'tc-wall-join');
      expect(panel).to.have.length(shown ? 1 : 0);
      if (!shown) return;
      expect(text(one(wall, 'tc-wall-join', '.code strong'))).to.equal(cafe.state.joinCode);
      expect(text(one(wall, 'tc-wall-join', '.url'))).to.equal('http://192.168.178.20:3000/j/ABC234');
      const qr = one(wall, 'tc-qr', 'svg');
      expect(qr.getAttribute('aria-label')).to.equal('QR code to join the café');
      expect(qr.getBoundingClientRect().width).to.be.greaterThan(200);
    });
  }

  it('groups the tables by question in "pie" mode', async () => {
    const rounds = cafe.state.rounds.map((r, i) => (i === 0 ? { ...r, tableQuestions: Object.fromEntries(['1', '2', '3', '4', '5', '9'].map((t) => [t, 'Wie lernen Lehrkräfte voneinander?'])) } : r));
    const wall = await renderWall({ ...cafe.state, mode: 'pie', rounds });
    expect(text(one(wall, 'h1'))).to.equal('Each table has its own question');
    const groups = find(wall, 'tc-wall-questions', 'li').map(text);
    expect(groups).to.deep.equal([`Tables 1–5, 9 Wie lernen Lehrkräfte voneinander?`, `Tables 6–8, 10, 11, 13–45 ${cafe.state.rounds[0]!.question}`]);
  });
});

describe('the chime', () => {
  const deadline = Date.UTC(2025, 2, 13, 10, 0, 0);
  const phase: Extract<Phase, { kind: 'round' }> = { kind: 'round', round: 0, paused: false, deadline, remainingMs: 0 };

  async function chime(props: { now: number; enabled?: boolean; audio: FakeAudioContext }): Promise<TcWallChime> {
    const el = await fixture<TcWallChime>(
      html`<tc-wall-chime .phase=${phase} .enabled=${props.enabled ?? true} .now=${props.now} .audioContextFactory=${() => props.audio}></tc-wall-chime>`,
    );
    await el.updateComplete;
    return el;
  }
  const tick = async (el: TcWallChime, now: number) => {
    el.now = now;
    await el.updateComplete;
  };

  it('rings once when the countdown reaches the deadline, not before and not again', async () => {
    const audio = new FakeAudioContext('running');
    const el = await chime({ now: deadline - 2000, audio });
    await tick(el, deadline - 250);
    expect(audio.tones).to.have.length(0);
    await tick(el, deadline + 100);
    expect(audio.tones).to.have.length(4); // two notes, each with its quiet overtone
    for (const t of [deadline + 350, deadline + 600, deadline + 4000]) await tick(el, t);
    expect(audio.tones).to.have.length(4);
  });

  it('does not ring after a reload long after the deadline, but does within a few seconds', async () => {
    const late = new FakeAudioContext('running');
    await chime({ now: deadline + 60_000, audio: late });
    expect(late.tones).to.have.length(0);
    fixtureCleanup();
    const soon = new FakeAudioContext('running');
    await chime({ now: deadline + 2000, audio: soon });
    expect(soon.tones).to.have.length(4);
    // … and a second reload within those seconds does not ring it twice.
    fixtureCleanup();
    const again = new FakeAudioContext('running');
    await chime({ now: deadline + 2500, audio: again });
    expect(again.tones).to.have.length(0);
  });

  it('stays silent when the facilitator muted it, and says so', async () => {
    const audio = new FakeAudioContext('running');
    const el = await chime({ now: deadline - 1000, enabled: false, audio });
    await tick(el, deadline + 100);
    expect(audio.tones).to.have.length(0);
    expect(el.sound).to.equal('muted');
    expect(text(el)).to.contain('Chime muted');
  });

  it('rings a new deadline after the round was extended', async () => {
    const audio = new FakeAudioContext('running');
    const el = await chime({ now: deadline - 1000, audio });
    await tick(el, deadline + 100);
    el.phase = { ...phase, deadline: deadline + 5 * MINUTE };
    await tick(el, deadline + 5 * MINUTE + 200);
    expect(audio.tones).to.have.length(8);
  });

});

describe('the sound state', () => {
  it('is announced by the wall as blocked, then on after a click, then muted from the console', async () => {
    const audio = new FakeAudioContext('suspended');
    const seen: WallSound[] = [];
    const wall = await fixture<TcWallView>(
      html`<tc-wall-view .state=${cafe.state} .now=${cafe.now} @sound-change=${(e: CustomEvent<{ sound: WallSound }>) => seen.push(e.detail.sound)} .audioContextFactory=${() => audio}></tc-wall-view>`,
    );
    await settled(wall);
    expect(seen).to.deep.equal(['blocked']);
    await userEvent.click(one(wall, 'h1'));
    await until(() => seen.length === 2);
    wall.state = { ...cafe.state, chime: false };
    await settled(wall);
    expect(seen).to.deep.equal(['blocked', 'on', 'muted']);
  });

  it('is sent to the server once per change, and again after a reconnect', async () => {
    const sent: WallSound[] = [];
    const connectListeners: (() => void)[] = [];
    const channel: SoundChannel = {
      connected: true,
      async send(sound): Promise<StatusAck> {
        sent.push(sound);
        return { ok: true };
      },
      onConnect(listener) {
        connectListeners.push(listener);
        return () => connectListeners.splice(connectListeners.indexOf(listener), 1);
      },
    };
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const status = new WallStatusController(host, channel);
    status.hostConnected();
    status.report('blocked');
    status.report('blocked');
    status.report('on');
    await Promise.resolve();
    expect(sent).to.deep.equal(['blocked', 'on']);
    for (const l of connectListeners) l(); // the socket reconnected: the server forgot
    await new Promise((r) => setTimeout(r));
    expect(sent).to.deep.equal(['blocked', 'on', 'on']);
    status.hostDisconnected();
    expect(connectListeners).to.have.length(0);
  });
});

describe('accessibility', () => {
  afterEach(async () => {
    await chooseLocale('en');
    localStorage.clear();
  });
  for (const language of ['en', 'de']) {
    it(`passes axe in ${language}, in a round and while people arrive`, async () => {
      await chooseLocale(language);
      const round = await renderWall(cafe.state);
      await expect(round).to.be.accessible();
      fixtureCleanup();
      const lobby = await renderWall(withPhase(cafe.state, { kind: 'lobby' }), { msLeft: null });
      await expect(lobby).to.be.accessible();
    });
  }
});
