/**
 * The way back on the participant phone in real Chromium (H16): in the harvest and once closed,
 * the link to the public harvest page and "Invite me to the community" — the form with its two
 * boxes, what it sends, the address it then shows and its withdrawal, a refusal in words; nothing
 * when the café switched invitations off; axe in English and German; a 320 px phone. The HTTP
 * API is answered by a stand-in for the server at the browser's fetch, which records each request.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { chooseLocale } from '../../client/src/i18n.js';
import '../../client/src/join/tc-join-view.js';
import type { TcJoinView } from '../../client/src/join/tc-join-view.js';
import { accepted, createCafe, FACILITATOR, join, startCafe, type TestCafe } from '../helpers/cafe-factory.js';
import { q, text } from './join-dom.js';

const MIA = 'participant-mia';
const SECRET = 'mias-secret-0000000000';

interface Sent { method: string; url: string; authorization: string | null; body: unknown }
let sent: Sent[] = [];
let stored: string | null = null;
let refuse: string | null = null;
const realFetch = window.fetch;

/** Answers the invitation routes as the server does; every other request is not this test's. */
beforeEach(() => {
  sent = [];
  stored = null;
  refuse = null;
  window.fetch = async (input, init) => {
    const url = String(input);
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null;
    const method = init?.method ?? 'GET';
    sent.push({ method, url, authorization: new Headers(init?.headers).get('authorization'), body });
    const json = (status: number, value: unknown) => new Response(status === 204 ? null : JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (refuse) return json(400, { error: { code: refuse, message: refuse, retryable: false } });
    if (method === 'PUT') stored = String(body!.email);
    if (method === 'DELETE') stored = null;
    return method === 'DELETE' ? json(204, null) : json(200, { invitation: stored === null ? null : { email: stored, consentAge: 16, consentedAt: 1 } });
  };
});

afterEach(async () => {
  window.fetch = realFetch;
  fixtureCleanup();
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
  await page.viewport(414, 896);
});

function cafeIn(phase: 'round' | 'harvest' | 'closed', edit: { invitations?: boolean; consentAge?: number; harvestPage?: boolean } = {}): TestCafe {
  const cafe = createCafe({ tables: 2, title: 'Schulen von morgen' });
  join(cafe, MIA, { tableId: '1' });
  if (Object.keys(edit).length > 0) accepted(cafe, FACILITATOR, { type: 'editCafe', ...edit });
  startCafe(cafe);
  if (phase !== 'round') while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
  if (phase === 'closed') accepted(cafe, FACILITATOR, { type: 'closeCafe' });
  return cafe;
}
const miasView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'participant', participantId: MIA, tableId: '1' }, cafe.state);

async function view(cafe: TestCafe): Promise<TcJoinView> {
  const el = await fixture<TcJoinView>(html`<tc-join-view .state=${miasView(cafe)} participantId=${MIA} .secret=${SECRET} status="connected"></tc-join-view>`);
  return el;
}
const invite = (el: TcJoinView) => q(el, 'tc-join-invite');
/** The invitation's form once the phone asked the server for its invitation. */
async function form(el: TcJoinView): Promise<HTMLFormElement> {
  await waitUntil(() => invite(el).shadowRoot?.querySelector('form'), 'the form appears');
  return q<HTMLFormElement>(el, 'tc-join-invite', 'form');
}

describe('the way back on the phone', () => {
  it('H16 shows neither the harvest link nor the invitation during the rounds', async () => {
    const el = await view(cafeIn('round'));
    expect(el.shadowRoot!.querySelector('tc-join-invite')).to.equal(null);
    expect(el.shadowRoot!.querySelector('a[href^="/h/"]')).to.equal(null);
  });

  for (const phase of ['harvest', 'closed'] as const) {
    it(`H16 in the ${phase} links to the café's harvest page and asks the server for the phone's invitation`, async () => {
      const cafe = cafeIn(phase);
      const el = await view(cafe);
      expect(q<HTMLAnchorElement>(el, 'a[href^="/h/"]').getAttribute('href')).to.equal(`/h/${cafe.state.joinCode}`);
      expect(text(q(el, 'a[href^="/h/"]')).trim()).to.equal('See the harvest');
      const qr = q<HTMLImageElement>(el, 'img.qr');
      expect([qr.getAttribute('src'), qr.alt]).to.deep.equal([`/api/harvest/${cafe.state.joinCode}/qr.svg`, '']);
      await form(el);
      expect(sent).to.deep.equal([{ method: 'GET', url: `/api/cafes/${cafe.state.id}/invitation`, authorization: `Bearer ${SECRET}`, body: null }]);
      expect(text(invite(el))).to.contain('Invite me to the community of “Schulen von morgen”. Tablecloth gives this address to the organisers for this purpose only.');
      expect(text(invite(el))).to.contain('I am 16 or older.');
    });
  }

  it('H16 sends the address only with both boxes ticked, then shows it, and withdraws it', async () => {
    const cafe = cafeIn('harvest', { consentAge: 14 });
    const el = await view(cafe);
    const f = await form(el);
    const [email, consent, age] = [...f.querySelectorAll('input')];
    expect(text(invite(el))).to.contain('I am 14 or older.');
    await userEvent.type(email!, 'mia@example.org');
    await userEvent.click(q(el, 'tc-join-invite', 'button.primary'));
    expect(sent.filter((s) => s.method === 'PUT')).to.have.length(0); // the browser keeps an unticked form back
    await userEvent.click(consent!);
    await userEvent.click(age!);
    await userEvent.click(q(el, 'tc-join-invite', 'button.primary'));
    await waitUntil(() => text(invite(el)).includes('You will be invited at mia@example.org.'), 'the address is shown');
    expect(sent.find((s) => s.method === 'PUT')).to.deep.equal({
      method: 'PUT', url: `/api/cafes/${cafe.state.id}/invitation`, authorization: `Bearer ${SECRET}`, body: { email: 'mia@example.org', consent: true, ageConfirmed: true },
    });
    await userEvent.click(q(el, 'tc-join-invite', 'button'));
    await form(el);
    expect(sent.at(-1)!.method).to.equal('DELETE');
    expect(text(invite(el))).not.to.contain('mia@example.org');
  });

  it('H16 says a refusal in words and keeps the form', async () => {
    const el = await view(cafeIn('harvest'));
    const f = await form(el);
    refuse = 'INVITE_EMAIL_INVALID';
    const [email, consent, age] = [...f.querySelectorAll('input')];
    await userEvent.type(email!, 'mia@example.org');
    await userEvent.click(consent!);
    await userEvent.click(age!);
    await userEvent.click(q(el, 'tc-join-invite', 'button.primary'));
    await waitUntil(() => invite(el).shadowRoot!.querySelector('[role="alert"]'), 'the refusal is said');
    expect(text(q(el, 'tc-join-invite', '[role="alert"]'))).to.contain('This is not an e-mail address.');
    expect(invite(el).shadowRoot!.querySelector('form')).to.be.ok;
  });

  it('H16 offers no invitation when the café switched them off, and no harvest link when the page is off', async () => {
    const el = await view(cafeIn('closed', { invitations: false, harvestPage: false }));
    expect(el.shadowRoot!.querySelector('tc-join-invite')).to.equal(null);
    expect(el.shadowRoot!.querySelector('a[href^="/h/"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img.qr')).to.equal(null);
    expect(sent).to.have.length(0);
  });

  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale}, with the form and with the address left`, async () => {
      await chooseLocale(locale);
      const el = await view(cafeIn('harvest'));
      await form(el);
      if (locale === 'de') {
        expect(text(invite(el))).to.contain('Ich möchte in die Community von „Schulen von morgen“ eingeladen werden.');
        expect(text(q(el, 'a[href^="/h/"]')).trim()).to.equal('Die Ernte ansehen');
      }
      await expect(el).to.be.accessible();
      fixtureCleanup();
      stored = 'mia@example.org';
      const done = await view(cafeIn('closed'));
      await waitUntil(() => invite(done).shadowRoot?.querySelector('[role="status"]'), 'the address is shown');
      await expect(done).to.be.accessible();
    });
  }

  it('fits a 320 px phone, its boxes and button big enough for a thumb', async () => {
    await page.viewport(320, 700);
    await chooseLocale('de');
    const el = await view(cafeIn('harvest'));
    const f = await form(el);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const target of [...f.querySelectorAll('label.check'), f.querySelector('button')!]) {
      const box = target.getBoundingClientRect();
      expect(box.height).to.be.at.least(44);
      expect(box.right).to.be.at.most(320);
    }
  });
});
