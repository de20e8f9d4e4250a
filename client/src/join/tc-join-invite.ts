/**
 * "Invite me to the community" on the phone (H16): an e-mail address with an explicit consent and
 * the confirmation of the café's consent age, sent over HTTP with the phone's own secret; then the
 * address it will be invited at, and a way to withdraw it (the server deletes it).
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { apiRequest } from '../lib/api-request.js';
import { phoneErrorMessage as errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { profileFieldStyles } from './profile-fields.js';

@customElement('tc-join-invite')
@localized()
export class TcJoinInvite extends LitElement {
  static override styles = [theme, profileFieldStyles, css`#e{width:100%}.error{color:var(--tc-danger)}`];

  @property() cafeId = '';
  @property() secret = '';
  @property() cafe = '';
  @property({ attribute: false }) age = 16;

  /** The address the phone left; undefined until the server said. */
  @state() private email: string | null | undefined;
  @state() private error: ErrorCode | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.call('GET');
  }

  private async call(method: 'GET' | 'PUT' | 'DELETE', body?: unknown): Promise<void> {
    const r = await apiRequest<{ invitation: { email: string } | null } | null>(method, `/api/cafes/${this.cafeId}/invitation`, { secret: this.secret, body });
    this.error = r.ok ? null : r.error.code;
    if (r.ok) this.email = r.value?.invitation?.email ?? null;
  }

  override render() {
    const error = this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : '';
    if (this.email)
      return html`<p role="status">${msg(str`You will be invited at ${this.email}.`, { id: 'join.invite.done' })}</p>
        ${error}<button @click=${() => void this.call('DELETE')}>${msg('Withdraw', { id: 'join.invite.withdraw' })}</button>`;
    return html`<form
      @submit=${(e: Event) => {
        e.preventDefault();
        const [email, consent, age] = this.renderRoot.querySelectorAll('input');
        void this.call('PUT', { email: email!.value, consent: consent!.checked, ageConfirmed: age!.checked });
      }}
    >
      <div class="field">
        <label for="e">${msg('Your e-mail address', { id: 'join.invite.email' })}</label>
        <input id="e" type="email" autocomplete="email" required />
      </div>
      <label class="check"><input type="checkbox" required /><span>${msg(str`Invite me to the community of “${this.cafe}”. Tablecloth gives this address to the organisers for this purpose only.`, { id: 'join.invite.consent' })}</span></label>
      <label class="check"><input type="checkbox" required /><span>${msg(str`I am ${this.age} or older.`, { id: 'join.invite.age' })}</span></label>
      ${error}<button class="primary">${msg('Send', { id: 'join.invite.send' })}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-invite': TcJoinInvite;
  }
}
