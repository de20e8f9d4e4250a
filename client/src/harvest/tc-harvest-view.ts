/**
 * What a café harvested, for everyone: its questions, the themes by votes with their ideas and
 * whose voices they carry (counts only), the photos of the tablecloths, and where each
 * conversation continues. One column on a phone, two on a laptop; prints on paper.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PublicHarvest } from '../../../shared/harvest/public-harvest.js';
import { getLocale } from '../i18n.js';
import { theme } from '../ui/theme.js';
import { harvestPhotoUrl } from './harvest-api.js';
import { ideaItem, ideaListStyles } from './idea-list.js';
import './tc-harvest-theme.js';

@customElement('tc-harvest-view')
@localized()
export class TcHarvestView extends LitElement {
  static override styles = [
    theme,
    ideaListStyles,
    css`
      :host {
        display: block;
        line-height: 1.45;
      }
      main {
        max-width: 60rem;
        margin: 0 auto;
        padding: 0.5rem 1rem 2.5rem;
      }
      .kicker {
        margin: 0;
        color: var(--tc-muted);
        font-size: 0.95rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      h1 {
        margin: 0.1em 0 0.2em;
        font-size: clamp(1.6rem, 6vw, 2.4rem);
        line-height: 1.15;
        overflow-wrap: anywhere;
      }
      .date {
        margin: 0 0 1rem;
        color: var(--tc-muted);
      }
      h2 {
        font-size: 1.3rem;
        margin: 1.8rem 0 0.6rem;
      }
      h3.table {
        font-size: 1.05rem;
        margin: 1rem 0 0.2rem;
        overflow-wrap: anywhere;
      }
      .questions {
        margin: 0;
        padding-left: 1.3rem;
      }
      .questions li {
        margin: 0.25rem 0;
      }
      .themes {
        display: grid;
        gap: 1rem;
      }
      @media (min-width: 48rem) {
        .themes {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
      .photos {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
        gap: 1rem;
      }
      figure {
        margin: 0;
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        overflow: hidden;
        break-inside: avoid;
      }
      figure a {
        display: block;
      }
      img {
        display: block;
        width: 100%;
        height: auto;
        background: var(--tc-line);
      }
      figcaption {
        padding: 0.4rem 0.6rem;
        color: var(--tc-muted);
        font-size: 0.9rem;
      }
      .empty {
        color: var(--tc-muted);
      }
      .actions {
        margin-top: 2rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.8rem;
        align-items: center;
        color: var(--tc-muted);
      }
      @media print {
        main {
          max-width: none;
          padding: 0;
        }
        .actions button {
          display: none;
        }
        .themes {
          grid-template-columns: 1fr;
        }
        .photos {
          grid-template-columns: repeat(2, 1fr);
        }
      }
    `,
  ];

  @property({ attribute: false }) harvest: PublicHarvest | null = null;
  /** Photos load as they come near the screen, except for paper, which needs them all. */
  @state() private eager = false;

  private readonly beforePrint = () => {
    this.eager = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.beforePrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.beforePrint);
  }

  /** The print button waits for every photo, so the paper has them all. */
  private async print(): Promise<void> {
    this.eager = true;
    await this.updateComplete;
    await Promise.all([...this.renderRoot.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
    window.print();
  }

  private dateOf(epochMs: number): string {
    return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long' }).format(new Date(epochMs));
  }

  override render() {
    const h = this.harvest;
    if (!h) return nothing;
    const nothingYet = h.themes.length === 0 && h.otherIdeas.length === 0 && h.insights.length === 0 && h.photos.length === 0;
    return html`<main>
      <p class="kicker">${msg('Harvest of the café', { id: 'harvest.kicker' })}</p>
      <h1>${h.title}</h1>
      <p class="date">${this.dateOf(h.date)}</p>
      ${h.questions.length > 0
        ? html`<section aria-labelledby="questions">
            <h2 id="questions">${msg('The questions', { id: 'harvest.questions' })}</h2>
            <ol class="questions">
              ${h.questions.map((q) => html`<li>${q.text}</li>`)}
            </ol>
          </section>`
        : nothing}
      ${h.themes.length > 0
        ? html`<section aria-labelledby="themes">
            <h2 id="themes">${msg('Themes', { id: 'harvest.themes' })}</h2>
            <div class="themes">${h.themes.map((t) => html`<tc-harvest-theme .theme=${t}></tc-harvest-theme>`)}</div>
          </section>`
        : nothing}
      ${h.otherIdeas.length > 0
        ? html`<section aria-labelledby="other">
            <h2 id="other">${h.themes.length > 0 ? msg('More ideas', { id: 'harvest.otherIdeas' }) : msg('Ideas', { id: 'harvest.ideas' })}</h2>
            <ul class="ideas">
              ${h.otherIdeas.map(ideaItem)}
            </ul>
          </section>`
        : nothing}
      ${h.insights.length > 0
        ? html`<section aria-labelledby="insights">
            <h2 id="insights">${msg('Key insights by table', { id: 'harvest.insights' })}</h2>
            ${[...byTable(h.insights)].map(
              ([table, insights]) => html`<h3 class="table">${table}</h3>
                <ul class="ideas">
                  ${insights.map((i) => html`<li><span class="text">${i.text}</span><span class="where">${msg(str`Round ${i.round + 1}`, { id: 'harvest.insight.round' })}</span></li>`)}
                </ul>`,
            )}
          </section>`
        : nothing}
      ${h.photos.length > 0
        ? html`<section aria-labelledby="photos">
            <h2 id="photos">${msg('The tablecloths', { id: 'harvest.photos' })}</h2>
            <div class="photos">
              ${h.photos.map((p) => {
                const caption = msg(str`${p.tableName}, round ${p.round + 1}`, { id: 'harvest.photo.caption' });
                const src = harvestPhotoUrl(h.joinCode, p.id);
                return html`<figure>
                  <a href=${src} target="_blank" rel="noopener"
                    ><img src=${src} width=${p.width} height=${p.height} loading=${this.eager ? 'eager' : 'lazy'} alt=${msg(str`Photo of the tablecloth: ${caption}`, { id: 'harvest.photo.alt' })}
                  /></a>
                  <figcaption>${caption}</figcaption>
                </figure>`;
              })}
            </div>
          </section>`
        : nothing}
      ${nothingYet ? html`<p class="empty">${msg('Nothing of this café has been shared yet.', { id: 'harvest.empty' })}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => void this.print()}>${msg('Print or save as PDF', { id: 'harvest.print' })}</button>
        <span>${msg('Names appear only where people agreed to show them.', { id: 'harvest.consentNote' })}</span>
      </div>
    </main>`;
  }
}

/** The insights of each table, in the order the page lists them (tables, then rounds). */
function byTable(insights: PublicHarvest['insights']): Map<string, PublicHarvest['insights']> {
  const tables = new Map<string, PublicHarvest['insights']>();
  for (const insight of insights) tables.set(insight.tableName, [...(tables.get(insight.tableName) ?? []), insight]);
  return tables;
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-harvest-view': TcHarvestView;
  }
}
