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
import { PAGE_MS, type TcWallBoard } from '../../client/src/wall/tc-wall-board.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { find, one, settled, text } from './wall-dom.js';

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  await page.viewport(414, 896);
});

const wallView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'wall' }, cafe.state);

async function renderWall(state: CafeState): Promise<TcWallView> {
  await page.viewport(1920, 1080);
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
