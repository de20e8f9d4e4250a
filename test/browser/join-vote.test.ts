/**
 * Dot voting on the participant phone in real Chromium: the themes, a dot button each way per
 * theme with names that say which theme, the phone's own dots (its ballot, and the dots still on
 * their way in the outbox) and how many are left, refusals in words, the vote closed, axe in
 * English and German, and a 320 px phone. States are built through the real reducer and cut to
 * what the phone receives.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import type { ErrorCode } from '../../shared/errors.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import { dotsOnTheWay } from '../../client/src/join/pending-ideas.js';
import type { OutgoingOp } from '../../client/src/outbox/outbox.js';
import '../../client/src/join/tc-join-view.js';
import type { CastDotEvent, TcJoinView } from '../../client/src/join/tc-join-view.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, startCafe, type TestCafe } from '../helpers/cafe-factory.js';
import { q, text } from './join-dom.js';

const MIA = 'participant-mia';

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
  await page.viewport(414, 896);
});

/** The harvest with two themes; Mia and Ben sit at table 1; `dots` opens the vote with that many each. */
function harvest(dots: number | null): TestCafe {
  const cafe = createCafe({ tables: 2 });
  join(cafe, MIA, { tableId: '1', group: 'students' });
  join(cafe, 'participant-ben', { tableId: '1' });
  startCafe(cafe);
  accepted(cafe, hostOf('1'), { type: 'addIdea', ideaId: 'blocks', tableId: '1', round: 0, text: 'Longer blocks, fewer bells' });
  accepted(cafe, hostOf('2'), { type: 'addIdea', ideaId: 'evenings', tableId: '2', round: 0, text: 'Parents’ evenings online' });
  while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'time', name: 'Time to learn', ideaIds: ['blocks'] });
  accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: 'families', name: 'Families as partners', ideaIds: ['evenings'] });
  if (dots !== null) accepted(cafe, FACILITATOR, { type: 'openVote', dots });
  return cafe;
}

/** What Mia's phone holds: her own ballot only (H8). */
const miasView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'participant', participantId: MIA, tableId: '1' }, cafe.state);

async function view(state: CafeState, props: { onTheWay?: Map<string, number>; error?: ErrorCode } = {}): Promise<TcJoinView> {
  return fixture<TcJoinView>(html`<tc-join-view
    .state=${state}
    participantId=${MIA}
    status="connected"
    .dotsOnTheWay=${props.onTheWay ?? new Map()}
    .error=${props.error ?? null}
  ></tc-join-view>`);
}

const vote = (el: TcJoinView) => q(el, 'section.vote');
const button = (el: TcJoinView, name: string) => {
  const found = [...vote(el).querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
/** Each theme's line as the phone shows it: name, then the phone's dots on it. */
const lines = (el: TcJoinView) => [...vote(el).querySelectorAll('li')].map((li) => text(li).trim());

describe('dot voting on the phone', () => {
  it('lists the themes before a vote, without dot buttons', async () => {
    const el = await view(miasView(harvest(null)));
    expect(lines(el)).to.deep.equal(['Time to learn', 'Families as partners']);
    expect(vote(el).querySelectorAll('button')).to.have.length(0);
  });

  it('H7: while the vote is open, puts a dot on a theme through a button named after it, and shows the dots left', async () => {
    const cafe = harvest(3);
    accepted(cafe, MIA, { type: 'castDot', themeId: 'families', add: true });
    const el = await view(miasView(cafe));
    expect(text(vote(el))).to.contain('Your dots: 2 of 3 left');
    expect(lines(el)).to.deep.equal(['Time to learn − 0 +', 'Families as partners − 1 +']);
    expect(button(el, 'Take a dot back from Time to learn').disabled).to.equal(true);
    const put = oneEvent(el, 'cast-dot');
    button(el, 'Put a dot on Time to learn').click();
    expect(((await put) as CastDotEvent).detail).to.deep.equal({ themeId: 'time', add: true });
    const back = oneEvent(el, 'cast-dot');
    button(el, 'Take a dot back from Families as partners').click();
    expect(((await back) as CastDotEvent).detail).to.deep.equal({ themeId: 'families', add: false });
  });

  it('H8: counts only the phone’s own dots, and those still on their way as if they had arrived', async () => {
    const cafe = harvest(3);
    accepted(cafe, 'participant-ben', { type: 'castDot', themeId: 'time', add: true });
    accepted(cafe, MIA, { type: 'castDot', themeId: 'time', add: true });
    const waiting = (themeId: string, add: boolean, status: OutgoingOp['status']): OutgoingOp => ({
      opId: `op-${themeId}-${add}-${status}`,
      op: { type: 'castDot', themeId, add },
      status,
      error: status === 'refused' ? 'NO_DOTS_LEFT' : null,
      seq: null,
      notBefore: 0,
      attempts: 0,
    });
    const onTheWay = dotsOnTheWay([waiting('families', true, 'waiting'), waiting('families', true, 'sending'), waiting('time', true, 'refused')]);
    expect([...onTheWay]).to.deep.equal([['families', 2]]);
    const el = await view(miasView(cafe), { onTheWay });
    expect(lines(el)).to.deep.equal(['Time to learn − 1 +', 'Families as partners − 2 +']);
    expect(text(vote(el))).to.contain('Your dots: 0 of 3 left');
    expect(button(el, 'Put a dot on Families as partners').disabled).to.equal(true);
    expect(button(el, 'Take a dot back from Families as partners').disabled).to.equal(false);
  });

  it('says in words why a dot was refused', async () => {
    const el = await view(miasView(harvest(3)), { error: 'NO_DOTS_LEFT' });
    expect(q(el, '[role=alert]').textContent).to.equal('You have used all your dots.');
  });

  it('H8: after the vote shows the whole room’s votes per theme (phone and paper dots), labelled, without buttons', async () => {
    const cafe = harvest(3);
    accepted(cafe, MIA, { type: 'castDot', themeId: 'time', add: true });
    accepted(cafe, 'participant-ben', { type: 'castDot', themeId: 'families', add: true });
    accepted(cafe, FACILITATOR, { type: 'setPaperDots', themeId: 'families', count: 4 });
    accepted(cafe, FACILITATOR, { type: 'closeVote' });
    const el = await view(miasView(cafe));
    expect(text(vote(el))).to.contain('The vote is not open. Votes of the whole room:');
    expect(lines(el)).to.deep.equal(['Time to learn 1', 'Families as partners 5']);
    expect(vote(el).querySelectorAll('button')).to.have.length(0);
  });

  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale} with the vote open and a refusal, and closed`, async () => {
      await chooseLocale(locale);
      const cafe = harvest(3);
      const open = await view(miasView(cafe), { error: 'VOTE_CLOSED' });
      if (locale === 'de') expect(button(open, 'Einen Punkt auf Time to learn setzen')).to.be.ok;
      await expect(open).to.be.accessible();
      fixtureCleanup();
      accepted(cafe, FACILITATOR, { type: 'closeVote' });
      await expect(await view(miasView(cafe))).to.be.accessible();
    });
  }

  it('fits a 320 px phone with buttons big enough for a thumb', async () => {
    await page.viewport(320, 700);
    const cafe = harvest(3);
    accepted(cafe, FACILITATOR, { type: 'renameTheme', themeId: 'time', name: 'Zeit zum Lernen: Doppelstunden, Projektwochen und weniger Klingeln' });
    const el = await view(miasView(cafe));
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    const plus = button(el, 'Put a dot on Zeit zum Lernen: Doppelstunden, Projektwochen und weniger Klingeln').getBoundingClientRect();
    expect(plus.width).to.be.at.least(44);
    expect(plus.height).to.be.at.least(44);
    expect(plus.right).to.be.at.most(320);
  });
});
