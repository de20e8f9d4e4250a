/**
 * The invitations on the console in real Chromium (H16), against a real server whose phones left
 * their addresses through the real routes (browser commands of test/helpers/invitation-commands.ts):
 * the count, the CSV downloaded with the facilitator's secret, one address removed on request
 * (two clicks) and gone from the server; the settings switch; axe in English and German.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import '../../client/src/facilitator/tc-facilitator-view.js';
import type { TcFacilitatorView } from '../../client/src/facilitator/tc-facilitator-view.js';
import type { TcInvitations } from '../../client/src/facilitator/tc-invitations.js';
import { chooseLocale } from '../../client/src/i18n.js';
import type { InvitationCafe } from '../helpers/invitation-commands.js';
import type { CafeState } from '../../shared/domain/state.js';
import { accepted, createCafe, FACILITATOR, startCafe } from '../helpers/cafe-factory.js';
import { deep } from './facilitator-dom.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    startInvitationCafe: (options: { origin: string; emails: string[] }) => Promise<InvitationCafe>;
    stopInvitationCafe: (url: string) => Promise<void>;
  }
}

const started: string[] = [];
afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
  for (const url of started.splice(0)) await commands.stopInvitationCafe(url);
});

async function consoleOf(emails: string[]): Promise<{ cafe: InvitationCafe; part: TcInvitations }> {
  const cafe = await commands.startInvitationCafe({ origin: location.origin, emails });
  started.push(cafe.url);
  await page.viewport(1440, 900);
  const part = await fixture<TcInvitations>(html`<tc-invitations .state=${cafe.state} .server=${cafe.url} .secret=${cafe.secret}></tc-invitations>`);
  await waitUntil(() => /E-mail|E-Mail/.test(part.shadowRoot!.querySelector('.count')?.textContent ?? ''), 'the count is loaded', { timeout: 10_000 });
  return { cafe, part };
}

/** The console without a server behind it (its requests fail, which these tests do not look at). */
async function consoleView(state: CafeState): Promise<TcFacilitatorView> {
  await page.viewport(1440, 900);
  return fixture<TcFacilitatorView>(html`<tc-facilitator-view .state=${state} status="connected" .now=${state.createdAt} .exportApi=${{ server: 'http://127.0.0.1:9', secret: 'no-server-here-0000' }}></tc-facilitator-view>`);
}
const shadowText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('the invitations on the console', () => {
  it('H16 counts the addresses and downloads them as CSV with the facilitator’s secret', async () => {
    const { part } = await consoleOf(['ana@example.org', '=cmd@example.org']);
    expect(shadowText(part)).to.contain('E-mail addresses: 2');
    let file: { name: string; text: string } | null = null;
    const click = HTMLAnchorElement.prototype.click;
    // The download itself is the browser's; the test reads the file the link hands it.
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      void fetch(this.href).then(async (r) => (file = { name: this.download, text: await r.text() }));
    };
    try {
      await userEvent.click(part.shadowRoot!.querySelector<HTMLButtonElement>('button.download')!);
      await waitUntil(() => file, 'the CSV is handed over');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(file!.name).to.match(/^invitations-.+\.csv$/);
    const lines = file!.text.split('\r\n');
    expect(lines[0]).to.equal('email,display_name,group,consented_at,consent_age');
    // Both consented at the same moment of the test server's clock: their order is the participants' ids'.
    expect(lines.slice(1, 3).map((l) => l.split(',').slice(0, 2).join(',')).sort()).to.deep.equal(["'=cmd@example.org,Gast 2", 'ana@example.org,Gast 1']);
  });

  it('H16 removes one address on request with a second click, and it is gone from the server', async () => {
    const { cafe, part } = await consoleOf(['ana@example.org', 'ben@example.org']);
    part.shadowRoot!.querySelector('details')!.open = true;
    await part.updateComplete;
    const remove = part.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Remove ben@example.org"]')!;
    await userEvent.click(remove);
    await part.updateComplete;
    const confirm = part.shadowRoot!.querySelector<HTMLButtonElement>('button.danger')!;
    expect(confirm.textContent!.trim()).to.equal('Remove ben@example.org now');
    await userEvent.click(confirm);
    await waitUntil(() => shadowText(part).includes('E-mail addresses: 1'), 'the count goes down');
    const listed = await fetch(`${cafe.url}/api/cafes/${cafe.state.id}/invitations`, { headers: { authorization: `Bearer ${cafe.secret}` } });
    expect(((await listed.json()) as { invitations: { email: string }[] }).invitations.map((i) => i.email)).to.deep.equal(['ana@example.org']);
  });

  it('H16 the console shows the invitations in the harvest and once closed, not before', async () => {
    const cafe = createCafe();
    startCafe(cafe);
    expect((await consoleView(cafe.state)).shadowRoot!.querySelector('tc-invitations')).to.equal(null);
    fixtureCleanup();
    while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect((await consoleView(cafe.state)).shadowRoot!.querySelector('tc-invitations')).to.be.ok;
    fixtureCleanup();
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    expect((await consoleView(cafe.state)).shadowRoot!.querySelector('tc-invitations')).to.be.ok;
  });

  it('H16 the settings switch invitations off and choose the consent age', async () => {
    const cafe = createCafe();
    startCafe(cafe);
    const el = await consoleView(cafe.state);
    const settings = deep(el, 'tc-cafe-settings');
    const sent: unknown[] = [];
    el.addEventListener('facilitator-op', (e) => sent.push((e as CustomEvent).detail));
    await userEvent.click(settings.shadowRoot!.querySelector<HTMLInputElement>('input.invitations')!);
    const select = settings.shadowRoot!.querySelector<HTMLSelectElement>('.consent-age select')!;
    expect(select.value).to.equal('16');
    await userEvent.selectOptions(select, '14');
    expect(sent).to.deep.include({ type: 'editCafe', invitations: false });
    expect(sent).to.deep.include({ type: 'editCafe', consentAge: 14 });
  });

  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale} with addresses listed`, async () => {
      await chooseLocale(locale);
      const { part } = await consoleOf(['ana@example.org']);
      part.shadowRoot!.querySelector('details')!.open = true;
      if (locale === 'de') expect(shadowText(part)).to.contain('CSV herunterladen');
      await expect(part).to.be.accessible();
    });
  }
});
