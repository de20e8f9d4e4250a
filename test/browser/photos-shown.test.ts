/**
 * Tablecloth photos where people look at them (H10, H13, H14), in real Chromium: the wall's
 * spotlight shows the table's photos large, the console shows a table's photos to hide, show and
 * open large, the host's harvest card shows its saved photos. Every face loads a photo through its
 * source (the link's secret in a header) and shows it as a `blob:` URL, released when the photo
 * is gone. The photos are real JPEGs drawn in the browser; the cafés go through the real reducer.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import type { PhotoSource } from '../../client/src/controllers/photo-urls.js';
import '../../client/src/facilitator/tc-table-photos.js';
import type { TcTablePhotos } from '../../client/src/facilitator/tc-table-photos.js';
import '../../client/src/host/tc-host-view.js';
import type { TcHostView } from '../../client/src/host/tc-host-view.js';
import '../../client/src/wall/tc-wall-view.js';
import type { TcWallView } from '../../client/src/wall/tc-wall-view.js';
import type { TcWallSpotlight } from '../../client/src/wall/tc-wall-spotlight.js';
import { accepted, createCafe, FACILITATOR, hostOf, startCafe, type TestCafe } from '../helpers/cafe-factory.js';
import { find, one, settled, until } from './wall-dom.js';

/** A JPEG of a tablecloth, drawn on a canvas. */
async function jpeg(label: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 800;
  canvas.height = 600;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#f4efe2';
  g.fillRect(0, 0, 800, 600);
  g.fillStyle = '#0b5f7a';
  g.font = '48px sans-serif';
  g.fillText(label, 60, 120);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8));
}

/** A photo source that answers from drawn JPEGs and remembers what it was asked for. */
function drawnPhotos(): { source: PhotoSource; asked: string[] } {
  const asked: string[] = [];
  return { asked, source: async (photoId) => (asked.push(photoId), photoId.startsWith('missing') ? null : jpeg(photoId)) };
}

/** In the harvest; table 2 has a card, three photos of round 0 (one hidden) and one of round 1. */
function cafeWithPhotos(): TestCafe {
  const cafe = createCafe({ tables: 3, travelMs: 0 });
  startCafe(cafe);
  const photo = (photoId: string, tableId: string, round: number) => accepted(cafe, hostOf(tableId), { type: 'addPhoto', photoId, tableId, round, bytes: 40_000, width: 800, height: 600 });
  accepted(cafe, hostOf('2'), { type: 'addIdea', ideaId: 'idea-2', tableId: '2', round: 0, text: 'Longer blocks of 90 minutes' });
  accepted(cafe, hostOf('2'), { type: 'setHarvestCard', tableId: '2', round: 0, insights: [{ ideaId: 'idea-2' }] });
  photo('photo-2-a', '2', 0);
  photo('photo-2-b', '2', 0);
  photo('photo-2-hidden', '2', 0);
  accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-2-hidden', hidden: true });
  accepted(cafe, FACILITATOR, { type: 'nextRound' });
  photo('photo-2-r1', '2', 1);
  photo('photo-1-a', '1', 1);
  while (cafe.state.phase.kind !== 'harvest') accepted(cafe, FACILITATOR, { type: 'nextRound' });
  return cafe;
}

/** Whether a `blob:` URL still gives its bytes. */
async function alive(url: string): Promise<boolean> {
  try {
    await (await fetch(url)).blob();
    return true;
  } catch {
    return false;
  }
}

afterEach(async () => {
  fixtureCleanup();
  await page.viewport(414, 896);
});

describe('the wall’s spotlight', () => {
  it('H10 H14 shows the spotlit table’s photos of the card’s round large, as blob URLs, never a hidden one, and releases them when the spotlight goes', async () => {
    await page.viewport(1920, 1080);
    const cafe = cafeWithPhotos();
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '2' });
    const photos = drawnPhotos();
    const wallState = (): CafeState => snapshotFor({ role: 'wall' }, cafe.state);
    const wall = await fixture<TcWallView>(html`<tc-wall-view .state=${wallState()} .now=${Date.now()} .msLeft=${null} .photoSource=${photos.source}></tc-wall-view>`);
    await settled(wall);
    await until(() => find(wall, 'tc-wall-spotlight', 'img').length === 2);
    const images = find(wall, 'tc-wall-spotlight', 'img') as HTMLImageElement[];
    expect(images.map((i) => i.src.startsWith('blob:'))).to.deep.equal([true, true]);
    expect(images[0]!.alt).to.equal('Photo 1 of the tablecloth of Table 2');
    expect(photos.asked.sort()).to.deep.equal(['photo-2-a', 'photo-2-b']);
    // Large: beside the card, together more than a third of the wall's width.
    expect(images[0]!.getBoundingClientRect().width).to.be.greaterThan(1920 / 3);
    for (const img of images) await img.decode();
    expect(images.every((i) => i.naturalWidth === 800)).to.equal(true);
    const urls = images.map((i) => i.src);
    expect(await alive(urls[0]!)).to.equal(true);

    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: null });
    wall.state = wallState();
    await settled(wall);
    expect(find(wall, 'tc-wall-spotlight')).to.have.length(0);
    for (const url of urls) expect(await alive(url), url).to.equal(false);
  });

  it('H14 a photo hidden while in the spotlight leaves the wall and its URL is released', async () => {
    await page.viewport(1920, 1080);
    const cafe = cafeWithPhotos();
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '2' });
    const photos = drawnPhotos();
    const wall = await fixture<TcWallView>(html`<tc-wall-view .state=${snapshotFor({ role: 'wall' }, cafe.state)} .now=${Date.now()} .msLeft=${null} .photoSource=${photos.source}></tc-wall-view>`);
    await until(() => find(wall, 'tc-wall-spotlight', 'img').length === 2);
    const first = (find(wall, 'tc-wall-spotlight', 'img')[0] as HTMLImageElement).src;
    accepted(cafe, FACILITATOR, { type: 'hidePhoto', photoId: 'photo-2-a', hidden: true });
    wall.state = snapshotFor({ role: 'wall' }, cafe.state);
    await settled(wall);
    await until(() => find(wall, 'tc-wall-spotlight', 'img').length === 1);
    expect(await alive(first)).to.equal(false);
    expect((one(wall, 'tc-wall-spotlight') as TcWallSpotlight).photos.held).to.equal(1);
  });
});

describe('the console’s photos', () => {
  it('H14 shows the spotlit table’s photos, hides and shows them, opens one large, and switches tables', async () => {
    await page.viewport(1440, 900);
    const cafe = cafeWithPhotos();
    accepted(cafe, FACILITATOR, { type: 'spotlight', tableId: '2' });
    const photos = drawnPhotos();
    const el = await fixture<TcTablePhotos>(html`<tc-table-photos .state=${cafe.state} .photoSource=${photos.source}></tc-table-photos>`);
    const ops: unknown[] = [];
    el.addEventListener('facilitator-op', (e) => ops.push((e as CustomEvent).detail));
    await until(() => find(el, 'button.open img').length === 4);
    expect(find(el, 'li.hidden')).to.have.length(1);
    expect(find(el, '.caption').map((c) => c.textContent!.trim())).to.deep.equal(['Round 1', 'Round 1', 'Hidden', 'Round 2']);
    expect((find(el, 'select.table option') as HTMLOptionElement[]).map((o) => o.textContent!.trim())).to.deep.equal(['Table 1 (1)', 'Table 2 (4)']);
    const toggles = find(el, 'button.toggle');
    toggles[0]!.click();
    toggles[2]!.click();
    expect(ops).to.deep.equal([
      { type: 'hidePhoto', photoId: 'photo-2-a', hidden: true },
      { type: 'hidePhoto', photoId: 'photo-2-hidden', hidden: false },
    ]);
    expect(toggles[2]!.getAttribute('aria-pressed')).to.equal('true');

    find(el, 'button.open')[1]!.click();
    await settled(el);
    const dialog = one(el, 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    const large = one(el, 'dialog img') as HTMLImageElement;
    expect(large.src.startsWith('blob:')).to.equal(true);
    expect(large.alt).to.equal('Photo of the tablecloth: Table 2, round 1');
    await userEvent.keyboard('{Escape}');
    await until(() => find(el, 'dialog').length === 0);

    const select = one(el, 'select.table') as HTMLSelectElement;
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await settled(el);
    await until(() => find(el, 'button.open img').length === 1);
    await expect(el).to.be.accessible();
  });

  it('says so when there are no photos, and when one cannot be loaded', async () => {
    const cafe = createCafe({ tables: 2 });
    startCafe(cafe);
    const none = await fixture<TcTablePhotos>(html`<tc-table-photos .state=${cafe.state} .photoSource=${drawnPhotos().source}></tc-table-photos>`);
    expect(none.shadowRoot!.textContent).to.contain('No photos yet');
    accepted(cafe, hostOf('1'), { type: 'addPhoto', photoId: 'missing-photo', tableId: '1', round: 0, bytes: 1000, width: 800, height: 600 });
    const el = await fixture<TcTablePhotos>(html`<tc-table-photos .state=${cafe.state} .photoSource=${drawnPhotos().source}></tc-table-photos>`);
    await until(() => one(el, 'button.open').textContent!.includes('Not available'));
  });
});

describe('the host’s harvest card', () => {
  it('H13 shows the photos saved for the card’s round, as blob URLs, not hidden ones', async () => {
    const cafe = cafeWithPhotos();
    const photos = drawnPhotos();
    const state = snapshotFor({ role: 'host', tableId: '2' }, cafe.state);
    const view = await fixture<TcHostView>(html`<tc-host-view .state=${state} .tableId=${'2'} status="connected" .photoSource=${photos.source}></tc-host-view>`);
    await settled(view);
    const card = one(view, 'tc-harvest-card');
    // The card opens on the last round; round 2 has one photo.
    find(card, '.rounds button')[1]!.click();
    await until(() => find(card, '.thumbnails img').length === 1);
    const img = one(card, '.thumbnails img') as HTMLImageElement;
    expect(img.src.startsWith('blob:')).to.equal(true);
    expect(img.alt).to.equal('Photo 1 of the tablecloth, round 2');
    expect(photos.asked).to.deep.equal(['photo-2-r1']);
  });
});

describe('loading photos', () => {
  it('tries a photo that could not be loaded again on a later render, and then shows it', async () => {
    const { LitElement, html: litHtml } = await import('lit');
    const { PhotoUrls } = await import('../../client/src/controllers/photo-urls.js');
    let tries = 0;
    const source: PhotoSource = async () => (++tries === 1 ? null : jpeg('second try'));
    class PhotoProbe extends LitElement {
      readonly photos = new PhotoUrls(this, () => source, 50);
      override render() {
        const url = this.photos.url('photo-flaky');
        return url ? litHtml`<img src=${url} />` : litHtml`<span>${this.photos.failed('photo-flaky') ? 'failed' : 'loading'}</span>`;
      }
    }
    customElements.define('tc-photo-probe', PhotoProbe);
    const el = await fixture<PhotoProbe>(html`<tc-photo-probe></tc-photo-probe>`);
    await until(() => el.shadowRoot!.textContent === 'failed');
    await new Promise((r) => setTimeout(r, 80));
    el.requestUpdate();
    await until(() => el.shadowRoot!.querySelector('img') !== null);
    expect(tries).to.equal(2);
    expect(el.photos.held).to.equal(1);
    el.remove();
    expect(el.photos.held).to.equal(0);
  });
});
