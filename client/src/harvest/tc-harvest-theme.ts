/** One theme of the public harvest: its votes, its ideas, whose voices it carries (counts only) and where it continues. */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PublicTheme } from '../../../shared/harvest/public-harvest.js';
import { theme } from '../ui/theme.js';
import { ideaItem, ideaListStyles } from './idea-list.js';

/** Only web addresses become links (the exporter's URL, but a page should not trust it blindly). */
function webAddress(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

@customElement('tc-harvest-theme')
@localized()
export class TcHarvestTheme extends LitElement {
  static override styles = [
    theme,
    ideaListStyles,
    css`
      :host {
        display: block;
        break-inside: avoid;
      }
      article {
        height: 100%;
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.9rem 1rem;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      header {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.6rem;
      }
      h3 {
        margin: 0;
        font-size: 1.15rem;
        overflow-wrap: anywhere;
      }
      .votes {
        flex: none;
        padding: 0.1em 0.6em;
        border-radius: 999px;
        background: var(--tc-accent-soft);
        color: var(--tc-accent);
        font-weight: 600;
        white-space: nowrap;
      }
      .mix {
        margin: 0;
        font-size: 0.9rem;
        color: var(--tc-muted);
      }
      .continue {
        margin-top: auto;
        align-self: flex-start;
        color: var(--tc-accent);
        font-weight: 600;
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      @media print {
        .continue::after {
          content: ' (' attr(href) ')';
          font-weight: normal;
          overflow-wrap: anywhere;
        }
      }
    `,
  ];

  @property({ attribute: false }) theme: PublicTheme | null = null;

  private mix(t: PublicTheme) {
    const heard = t.stakeholderMix.contributed.map((c) => `${c.group} (${c.ideas})`).join(', ');
    const missing = t.stakeholderMix.missing.join(', ');
    return html`${heard ? html`<p class="mix">${msg(str`Voices: ${heard}`, { id: 'harvest.mix.heard' })}</p>` : nothing}
    ${missing ? html`<p class="mix">${msg(str`No ideas from: ${missing}`, { id: 'harvest.mix.missing' })}</p>` : nothing}`;
  }

  override render() {
    const t = this.theme;
    if (!t) return nothing;
    const url = webAddress(t.threadUrl);
    return html`<article>
      <header>
        <h3>${t.name}</h3>
        ${t.votes === null
          ? nothing
          : html`<span class="votes">${t.votes === 1 ? msg('1 dot', { id: 'harvest.votes.one' }) : msg(str`${t.votes} dots`, { id: 'harvest.votes' })}</span>`}
      </header>
      <ul class="ideas">
        ${t.ideas.map(ideaItem)}
      </ul>
      ${this.mix(t)}
      ${url ? html`<a class="continue" href=${url} rel="noopener noreferrer">${msg('Continue the conversation →', { id: 'harvest.continue' })}</a>` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-harvest-theme': TcHarvestTheme;
  }
}
