/**
 * The public harvest page: loads the café's harvest by its code (no secret), speaks the café's
 * language unless the reader chose another, and says in words when there is nothing to show.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { PublicHarvest } from '../../../shared/harvest/public-harvest.js';
import { applyLocale } from '../i18n.js';
import { errorMessage } from '../ui/error-message.js';
import '../ui/tc-language-switch.js';
import { theme } from '../ui/theme.js';
import { fetchHarvest } from './harvest-api.js';
import './tc-harvest-view.js';

@customElement('tc-harvest-face')
@localized()
export class TcHarvestFace extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .message {
        max-width: 40rem;
        margin: 12vh auto 0;
        padding: 0 1rem;
        font-size: 1.15rem;
        line-height: 1.45;
      }
      .switch {
        display: flex;
        justify-content: flex-end;
        max-width: 60rem;
        margin: 0 auto;
        padding: 0.6rem 1rem 0;
      }
      a {
        color: var(--tc-accent);
      }
      @media print {
        .switch {
          display: none;
        }
      }
    `,
  ];

  /** The café's code from the address (`/h/CODE`), normalised. */
  @property() code = '';
  @state() private harvest: PublicHarvest | null = null;
  @state() private error: ErrorCode | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const result = await fetchHarvest(this.code);
    if (!result.ok) {
      // No café to take the language from: the browser's then.
      await applyLocale(navigator.language.slice(0, 2).toLowerCase());
      this.error = result.error.code;
      return;
    }
    await applyLocale(result.value.language);
    this.harvest = result.value;
    this.error = null;
    document.title = `${result.value.title} — Tablecloth`;
  }

  override render() {
    if (this.error) {
      const notYet = this.error === 'HARVEST_PAGE_UNAVAILABLE';
      return html`<main class="message" role="alert">
        <h1>${notYet ? msg('The harvest is not here yet', { id: 'harvest.unavailable.heading' }) : msg('No harvest to show', { id: 'harvest.error.heading' })}</h1>
        <p>
          ${notYet
            ? msg('This page shows what the café harvested once the harvest has begun, if the facilitator shares it. Try again later.', { id: 'harvest.unavailable' })
            : errorMessage(this.error)}
        </p>
        <p><a href="/">${msg('To the start page', { id: 'harvest.toStart' })}</a></p>
      </main>`;
    }
    if (!this.harvest) return html`<p class="message" role="status">${msg('Loading the harvest…', { id: 'harvest.loading' })}</p>`;
    return html`<div class="switch"><tc-language-switch></tc-language-switch></div>
      <tc-harvest-view .harvest=${this.harvest}></tc-harvest-view>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-harvest-face': TcHarvestFace;
  }
}
