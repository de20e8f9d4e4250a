/**
 * "Your cafés on this device": reopen a console without digging for the bookmark. Forgetting a
 * café here asks once more, because without its link nobody can open the console again.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getLocale } from '../i18n.js';
import { theme } from '../ui/theme.js';
import type { MyCafe } from './my-cafes.js';

export type ForgetCafeEvent = CustomEvent<{ cafeId: string }>;

@customElement('tc-start-cafes')
@localized()
export class TcStartCafes extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 0.8rem;
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        background: var(--tc-card);
      }
      .what {
        flex: 1 1 10rem;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .when {
        display: block;
        color: var(--tc-muted);
        font-size: 0.9rem;
      }
      a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        color: var(--tc-accent);
        font-weight: 700;
      }
      .confirm {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) cafes: MyCafe[] = [];
  @state() private confirming: string | null = null;

  override render() {
    if (this.cafes.length === 0) return nothing;
    const date = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' });
    return html`<ul>
      ${this.cafes.map(
        (c) => html`<li>
          <span class="what"
            ><strong>${c.title}</strong>
            <span class="when">${msg(str`created ${date.format(c.createdAt)} · code ${c.joinCode}`, { id: 'start.cafes.created' })}</span></span
          >
          <a href=${c.facilitator} aria-label=${msg(str`Open console: ${c.title}`, { id: 'start.cafes.openLabel' })}>${msg('Open console', { id: 'start.cafes.open' })}</a>
          ${this.confirming === c.cafeId
            ? html`<p class="confirm" role="alert">${msg('Forget it on this device? Without the link, nobody can open its console again.', { id: 'start.cafes.confirm' })}</p>
                <button class="danger" @click=${() => this.forget(c.cafeId)}>${msg('Forget', { id: 'start.cafes.forgetConfirm' })}</button>
                <button @click=${() => (this.confirming = null)}>${msg('Keep', { id: 'start.cafes.keep' })}</button>`
            : html`<button @click=${() => (this.confirming = c.cafeId)} aria-label=${msg(str`Forget: ${c.title}`, { id: 'start.cafes.forgetLabel' })}>
                ${msg('Forget', { id: 'start.cafes.forget' })}
              </button>`}
        </li>`,
      )}
    </ul>`;
  }

  private forget(cafeId: string): void {
    this.confirming = null;
    this.dispatchEvent(new CustomEvent('forget-cafe', { detail: { cafeId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-cafes': TcStartCafes;
  }
}
