/**
 * Joining a café by typing its participant code: 6 characters, case and spaces do not matter.
 * Fires `join-code` with the normalised code; the face checks it with the server and goes there.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { looksLikeJoinCode, normalizeJoinCode } from '../lib/join-code.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';

export type JoinCodeEvent = CustomEvent<{ code: string }>;

@customElement('tc-start-join')
@localized()
export class TcStartJoin extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-weight: 600;
        margin-bottom: 0.3rem;
      }
      .row {
        display: flex;
        gap: 0.5rem;
      }
      input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, monospace;
        font-size: 1.3rem;
        letter-spacing: 0.1em;
        text-transform: uppercase;
      }
      button {
        font-weight: 700;
      }
      .hint {
        margin: 0.3rem 0 0;
        color: var(--tc-muted);
        font-size: 0.95rem;
      }
      .problem {
        margin: 0.4rem 0 0;
        color: var(--tc-danger);
        font-weight: 600;
      }
    `,
  ];

  @property({ type: Boolean }) busy = false;
  /** The server's answer to the last code (e.g. CAFE_NOT_FOUND). */
  @property({ attribute: false }) error: ErrorCode | null = null;
  @state() private code = '';
  @state() private malformed = false;

  override render() {
    const problem = this.malformed ? msg('A café code has 6 letters and digits.', { id: 'start.join.malformed' }) : this.error ? errorMessage(this.error) : null;
    return html`<form @submit=${this.submit} novalidate>
      <label for="code">${msg('Café code', { id: 'start.join.label' })}</label>
      <div class="row">
        <input
          id="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="16"
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? 'code-hint code-problem' : 'code-hint'}
          .value=${this.code}
          @input=${(e: Event) => {
            this.code = (e.target as HTMLInputElement).value;
            this.malformed = false;
          }}
        />
        <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Join', { id: 'start.join.submit' })}</button>
      </div>
      <p class="hint" id="code-hint">${msg('The code is shown on the wall and on your table.', { id: 'start.join.hint' })}</p>
      ${problem ? html`<p class="problem" id="code-problem" role="alert">${problem}</p>` : nothing}
    </form>`;
  }

  private submit(e: Event): void {
    e.preventDefault();
    const code = normalizeJoinCode(this.code);
    this.malformed = !looksLikeJoinCode(code);
    if (this.malformed || this.busy) return;
    this.dispatchEvent(new CustomEvent('join-code', { detail: { code }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-join': TcStartJoin;
  }
}
