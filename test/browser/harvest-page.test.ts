/**
 * The public harvest page in real Chromium (H11, H14, H15): themes by votes with only publishable
 * ideas and names only by consent, the stakeholder mix, photos with captions and alt texts, a link
 * to each exported thread (never a script address), no sideways scrolling on a 360 px phone, a
 * print button, and axe in English and German. The content is built through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { page } from 'vitest/browser';
import { publicHarvest, type PublicHarvest } from '../../shared/harvest/public-harvest.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/facilitator/tc-cafe-settings.js';
import type { TcCafeSettings } from '../../client/src/facilitator/tc-cafe-settings.js';
import '../../client/src/harvest/tc-harvest-view.js';
import type { TcHarvestView } from '../../client/src/harvest/tc-harvest-view.js';
import { accepted, addIdea, createCafe, EVERYTHING, FACILITATOR, hostOf, join, NOTHING } from '../helpers/cafe-factory.js';
import { find, one, settled, text } from './wall-dom.js';

/** Ana (named), Ben (no publishing), a host's note and a hidden one; two themes, a vote, two photos (one hidden). */
function harvest(): PublicHarvest {
  const cafe = createCafe({ travelMs: 0, stakeholderGroups: ['teachers', 'students', 'parents'] });
  join(cafe, 'participant-ana', { tableId: '1', displayName: 'Ana', group: 'teachers', consent: EVERYTHING });
  join(cafe, 'participant-ben', { tableId: '2', displayName: 'Ben', group: 'students', consent: NOTHING });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, FACILITATOR, { type: 'startRound' });
  accepted(cafe, 'participant-ana', addIdea('idea-ana-1', '1', 0, 'Open classrooms once a week'));
  accepted(cafe, 'participant-ben', addIdea('idea-ben-1', '2', 0, 'Ben’s private thought'));
  accepted(cafe, hostOf('2'), { ...addIdea('idea-host-2', '2', 0, 'Parents’ evenings online, after work'), group: 'parents' } as never);
  accepted(cafe, hostOf('3'), addIdea('idea-host-3', '3', 0, 'A remark the facilitator hid'));
  accepted(cafe, hostOf('3'), addIdea('idea-host-4', '3', 0, 'One form, filled in once'));
  accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-host-3', hidden: true });
  accepted(cafe, hostOf('1'), { type: 'addPhoto', photoId: 'photo-shown', tableId: '1', round: 0, bytes: 1000, width: 1200, height: 900 });
  accepted(cafe, hostOf('3'), { type: 'addPhoto', photoId: 'photo-hidden', tableId: '3', round: 0, bytes: 1000, width: 1200, height: 900 });
  accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-hidden', hidden: true });
  accepted(cafe, hostOf('3'), { type: 'setHarvestCard', tableId: '3', round: 0, insights: [{ text: '<img src=x onerror="window.pwned=1"> Paperwork once' }, { ideaId: 'idea-host-4' }] });
  accepted(cafe, hostOf('1'), { type: 'setHarvestCard', tableId: '1', round: 0, insights: [{ text: 'Doors open, minds open' }] });
  for (let i = 0; i < 3; i++) accepted(cafe, FACILITATOR, { type: 'nextRound' });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'learning', name: 'Learning from each other', ideaIds: ['idea-ana-1', 'idea-ben-1'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'families', name: 'Families as partners', ideaIds: ['idea-host-2', 'idea-host-3'] });
  accepted(cafe, FACILITATOR, { type: 'openVote', dots: 3 });
  accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: 'families', count: 5 });
  accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: 'learning', count: 1 });
  const h = publicHarvest(cafe.state);
  h.themes.find((t) => t.name === 'Families as partners')!.threadUrl = 'https://community.example/t/families/7';
  h.themes.find((t) => t.name === 'Learning from each other')!.threadUrl = 'javascript:alert(1)';
  return h;
}

async function render(h: PublicHarvest): Promise<TcHarvestView> {
  const el = await fixture<TcHarvestView>(html`<tc-harvest-view .harvest=${h}></tc-harvest-view>`);
  await settled(el);
  return el;
}

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  await page.viewport(414, 896);
});

describe('the public harvest page', () => {
  it('H11 H14 H15 shows themes by votes with publishable ideas, names only by consent, the mix, photos not hidden and the exported thread', async () => {
    const el = await render(harvest());
    const themes = find(el, 'tc-harvest-theme');
    expect(themes.map((t) => text(one(t, 'h3')))).to.deep.equal(['Families as partners', 'Learning from each other']);
    expect(text(one(themes[0]!, '.votes'))).to.equal('5 dots');
    expect(text(one(themes[1]!, '.votes'))).to.equal('1 dot');
    const all = text(el) + themes.map(text).join(' ');
    expect(all).to.contain('Open classrooms once a week');
    expect(all).not.to.contain('Ben');
    expect(all).not.to.contain('facilitator hid');
    expect(text(one(themes[1]!, '.ideas li'))).to.contain('Ana · Table 1, round 1');
    expect(text(one(themes[0]!, '.ideas li'))).not.to.contain('·');
    expect(find(themes[0]!, '.mix').map(text)).to.deep.equal(['Voices: parents (1)', 'No ideas from: teachers, students']);
    expect(one(themes[0]!, 'a.continue').getAttribute('href')).to.equal('https://community.example/t/families/7');
    // An address that is not a web address never becomes a link.
    expect(find(themes[1]!, 'a.continue')).to.have.length(0);
    const images = find(el, 'img') as HTMLImageElement[];
    expect(images.map((i) => i.getAttribute('src'))).to.deep.equal([`/api/harvest/${el.harvest!.joinCode}/photos/photo-shown`]);
    expect(images[0]!.alt).to.equal('Photo of the tablecloth: Table 1, round 1');
    expect(text(el)).to.contain('One form, filled in once');
    expect(find(el, 'button').map(text)).to.deep.equal(['Print or save as PDF']);
  });

  it('H18 shows the key insights hosts wrote, by table, their text as text', async () => {
    const el = await render(harvest());
    const section = one(el, 'section[aria-labelledby="insights"]');
    expect(text(one(section, 'h2'))).to.equal('Key insights by table');
    expect(find(section, 'h3').map(text)).to.deep.equal(['Table 1', 'Table 3']);
    expect(find(section, 'li').map(text)).to.deep.equal(['Doors open, minds openRound 1', '<img src=x onerror="window.pwned=1"> Paperwork onceRound 1']);
    expect(find(section, 'img')).to.have.length(0);
    await chooseLocale('de');
    await settled(el);
    expect(text(one(section, 'h2'))).to.equal('Kernerkenntnisse nach Tisch');
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    await page.viewport(360, 740);
    const el = await render(harvest());
    expect(el.scrollWidth).to.be.at.most(360);
    for (const card of find(el, 'tc-harvest-theme')) expect(card.getBoundingClientRect().right).to.be.at.most(360);
  });

  it('loads its photos lazily on screen and all of them for paper', async () => {
    const el = await render(harvest());
    const img = () => one(el, 'img') as HTMLImageElement;
    expect(img().loading).to.equal('lazy');
    window.dispatchEvent(new Event('beforeprint'));
    await settled(el);
    expect(img().loading).to.equal('eager');
  });

  it('says so when nothing has been shared', async () => {
    const h = harvest();
    const el = await render({ ...h, themes: [], otherIdeas: [], insights: [], photos: [] });
    expect(text(one(el, '.empty'))).to.equal('Nothing of this café has been shared yet.');
  });

  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale}`, async () => {
      if (locale !== 'en') await chooseLocale(locale);
      const el = await render(harvest());
      if (locale === 'de') expect(text(one(el, '#themes'))).to.equal('Themen');
      await expect(el).to.be.accessible();
    });
  }
});

describe('the console’s switch for the harvest page', () => {
  it('H15 switches the page off and on, also after the café closed, and shows its link while it is on', async () => {
    const cafe = createCafe({ travelMs: 0 });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    const el = await fixture<TcCafeSettings>(html`<tc-cafe-settings .state=${cafe.state} .presence=${null}></tc-cafe-settings>`);
    await settled(el);
    const ops: unknown[] = [];
    el.addEventListener('facilitator-op', (e) => ops.push((e as CustomEvent).detail));
    const link = one(el, '.harvest-link a');
    expect(link.getAttribute('href')).to.equal(`${location.origin}/h/${cafe.state.joinCode}`);
    const box = one(el, 'input.harvest-page') as HTMLInputElement;
    expect(box.checked).to.equal(true);
    expect(box.disabled).to.equal(false);
    box.click();
    expect(ops).to.deep.equal([{ type: 'editCafe', harvestPage: false }]);
    accepted(cafe, FACILITATOR, { type: 'editCafe', harvestPage: false });
    el.state = cafe.state;
    await settled(el);
    expect(find(el, '.harvest-link')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
