/**
 * The console in the harvest: the themes board across the screen, and beside it what the
 * facilitator does with the room: suggested themes, the dot vote, the spotlight and the tables'
 * photos (which can be hidden in any phase, H14). Before the
 * harvest the same screen is a read-only preview.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import { PhotoSources } from '../controllers/photo-urls.js';
import { theme } from '../ui/theme.js';
import './tc-spotlight.js';
import './tc-table-photos.js';
import './tc-theme-board.js';
import './tc-theme-suggestions.js';
import './tc-vote-controls.js';

@customElement('tc-harvest-screen')
@localized()
export class TcHarvestScreen extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(19rem, 23rem);
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 1100px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      section {
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.9rem 1rem 1rem;
      }
      .rail {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.15rem;
      }
      .preview {
        margin: -0.2rem 0 0.75rem;
        color: var(--tc-muted);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @property({ type: Boolean }) readonly = false;
  /** Where the API is and the facilitator's secret, for the photos; none in a preview. */
  @property({ attribute: false }) api: { server: string; secret: string } | null = null;
  private readonly photoSources = new PhotoSources();

  override render() {
    const s = this.state;
    if (!s) return nothing;
    return html`
      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading">${msg('Themes', { id: 'facilitator.harvest.themes' })}</h2>
        ${this.readonly
          ? html`<p class="preview">
              ${s.phase.kind === 'closed'
                ? msg('The café is closed: the themes as the harvest left them.', { id: 'facilitator.harvest.closed' })
                : msg('A preview: themes are formed in the harvest.', { id: 'facilitator.harvest.preview' })}
            </p>`
          : nothing}
        <tc-theme-board .state=${s} ?readonly=${this.readonly}></tc-theme-board>
      </section>
      <div class="rail">
        <section aria-labelledby="vote-heading">
          <h2 id="vote-heading">${msg('Dot vote', { id: 'facilitator.vote' })}</h2>
          <tc-vote-controls .state=${s}></tc-vote-controls>
        </section>
        <section aria-labelledby="spotlight-heading">
          <h2 id="spotlight-heading">${msg('Spotlight', { id: 'facilitator.spotlight' })}</h2>
          <tc-spotlight .state=${s}></tc-spotlight>
        </section>
        ${this.api
          ? html`<section aria-labelledby="photos-heading">
              <h2 id="photos-heading">${msg('Tablecloth photos', { id: 'facilitator.photos' })}</h2>
              <tc-table-photos .state=${s} .photoSource=${this.photoSources.for(s.id, this.api.secret, this.api.server)}></tc-table-photos>
            </section>`
          : nothing}
        ${this.readonly
          ? nothing
          : html`<section aria-labelledby="suggest-heading">
              <h2 id="suggest-heading">${msg('Suggested themes', { id: 'facilitator.suggest.heading' })}</h2>
              <tc-theme-suggestions .state=${s}></tc-theme-suggestions>
            </section>`}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-harvest-screen': TcHarvestScreen;
  }
}
