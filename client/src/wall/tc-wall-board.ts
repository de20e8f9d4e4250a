/**
 * "Find your table" in planned rotation: participant numbers and the table each goes to, sorted by
 * number in columns read top to bottom. The type is as large as lets everyone fit, never smaller
 * than the wall's unit; when even that is too small the board turns its pages every 9 seconds
 * ("Numbers 1–240 · page 1 of 21"), with a short fade unless motion is reduced.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { theme } from '../ui/theme.js';
import { BOARD_EM, boardFit, boardPages, cellEm, type BoardFit, type BoardPage, type BoardSeat } from './seat-board.js';
import { wallPanel } from './wall-panel.js';

export const PAGE_MS = 9_000;

@customElement('tc-wall-board')
@localized()
export class TcWallBoard extends LitElement {
  static override styles = [
    theme,
    wallPanel,
    css`
      :host {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.3em;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0 1em;
        margin: 0;
      }
      .hint {
        margin: 0;
        font-size: 1.2em;
        font-weight: 700;
        color: var(--tc-accent);
      }
      .page {
        margin: 0;
        font-weight: 600;
        color: var(--tc-muted);
        font-variant-numeric: tabular-nums;
      }
      .area {
        min-height: 0;
        overflow: hidden;
        position: relative;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        height: 100%;
        display: grid;
        grid-auto-flow: column;
        grid-template-rows: repeat(var(--rows), ${BOARD_EM.row}em);
        grid-template-columns: repeat(var(--columns), minmax(0, 1fr));
        justify-content: start;
        column-gap: ${BOARD_EM.columnGap}em;
        font-size: calc(var(--u, 32px) * var(--scale));
        line-height: ${BOARD_EM.row};
      }
      li {
        display: flex;
        align-items: baseline;
        min-width: 0;
        white-space: nowrap;
        padding-inline: ${BOARD_EM.cellPad / 2}em;
        border-bottom: 0.04em solid var(--tc-line);
      }
      .number {
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        text-align: end;
        min-width: var(--digits);
      }
      .arrow {
        flex: none;
        width: ${BOARD_EM.arrow}em;
        text-align: center;
        color: var(--tc-muted);
      }
      .table {
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        color: var(--tc-accent);
      }
      .name {
        margin-inline-start: 0.35em;
        font-weight: 600;
        color: var(--tc-accent);
        overflow: hidden;
        text-overflow: ellipsis;
      }
      /* How long until the page turns: a thin line filling up. */
      .timer {
        height: 0.12em;
        background: var(--tc-line);
      }
      .timer span {
        display: block;
        height: 100%;
        width: 100%;
        background: var(--tc-accent);
        transform-origin: left;
      }
      @media (prefers-reduced-motion: no-preference) {
        ol {
          animation: appear 0.4s ease-out;
        }
        .timer span {
          animation: fill ${PAGE_MS}ms linear;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .timer {
          display: none;
        }
      }
      @keyframes appear {
        from {
          opacity: 0;
        }
      }
      @keyframes fill {
        from {
          transform: scaleX(0);
        }
      }
    `,
  ];

  /** The board, sorted by number (seat-board.ts). */
  @property({ attribute: false }) seats: BoardSeat[] = [];

  @state() private fit: BoardFit | null = null;
  @state() private page = 0;
  private pages: BoardPage[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  /** How much wider than estimated the projector's font draws a cell (grows when a name was cut). */
  private widen = 1;
  private readonly resized = new ResizeObserver(() => this.measure());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resized.observe(this);
    // Moved in the page: fit again and turn the pages again.
    if (this.hasUpdated) {
      this.measure();
      this.turn(this.pages.length);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized.disconnect();
    this.turn(0);
  }

  /** Fits the board to the box the wall gives it (the list's area, which its content does not size). */
  private measure(): void {
    const area = this.renderRoot.querySelector<HTMLElement>('.area');
    if (!area) return;
    const unit = parseFloat(getComputedStyle(this).fontSize) || 32;
    const fit = boardFit(this.seats.length, cellEm(this.seats) * this.widen, { width: area.clientWidth, height: area.clientHeight, unit });
    const old = this.fit;
    if (!old || old.scale !== fit.scale || old.columns !== fit.columns || old.rows !== fit.rows) this.fit = fit;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('seats') && this.hasUpdated) this.measure();
    const count = this.pages.length;
    this.pages = this.fit ? boardPages(this.seats, this.fit.perPage) : [];
    if (this.page >= this.pages.length) this.page = 0;
    if (this.pages.length !== count) this.turn(this.pages.length);
  }

  protected override firstUpdated(): void {
    this.measure();
  }

  protected override updated(): void {
    // A font wider than the estimate cut a table's name: estimate wider and fit again (a few times at most).
    const cut = [...this.renderRoot.querySelectorAll<HTMLElement>('.name')].some(isCut);
    if (cut && this.widen < 1.4) {
      this.widen += 0.1;
      this.measure();
    }
  }

  /** Turns the pages while there are more than one. */
  private turn(pages: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = pages > 1 ? setInterval(() => (this.page = (this.page + 1) % this.pages.length), PAGE_MS) : null;
  }

  override render() {
    const fit = this.fit;
    const page = this.pages[this.page];
    const several = this.pages.length > 1;
    return html`<div class="top">
        <p class="hint">${msg('Your number is on your phone', { id: 'wall.board.hint' })}</p>
        ${several && page
          ? html`<p class="page">${msg(str`Numbers ${page.first}–${page.last} · page ${this.page + 1} of ${this.pages.length}`, { id: 'wall.board.page' })}</p>`
          : nothing}
      </div>
      <div class="area">
        ${fit && page
          ? keyed(
              this.page,
              html`<ol
                style=${`--rows: ${fit.rows}; --columns: ${fit.columns}; --scale: ${fit.scale}; --digits: ${String(this.seats[this.seats.length - 1]?.number ?? 1).length}ch`}
              >
                ${page.seats.map(
                  // Spaces between the parts for screen readers and copying; a flex line does not draw them.
                  (s) => html`<li data-number=${s.number} data-table=${s.tableId}>
                    <span class="number">${s.number}</span> <span class="arrow" aria-hidden="true">\u2192</span>
                    <span class="visually-hidden">${msg('table', { id: 'wall.board.table' })}</span> <span class="table">${s.tableId}</span>
                    ${s.name ? html`<span class="name">${s.name}</span>` : nothing}
                  </li>`,
                )}
              </ol>`,
            )
          : nothing}
      </div>
      ${several ? keyed(this.page, html`<div class="timer" aria-hidden="true"><span></span></div>`) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-board': TcWallBoard;
  }
}

/**
 * Whether an element's text is wider than the element (and so shows "…"), to a fraction of a
 * pixel: scrollWidth and clientWidth are rounded and miss a name 0.5 px too wide.
 */
export function isCut(el: HTMLElement): boolean {
  const text = document.createRange();
  text.selectNodeContents(el);
  return text.getBoundingClientRect().width > el.getBoundingClientRect().width + 0.1;
}
