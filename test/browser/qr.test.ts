/**
 * The QR sheet and the QR element in real Chromium: one card per open table with a host code
 * and a participant code drawn by uqr, a join card and a wall card, the print rules (no
 * buttons, no card split across pages, A4), and axe in English and German.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
// Loaded lazily by <tc-qr>; imported here so that Vite prepares it before the tests run, not during one.
import 'uqr';
import { afterEach, describe, it } from 'vitest';
import { chooseLocale } from '../../client/src/i18n.js';
import type { CafeLinks } from '../../client/src/qr/cafe-links.js';
import printCss from '../../client/src/qr/print.css?raw';
import '../../client/src/qr/tc-qr-sheet-view.js';
import type { TcQrSheetView } from '../../client/src/qr/tc-qr-sheet-view.js';
import '../../client/src/ui/tc-qr.js';
import type { TcQr } from '../../client/src/ui/tc-qr.js';

const BASE = 'http://cafe.test:3000';
const secret = (n: number) => `S3cr3t-${String(n).padStart(3, '0')}-abcdefghijklmnop`;

/** What GET /api/cafes/:id/links answers for a café of 45 tables, table 44 closed, two walls. */
function links(): CafeLinks {
  return {
    cafeId: 'cafe-thursday',
    joinCode: 'K7QX2M',
    facilitator: null,
    wall: [`${BASE}/wall#${secret(900)}`, `${BASE}/wall#${secret(901)}`],
    coFacilitators: [],
    join: `${BASE}/j/K7QX2M`,
    tables: Array.from({ length: 45 }, (_, i) => {
      const id = String(i + 1);
      return {
        tableId: id,
        name: i === 11 ? 'Tisch 12 – am Fenster 🌿' : `Table ${id}`,
        enabled: id !== '44',
        hostLinkId: `host-link-${id}`,
        host: `${BASE}/host#${secret(i + 1)}`,
        participants: `${BASE}/j/K7QX2M?t=${id}`,
      };
    }),
  };
}

async function renderSheet(): Promise<TcQrSheetView> {
  const el = await fixture<TcQrSheetView>(html`<tc-qr-sheet-view cafeTitle="Schulen von morgen – Netzwerktreffen" .links=${links()}></tc-qr-sheet-view>`);
  await Promise.all([...el.shadowRoot!.querySelectorAll<TcQr>('tc-qr')].map((q) => q.updateComplete));
  return el;
}

/** A QR code's size in modules is 17 + 4 × version; uqr draws 10 units a module with a quiet zone of 4 on each side. */
function looksLikeQr(svg: SVGSVGElement): boolean {
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
  const modules = width! / 10 - 8;
  const path = svg.querySelector('path')?.getAttribute('d') ?? '';
  return width === height && modules >= 21 && (modules - 17) % 4 === 0 && (path.match(/M/g)?.length ?? 0) > 100;
}

afterEach(async () => {
  fixtureCleanup();
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
});

describe('<tc-qr>', () => {
  it('draws the value as an SVG QR code with an accessible name, and redraws when the value changes', async () => {
    const el = await fixture<TcQr>(html`<tc-qr .value=${`${BASE}/j/K7QX2M?t=3`} label="Join table 3"></tc-qr>`);
    await el.updateComplete;
    const svg = el.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('Join table 3');
    expect(looksLikeQr(svg)).to.equal(true);
    const before = svg.querySelector('path')!.getAttribute('d');
    el.value = `${BASE}/j/K7QX2M?t=4`;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('path')!.getAttribute('d')).not.to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('draws nothing without a value', async () => {
    const el = await fixture<TcQr>(html`<tc-qr label="Nothing yet"></tc-qr>`);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
  });
});

describe('the QR sheet', () => {
  it('has one card per open table with the host code, the participant code and the join code', async () => {
    const el = await renderSheet();
    const cards = [...el.shadowRoot!.querySelectorAll('article.table')];
    expect(cards).to.have.length(44);
    expect(cards.map((c) => c.querySelector('h2')!.textContent)).not.to.include('Table 44');
    const window12 = cards[11]!;
    expect(window12.querySelector('h2')!.textContent).to.equal('Tisch 12 – am Fenster 🌿');
    const [host, guest] = [...window12.querySelectorAll<TcQr>('tc-qr')];
    expect(host!.value).to.equal(`${BASE}/host#${secret(12)}`);
    expect(guest!.value).to.equal(`${BASE}/j/K7QX2M?t=12`);
    const hostSvg = host!.shadowRoot!.querySelector('svg')!;
    expect(hostSvg.getAttribute('aria-label')).to.equal('Table host link for Tisch 12 – am Fenster 🌿 — keep this private');
    expect(looksLikeQr(hostSvg)).to.equal(true);
    expect(guest!.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')).to.equal('Join Tisch 12 – am Fenster 🌿');
    expect(window12.textContent).to.contain('Table host — keep this private').and.contain('K7QX2M');
    expect(el.shadowRoot!.querySelectorAll('tc-qr')).to.have.length(44 * 2 + 1 + 2);
  });

  it('has a join card with the code in big letters and a card per wall', async () => {
    const el = await renderSheet();
    const join = el.shadowRoot!.querySelector('article.join')!;
    expect(join.querySelector('.code')!.textContent).to.equal('K7QX2M');
    expect(join.textContent).to.contain(`${BASE}/j/K7QX2M`).and.contain('cafe.test:3000');
    expect(join.querySelector<TcQr>('tc-qr')!.value).to.equal(`${BASE}/j/K7QX2M`);
    const walls = [...el.shadowRoot!.querySelectorAll('article.wall')];
    expect(walls.map((w) => w.querySelector('h2')!.textContent)).to.deep.equal(['Live wall 1', 'Live wall 2']);
    expect(walls[1]!.querySelector<TcQr>('tc-qr')!.value).to.equal(`${BASE}/wall#${secret(901)}`);
  });

  it('prints on A4 without instructions or buttons, and never splits a card across pages', async () => {
    const el = await renderSheet();
    expect(printCss).to.match(/@page\s*\{[^}]*size:\s*A4/);
    const printRules = el
      .shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText === 'print')
      .flatMap((m) => [...m.cssRules])
      .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule);
    const hidden = printRules.filter((r) => r.style.display === 'none').flatMap((r) => r.selectorText.split(/,\s*/));
    expect(hidden).to.include.members(['.controls', 'button']);
    // On screen the print button is there; the rule above is what removes it on paper.
    expect(el.shadowRoot!.querySelector('.controls button')!.textContent).to.contain('Print');
    const card = el.shadowRoot!.querySelector('article.table')!;
    expect(getComputedStyle(card).breakInside).to.equal('avoid');
  });

  it('says why when the links cannot be loaded', async () => {
    const el = await fixture<TcQrSheetView>(html`<tc-qr-sheet-view cafeTitle="Schulen von morgen" problem="This link is not valid."></tc-qr-sheet-view>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('This link is not valid.');
    expect(el.shadowRoot!.querySelectorAll('article')).to.have.length(0);
  });

  it('passes axe in English and in German', async () => {
    const el = await renderSheet();
    await expect(el).to.be.accessible();
    await chooseLocale('de');
    await el.updateComplete;
    expect(document.documentElement.lang).to.equal('de');
    await expect(el).to.be.accessible();
  });
});
