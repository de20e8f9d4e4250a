/**
 * The invitations to the community on the console (H16): how many phones left an address, the
 * list as CSV for the community manager, and one address removed when its person asks. The
 * addresses come over HTTP with the facilitator's secret, never over the socket or into the log.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { apiRequest } from '../lib/api-request.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { cafePath } from './export-jobs.js';

/** One address as GET /api/cafes/:id/invitations lists it. */
export interface ListedInvitation {
  participantId: string;
  email: string;
  displayName: string | null;
  group: string | null;
  consentAge: number;
  consentedAt: number;
}

@customElement('tc-invitations')
@localized()
export class TcInvitations extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.15rem;
      }
      .count {
        margin: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        margin-top: 0.75rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.35rem 0.5rem;
        border-bottom: 1px solid var(--tc-line);
        overflow-wrap: anywhere;
      }
      td:last-child {
        width: 1%;
        white-space: nowrap;
        overflow-wrap: normal;
      }
      .error {
        color: var(--tc-danger);
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** The server's address and the facilitator's secret (as for the export screen). */
  @property() server = '';
  @property() secret = '';

  @state() private list: ListedInvitation[] | null = null;
  @state() private error: ErrorCode | null = null;
  /** The participant whose address waits for a second click to be removed. */
  @state() private confirming: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private path(rest: string): string {
    return cafePath(this.server, this.state?.id ?? '', rest);
  }

  async load(): Promise<void> {
    const result = await apiRequest<{ invitations: ListedInvitation[] }>('GET', this.path('/invitations'), { secret: this.secret });
    this.error = result.ok ? null : result.error.code;
    if (result.ok) this.list = result.value.invitations;
  }

  private async removeInvitation(participantId: string): Promise<void> {
    const result = await apiRequest('DELETE', this.path(`/invitations/${encodeURIComponent(participantId)}`), { secret: this.secret });
    this.confirming = null;
    this.error = result.ok ? null : result.error.code;
    await this.load();
  }

  /** The CSV needs the secret in a header, so it is fetched and handed to the browser as a file. */
  private async download(): Promise<void> {
    try {
      const response = await fetch(this.path('/invitations.csv'), { headers: { authorization: `Bearer ${this.secret}` } });
      if (!response.ok) throw new Error(String(response.status));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = `invitations-${this.state?.joinCode ?? 'cafe'}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.error = null;
    } catch {
      this.error = 'STORE_UNAVAILABLE';
    }
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const list = this.list;
    return html`
      <h2>${msg('Invitations to the community', { id: 'facilitator.invitations' })}</h2>
      ${s.invitations ? nothing : html`<p>${msg('Phones cannot leave an address now: invitations are off in the settings.', { id: 'facilitator.invitations.off' })}</p>`}
      <div class="actions">
        <p class="count" role="status">
          ${list === null ? msg('Loading …', { id: 'facilitator.invitations.loading' }) : msg(str`E-mail addresses: ${list.length}`, { id: 'facilitator.invitations.count' })}
        </p>
        <button class="primary download" ?disabled=${!list?.length} @click=${() => void this.download()}>${msg('Download CSV', { id: 'facilitator.invitations.download' })}</button>
        <button class="refresh" @click=${() => void this.load()}>${msg('Refresh', { id: 'facilitator.invitations.refresh' })}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${list?.length
        ? html`<details>
            <summary>${msg('Remove an address on its person’s request', { id: 'facilitator.invitations.removeOpen' })}</summary>
            <table>
              <thead>
                <tr>
                  <th>${msg('E-mail', { id: 'facilitator.invitations.email' })}</th>
                  <th>${msg('Name', { id: 'facilitator.invitations.name' })}</th>
                  <th><span class="visually-hidden">${msg('Remove', { id: 'facilitator.invitations.remove' })}</span></th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (i) => html`<tr>
                    <td>${i.email}</td>
                    <td>${i.displayName ?? ''}</td>
                    <td>
                      ${this.confirming === i.participantId
                        ? html`<button class="danger" @click=${() => void this.removeInvitation(i.participantId)}>
                            ${msg(str`Remove ${i.email} now`, { id: 'facilitator.invitations.confirm' })}
                          </button>`
                        : html`<button @click=${() => (this.confirming = i.participantId)} aria-label=${msg(str`Remove ${i.email}`, { id: 'facilitator.invitations.removeOne' })}>
                            ${msg('Remove', { id: 'facilitator.invitations.remove' })}
                          </button>`}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </details>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-invitations': TcInvitations;
  }
}
