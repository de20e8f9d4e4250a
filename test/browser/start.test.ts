/**
 * The start page in real Chromium: the defaults make the usual café (3 rounds × 20 minutes, 5
 * minutes to change tables, 10 tables) in one click, rounds and groups are edited by mouse and
 * keyboard, mistakes are named at their field, the code to join is normalised, the links after
 * creating say which one is the key; axe in English and German; nothing scrolls sideways on a phone.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { msg } from '@lit/localize';
import type { CafeSetup } from '../../shared/domain/commands.js';
import { chooseLocale } from '../../client/src/i18n.js';
import { rememberCafe } from '../../client/src/start/my-cafes.js';
import '../../client/src/start/tc-start-cafes.js';
import type { TcStartCafes } from '../../client/src/start/tc-start-cafes.js';
import '../../client/src/start/tc-start-face.js';
import '../../client/src/start/tc-start-form.js';
import type { TcStartForm } from '../../client/src/start/tc-start-form.js';
import '../../client/src/start/tc-start-join.js';
import type { TcStartJoin } from '../../client/src/start/tc-start-join.js';
import '../../client/src/start/tc-start-links.js';
import { exampleQuestion } from '../../client/src/start/tc-start-rounds.js';
import type { CreatedCafe, TcStartLinks } from '../../client/src/start/tc-start-links.js';

const MINUTE = 60_000;
const SECRET = 'WzPqs-mbD9CpWExVtJCK9Q';
const CREATED: CreatedCafe = {
  title: 'Schulen von morgen – Netzwerktreffen 2026 🏫',
  facilitator: `http://cafe.test:3000/facilitator#${SECRET}`,
  wall: 'http://cafe.test:3000/wall#Hk2vX9bq4mPq1aZx0yTt7w',
  joinCode: 'K7M2QX',
  join: 'http://cafe.test:3000/j/K7M2QX',
};

beforeEach(() => localStorage.removeItem('tablecloth.cafes'));
afterEach(async () => {
  fixtureCleanup();
  localStorage.removeItem('tablecloth.cafes');
  localStorage.removeItem('tablecloth.language');
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
  await page.viewport(414, 896);
});

const q = <T extends Element = HTMLElement>(root: Element, ...path: string[]): T => {
  let node: Element = root;
  for (const selector of path) {
    const next = (node.shadowRoot ?? node).querySelector(selector);
    if (!next) throw new Error(`nothing matches ${path.join(' › ')} at ${selector}`);
    node = next;
  }
  return node as T;
};
const all = (root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const settle = async (...els: Element[]) => {
  for (const el of els) await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
};

async function submitted(form: TcStartForm): Promise<CafeSetup> {
  const event = oneEvent(form, 'create-cafe');
  q(form, 'button[type=submit]').click();
  return (await event).detail as CafeSetup;
}

describe('creating a café', () => {
  it('with the defaults, one click sends 10 tables, 3 rounds of 20 minutes with questions and 5 minutes to change tables', async () => {
    const form = await fixture<TcStartForm>(html`<tc-start-form></tc-start-form>`);
    expect(await submitted(form)).to.deep.equal({
      title: 'World Café',
      language: 'en',
      tables: Array.from({ length: 10 }, (_, i) => `Table ${i + 1}`),
      travelMs: 5 * MINUTE,
      stakeholderGroups: [],
      rounds: [
        { question: 'What matters most to you about this topic?', durationMs: 20 * MINUTE, returnHome: false },
        { question: 'What have you heard that surprised you, and why?', durationMs: 20 * MINUTE, returnHome: false },
        { question: 'What could we do next, together?', durationMs: 20 * MINUTE, returnHome: false },
      ],
    });
  });

  it('adds and removes rounds, sends everyone home in the last one, and takes the facilitator’s own values', async () => {
    const form = await fixture<TcStartForm>(html`<tc-start-form></tc-start-form>`);
    const rounds = q(form, 'tc-start-rounds');
    q(rounds, 'button.add').click();
    await settle(form, rounds);
    expect(rounds.shadowRoot!.activeElement).to.equal(q(rounds, '#q3'));
    await userEvent.fill(q(rounds, '#q3'), 'Was machst du am Montag? 🚀');
    await userEvent.fill(q(rounds, '#m3'), '15');
    q<HTMLInputElement>(rounds, 'fieldset:nth-of-type(4) input[type=checkbox]').click();
    all(rounds, 'button.remove')[0]!.click(); // round 1 goes
    await settle(form, rounds);
    await userEvent.fill(q(form, '#title'), '  Schulen von morgen  ');
    await userEvent.fill(q(form, '#tables'), '45');
    await userEvent.fill(q(form, '#travel'), '0');
    const language = q<HTMLSelectElement>(form, '#language');
    language.value = 'de';
    language.dispatchEvent(new Event('change'));
    const body = await submitted(form);
    expect(body).to.deep.include({ title: 'Schulen von morgen', language: 'de', travelMs: 0 });
    expect(body.tables).to.have.length(45);
    expect((body.tables as string[])[44]).to.equal('Table 45');
    expect(body.rounds).to.deep.equal([
      { question: 'What have you heard that surprised you, and why?', durationMs: 20 * MINUTE, returnHome: false },
      { question: 'What could we do next, together?', durationMs: 20 * MINUTE, returnHome: false },
      { question: 'Was machst du am Montag? 🚀', durationMs: 15 * MINUTE, returnHome: true },
    ]);
  });

  it('edits the stakeholder groups as chips: examples, Enter adds without submitting, × removes', async () => {
    const form = await fixture<TcStartForm>(html`<tc-start-form></tc-start-form>`);
    let created = 0;
    form.addEventListener('create-cafe', () => created++);
    const groups = q(form, 'tc-start-groups');
    [...groups.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Use example groups'))!.click();
    await settle(form, groups);
    expect(all(groups, 'li').map((li) => li.firstChild!.textContent!.trim() || li.textContent!.replace('×', '').trim())).to.deep.equal([
      'teachers',
      'students',
      'parents',
      'administration',
      'universities',
      'unions',
    ]);
    q(groups, 'button[aria-label="Remove unions"]').click();
    await settle(form, groups);
    q(groups, '#new-group').focus();
    await userEvent.keyboard('Schüler:innen-Vertretung{Enter}');
    await settle(form, groups);
    await userEvent.keyboard('parents{Enter}');
    await settle(form, groups);
    expect(q(groups, '[role=alert]').textContent).to.contain('This group is already there.');
    expect(created).to.equal(0);
    const body = await submitted(form);
    expect(body.stakeholderGroups).to.deep.equal(['teachers', 'students', 'parents', 'administration', 'universities', 'Schüler:innen-Vertretung']);
  });

  it('lets untouched defaults follow a switch of the page’s language, and keeps what was typed', async () => {
    const form = await fixture<TcStartForm>(html`<tc-start-form></tc-start-form>`);
    const rounds = q(form, 'tc-start-rounds');
    await userEvent.fill(q(rounds, '#q1'), 'Wie sieht ein guter Schultag aus?');
    await chooseLocale('de');
    await settle(form, rounds);
    const body = await submitted(form);
    expect(body.language).to.equal('de');
    expect(body.title).to.equal(msg('World Café', { id: 'start.form.defaultTitle' }));
    expect(body.rounds.map((r) => r.question)).to.deep.equal([exampleQuestion(0), 'Wie sieht ein guter Schultag aus?', exampleQuestion(2)]);
    // A German page names the tables in German (the server's default would be "Table 1").
    expect((body.tables as string[]).slice(0, 2)).to.deep.equal(['Tisch 1', 'Tisch 2']);
  });

  it('names each mistake at its field, focuses the first, and sends nothing', async () => {
    const form = await fixture<TcStartForm>(html`<tc-start-form></tc-start-form>`);
    let created = 0;
    form.addEventListener('create-cafe', () => created++);
    await userEvent.fill(q(form, '#title'), '   ');
    await userEvent.fill(q(form, '#tables'), '0');
    await userEvent.fill(q(form, '#travel'), '61');
    const rounds = q(form, 'tc-start-rounds');
    await userEvent.fill(q(rounds, '#m1'), '2.5');
    await userEvent.fill(q(rounds, '#q2'), 'x'.repeat(501));
    q(form, 'button[type=submit]').click();
    await settle(form, rounds);
    await new Promise((r) => setTimeout(r, 50));
    expect(created).to.equal(0);
    expect(q(form, '#title-problem').textContent).to.equal('Give the café a title.');
    expect(q(form, '#tables-problem').textContent).to.equal('Between 1 and 1000 tables.');
    expect(q(form, '#travel-problem').textContent).to.equal('Between 0 and 60 minutes.');
    expect(q(rounds, '#m1-problem').textContent).to.equal('Between 1 and 240 minutes.');
    expect(q(rounds, '#q2-problem').textContent).to.equal('This text is too long.');
    expect(form.shadowRoot!.activeElement).to.equal(q(form, '#title'));
    expect(q(form, '#title').getAttribute('aria-describedby')).to.equal('title-problem');
  });

  it('shows the server’s refusal and keeps the button from being pressed twice while creating', async () => {
    const form = await fixture<TcStartForm>(html`<tc-start-form .error=${'RATE_LIMITED'} busy></tc-start-form>`);
    expect(q(form, '[role=alert]').textContent).to.equal('Too many requests: wait a moment.');
    const button = q<HTMLButtonElement>(form, 'button[type=submit]');
    expect(button.disabled).to.equal(true);
    expect(button.textContent!.trim()).to.equal('Creating …');
  });
});

describe('after creating', () => {
  it('opens the console, warns that the link is the key, and gives the wall, the QR sheet and the code', async () => {
    const el = await fixture<TcStartLinks>(html`<tc-start-links .cafe=${CREATED}></tc-start-links>`);
    expect(q<HTMLAnchorElement>(el, 'a.console').href).to.equal(CREATED.facilitator);
    expect(q(el, '.warning').textContent).to.contain('This link is the key to your café.');
    expect(q(el, '.warning').textContent).to.contain('do not share it');
    expect(q<HTMLInputElement>(el, '#copy-facilitator').value).to.equal(CREATED.facilitator);
    const hrefs = all(el, 'dd a').map((a) => (a as HTMLAnchorElement).href);
    expect(hrefs).to.deep.equal([CREATED.wall, `http://cafe.test:3000/qr#${SECRET}`]);
    expect(q(el, '.code').textContent).to.equal('K7M2QX');
    const again = oneEvent(el, 'new-cafe');
    all(el, 'button').at(-1)!.click();
    await again;
  });

  it('lists the cafés of this device and forgets one only after asking', async () => {
    const cafes = rememberCafe({ cafeId: 'c1', title: CREATED.title, facilitator: CREATED.facilitator, wall: CREATED.wall, joinCode: 'K7M2QX', createdAt: Date.UTC(2026, 2, 12) });
    const el = await fixture<TcStartCafes>(html`<tc-start-cafes .cafes=${cafes}></tc-start-cafes>`);
    expect(q<HTMLAnchorElement>(el, 'a').href).to.equal(CREATED.facilitator);
    expect(q(el, 'a').getAttribute('aria-label')).to.equal(`Open console: ${CREATED.title}`);
    let forgotten = 0;
    el.addEventListener('forget-cafe', () => forgotten++);
    q(el, 'button').click();
    await settle(el);
    expect(q(el, '[role=alert]').textContent).to.contain('nobody can open its console again');
    expect(forgotten).to.equal(0);
    const event = oneEvent(el, 'forget-cafe');
    q(el, 'button.danger').click();
    expect((await event).detail).to.deep.equal({ cafeId: 'c1' });
  });
});

describe('joining by code', () => {
  it('ignores case, spaces and dashes, and names a malformed code instead of sending it', async () => {
    const el = await fixture<TcStartJoin>(html`<tc-start-join></tc-start-join>`);
    q(el, '#code').focus();
    await userEvent.keyboard(' k7m 2q-x ');
    const event = oneEvent(el, 'join-code');
    await userEvent.keyboard('{Enter}');
    expect((await event).detail).to.deep.equal({ code: 'K7M2QX' });
    let sent = 0;
    el.addEventListener('join-code', () => sent++);
    await userEvent.fill(q(el, '#code'), 'k7m');
    q(el, 'button[type=submit]').click();
    await settle(el);
    expect(q(el, '[role=alert]').textContent).to.equal('A café code has 6 letters and digits.');
    expect(q(el, '#code').getAttribute('aria-invalid')).to.equal('true');
    expect(sent).to.equal(0);
  });

  it('says when no café has the code', async () => {
    const el = await fixture<TcStartJoin>(html`<tc-start-join .error=${'CAFE_NOT_FOUND'}></tc-start-join>`);
    expect(q(el, '[role=alert]').textContent).to.equal('There is no café with this code.');
  });
});

describe('the whole page, in both languages', () => {
  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale}: the page with a remembered café, the form with mistakes, the links`, async () => {
      await chooseLocale(locale);
      rememberCafe({ cafeId: 'c1', title: CREATED.title, facilitator: CREATED.facilitator, wall: CREATED.wall, joinCode: 'K7M2QX', createdAt: Date.UTC(2026, 2, 12) });
      const face = await fixture(html`<tc-start-face></tc-start-face>`);
      await expect(face).to.be.accessible();
      fixtureCleanup();
      const form = await fixture<TcStartForm>(html`<tc-start-form .error=${'CAFE_NOT_FOUND'}></tc-start-form>`);
      await userEvent.fill(q(form, '#tables'), '0');
      q(form, 'button[type=submit]').click();
      await settle(form);
      await expect(form).to.be.accessible();
      fixtureCleanup();
      const links = await fixture<TcStartLinks>(html`<tc-start-links .cafe=${CREATED}></tc-start-links>`);
      await expect(links).to.be.accessible();
    });
  }

  it('never scrolls sideways at 390 px', async () => {
    await page.viewport(390, 844);
    rememberCafe({ cafeId: 'c1', title: 'Ein-sehr-langer-Titel-ohne-Leerzeichen-der-umbrechen-muss-🏫🏫🏫', facilitator: CREATED.facilitator, wall: null, joinCode: 'K7M2QX', createdAt: 0 });
    await fixture(html`<tc-start-face></tc-start-face>`);
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    fixtureCleanup();
    await fixture<TcStartLinks>(html`<tc-start-links .cafe=${CREATED}></tc-start-links>`);
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
  });
});
