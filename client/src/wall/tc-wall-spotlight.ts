/**
 * One table's harvest card, large: the table's name and its one to three key insights, as the
 * facilitator puts it in the spotlight (H10), beside the photos of its tablecloth (at most two,
 * as large as the wall allows), fetched with the wall's secret and shown as `blob:` URLs.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PhotoUrls, type PhotoSource } from '../controllers/photo-urls.js';
import { theme } from '../ui/theme.js';
import { wallPanel } from './wall-panel.js';
import type { SpotlightCard } from './spotlight-card.js';

/** The smallest the insights' text gets (of 1.6 wall units): 0.6 keeps it about 30 px on a 1080p wall. */
const MIN_FIT = 0.6;

@customElement('tc-wall-spotlight')
@localized()
export class TcWallSpotlight extends LitElement {
  static override styles = [
    theme,
    wallPanel,
    css`
      :host {
        height: 100%;
        min-height: 0;
      }
      .spotlight {
        height: 100%;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: minmax(0, 1fr);
        gap: 0.6em;
        align-items: start;
      }
      /* The insights are what the room reads; the photos take what is left. */
      .spotlight.with-photos {
        grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr);
      }
      .photos {
        height: 100%;
        min-height: 0;
        display: grid;
        grid-auto-rows: minmax(0, 1fr);
        gap: 0.4em;
      }
      figure {
        margin: 0;
        min-height: 0;
        display: grid;
        grid-template-rows: minmax(0, 1fr) auto;
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        overflow: hidden;
      }
      figure img {
        width: 100%;
        height: 100%;
        min-height: 0;
        object-fit: contain;
      }
      figure .waiting {
        display: grid;
        place-items: center;
        color: var(--tc-muted);
      }
      /* As tall as its insights, never taller than the wall leaves. */
      .card {
        max-height: 100%;
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        gap: 0.4em;
        padding: 0.6em 0.9em;
        background: var(--tc-star-soft);
        border: calc(var(--u, 32px) * 0.2) solid var(--tc-star);
        border-radius: var(--tc-radius);
      }
      h2 {
        margin: 0;
        font-size: 2em;
        line-height: 1.1;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .round {
        display: block;
        font-size: 0.5em;
        font-weight: 600;
        color: var(--tc-star);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        min-height: 0;
        overflow: hidden;
        display: flex;
        flex-direction: column;
        gap: 0.5em;
      }
      li {
        padding: 0.4em 0.6em;
        background: var(--tc-card);
        border-radius: var(--tc-radius);
        border-inline-start: calc(var(--u, 32px) * 0.3) solid var(--tc-star);
      }
      /* Words break at hyphens in the café's language; mid-word only when one word is wider than the card.
         --fit shrinks the text until every insight is on the wall (see fit()). */
      .text {
        margin: 0;
        font-size: calc(1.6em * var(--fit, 1));
        line-height: 1.2;
        font-weight: 600;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .more {
        margin: 0;
        font-weight: 600;
        color: var(--tc-warn);
      }
      .group {
        margin: 0.2em 0 0;
        color: var(--tc-muted);
      }
      .none {
        margin: 0;
        font-size: 1.3em;
        color: var(--tc-muted);
      }
    `,
  ];

  @property({ attribute: false }) card: SpotlightCard | null = null;
  /** The café's language, for hyphenation. */
  @property() language = '';
  /** Loads a photo with the wall's secret; without it the card stands alone. */
  @property({ attribute: false }) photoSource: PhotoSource | null = null;

  readonly photos = new PhotoUrls(this, () => this.photoSource);
  private readonly resized = new ResizeObserver(() => this.fit());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resized.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized.disconnect();
  }

  protected override updated(): void {
    this.fit();
  }

  /** Shrinks the insights' text step by step until all of them fit; says so if even the smallest does not. */
  private fit(): void {
    const card = this.renderRoot.querySelector<HTMLElement>('.card');
    const list = card?.querySelector('ol');
    if (!card || !list) return;
    const over = () => list.scrollHeight > list.clientHeight + 1;
    let fit = 1;
    card.style.setProperty('--fit', '1');
    while (over() && fit > MIN_FIT) {
      fit = Math.max(MIN_FIT, fit - 0.1);
      card.style.setProperty('--fit', String(fit));
    }
    card.querySelector<HTMLElement>('.more')!.hidden = !over();
  }

  private renderPhotos(card: SpotlightCard) {
    // Two photos are the most a wall shows readably beside the card.
    const ids = card.photoIds.slice(-2);
    return html`<div class="photos">
      ${ids.map((id, i) => {
        const url = this.photos.url(id);
        const label = msg(str`Photo ${i + 1} of the tablecloth of ${card.tableName}`, { id: 'wall.spotlight.photo' });
        return html`<figure>
          ${url ? html`<img src=${url} alt=${label} />` : html`<span class="waiting" role="img" aria-label=${label}>…</span>`}
        </figure>`;
      })}
    </div>`;
  }

  override render() {
    const card = this.card;
    if (!card) return nothing;
    const withPhotos = this.photoSource !== null && card.photoIds.length > 0;
    return html`<div class="spotlight ${withPhotos ? 'with-photos' : ''}">${this.renderCard(card)}${withPhotos ? this.renderPhotos(card) : nothing}</div>`;
  }

  private renderCard(card: SpotlightCard) {
    return html`<section class="card" lang=${this.language || nothing}>
      <h2>
        <span class="round"><span aria-hidden="true">\u2605 </span>${msg(str`Key insights of round ${card.round + 1}`, { id: 'wall.spotlight.round' })}</span>
        ${card.tableName}
      </h2>
      ${card.insights.length === 0
        ? html`<p class="none">${msg('This table has not chosen its key insights yet.', { id: 'wall.spotlight.none' })}</p>`
        : html`<ol>
            ${card.insights.map(
              (insight) => html`<li>
                <p class="text">${insight.text}</p>
                ${insight.group ? html`<p class="group">${insight.group}</p>` : nothing}
              </li>`,
            )}
          </ol>
          <p class="more" hidden>${msg('Not all of this card fits on the wall.', { id: 'wall.spotlight.more' })}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-spotlight': TcWallSpotlight;
  }
}
