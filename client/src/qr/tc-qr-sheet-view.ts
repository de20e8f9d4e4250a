/**
 * The QR sheet, ready to print on A4: a card to join the café, a card per wall link, and one card
 * per open table. A table card is cut in two along the dashed line: the upper half (the host's
 * link) goes to the table host only, the lower half (joining this table) stays on the table.
 * In print, the instructions and buttons disappear and no card breaks across pages.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import '../ui/tc-qr.js';
import type { CafeLinks, TableLinks } from './cafe-links.js';

@customElement('tc-qr-sheet-view')
@localized()
export class TcQrSheetView extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 1.5rem;
      }
      .controls {
        max-width: 60rem;
        margin: 0 auto 1.5rem;
      }
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.6rem;
      }
      .controls p {
        margin: 0 0 1rem;
        line-height: 1.45;
      }
      .sheet {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        justify-content: center;
      }
      .card {
        width: 19rem;
        background: #ffffff;
        border: 1px solid var(--tc-ink);
        border-radius: 4px;
        padding: 1rem;
        text-align: center;
        break-inside: avoid;
        page-break-inside: avoid;
      }
      h2 {
        margin: 0 0 0.3rem;
        font-size: 1.4rem;
        overflow-wrap: anywhere;
      }
      .name {
        margin: 0 0 0.3rem;
        font-size: 1.1rem;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .role {
        margin: 0 0 0.5rem;
        font-weight: 700;
      }
      .private {
        color: var(--tc-danger);
      }
      .cut {
        margin: 0.9rem -1rem;
        border: 0;
        border-top: 2px dashed var(--tc-ink);
      }
      .url {
        font-size: 0.8rem;
        overflow-wrap: anywhere;
        margin: 0.4rem 0 0;
      }
      .code {
        margin: 0.3rem 0 0;
        font-size: 1.9rem;
        font-weight: 800;
        letter-spacing: 0.15em;
        font-variant-numeric: tabular-nums;
      }
      .join .code {
        font-size: 3.2rem;
      }
      tc-qr {
        --tc-qr-size: 9rem;
      }
      .host tc-qr {
        --tc-qr-size: 7.5rem;
      }
      .join tc-qr {
        --tc-qr-size: 13rem;
      }
      .hint {
        margin: 0.3rem 0 0;
        font-size: 0.9rem;
      }
      @media print {
        :host {
          padding: 0;
        }
        .controls,
        button {
          display: none;
        }
        .sheet {
          display: block;
        }
        /* Two table cards to an A4 page; the card never breaks across a page. */
        .card {
          width: auto;
          height: 134mm;
          margin: 0 0 3mm;
          border-radius: 0;
          overflow: hidden;
        }
        .table tc-qr {
          --tc-qr-size: 50mm;
        }
        .table .host tc-qr {
          --tc-qr-size: 38mm;
        }
        .join tc-qr,
        .wall tc-qr {
          --tc-qr-size: 80mm;
        }
      }
    `,
  ];

  @property() cafeTitle = '';
  @property({ attribute: false }) links: CafeLinks | null = null;
  /** Why the links could not be loaded, in words. */
  @property() problem: string | null = null;

  /** Where a phone without a camera types the code: the start page of the same server. */
  private startPage(links: CafeLinks): string {
    try {
      return new URL(links.join).host;
    } catch {
      return links.join;
    }
  }

  private renderTable(t: TableLinks, links: CafeLinks) {
    const joinTable = msg(str`Join ${t.name}`, { id: 'qr.table.join' });
    return html`<article class="card table" aria-labelledby="t-${t.tableId}">
      <div class="host">
        <p class="name">${t.name}</p>
        <p class="role private">${msg('Table host — keep this private', { id: 'qr.host.label' })}</p>
        ${t.host
          ? html`<tc-qr .value=${t.host} label=${msg(str`Table host link for ${t.name} — keep this private`, { id: 'qr.host.qr' })}></tc-qr>`
          : html`<p>${msg('This table has no host link.', { id: 'qr.host.none' })}</p>`}
      </div>
      <hr class="cut" />
      <div class="guest">
        <h2 id="t-${t.tableId}">${t.name}</h2>
        <p class="role">${msg('Scan to join this table', { id: 'qr.table.scan' })}</p>
        <tc-qr .value=${t.participants} label=${joinTable}></tc-qr>
        <p class="hint">${msg(str`No camera? Open ${this.startPage(links)} and type the code`, { id: 'qr.table.typeCode' })}</p>
        <p class="code">${links.joinCode}</p>
      </div>
    </article>`;
  }

  override render() {
    const links = this.links;
    return html`
      <div class="controls">
        <h1>${msg(str`QR codes for ${this.cafeTitle}`, { id: 'qr.heading' })}</h1>
        <p>
          ${msg(
            'Print this page on A4. Cut each table card along the dashed line: the upper half with the host link goes to the table host only, the lower half stays on the table for everyone.',
            { id: 'qr.instructions' },
          )}
        </p>
        ${this.problem ? html`<p role="alert"><strong>${this.problem}</strong></p>` : nothing}
        <button class="primary" ?disabled=${!links} @click=${() => window.print()}>${msg('Print', { id: 'qr.print' })}</button>
      </div>
      ${links
        ? html`<div class="sheet">
            <article class="card join" aria-labelledby="join-heading">
              <h2 id="join-heading">${msg(str`Join ${this.cafeTitle}`, { id: 'qr.join.heading' })}</h2>
              <tc-qr .value=${links.join} label=${msg('Join the café', { id: 'qr.join.qr' })}></tc-qr>
              <p class="url">${links.join}</p>
              <p class="hint">${msg(str`Or open ${this.startPage(links)} and type the code`, { id: 'qr.join.typeCode' })}</p>
              <p class="code">${links.joinCode}</p>
            </article>
            ${links.wall.map(
              (url, i) => html`<article class="card wall" aria-labelledby="wall-${i}">
                <h2 id="wall-${i}">${links.wall.length > 1 ? msg(str`Live wall ${i + 1}`, { id: 'qr.wall.numbered' }) : msg('Live wall', { id: 'qr.wall.heading' })}</h2>
                <p class="role">${msg('Open on the computer of the projector', { id: 'qr.wall.hint' })}</p>
                <tc-qr .value=${url} label=${msg('Live wall link', { id: 'qr.wall.qr' })}></tc-qr>
              </article>`,
            )}
            ${links.tables.filter((t) => t.enabled).map((t) => this.renderTable(t, links))}
          </div>`
        : this.problem
          ? nothing
          : html`<p role="status">${msg('Loading the links …', { id: 'qr.loading' })}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-qr-sheet-view': TcQrSheetView;
  }
}
