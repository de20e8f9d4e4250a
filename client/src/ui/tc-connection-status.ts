/** Connected / reconnecting / offline, as a small badge that never covers the page's content. */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConnectionStatus } from '../controllers/cafe-connection.js';
import { theme } from './theme.js';

@customElement('tc-connection-status')
@localized()
export class TcConnectionStatus extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        font-size: 0.9rem;
        font-weight: 600;
        padding: 0.25em 0.7em;
        border-radius: 999px;
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
      }
      .dot {
        width: 0.7em;
        height: 0.7em;
        border-radius: 50%;
        background: var(--tc-muted);
      }
      :host([status='connected']) .dot {
        background: var(--tc-ok);
      }
      :host([status='reconnecting']) .dot,
      :host([status='connecting']) .dot {
        background: var(--tc-warn);
      }
      :host([status='offline']) .dot,
      :host([status='refused']) .dot {
        background: var(--tc-danger);
      }
    `,
  ];

  @property({ reflect: true }) status: ConnectionStatus = 'connecting';

  override render() {
    const label = {
      connecting: msg('Connecting …', { id: 'connection.connecting' }),
      connected: msg('Connected', { id: 'connection.connected' }),
      reconnecting: msg('Reconnecting …', { id: 'connection.reconnecting' }),
      offline: msg('Offline', { id: 'connection.offline' }),
      refused: msg('Link not valid', { id: 'connection.refused' }),
    }[this.status];
    return html`<span class="dot" aria-hidden="true"></span><span role="status">${label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-connection-status': TcConnectionStatus;
  }
}
