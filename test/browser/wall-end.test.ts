/**
 * The wall at the end (H15), at projector size: once the vote closed and after the café closed it
 * shows the public harvest page's link and a QR code large enough to scan across the room, beside
 * the themes; not while the vote is open (phones vote then), not before, and not when the
 * facilitator switched the page off. Built through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/wall/tc-wall-view.js';
import type { TcWallView } from '../../client/src/wall/tc-wall-view.js';
import { accepted, createCafe, FACILITATOR, hostOf, startCafe, type TestCafe } from '../helpers/cafe-factory.js';
import { find, one, settled, text } from './wall-dom.js';

const HARVEST_URL = 'http://192.168.178.20:3000/h/ABC234';

function harvestCafe(): TestCafe {
  const cafe = createCafe({ tables: 3, travelMs: 0 });
  startCafe(cafe);
  accepted(cafe, hostOf('1'), { type: 'addIdea', ideaId: 'blocks', tableId: '1', round: 0, text: 'Longer blocks of 90 minutes' });
  accepted(cafe, hostOf('2'), { type: 'addIdea', ideaId: 'evenings', tableId: '2', round: 0, text: 'Parents’ evenings online' });
  while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'time', name: 'Time to learn', ideaIds: ['blocks'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'families', name: 'Families as partners', ideaIds: ['evenings'] });
  return cafe;
}

async function renderWall(state: CafeState): Promise<TcWallView> {
  const wall = snapshotFor({ role: 'wall' }, state);
  const el = await fixture<TcWallView>(
    html`<tc-wall-view .state=${wall} .now=${Date.now()} .msLeft=${null} .joinUrl=${'http://192.168.178.20:3000/j/ABC234'} .harvestUrl=${HARVEST_URL}></tc-wall-view>`,
  );
  await settled(el);
  return el;
}

/** The harvest page's panel, if the wall shows it. */
const takeHome = (wall: TcWallView) => find(wall, 'tc-wall-join.take-home');

describe('the wall at the end', () => {
  let cafe: TestCafe;
  beforeEach(async () => {
    await page.viewport(1920, 1080);
    cafe = harvestCafe();
  });
  afterEach(async () => {
    fixtureCleanup();
    await chooseLocale('en');
  });

  it('H15 shows the harvest page’s QR code and link once the vote closed, beside the themes, and not while it is open', async () => {
    expect(takeHome(await renderWall(cafe.state))).to.have.length(0);
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 3 });
    let wall = await renderWall(cafe.state);
    expect(takeHome(wall)).to.have.length(0);
    expect(find(wall, 'tc-wall-join')).to.have.length(1);
    accepted(cafe, FACILITATOR, { type: 'closeVote' });
    wall = await renderWall(cafe.state);
    expect(takeHome(wall)).to.have.length(1);
    expect(text(one(wall, 'tc-wall-join.take-home', 'h2'))).to.equal('The harvest on your phone');
    expect(text(one(wall, 'tc-wall-join.take-home', '.url'))).to.equal(HARVEST_URL);
    expect(find(wall, 'tc-wall-join.take-home', '.code')).to.have.length(0);
    const qr = one(wall, 'tc-wall-join.take-home', 'tc-qr', 'svg');
    expect(qr.getAttribute('aria-label')).to.equal('QR code of the harvest page');
    expect(qr.getBoundingClientRect().width).to.be.greaterThan(300);
    expect(find(wall, 'tc-wall-themes')).to.have.length(1);
  });

  it('H15 shows it after the café closed, with or without themes, and never when the facilitator switched the page off', async () => {
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    let wall = await renderWall(cafe.state);
    expect(takeHome(wall)).to.have.length(1);
    expect(find(wall, 'tc-wall-themes')).to.have.length(1);
    wall = await renderWall({ ...cafe.state, themes: {} });
    expect(takeHome(wall)).to.have.length(1);
    accepted(cafe, FACILITATOR, { type: 'editCafe', harvestPage: false });
    wall = await renderWall(cafe.state);
    expect(takeHome(wall)).to.have.length(0);
    expect(document.documentElement.scrollHeight).to.be.at.most(1080);
  });

  it('passes axe in German at the end', async () => {
    await chooseLocale('de');
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    const wall = await renderWall(cafe.state);
    expect(text(one(wall, 'tc-wall-join.take-home', 'h2'))).to.equal('Die Ernte aufs Handy');
    await expect(wall).to.be.accessible();
  });
});
