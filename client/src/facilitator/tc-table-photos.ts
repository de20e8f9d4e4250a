/**
 * The tablecloth photos on the console (H14): one table's photos at a time (the one in the
 * spotlight first), as thumbnails that open large, each hidden from the wall, the harvest page and
 * the export, or shown again. Photos are fetched with the facilitator's secret, never in a URL.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { own, type CafeState, type Photo } from '../../../shared/domain/state.js';
import { PhotoUrls, type PhotoSource } from '../controllers/photo-urls.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp } from './events.js';
import { harvestFormStyles } from './harvest-form-styles.js';

/** A table's photos, by round and then as they arrived. */
export function photosOfTable(state: CafeState, tableId: string): Photo[] {
  return Object.values(state.photos)
    .filter((p) => p.tableId === tableId)
    .sort((a, b) => a.round - b.round || a.uploadedAt - b.uploadedAt);
}

@customElement('tc-table-photos')
@localized()
export class TcTablePhotos extends LitElement {
  static override styles = [
    theme,
    harvestFormStyles,
    css`
      p {
        margin: 0 0 0.5rem;
      }
      ul {
        list-style: none;
        margin: 0.6rem 0 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
        gap: 0.6rem;
      }
      li {
        display: grid;
        gap: 0.25rem;
      }
      button.open {
        padding: 0;
        min-height: 0;
        border: 1px solid var(--tc-line);
        border-radius: 8px;
        overflow: hidden;
        aspect-ratio: 4 / 3;
        background: var(--tc-paper);
        color: var(--tc-muted);
        font-size: 0.8rem;
      }
      button.open img {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      li.hidden button.open img {
        opacity: 0.4;
      }
      .caption {
        font-size: 0.8rem;
        color: var(--tc-muted);
      }
      li.hidden .caption {
        color: var(--tc-danger);
        font-weight: 600;
      }
      button.toggle {
        min-height: 36px;
        padding: 0.2em 0.5em;
        font-size: 0.85rem;
      }
      dialog {
        max-width: min(96vw, 1400px);
        max-height: 96vh;
        padding: 0.6rem;
        border: none;
        border-radius: var(--tc-radius);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.7);
      }
      dialog img {
        display: block;
        max-width: 100%;
        max-height: calc(96vh - 5rem);
        margin: 0 auto;
      }
      dialog .bar {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 1rem;
        margin-top: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** Loads a photo with the facilitator's secret. */
  @property({ attribute: false }) photoSource: PhotoSource | null = null;
  /** The table chosen in the list. */
  @state() private choice: string | null = null;
  /** The photo open large. */
  @state() private open: string | null = null;
  @query('dialog') private dialog!: HTMLDialogElement | null;

  readonly photos = new PhotoUrls(this, () => this.photoSource);

  private tableId(s: CafeState): string | null {
    const withPhotos = new Set(Object.values(s.photos).map((p) => p.tableId));
    if (this.choice !== null) return this.choice;
    if (s.spotlight !== null && withPhotos.has(s.spotlight)) return s.spotlight;
    return s.tables.find((t) => withPhotos.has(t.id))?.id ?? null;
  }

  private caption(s: CafeState, p: Photo): string {
    const table = s.tables.find((t) => t.id === p.tableId)?.name ?? p.tableId;
    return msg(str`${table}, round ${p.round + 1}`, { id: 'facilitator.photos.caption' });
  }

  private show(photoId: string): void {
    this.open = photoId;
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  private hide(p: Photo): void {
    this.dispatchEvent(facilitatorOp({ type: 'hidePhoto', photoId: p.id, hidden: !p.hidden }));
  }

  private thumbnail(s: CafeState, p: Photo) {
    const url = this.photos.url(p.id);
    const caption = this.caption(s, p);
    return html`<li class=${p.hidden ? 'hidden' : ''}>
      <button class="open" @click=${() => this.show(p.id)} aria-label=${msg(str`Open the photo large: ${caption}`, { id: 'facilitator.photos.open' })}>
        ${url ? html`<img src=${url} alt="" />` : this.photos.failed(p.id) ? msg('Not available', { id: 'facilitator.photos.failed' }) : msg('Loading …', { id: 'facilitator.photos.loading' })}
      </button>
      <span class="caption">${p.hidden ? msg('Hidden', { id: 'facilitator.photos.hidden' }) : msg(str`Round ${p.round + 1}`, { id: 'facilitator.photos.round' })}</span>
      <button class="toggle" aria-pressed=${p.hidden ? 'true' : 'false'} @click=${() => this.hide(p)}>
        ${p.hidden ? msg('Show again', { id: 'facilitator.photos.show' }) : msg('Hide', { id: 'facilitator.photos.hide' })}
      </button>
    </li>`;
  }

  private large(s: CafeState) {
    const p = this.open === null ? undefined : own(s.photos, this.open);
    if (!p) return nothing;
    const url = this.photos.url(p.id);
    const caption = this.caption(s, p);
    return html`<dialog aria-label=${caption} @close=${() => (this.open = null)}>
      ${url ? html`<img src=${url} alt=${msg(str`Photo of the tablecloth: ${caption}`, { id: 'facilitator.photos.alt' })} />` : nothing}
      <div class="bar">
        <span>${caption}${p.hidden ? html` · <strong>${msg('Hidden', { id: 'facilitator.photos.hidden' })}</strong>` : nothing}</span>
        <form method="dialog"><button class="close">${msg('Close', { id: 'facilitator.photos.close' })}</button></form>
      </div>
    </dialog>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const count = Object.keys(s.photos).length;
    if (count === 0) return html`<p>${msg('No photos yet: hosts take them on their tablets.', { id: 'facilitator.photos.none' })}</p>`;
    const tableId = this.tableId(s);
    const counts = new Map<string, number>();
    for (const p of Object.values(s.photos)) counts.set(p.tableId, (counts.get(p.tableId) ?? 0) + 1);
    return html`
      <div class="row">
        <label
          >${msg('Table', { id: 'facilitator.spotlight.table' })}
          <select class="table" @change=${(e: Event) => (this.choice = (e.target as HTMLSelectElement).value)}>
            ${s.tables
              .filter((t) => counts.has(t.id))
              .map((t) => html`<option value=${t.id} ?selected=${t.id === tableId}>${msg(str`${t.name} (${counts.get(t.id)!})`, { id: 'facilitator.photos.table' })}</option>`)}
          </select></label
        >
      </div>
      <ul>
        ${tableId === null ? nothing : photosOfTable(s, tableId).map((p) => this.thumbnail(s, p))}
      </ul>
      ${this.large(s)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-table-photos': TcTablePhotos;
  }
}
