/**
 * The facilitator's page: owns the connection (from the link's secret), the countdown and the
 * presence of devices, passes them to the view, and sends what the view asks for. Refusals are
 * shown in the person's language; a new host link is asked for over HTTP (it needs the secret).
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { CafeConnection } from '../controllers/cafe-connection.js';
import { CountdownController } from '../controllers/countdown.js';
import { PresenceController } from '../controllers/presence.js';
import { applyLocale } from '../i18n.js';
import { apiRequest } from '../lib/api-request.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import type { IssuedLink } from './tc-table-panel.js';
import './tc-facilitator-view.js';

/** A refusal stays on screen this long, unless the next action succeeds first. */
const NOTICE_MS = 10_000;
/** "Last idea 3 min ago" moves on even when nothing else re-renders the page. */
const ACTIVITY_REFRESH_MS = 20_000;

@customElement('tc-facilitator-face')
@localized()
export class TcFacilitatorFace extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .refused {
        max-width: 36rem;
        margin: 15vh auto;
        padding: 0 1.5rem;
      }
    `,
  ];

  /** The facilitator link's secret (from the URL fragment). */
  @property() secret = '';
  /** The server's address; the page's own origin by default. */
  @property() server = '';
  @state() private notice: string | null = null;
  @state() private issuedLink: IssuedLink | null = null;
  /** Deleted from this console; other consoles learn it from the server's CAFE_DELETED. */
  @state() private deleted = false;

  private connection: CafeConnection | null = null;
  private countdown: CountdownController | null = null;
  private presence: PresenceController | null = null;
  private language: string | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private refresh: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    if (!this.connection) {
      // Created before the host connects its controllers, in this order: the presence reads the connection's socket.
      this.connection = new CafeConnection(this, this.server ? { secret: this.secret, url: this.server } : { secret: this.secret });
      this.countdown = new CountdownController(this, this.connection);
      this.presence = new PresenceController(this, this.connection);
    }
    super.connectedCallback();
    this.refresh = setInterval(() => this.requestUpdate(), ACTIVITY_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.refresh) clearInterval(this.refresh);
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.connection?.close();
  }

  override willUpdate(): void {
    const s = this.connection?.state;
    if (s && s.language !== this.language) {
      this.language = s.language;
      void applyLocale(s.language);
    }
    if (s && !document.title.startsWith(s.title)) document.title = `${s.title} · Tablecloth`;
  }

  private show(code: ErrorCode | null): void {
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.notice = code === null ? null : errorMessage(code);
    if (code !== null) this.noticeTimer = setTimeout(() => (this.notice = null), NOTICE_MS);
  }

  private async send(op: ClientCommand): Promise<void> {
    if (!this.connection) return;
    const ack = await this.connection.send(op);
    this.show(ack.ok ? null : ack.error.code);
  }

  private async reissue(tableId: string): Promise<void> {
    const cafeId = this.connection?.state?.id;
    if (!cafeId) return;
    const result = await apiRequest<{ url: string }>('POST', `${this.server}/api/cafes/${encodeURIComponent(cafeId)}/links`, {
      secret: this.secret,
      body: { role: 'host', tableId },
    });
    if (result.ok) this.issuedLink = { tableId, url: result.value.url };
    this.show(result.ok ? null : result.error.code);
  }

  private api: { server: string; secret: string } | null = null;

  /** The same object while server and secret stay, so the view is not redrawn for it. */
  private exportApi(): { server: string; secret: string } {
    if (this.api?.server !== this.server || this.api.secret !== this.secret) this.api = { server: this.server, secret: this.secret };
    return this.api;
  }

  override render() {
    const c = this.connection;
    if (!c) return html``;
    if (this.deleted || c.refusal?.code === 'CAFE_DELETED') {
      // Nothing of the café is left to act on: a harvest still on screen would invite clicks that can only fail.
      return html`<main class="refused">
        <h1>${msg('This café has been deleted', { id: 'facilitator.deleted' })}</h1>
        <p role="status">${msg('Nothing of it is left on this server: ideas, names, photos, the harvest and exports are gone. You can close this page.', { id: 'facilitator.deletedHint' })}</p>
      </main>`;
    }
    if (c.status === 'refused' && c.refusal && !c.state) {
      return html`<main class="refused">
        <h1>${msg('This console cannot open', { id: 'facilitator.refused' })}</h1>
        <p role="alert">${errorMessage(c.refusal.code)}</p>
      </main>`;
    }
    return html`<tc-facilitator-view
      .state=${c.state}
      .status=${c.status}
      .msLeft=${this.countdown?.msLeft ?? null}
      .now=${c.serverNow()}
      .presence=${this.presence?.presence ?? null}
      .notice=${this.notice ?? (c.refusal ? errorMessage(c.refusal.code) : null)}
      .issuedLink=${this.issuedLink}
      .qrHref=${`${this.server}/qr#${this.secret}`}
      .exportApi=${this.exportApi()}
      @facilitator-op=${(e: CustomEvent<ClientCommand>) => void this.send(e.detail)}
      @reissue-host-link=${(e: CustomEvent<{ tableId: string }>) => void this.reissue(e.detail.tableId)}
      @cafe-deleted=${() => {
        this.deleted = true;
        this.connection?.close();
      }}
    ></tc-facilitator-view>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-facilitator-face': TcFacilitatorFace;
  }
}
