/**
 * The live wall in the harvest, in real Chromium at projector size: the themes with their votes
 * (phone and paper dots) counted live as dots arrive, ranked without jumping on ties, their ideas
 * and stakeholder mix (hidden ideas left out), the vote's state with the way to vote, only whole
 * rows and how many more, the spotlight on one table's harvest card, text of at least 32 px with
 * no scrollbar, motion only when the room allows it, and axe in English and German. Every state
 * is built through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { cdp, page } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/wall/tc-wall-view.js';
import type { TcWallView } from '../../client/src/wall/tc-wall-view.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, startCafe, type TestCafe } from '../helpers/cafe-factory.js';
import { everything, find, one, rendered, settled, text, until } from './wall-dom.js';

const GROUPS = ['teachers', 'students', 'parents', 'administration'];

/** A host's idea of `round` at `table`, by `group`, starred or not. */
function say(cafe: TestCafe, id: string, table: string, round: number, words: string, group: string, starred = false): void {
  accepted(cafe, hostOf(table), { type: 'addIdea', ideaId: id, tableId: table, round, text: words, group });
  if (starred) accepted(cafe, hostOf(table), { type: 'starIdea', ideaId: id, starred: true });
}

/**
 * Three rounds at four tables, then the harvest: three themes (one holding an idea hidden from the
 * wall), phones joined; `vote` opens the vote with 3 dots and casts Families 3, Time 1 and 2
 * paper dots on Paperwork.
 */
function harvestCafe(options: { vote?: boolean } = {}): TestCafe {
  const cafe = createCafe({ tables: 4, stakeholderGroups: GROUPS });
  startCafe(cafe);
  say(cafe, 'blocks', '1', 0, 'Longer blocks: 90 minutes to really get into something', 'teachers', true);
  say(cafe, 'projects', '1', 0, 'Students choose one project a term', 'students');
  say(cafe, 'evenings', '2', 0, 'Parents’ evenings online, after work', 'parents');
  say(cafe, 'quiet', '2', 0, 'A quiet room for anyone who needs ten minutes out', 'students', true);
  say(cafe, 'form', '3', 0, 'One form, filled in once', 'administration');
  say(cafe, 'reports', '3', 0, 'Reports in words, not only grades', 'parents');
  say(cafe, 'rude', '4', 0, 'Mr Becker is a waste of time', 'teachers');
  accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'rude', hidden: true });
  while (cafe.state.phase.kind !== 'round' || cafe.state.phase.round < 2) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  say(cafe, 'coteach', '1', 2, 'Co-teaching: two adults in the room for the hardest lessons', 'teachers', true);
  say(cafe, 'lunch', '1', 2, 'Lunch together, teachers and students', 'students');
  say(cafe, 'council', '2', 2, 'Parents on the school council from year one', 'parents', true);
  accepted(cafe, FACILITATOR, { type: 'nextRound' });
  expect(cafe.state.phase.kind).to.equal('harvest');
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'time', name: 'Time to learn', ideaIds: ['blocks', 'projects', 'coteach'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'families', name: 'Families as partners', ideaIds: ['evenings', 'reports', 'rude'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'paperwork', name: 'Less paperwork', ideaIds: ['form'] });
  for (const phone of ['phone-1', 'phone-2', 'phone-3']) join(cafe, phone, { tableId: '1' });
  if (options.vote !== false) {
    accepted(cafe, FACILITATOR, { type: 'openVote', dots: 3 });
    dot(cafe, 'phone-1', 'families', 'families');
    dot(cafe, 'phone-2', 'families', 'time');
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: 'paperwork', count: 2 });
  }
  return cafe;
}

/** Dots from a phone, one per theme named. */
function dot(cafe: TestCafe, phone: string, ...themes: string[]): void {
  for (const themeId of themes) accepted(cafe, phone, { type: 'castDot', themeId, add: true });
}

/** What the wall holds of the café: its own view, as the server sends it. */
const wallView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'wall' }, cafe.state);

async function renderWall(state: CafeState): Promise<TcWallView> {
  const el = await fixture<TcWallView>(html`<tc-wall-view .state=${state} .now=${Date.now()} .msLeft=${null} .joinUrl=${'http://192.168.178.20:3000/j/ABC234'}></tc-wall-view>`);
  await settled(el);
  return el;
}

/** Shows the café's state now on the wall and waits for it. */
async function update(wall: TcWallView, cafe: TestCafe): Promise<void> {
  wall.state = wallView(cafe);
  await settled(wall);
}

const rows = (wall: Element) => find(wall, 'tc-wall-themes', 'li.theme');
const shownRows = (wall: Element) => rows(wall).filter((li) => !li.hasAttribute('data-clipped'));
const names = (wall: Element) => shownRows(wall).map((li) => text(one(li, 'h3')).replace(/ · .*$/, ''));
const row = (wall: Element, name: string) => rows(wall).find((li) => text(li).includes(name))!;
const count = (wall: Element, name: string) => Number(text(one(row(wall, name), '.count')));

beforeEach(async () => {
  await page.viewport(1920, 1080);
});
afterEach(() => fixtureCleanup());

describe('the themes and their votes', () => {
  it('H7: shows each theme’s votes (phone plus paper dots), its ideas and which groups were heard and which not, hidden ideas left out', async () => {
    const wall = await renderWall(wallView(harvestCafe()));
    expect(names(wall)).to.deep.equal(['Families as partners', 'Less paperwork', 'Time to learn']);
    expect(count(wall, 'Families as partners')).to.equal(3);
    expect(count(wall, 'Less paperwork')).to.equal(2);
    expect(text(row(wall, 'Time to learn'))).to.match(/^1 vote Time to learn · 3 ideas/);
    // The hidden idea (a teacher's) counts neither as an idea nor as a voice.
    expect(text(row(wall, 'Families as partners'))).to.contain('2 ideas');
    expect(text(one(row(wall, 'Families as partners'), '.mix'))).to.equal('parents 2 · no ideas from: teachers, students, administration');
    expect(text(one(row(wall, 'Time to learn'), '.mix'))).to.equal('teachers 2 · students 1 · no ideas from: parents, administration');
    expect(text(one(row(wall, 'Less paperwork'), '.mix'))).to.equal('administration 1 · no ideas from: teachers, students, parents');
    expect(text(wall)).not.to.contain('Mr Becker');
  });

  it('counts a dot as it arrives, and a dot taken back', async () => {
    const cafe = harvestCafe();
    const wall = await renderWall(wallView(cafe));
    dot(cafe, 'phone-3', 'paperwork');
    await update(wall, cafe);
    expect(count(wall, 'Less paperwork')).to.equal(3);
    accepted(cafe, 'phone-1', { type: 'castDot', themeId: 'families', add: false });
    await update(wall, cafe);
    expect(count(wall, 'Families as partners')).to.equal(2);
  });

  it('ranks by votes; a theme that draws level stays where it was and moves up only when it has more', async () => {
    const cafe = harvestCafe();
    const wall = await renderWall(wallView(cafe));
    dot(cafe, 'phone-3', 'time'); // Time 2 = Paperwork 2
    await update(wall, cafe);
    expect(names(wall)).to.deep.equal(['Families as partners', 'Less paperwork', 'Time to learn']);
    dot(cafe, 'phone-3', 'time'); // Time 3 = Families 3
    await update(wall, cafe);
    expect(names(wall)).to.deep.equal(['Families as partners', 'Time to learn', 'Less paperwork']);
    dot(cafe, 'phone-3', 'time'); // Time 4
    await update(wall, cafe);
    expect(names(wall)).to.deep.equal(['Time to learn', 'Families as partners', 'Less paperwork']);
  });

  it('before a vote shows the themes in the order they were made, without votes', async () => {
    const wall = await renderWall(wallView(harvestCafe({ vote: false })));
    expect(names(wall)).to.deep.equal(['Time to learn', 'Families as partners', 'Less paperwork']);
    expect(find(wall, 'tc-wall-themes', '.votes')).to.have.length(0);
    expect(text(one(wall, 'h1'))).to.equal('Themes of the harvest');
    expect(find(wall, 'tc-wall-join')).to.have.length(0);
  });

  it('shows only whole themes and says how many more there are', async () => {
    const cafe = harvestCafe();
    for (let i = 1; i <= 12; i++) accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: `more-${i}`, name: `A theme with a long name that needs room on the wall, number ${i}`, ideaIds: [] });
    const wall = await renderWall(wallView(cafe));
    await until(() => rows(wall).some((li) => li.hasAttribute('data-clipped')));
    const hidden = rows(wall).length - shownRows(wall).length;
    expect(shownRows(wall).length).to.be.at.least(4);
    expect(text(one(wall, 'tc-wall-themes', '.more'))).to.equal(`and ${hidden} more themes`);
    const list = one(wall, 'tc-wall-themes', 'ol').getBoundingClientRect();
    for (const li of shownRows(wall)) expect(li.getBoundingClientRect().bottom).to.be.at.most(list.bottom + 1);
    // The leaders are the ones in sight.
    expect(names(wall).slice(0, 3)).to.deep.equal(['Families as partners', 'Less paperwork', 'Time to learn']);
  });
});

describe('the vote', () => {
  it('says "Vote now" with the dots each and shows the join QR code while the vote is open, "Vote closed" without it after', async () => {
    const cafe = harvestCafe();
    const wall = await renderWall(wallView(cafe));
    expect(text(one(wall, 'h1'))).to.equal('Vote now: 3 dots each');
    const join = one(wall, 'tc-wall-join');
    expect(text(join)).to.contain('Vote on your phone');
    expect(text(join)).to.contain('ABC234');
    expect(one(join, 'tc-qr').getBoundingClientRect().width).to.be.at.least(200);
    accepted(cafe, FACILITATOR, { type: 'closeVote' });
    await update(wall, cafe);
    expect(text(one(wall, 'h1'))).to.equal('Vote closed');
    expect(find(wall, 'tc-wall-join')).to.have.length(0);
    expect(count(wall, 'Families as partners')).to.equal(3);
  });
});

describe('the spotlight', () => {
  it('H10: shows the table’s harvest card large: its name and insights, ideas the wall may not see left out', async () => {
    const cafe = harvestCafe();
    accepted(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 2, insights: [{ ideaId: 'coteach' }, { text: 'Time is the curriculum' }, { ideaId: 'lunch' }] });
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '1' });
    const wall = await renderWall(wallView(cafe));
    const card = one(wall, 'tc-wall-spotlight');
    expect(text(one(card, 'h2'))).to.equal('★ Key insights of round 3 Table 1');
    expect(find(card, 'li').map((li) => text(one(li, '.text')))).to.deep.equal([
      'Co-teaching: two adults in the room for the hardest lessons',
      'Time is the curriculum',
      'Lunch together, teachers and students',
    ]);
    expect(parseFloat(getComputedStyle(one(card, '.text')).fontSize)).to.be.at.least(1.5 * 32);
    // The themes give way to the card; the vote's state and the way to vote stay.
    expect(find(wall, 'tc-wall-themes')).to.have.length(0);
    expect(text(one(wall, 'h1'))).to.equal('Vote now: 3 dots each');
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'lunch', hidden: true });
    await update(wall, cafe);
    expect(find(wall, 'tc-wall-spotlight', 'li')).to.have.length(2);
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: null });
    await update(wall, cafe);
    expect(find(wall, 'tc-wall-spotlight')).to.have.length(0);
    expect(names(wall)).to.have.length(3);
  });

  it('H9: an empty card shows the table’s starred ideas of the latest round, or of the latest round that has any', async () => {
    const cafe = harvestCafe();
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '2' });
    const wall = await renderWall(wallView(cafe));
    // Table 2 starred "A quiet room" in round 1, "Parents on the school council" in round 3.
    expect(find(wall, 'tc-wall-spotlight', 'li').map((li) => text(li))).to.deep.equal(['Parents on the school council from year one parents']);
    // Table 3 made its card in round 1 and nothing since.
    accepted(cafe, hostOf('3'), { type: 'setHarvestCard', tableId: '3', round: 0, insights: [{ ideaId: 'form' }] });
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '3' });
    await update(wall, cafe);
    expect(text(one(wall, 'tc-wall-spotlight', 'h2'))).to.equal('★ Key insights of round 1 Table 3');
    expect(find(wall, 'tc-wall-spotlight', 'li').map((li) => text(li))).to.deep.equal(['One form, filled in once administration']);
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '4' });
    await update(wall, cafe);
    expect(text(one(wall, 'tc-wall-spotlight'))).to.contain('This table has not chosen its key insights yet.');
  });
});

describe('the spotlight fits the wall', () => {
  const INSIGHTS = [
    'Projektwochen mit dem Rathaus und den Vereinen im Stadtteil, damit Schülerinnen und Schüler echte Aufgaben lösen und ihre Ergebnisse öffentlich vorstellen',
    'Lernen braucht einen Grund: Unterrichtsvorhaben beginnen mit einer Frage aus dem Alltag der Jugendlichen, nicht mit dem Kapitel im Schulbuch',
    'Lernen mit echten Partnern aus der Stadt: Betriebe, Bibliotheken, Werkstätten und Pflegeeinrichtungen öffnen regelmäßig ihre Türen',
  ];
  const photo = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
    return new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8));
  };

  function spotlit(insights: string[]): CafeState {
    const cafe = createCafe({ tables: 2, language: 'de', stakeholderGroups: GROUPS });
    startCafe(cafe);
    accepted(cafe, hostOf('1'), { type: 'addPhoto', photoId: 'photo-cloth-0001', tableId: '1', round: 0, bytes: 1000, width: 1600, height: 1200 });
    while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 0, insights: insights.map((text) => ({ text })) });
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '1' });
    return wallView(cafe);
  }

  async function show(state: CafeState): Promise<TcWallView> {
    const el = await fixture<TcWallView>(html`<tc-wall-view .state=${state} .now=${Date.now()} .msLeft=${null} .photoSource=${photo}></tc-wall-view>`);
    await settled(el);
    await until(() => find(el, 'tc-wall-spotlight', 'img').length === 1);
    await settled(el);
    return el;
  }

  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    it(`H10: three long German insights and a photo are all fully visible at ${width}×${height}, hyphenated in German`, async () => {
      await page.viewport(width, height);
      const wall = await show(spotlit(INSIGHTS));
      const card = one(wall, 'tc-wall-spotlight');
      expect(one(card, '.card').getAttribute('lang')).to.equal('de');
      const list = one(card, 'ol').getBoundingClientRect();
      const items = find(card, 'li');
      expect(items).to.have.length(3);
      for (const li of items) {
        const box = li.getBoundingClientRect();
        expect(box.bottom, 'inside the list').to.be.at.most(list.bottom + 0.5);
        expect(box.bottom, 'inside the wall').to.be.at.most(height);
        expect(box.right).to.be.at.most(width);
      }
      expect(one(card, '.more').hidden).to.equal(true);
      expect(getComputedStyle(one(card, '.text')).hyphens).to.equal('auto');
      expect(getComputedStyle(one(card, '.text')).overflowWrap).to.equal('break-word');
    });
  }

  it('H10: says so when even the smallest text cannot hold the card, instead of cutting it off silently', async () => {
    await page.viewport(1280, 720);
    const wall = await show(spotlit(INSIGHTS.map((t) => `${t} `.repeat(6).trim().slice(0, 1000))));
    const card = one(wall, 'tc-wall-spotlight');
    expect(one(card, '.more').hidden).to.equal(false);
    expect(text(one(card, '.more'))).to.equal('Not all of this card fits on the wall.');
  });
});

describe('before the themes', () => {
  it('shows the harvest’s ideas as before while no theme exists', async () => {
    const cafe = createCafe({ tables: 2, stakeholderGroups: GROUPS });
    startCafe(cafe);
    say(cafe, 'first', '1', 0, 'Shorter lessons, more projects', 'teachers');
    while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const wall = await renderWall(wallView(cafe));
    expect(find(wall, 'tc-wall-themes')).to.have.length(0);
    expect(text(one(wall, 'tc-wall-ideas'))).to.contain('Shorter lessons, more projects');
    expect(find(wall, 'tc-wall-tables')).to.have.length(1);
  });
});

describe('read from 10 metres', () => {
  const small = (wall: Element) =>
    [...everything(wall.shadowRoot!)]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '') && el.closest('.visually-hidden') === null)
      .map((el) => ({ text: el.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize) }))
      .filter((s) => s.px < 32);

  it('has no text under 32 px and no scrollbar at 1920×1080, with the vote open and with a table in the spotlight', async () => {
    const cafe = harvestCafe();
    const themes = await renderWall(wallView(cafe));
    expect(small(themes)).to.deep.equal([]);
    expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
    expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '1' });
    const spotlight = await renderWall(wallView(cafe));
    expect(small(spotlight)).to.deep.equal([]);
    expect(document.documentElement.scrollHeight).to.be.at.most(innerHeight);
  });
});

describe('motion', () => {
  afterEach(async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  });

  async function dotArrives(): Promise<HTMLElement> {
    const cafe = harvestCafe();
    const wall = await renderWall(wallView(cafe));
    dot(cafe, 'phone-3', 'paperwork');
    wall.state = wallView(cafe);
    await rendered(wall);
    return one(row(wall, 'Less paperwork'), '.count');
  }

  it('pulses a count that changed, once', async () => {
    const changed = await dotArrives();
    expect(getComputedStyle(changed).animationName).to.equal('changed');
  });

  it('moves nothing when the room asked for reduced motion', async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
    const changed = await dotArrives();
    expect(getComputedStyle(changed).animationName).to.equal('none');
    expect(changed.getAnimations()).to.have.length(0);
  });
});

describe('accessibility', () => {
  afterEach(async () => {
    await chooseLocale('en');
    localStorage.clear();
  });
  for (const language of ['en', 'de']) {
    it(`passes axe in ${language}: the themes with the vote open, and the spotlight`, async () => {
      await chooseLocale(language);
      const cafe = harvestCafe();
      const themes = await renderWall(wallView(cafe));
      if (language === 'de') expect(text(one(themes, 'h1'))).to.equal('Jetzt abstimmen: je 3 Punkte');
      await expect(themes).to.be.accessible();
      fixtureCleanup();
      accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '1' });
      await expect(await renderWall(wallView(cafe))).to.be.accessible();
    });
  }
});
