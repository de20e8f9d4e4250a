/**
 * The console's verdict on a plan's quality (issue 6 review), in real Chromium: a plan whose
 * groups per table are at the mean and worst bounds is not called short (a table below its own
 * bound no plan could fill with the others is not a shortfall); returns to a table already
 * visited are shown against their bound, marked when above it, and not at all for a report made
 * before they were counted; German; axe.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/facilitator/tc-rotation-settings.js';
import type { TcRotationSettings } from '../../client/src/facilitator/tc-rotation-settings.js';
import type { RotationQuality } from '../../shared/rotation/types.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';
import { q, text } from './join-dom.js';

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
});

/** Console settings for a café of 40 at 8 tables in 3 rounds, planned, whose plan reports `quality`. */
async function settingsWith(quality: RotationQuality): Promise<TcRotationSettings> {
  const cafe = createCafe({ tables: 8, stakeholderGroups: ['teachers', 'parents'] });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  const seats: Record<string, string[]> = {};
  for (let i = 0; i < 40; i++) {
    const id = `person-${i}`;
    join(cafe, id, { displayName: `Person ${i}`, group: i < 36 ? 'teachers' : 'parents' });
    seats[id] = [0, 1, 2].map((r) => String(((i + r * (i % 5)) % 8) + 1));
  }
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality });
  return fixture<TcRotationSettings>(html`<tc-rotation-settings .state=${cafe.state}></tc-rotation-settings>`);
}

// 36 of one group and 4 of another at 8 tables: some table of every round holds one group only.
const atBothBounds = qualityReport({ groupsPerTable: { mean: 1.5, worst: 1, boundMean: 1.5, boundWorst: 1, tablesBelowBound: 0 }, revisits: 0, revisitBound: 0 });

describe('the console\u2019s verdict on a plan', () => {
  it('P10 a plan with groups per table at the mean and worst bounds and no return is as good as it can be', async () => {
    const el = await settingsWith(atBothBounds);
    expect(text(q(el, '.verdict'))).to.contain('As good as it can be');
    expect(q(el, '.groups').classList.contains('warn')).to.equal(false);
    expect(text(q(el, '.groups'))).to.contain('Groups per table: 1.5 on average, at least 1 (best possible: 1.5, 1)');
    expect(text(q(el, '.revisits')).trim()).to.equal('Returns to a table already visited: 0');
    expect(q(el, '.revisits').classList.contains('warn')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('P2 P10 returns are said with the number that cannot be avoided, not marked (their bound is often out of reach, and they do not make the plan short); a worst table below its bound makes it short', async () => {
    const el = await settingsWith({ ...atBothBounds, revisits: 18, revisitBound: 12 });
    expect(text(q(el, '.verdict'))).to.contain('As good as it can be');
    expect(text(q(el, '.revisits')).trim()).to.equal('Returns to a table already visited: 18 (at least 12 cannot be avoided)');
    expect(q(el, '.revisits').classList.contains('warn')).to.equal(false);
    expect(q(el, '.groups').classList.contains('warn')).to.equal(false);
    fixtureCleanup();
    const worse = await settingsWith({ ...atBothBounds, groupsPerTable: { mean: 1.5, worst: 1, boundMean: 1.6, boundWorst: 1, tablesBelowBound: 0 } });
    expect(text(q(worse, '.verdict'))).to.contain('Short of the best possible');
    expect(q(worse, '.groups').classList.contains('warn')).to.equal(true);
  });

  it('P10 a report made before returns were counted shows no line for them, and its verdict stands on the rest', async () => {
    const { revisits: _r, revisitBound: _b, ...before } = atBothBounds;
    const el = await settingsWith(before);
    expect(el.shadowRoot!.querySelector('.revisits')).to.equal(null);
    expect(text(q(el, '.verdict'))).to.contain('As good as it can be');
  });

  it('says the returns in German, and its decimals with a comma', async () => {
    await chooseLocale('de');
    const el = await settingsWith({ ...atBothBounds, revisits: 2, revisitBound: 1 });
    expect(text(q(el, '.revisits')).trim()).to.equal('Rückkehr an einen schon besuchten Tisch: 2 (mindestens 1 unvermeidlich)');
    expect(text(q(el, '.groups'))).to.contain('1,5 im Schnitt');
    await expect(el).to.be.accessible();
  });
});
