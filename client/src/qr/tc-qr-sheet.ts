/**
 * The QR sheet's page: the facilitator's secret opens the connection (which tells the café's id
 * and title), then the links come from the HTTP API. They are fetched again when a table is
 * added, renamed, closed or given a new host link, so a sheet left open stays right.
 */
import { localized } from '@lit/localize';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import { CafeConnection } from '../controllers/cafe-connection.js';
import { applyLocale } from '../i18n.js';
import { errorMessage } from '../ui/error-message.js';
import { apiRequest } from '../lib/api-request.js';
import type { CafeLinks } from './cafe-links.js';
import './tc-qr-sheet-view.js';

/** What the printed links depend on: the tables and the current host and wall links. */
function linksKey(s: CafeState): string {
  const printed = Object.values(s.links)
    .filter((l) => (l.role === 'host' || l.role === 'wall') && !l.revoked)
    .map((l) => l.id)
    .sort();
  return JSON.stringify([s.tables, printed]);
}

@customElement('tc-qr-sheet')
@localized()
export class TcQrSheet extends LitElement {
  @property() secret = '';
  /** The server's address; the page's own origin by default. */
  @property() server = '';
  @state() private links: CafeLinks | null = null;
  @state() private problem: string | null = null;
  private connection: CafeConnection | null = null;
  private fetchedFor: string | null = null;
  private language: string | null = null;

  override connectedCallback(): void {
    this.connection ??= new CafeConnection(this, this.server ? { secret: this.secret, url: this.server } : { secret: this.secret });
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection?.close();
  }

  override willUpdate(): void {
    const c = this.connection;
    const s = c?.state;
    if (c?.refusal && !s) this.problem = errorMessage(c.refusal.code);
    if (!s) return;
    if (s.language !== this.language) {
      this.language = s.language;
      void applyLocale(s.language);
    }
    document.title = `${s.title} · QR`;
    const key = linksKey(s);
    if (key !== this.fetchedFor) {
      this.fetchedFor = key;
      void this.load(s.id);
    }
  }

  private async load(cafeId: string): Promise<void> {
    const result = await apiRequest<CafeLinks>('GET', `${this.server}/api/cafes/${encodeURIComponent(cafeId)}/links`, { secret: this.secret });
    if (result.ok) {
      this.links = result.value;
      this.problem = null;
    } else {
      this.problem = errorMessage(result.error.code);
      this.fetchedFor = null; // the next change of state tries again
    }
  }

  override render() {
    return html`<tc-qr-sheet-view .cafeTitle=${this.connection?.state?.title ?? ''} .links=${this.links} .problem=${this.problem}></tc-qr-sheet-view>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-qr-sheet': TcQrSheet;
  }
}
