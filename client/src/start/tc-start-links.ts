/**
 * What a facilitator gets when the café is created: the link to the console (the key to the
 * café: bookmark it, share it with nobody), the wall for the projector, the QR sheet to print,
 * and the code participants type. Fires `new-cafe` to create another one.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { copyText } from '../lib/copy-text.js';
import { theme } from '../ui/theme.js';

/** The parts of the answer of POST /api/cafes this view shows. */
export interface CreatedCafe {
  title: string;
  facilitator: string;
  wall: string | null;
  joinCode: string;
  join: string;
}

/** The QR sheet opens with the facilitator's secret: `/qr#<secret>`. */
export function qrSheetLink(facilitator: string): string {
  const url = new URL(facilitator);
  return `${url.origin}/qr${url.hash}`;
}

@customElement('tc-start-links')
@localized()
export class TcStartLinks extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 1rem;
        overflow-wrap: anywhere;
      }
      .console {
        display: flex;
        align-items: center;
        justify-content: center;
        min-height: 56px;
        padding: 0.6rem 1.2rem;
        border-radius: var(--tc-radius);
        background: var(--tc-accent);
        color: var(--tc-accent-ink);
        font-size: 1.25rem;
        font-weight: 700;
        text-decoration: none;
      }
      .warning {
        border-inline-start: 4px solid var(--tc-danger);
        background: var(--tc-danger-soft);
        padding: 0.6rem 0.9rem;
        margin: 0.8rem 0 1.2rem;
        border-radius: 0 8px 8px 0;
      }
      .warning p {
        margin: 0.2rem 0;
      }
      dl {
        display: grid;
        gap: 0.2rem;
        margin: 0;
      }
      dt {
        font-weight: 700;
        margin-top: 0.9rem;
      }
      dd {
        margin: 0;
      }
      .copy {
        display: flex;
        gap: 0.4rem;
      }
      .copy input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, monospace;
        font-size: 0.9rem;
      }
      a {
        color: var(--tc-accent);
        font-weight: 600;
      }
      .code {
        font-family: ui-monospace, monospace;
        font-size: 2rem;
        font-weight: 700;
        letter-spacing: 0.15em;
      }
      .again {
        margin-top: 1.5rem;
      }
    `,
  ];

  @property({ attribute: false }) cafe: CreatedCafe | null = null;
  @state() private copied: string | null = null;

  override render() {
    const c = this.cafe;
    if (!c) return nothing;
    const qr = qrSheetLink(c.facilitator);
    return html`<h2 tabindex="-1">${msg(str`“${c.title}” is ready`, { id: 'start.links.ready' })}</h2>
      <a class="console" href=${c.facilitator}>${msg('Open your console', { id: 'start.links.console' })}</a>
      <div class="warning" role="note">
        <p><strong>${msg('This link is the key to your café.', { id: 'start.links.keyTitle' })}</strong></p>
        <p>
          ${msg('Whoever has it can run the café. Bookmark it and do not share it. This device remembers it under “Your cafés on this device”.', {
            id: 'start.links.keyBody',
          })}
        </p>
        ${this.copyField('facilitator', msg('Your console link', { id: 'start.links.consoleLink' }), c.facilitator)}
      </div>
      <dl>
        ${c.wall
          ? html`<dt>${msg('For the projector', { id: 'start.links.wallTitle' })}</dt>
              <dd><a href=${c.wall} target="_blank" rel="noopener">${msg('Open the live wall', { id: 'start.links.wall' })}</a></dd>`
          : nothing}
        <dt>${msg('To print', { id: 'start.links.printTitle' })}</dt>
        <dd><a href=${qr} target="_blank" rel="noopener">${msg('Open the QR codes for every table', { id: 'start.links.qr' })}</a></dd>
        <dd>${msg('This link opens your console too: print the sheet yourself rather than send the link.', { id: 'start.links.qrWarning' })}</dd>
        <dt>${msg('Participants join with the code', { id: 'start.links.codeTitle' })}</dt>
        <dd><span class="code">${c.joinCode}</span></dd>
        <dd>${msg('on this start page, or by scanning their table’s QR code.', { id: 'start.links.codeHint' })}</dd>
      </dl>
      <button class="again" @click=${() => this.dispatchEvent(new CustomEvent('new-cafe', { bubbles: true, composed: true }))}>
        ${msg('Create another café', { id: 'start.links.again' })}
      </button>`;
  }

  private copyField(key: string, label: string, value: string) {
    return html`<label for="copy-${key}" class="visually-hidden">${label}</label>
      <div class="copy">
        <input id="copy-${key}" readonly .value=${value} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" @click=${() => void this.copy(key, value)}>
          ${this.copied === key ? msg('Copied', { id: 'start.links.copied' }) : msg('Copy', { id: 'start.links.copy' })}
        </button>
      </div>`;
  }

  private async copy(key: string, value: string): Promise<void> {
    if (await copyText(value)) this.copied = key;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-links': TcStartLinks;
  }
}
