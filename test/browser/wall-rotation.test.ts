/**
 * The wall in planned rotation as a component in real Chromium (issue 6, M11): "find your table"
 * in German, the room's mix and the groups per table under free movement, and axe on both. States
 * are built through the real reducer and cut to what the wall receives (snapshotFor). The same
 * faces against a real server: test/e2e/wall-rotation-in-browser.test.ts.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/wall/tc-wall-view.js';
import type { TcWallView } from '../../client/src/wall/tc-wall-view.js';
import '../../client/src/wall/tc-wall-board.js';
import { isCut, PAGE_MS, type TcWallBoard } from '../../client/src/wall/tc-wall-board.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { find, one, settled, text } from './wall-dom.js';

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  await page.viewport(414, 896);
});

const wallView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'wall' }, cafe.state);

async function renderWall(state: CafeState, [width, height]: readonly [number, number] = [1920, 1080]): Promise<TcWallView> {
  await page.viewport(width, height);
  const el = await fixture<TcWallView>(html`<tc-wall-view .state=${state} .now=${Date.now()} .msLeft=${300_000} .joinUrl=${'http://192.168.178.20:3000/j/ABC234'}></tc-wall-view>`);
  await settled(el);
  // The board fits itself once it knows its size: a frame or two more.
  await new Promise((r) => setTimeout(r, 100));
  await settled(el);
  // The page's fade-in (axe would judge the colours half faded).
  for (const ol of find(el, 'tc-wall-board', 'ol')) await Promise.all(ol.getAnimations().map((a) => a.finished));
  return el;
}

/** Six people at three tables named by colour, planned over three rounds, in travel time before round 2. */
function travelling(): TestCafe {
  const cafe = createCafe({ tables: ['Rot', 'Grün', 'Blau'], language: 'de' });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  const groups = ['teachers', 'students', 'parents', 'teachers', null, 'students'];
  groups.forEach((group, i) => join(cafe, `phone-${i}-abcdef`, { group }));
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  const seats: Record<string, string[]> = {};
  groups.forEach((_, i) => (seats[`phone-${i}-abcdef`] = [String((i % 3) + 1), String(((i + 1) % 3) + 1), String(((i + 2) % 3) + 1)]));
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
  accepted(cafe, FACILITATOR, { type: 'startRound' });
  accepted(cafe, FACILITATOR, { type: 'nextRound' });
  return cafe;
}

describe('the wall\u2019s "find your table"', () => {
  it('cuts no table name, even one a fraction of a pixel wider than the estimate (16 people, "Grün" at 1920×1080)', async () => {
    const cafe = createCafe({ tables: ['Rot', 'Grün', 'Blau', 'Gelb'], language: 'de' });
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
    const ids = Array.from({ length: 16 }, (_, i) => `phone-${i}-abcdef`);
    for (const id of ids) join(cafe, id);
    const seats = Object.fromEntries(ids.map((id, i) => [id, [String((i % 4) + 1), String(((i + 1) % 4) + 1), String(((i + 2) % 4) + 1)]]));
    accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    await chooseLocale('de');
    const el = await renderWall(wallView(cafe));
    const names = find(el, 'tc-wall-board', '.name');
    expect(names.map(text)).to.include('Grün');
    expect(names.filter(isCut).map(text)).to.deep.equal([]);
  });

  it('speaks German: the heading, the hint, each number with its table, the room\u2019s mix; and passes axe', async () => {
    await chooseLocale('de');
    const el = await renderWall(wallView(travelling()));
    expect(text(one(el, 'h1'))).to.equal('Runde 2 — finde deinen Tisch');
    expect(text(one(el, 'tc-wall-board', '.hint'))).to.equal('Deine Nummer steht auf deinem Handy');
    const cells = find(el, 'tc-wall-board', 'li').map(text);
    // Phone i goes to table ((i + 1) % 3) + 1 in round 2; numbers 1–6.
    expect(cells).to.deep.equal(['1 → Tisch 2 Grün', '2 → Tisch 3 Blau', '3 → Tisch 1 Rot', '4 → Tisch 2 Grün', '5 → Tisch 3 Blau', '6 → Tisch 1 Rot']);
    expect(text(one(el, 'tc-wall-mix', 'h2'))).to.equal('Im Raum');
    expect(find(el, 'tc-wall-mix', 'li').map(text)).to.deep.equal(['teachers 2', 'students 2', 'parents 1', 'Ohne Gruppe 1']);
    // Round 2 sends phones 0 and 3 (teachers) to Grün, 1 and 4 (students, none) to Blau, 2 and 5 (parents, students) to Rot.
    expect(find(el, 'tc-wall-tables', '.groups').map(text)).to.deep.equal(['2 Gruppen', '1 Gruppe', '1 Gruppe']);
    expect(parseFloat(getComputedStyle(one(el, 'tc-wall-board', '.number')).fontSize)).to.be.at.least(32);
    await expect(el).to.be.accessible();
  });

  it('is not shown while a round runs, nor under free movement; the mix is, counting where people sit', async () => {
    const cafe = createCafe({ tables: 2 });
    join(cafe, 'phone-ana-abcdef', { group: 'teachers', tableId: '1' });
    join(cafe, 'phone-ben-abcdef', { group: 'students', tableId: '1' });
    join(cafe, 'phone-cem-abcdef', { group: 'students', tableId: '2' });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    const el = await renderWall(wallView(cafe));
    expect(find(el, 'tc-wall-board')).to.have.length(0);
    expect(find(el, 'tc-wall-mix', 'li').map(text)).to.deep.equal(['teachers 1', 'students 2', 'parents 0']);
    expect(find(el, 'tc-wall-tables', '.groups').map(text)).to.deep.equal(['2 groups', '1 group']);
    expect(text(one(el, 'tc-wall-tables', 'h2'))).to.contain('Ideas and stakeholder groups per table this round');
    await expect(el).to.be.accessible();
  });

  it('leaves the mix out during a round of a café with more tables than fit on a line (the ideas need the room), not before it', async () => {
    const cafe = createCafe({ tables: 13 });
    join(cafe, 'phone-ana-abcdef', { group: 'teachers', tableId: '1' });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    expect(find(await renderWall(wallView(cafe)), 'tc-wall-mix')).to.have.length(1);
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    const el = await renderWall(wallView(cafe));
    expect(find(el, 'tc-wall-mix')).to.have.length(0);
    expect(find(el, 'tc-wall-tables', '.groups')).to.have.length(0);
  });

  it('shows no mix before anyone has joined', async () => {
    const cafe = createCafe({ tables: 2 });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    const el = await renderWall(wallView(cafe));
    expect(find(el, 'tc-wall-mix')).to.have.length(0);
    expect(find(el, 'tc-wall-tables', '.groups')).to.have.length(0);
  });
});

describe('the board’s pages', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turn every 9 seconds, and go on turning after the board was moved in the page', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await page.viewport(1280, 720);
    const seats = Array.from({ length: 300 }, (_, i) => ({ number: i + 1, tableId: String((i % 60) + 1), name: null }));
    const el = await fixture<TcWallBoard>(html`<tc-wall-board style="display: grid; height: 260px; --u: 21px" .seats=${seats}></tc-wall-board>`);
    await settled(el);
    await new Promise((r) => setTimeout(r, 100));
    await settled(el);
    const caption = () => text(one(el, '.page'));
    expect(caption()).to.match(/^Numbers 1–\d+ · page 1 of \d+$/);
    vi.advanceTimersByTime(PAGE_MS);
    await settled(el);
    expect(caption()).to.match(/page 2 of/);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await settled(el);
    vi.advanceTimersByTime(PAGE_MS);
    await settled(el);
    expect(caption()).to.match(/page 3 of/);
  });
});

/** Six groups with names of some length, as a network meeting would call them. */
const LONG_GROUPS = ['Teachers and school leaders', 'Students and pupils', 'Parents and guardians', 'School administration', 'Universities and colleges', 'Trade unions'];

/** A planned café of `tables` tables and `people` people (every seventh without a group), its plan made, in the lobby. */
function bigCafe(tables: number, people: number): TestCafe {
  const cafe = createCafe({ tables, stakeholderGroups: LONG_GROUPS });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  const seats: Record<string, string[]> = {};
  for (let i = 0; i < people; i++) {
    const id = `phone-${String(i).padStart(4, '0')}-abcdef`;
    join(cafe, id, { group: i % 7 === 6 ? null : LONG_GROUPS[Math.floor(i / 40) % 6]! });
    seats[id] = [0, 1, 2].map((r) => String(((i + r * 7) % tables) + 1));
  }
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
  return cafe;
}

/** What lies outside `box` (an element's rect, or the viewport) among `els`, by their rects. */
function outside(els: HTMLElement[], box: DOMRect): string[] {
  return els
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    })
    .map((el) => el.dataset['table'] ?? text(el));
}
const viewport = () => new DOMRect(0, 0, innerWidth, innerHeight);

describe('a big café beside the find-your-table board', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    it(`shows all 60 tables with the groups the plan sends to each, none cut off, at ${w}×${h} (lobby and travel time)`, async () => {
      const cafe = bigCafe(60, 240);
      for (const phase of ['lobby', 'travel'] as const) {
        if (phase === 'travel') {
          fixtureCleanup();
          accepted(cafe, FACILITATOR, { type: 'startRound' });
          accepted(cafe, FACILITATOR, { type: 'nextRound' });
        }
        const el = await renderWall(wallView(cafe), [w, h]);
        expect(find(el, 'tc-wall-board', 'li').length, phase).to.be.greaterThan(0);
        const strip = one(el, 'tc-wall-tables', 'ul');
        const tiles = find(el, 'tc-wall-tables', 'li');
        expect(tiles.map((t) => t.dataset['table'])).to.deep.equal(Array.from({ length: 60 }, (_, i) => String(i + 1)));
        expect(outside(tiles, strip.getBoundingClientRect()), `${phase}: tiles outside the strip`).to.deep.equal([]);
        expect(outside(tiles, viewport()), `${phase}: tiles outside the wall`).to.deep.equal([]);
        expect(strip.scrollHeight).to.be.at.most(strip.clientHeight + 1);
        // The board keeps a share of the wall: at least a third of its height.
        expect(one(el, 'tc-wall-board').getBoundingClientRect().height).to.be.at.least(h / 3);
        // Too many for a line of groups under each: the groups alone, as the plan's arrivals count them.
        const round = phase === 'lobby' ? 0 : 1;
        const arrivals = cafe.state.plan!.arrivals;
        const want = tiles.map((t) => Object.entries(arrivals[t.dataset['table']!]![round]!.groups).filter(([g, n]) => g !== '' && n > 0).length);
        expect(tiles.map((t) => Number(t.querySelector('[data-groups]')!.getAttribute('data-groups')))).to.deep.equal(want);
        expect(tiles.map((t) => text(t.querySelector('.count')!))).to.deep.equal(want.map((n) => (n === 0 ? '' : String(n))));
        expect(Math.max(...want)).to.be.greaterThan(1);
        expect(text(one(el, 'tc-wall-tables', 'h2'))).to.contain('Stakeholder groups per table');
        // Nothing under the wall's unit.
        expect(parseFloat(getComputedStyle(tiles[0]!).fontSize)).to.be.closeTo(Math.min(w / 60, h / 33.75), 0.5);
        expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
        expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
        if (phase === 'travel') await expect(el).to.be.accessible();
      }
    });
  }

  it('keeps a line of groups under each tile while few tables fit, and says the compact heading in German', async () => {
    const few = await renderWall(wallView(bigCafe(8, 40)));
    expect(find(few, 'tc-wall-tables', '.groups')).to.have.length(8);
    expect(text(one(few, 'tc-wall-tables', 'h2'))).to.contain('Ideas and stakeholder groups per table this round');
    fixtureCleanup();
    await chooseLocale('de');
    const many = await renderWall(wallView(bigCafe(60, 240)));
    expect(find(many, 'tc-wall-tables', '.groups')).to.have.length(0);
    expect(text(one(many, 'tc-wall-tables', 'h2'))).to.contain('Gruppen je Tisch');
  });
});

describe('the room\u2019s mix with many groups', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    it(`shows six long-ish groups, "No group" last and how many left, nothing cut, at ${w}×${h} (a round, and beside the board)`, async () => {
      const cafe = bigCafe(8, 40);
      accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'phone-0000-abcdef', left: true });
      accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'phone-0001-abcdef', left: true });
      for (const phase of ['round', 'board'] as const) {
        if (phase === 'board') {
          fixtureCleanup();
          accepted(cafe, FACILITATOR, { type: 'nextRound' });
        } else accepted(cafe, FACILITATOR, { type: 'startRound' });
        const el = await renderWall(wallView(cafe), [w, h]);
        expect(find(el, 'tc-wall-board'), phase).to.have.length(phase === 'board' ? 1 : 0);
        const section = one(el, 'tc-wall-mix', 'section');
        const items = find(el, 'tc-wall-mix', 'li[data-group]');
        expect(items.map((li) => li.dataset['group'])).to.deep.equal([...LONG_GROUPS, '']);
        expect(text(items.at(-1)!)).to.match(/^No group \d+$/);
        const left = one(el, 'tc-wall-mix', '.left');
        expect(text(left)).to.equal('2 left');
        expect(outside([...items, left], section.getBoundingClientRect()), `${phase}: cut by the strip`).to.deep.equal([]);
        expect(outside([section, left], viewport()), `${phase}: off the wall`).to.deep.equal([]);
        expect(find(el, 'tc-wall-mix', '.group').filter((g) => g.scrollWidth > g.clientWidth + 1).map(text), `${phase}: names cut`).to.deep.equal([]);
        expect(section.scrollHeight).to.be.at.most(section.clientHeight + 1);
        expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
        expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
      }
    });
  }
});
