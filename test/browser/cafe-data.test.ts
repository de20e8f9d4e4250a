/**
 * The café's data on the console in real Chromium, against a real server (the browser commands of
 * test/helpers/invitation-commands.ts): the archive downloaded with the facilitator's secret, and
 * the café deleted only once its join code is typed, after which the server knows no such café;
 * axe in English and German.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import '../../client/src/facilitator/tc-cafe-data.js';
import type { TcCafeData } from '../../client/src/facilitator/tc-cafe-data.js';
import '../../client/src/facilitator/tc-facilitator-face.js';
import type { TcFacilitatorFace } from '../../client/src/facilitator/tc-facilitator-face.js';
import { chooseLocale } from '../../client/src/i18n.js';
import type { InvitationCafe } from '../helpers/invitation-commands.js';

// The same commands as the invitations' browser test (methods here, as the augmentation merges).
declare module 'vitest/browser' {
  interface BrowserCommands {
    startInvitationCafe(options: { origin: string; emails: string[] }): Promise<InvitationCafe>;
    stopInvitationCafe(url: string): Promise<void>;
  }
}

/** Servers this file started, stopped after each test. */
const servers = new Set<string>();
afterEach(async () => {
  fixtureCleanup();
  await Promise.all([...servers].map((url) => commands.stopInvitationCafe(url)));
  servers.clear();
  await chooseLocale('en');
});

async function dataOf(): Promise<{ cafe: InvitationCafe; part: TcCafeData }> {
  const cafe = await commands.startInvitationCafe({ origin: location.origin, emails: ['ana@example.org'] });
  servers.add(cafe.url);
  await page.viewport(1024, 768);
  const part = await fixture<TcCafeData>(html`<tc-cafe-data .state=${cafe.state} .server=${cafe.url} .secret=${cafe.secret}></tc-cafe-data>`);
  return { cafe, part };
}
const $ = <T extends Element>(part: TcCafeData, selector: string) => part.shadowRoot!.querySelector<T>(selector)!;

describe('the café’s data on the console', () => {
  it('downloads the café’s archive, a gzip file, with the facilitator’s secret', async () => {
    const { cafe, part } = await dataOf();
    let file: { name: string; bytes: Uint8Array } | null = null;
    const click = HTMLAnchorElement.prototype.click;
    // The download itself is the browser's; the test reads the file the link hands it.
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      void fetch(this.href).then(async (r) => (file = { name: this.download, bytes: new Uint8Array(await r.arrayBuffer()) }));
    };
    try {
      await userEvent.click($(part, 'button.archive'));
      await waitUntil(() => file !== null, 'the archive arrives', { timeout: 10_000 });
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const got = file as unknown as { name: string; bytes: Uint8Array };
    expect(got.name).to.equal(`tablecloth-${cafe.state.joinCode}.ndjson.gz`);
    expect([got.bytes[0], got.bytes[1]]).to.deep.equal([0x1f, 0x8b]);
    expect(got.bytes.length).to.be.greaterThan(500);
  });

  it('deletes the café only once its join code is typed, then says it is gone', async () => {
    const { cafe, part } = await dataOf();
    await userEvent.click($(part, 'details.delete summary'));
    const input = $<HTMLInputElement>(part, '#confirm-code');
    const button = $<HTMLButtonElement>(part, 'button.danger');
    expect(button.disabled).to.equal(true);
    await userEvent.fill(input, 'ZZZZZZ');
    expect(button.disabled).to.equal(true);
    // Typed as people type it: lower case, with a space.
    const code = cafe.state.joinCode.toLowerCase();
    await userEvent.fill(input, `${code.slice(0, 3)} ${code.slice(3)}`);
    await waitUntil(() => !button.disabled, 'the button is enabled by the right code');
    const before = await fetch(`${cafe.url}/api/join/${cafe.state.joinCode}`);
    expect(before.status).to.equal(200);
    await userEvent.click(button);
    await waitUntil(() => part.shadowRoot!.querySelector('.gone') !== null, 'the console says the café is gone', { timeout: 10_000 });
    expect($(part, '.gone').getAttribute('role')).to.equal('status');
    expect($(part, '.gone').textContent).to.contain('This café has been deleted');
    const after = await fetch(`${cafe.url}/api/join/${cafe.state.joinCode}`);
    expect(after.status).to.equal(404);
    expect(((await after.json()) as { error: { code: string } }).error.code).to.equal('CAFE_NOT_FOUND');
  });

  async function faceOf(): Promise<{ cafe: InvitationCafe; face: TcFacilitatorFace }> {
    const cafe = await commands.startInvitationCafe({ origin: location.origin, emails: [] });
    servers.add(cafe.url);
    await page.viewport(1440, 900);
    const face = await fixture<TcFacilitatorFace>(html`<tc-facilitator-face .server=${cafe.url} .secret=${cafe.secret}></tc-facilitator-face>`);
    await waitUntil(() => face.shadowRoot!.querySelector('tc-facilitator-view')?.shadowRoot?.querySelector('tc-cafe-data') != null, 'the console opens', { timeout: 10_000 });
    return { cafe, face };
  }
  const wholePage = (face: TcFacilitatorFace) => face.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();

  it('replaces the whole console with a deleted notice once this console deleted the café', async () => {
    const { cafe, face } = await faceOf();
    const part = face.shadowRoot!.querySelector('tc-facilitator-view')!.shadowRoot!.querySelector('tc-cafe-data')!;
    part.shadowRoot!.querySelector('details.delete')!.setAttribute('open', '');
    await userEvent.fill($<HTMLInputElement>(part, '#confirm-code'), cafe.state.joinCode);
    await waitUntil(() => !$<HTMLButtonElement>(part, 'button.danger').disabled, 'the code is accepted');
    await userEvent.click($(part, 'button.danger'));
    await waitUntil(() => face.shadowRoot!.querySelector('tc-facilitator-view') === null, 'the console is replaced', { timeout: 10_000 });
    expect(face.shadowRoot!.querySelector('h1')!.textContent).to.equal('This café has been deleted');
    expect(wholePage(face)).not.to.contain('Link not valid');
  });

  it('replaces the whole console with a deleted notice when another console deleted the café', async () => {
    const { cafe, face } = await faceOf();
    const deleted = await fetch(`${cafe.url}/api/cafes/${encodeURIComponent(cafe.state.id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${cafe.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: cafe.state.joinCode }),
    });
    expect(deleted.ok).to.equal(true);
    await waitUntil(() => face.shadowRoot!.querySelector('tc-facilitator-view') === null, 'the console is replaced', { timeout: 10_000 });
    expect(face.shadowRoot!.querySelector('h1')!.textContent).to.equal('This café has been deleted');
    expect(face.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Nothing of it is left on this server');
    await expect(face).to.be.accessible();
  });

  for (const locale of ['en', 'de'] as const) {
    it(`is accessible, the deletion open (${locale})`, async () => {
      await chooseLocale(locale);
      const { part } = await dataOf();
      await userEvent.click($(part, 'details.delete summary'));
      if (locale === 'de') expect(part.shadowRoot!.textContent).to.contain('Dieses Café löschen');
      await expect(part).to.be.accessible();
    });
  }
});
