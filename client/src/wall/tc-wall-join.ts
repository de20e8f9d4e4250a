/**
 * How to join, while people arrive and change tables: the QR code of the participant link, the
 * link written out, and the café's code to type on the start page.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../ui/tc-qr.js';
import { theme } from '../ui/theme.js';

@customElement('tc-wall-join')
@localized()
export class TcWallJoin extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        /* Sized by the wall, not by its content: the code and texts share what the wall leaves. */
        display: block;
        container-type: size;
        min-height: 0;
        overflow: hidden;
        font-size: var(--u, 32px);
        line-height: 1.2;
        text-align: center;
      }
      .panel {
        height: 100%;
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto auto;
        grid-template-areas: 'heading' 'qr' 'url' 'code';
        justify-items: center;
        align-items: center;
        gap: 0.3em;
      }
      h2 {
        grid-area: heading;
        margin: 0;
        font-size: 1.25em;
      }
      /* The code takes the space the texts leave, as a square: as wide or as tall as it can be. */
      .qr {
        grid-area: qr;
        container-type: size;
        width: 100%;
        height: 100%;
        display: grid;
        place-items: center;
      }
      tc-qr {
        --tc-qr-size: min(100cqw, 100cqh, calc(var(--u, 32px) * 12));
        background: #ffffff;
      }
      .url {
        grid-area: url;
        margin: 0;
        overflow-wrap: anywhere;
        color: var(--tc-muted);
      }
      .code {
        grid-area: code;
        margin: 0;
      }
      .code strong {
        display: block;
        font-size: 2em;
        letter-spacing: 0.15em;
        font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
        color: var(--tc-ink);
      }
      /*
       * Little height (many tables, a long message): the link gives way and the texts move beside
       * the QR code, which keeps the full height: a code too small to scan helps nobody.
       */
      @container (max-height: 14em) {
        .panel {
          grid-template-columns: minmax(0, 1fr) min-content;
          grid-template-rows: 1fr auto auto 1fr;
          grid-template-areas: 'qr .' 'qr heading' 'qr code' 'qr .';
          column-gap: 0.6em;
        }
        h2 {
          font-size: 1em;
        }
        .url {
          display: none;
        }
      }
    `,
  ];

  /** The participant join link, e.g. http://192.168.1.20:3000/j/K7QX2M. */
  @property() url = '';
  @property() code = '';
  /** What the panel asks people to do; joining by default. */
  @property() heading = '';
  /** What the QR code is for, said to a screen reader; joining by default. */
  @property() qrLabel = '';

  override render() {
    return html`<div class="panel">
      <h2>${this.heading || msg('Join on your phone', { id: 'wall.joinHeading' })}</h2>
      <div class="qr"><tc-qr .value=${this.url} label=${this.qrLabel || msg('QR code to join the café', { id: 'wall.joinQr' })}></tc-qr></div>
      <p class="url">${this.url}</p>
      ${this.code ? html`<p class="code">${msg('Café code', { id: 'wall.joinCode' })}<strong>${this.code}</strong></p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-join': TcWallJoin;
  }
}
