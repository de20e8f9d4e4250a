/**
 * A QR code for a link, drawn by the `uqr` library as SVG (never hand-made). Usage:
 * `<tc-qr .value=${url} label="Join at table 3">`. The label is the code's accessible name.
 * `uqr` is loaded on first use, so a page that shows no QR code does not download it;
 * `updateComplete` waits for it, so whoever awaits it finds the SVG drawn.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';

type Uqr = typeof import('uqr');
let uqr: Promise<Uqr> | null = null;
/** Loaded once; a failed load (the Wi-Fi dropped) is forgotten, so the next code tries again. */
const loadUqr = (): Promise<Uqr> =>
  (uqr ??= import('uqr').catch((error: unknown) => {
    uqr = null;
    throw error;
  }));

/** The parts of uqr's `<svg viewBox="…">…</svg>`, so the outer element can be ours (with its label). */
const SVG_PARTS = /^<svg[^>]*\sviewBox="([^"]+)"[^>]*>([\s\S]*)<\/svg>$/;

@customElement('tc-qr')
export class TcQr extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      width: var(--tc-qr-size, 10rem);
      line-height: 0;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      /* Sharp module edges on screen and paper. */
      shape-rendering: crispEdges;
    }
    .pending {
      display: block;
      width: 100%;
      aspect-ratio: 1;
      background: #ffffff;
    }
  `;

  /** The text (a URL) the code holds. */
  @property() value = '';
  /** What the code is for, read by screen readers (e.g. "Table host link, keep this private"). */
  @property() label = '';

  private library: Uqr | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.library) {
      loadUqr().then(
        (library) => {
          this.library = library;
          this.requestUpdate();
        },
        () => undefined, // the placeholder stays; reconnecting the element tries again
      );
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // The load's own `then` (registered first) has requested the update this then waits for.
    if (!this.library) await loadUqr().catch(() => undefined);
    return super.getUpdateComplete();
  }

  override render() {
    if (!this.value) return nothing;
    if (!this.library) return html`<span class="pending" role="img" aria-label=${this.label}></span>`;
    // Error correction M: a printed card survives a crease or a coffee stain; a quiet zone of 4 modules as the standard asks.
    const drawn = this.library.renderSVG(this.value, { ecc: 'M', border: 4 });
    const parts = SVG_PARTS.exec(drawn);
    if (!parts) return html`<span role="img" aria-label=${this.label}>${unsafeSVG(drawn)}</span>`;
    return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=${this.label} viewBox=${parts[1]!}>
${unsafeSVG(parts[2]!)}</svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-qr': TcQr;
  }
}
