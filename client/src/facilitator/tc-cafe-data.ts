/**
 * The café's data on the console: its archive to download (to move the café to a hosted server,
 * docs/deploy.md "The morning after"), and deleting the café with everything in it, confirmed by
 * typing its join code, so neither a slip of the finger nor a stray request can do it.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { apiRequest } from '../lib/api-request.js';
import { downloadFile } from '../lib/download-file.js';
import { normalizeJoinCode } from '../lib/join-code.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { cafePath } from './export-jobs.js';

@customElement('tc-cafe-data')
@localized()
export class TcCafeData extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .delete {
        margin-top: 1rem;
        border: 1px solid var(--tc-danger);
        border-radius: 0.5rem;
        padding: 0.75rem;
      }
      .delete summary {
        color: var(--tc-danger);
        font-weight: 600;
        cursor: pointer;
      }
      label {
        display: block;
        margin: 0.75rem 0 0.3rem;
      }
      input {
        max-width: 12rem;
        font-family: inherit;
        letter-spacing: 0.1em;
        text-transform: uppercase;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .error {
        color: var(--tc-danger);
      }
      .gone {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** The server's address and the facilitator's secret (as for the export screen). */
  @property() server = '';
  @property() secret = '';

  @state() private typed = '';
  @state() private busy = false;
  @state() private error: ErrorCode | null = null;
  @state() private deleted = false;

  private path(rest: string): string {
    return cafePath(this.server, this.state?.id ?? '', rest);
  }

  private async downloadArchive(): Promise<void> {
    const s = this.state;
    if (!s) return;
    const ok = await downloadFile(this.path('/archive'), this.secret, `tablecloth-${s.joinCode}.ndjson.gz`);
    this.error = ok ? null : 'STORE_UNAVAILABLE';
  }

  private async deleteCafe(event: Event): Promise<void> {
    event.preventDefault();
    const s = this.state;
    if (!s || normalizeJoinCode(this.typed) !== s.joinCode) return;
    this.busy = true;
    const result = await apiRequest('DELETE', this.path(''), { secret: this.secret, body: { joinCode: normalizeJoinCode(this.typed) } });
    this.busy = false;
    this.error = result.ok ? null : result.error.code;
    this.deleted = result.ok;
    // The console around this panel shows nothing of the café any more.
    if (result.ok) this.dispatchEvent(new CustomEvent('cafe-deleted', { bubbles: true, composed: true }));
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    if (this.deleted) {
      return html`<p class="gone" role="status">${msg('This café has been deleted. Nothing of it is left on this server.', { id: 'facilitator.data.gone' })}</p>`;
    }
    const matches = normalizeJoinCode(this.typed) === s.joinCode;
    return html`
      <p>${msg('One file with everything of this café, to run its harvest page and export on a hosted server while this laptop is off.', { id: 'facilitator.data.archiveHint' })}</p>
      <button class="archive" @click=${() => void this.downloadArchive()}>${msg('Download the archive', { id: 'facilitator.data.archive' })}</button>
      <details class="delete">
        <summary>${msg('Delete this café', { id: 'facilitator.data.delete' })}</summary>
        <p>
          ${msg('Deletes the café and everything in it from this server: ideas, names, photos, the harvest, exports and e-mail addresses. Every device still connected is told and let go. This cannot be undone: download the archive first if you still need it.', { id: 'facilitator.data.deleteHint' })}
        </p>
        <form @submit=${(e: Event) => void this.deleteCafe(e)}>
          <label for="confirm-code">${msg(str`To confirm, type the join code ${s.joinCode}`, { id: 'facilitator.data.confirmLabel' })}</label>
          <div class="row">
            <input id="confirm-code" autocomplete="off" spellcheck="false" .value=${this.typed} @input=${(e: InputEvent) => (this.typed = (e.target as HTMLInputElement).value)} />
            <button class="danger" type="submit" ?disabled=${!matches || this.busy}>${msg('Delete this café for good', { id: 'facilitator.data.deleteNow' })}</button>
          </div>
        </form>
      </details>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-cafe-data': TcCafeData;
  }
  interface HTMLElementEventMap {
    'cafe-deleted': CustomEvent<void>;
  }
}
