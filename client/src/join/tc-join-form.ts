/**
 * The short form a phone shows after scanning a QR code: who you are (all optional), what may
 * happen with your ideas, and your table — preselected from the QR code's `?t=`, else picked
 * here or later. Renders only from properties and fires `join-cafe`; the face does the request.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { phoneErrorMessage as errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import type { CafeIntro, JoinChoices } from './join-api.js';
import { noChoices, profileFields, profileFieldStyles, type ProfileChoices } from './profile-fields.js';

export type JoinCafeEvent = CustomEvent<JoinChoices>;

@customElement('tc-join-form')
@localized()
export class TcJoinForm extends LitElement {
  static override styles = [
    theme,
    profileFieldStyles,
    css`
      :host {
        display: block;
      }
      h1 {
        font-size: 1.6rem;
        margin: 0 0 0.3rem;
        overflow-wrap: anywhere;
      }
      .lead {
        margin: 0 0 1.5rem;
      }
      select {
        width: 100%;
      }
      .table-name {
        font-size: 1.3rem;
        font-weight: 700;
        margin: 0;
      }
      .error {
        color: var(--tc-danger);
        background: var(--tc-danger-soft);
        border-radius: 8px;
        padding: 0.6rem 0.8rem;
        font-weight: 600;
      }
      button[type='submit'] {
        width: 100%;
        min-height: 56px;
        font-size: 1.2rem;
        font-weight: 700;
        margin-top: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) intro: CafeIntro | null = null;
  /** The table from the QR code (`?t=`), preselected. */
  @property({ attribute: 'table-id' }) tableId: string | null = null;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorCode | null = null;

  @state() private choices: ProfileChoices = noChoices();
  @state() private table = '';

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tableId') || changed.has('intro')) this.table = this.tableId !== null && this.findTable(this.tableId) ? this.tableId : '';
  }

  private findTable(id: string) {
    return this.intro?.tables.find((t) => t.id === id);
  }

  override render() {
    const intro = this.intro;
    if (!intro) return nothing;
    if (intro.phase === 'closed')
      return html`<h1>${intro.title}</h1>
        <p class="error" role="alert">${msg('This café is closed: joining is no longer possible. Thank you for your interest!', { id: 'join.form.closed' })}</p>`;
    const fromQr = this.tableId !== null ? this.findTable(this.tableId) : undefined;
    return html`<form @submit=${this.submit} novalidate>
      <h1>${intro.title}</h1>
      <p class="lead">${msg('Join this café from your phone. No account, no email: just a few choices.', { id: 'join.lead' })}</p>
      ${profileFields(intro.stakeholderGroups, this.choices, (next) => (this.choices = next(this.choices)))}
      <div class="field">
        ${fromQr ? html`<p class="table-name">${msg(str`You are at ${fromQr.name}`, { id: 'join.atTable' })}</p>` : nothing}
        <label for="table">${fromQr ? msg('Not right? Pick your table', { id: 'join.table.change' }) : msg('Your table', { id: 'join.table.label' })}</label>
        <select id="table" .value=${this.table} @change=${(e: Event) => (this.table = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.table === ''}>${msg('I will choose later', { id: 'join.table.later' })}</option>
          ${intro.tables
            .filter((t) => t.enabled)
            .map((t) => html`<option value=${t.id} ?selected=${t.id === this.table}>${t.name}</option>`)}
        </select>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy}>
        ${this.busy ? msg('Joining …', { id: 'join.joining' }) : msg('Join the café', { id: 'join.submit' })}
      </button>
    </form>`;
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const name = this.choices.displayName.trim();
    const detail: JoinChoices = {
      displayName: name === '' ? null : name,
      group: this.choices.group,
      consent: { ...this.choices.consent },
      tableId: this.table === '' ? null : this.table,
    };
    this.dispatchEvent(new CustomEvent('join-cafe', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-form': TcJoinForm;
  }
}
