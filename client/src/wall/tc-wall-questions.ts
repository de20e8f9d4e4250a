/**
 * "Pie" mode: the tables that share a question, grouped ("Tables 1–5: …"). Read from 10 metres a
 * list of 45 table lines would be too small to read; a handful of groups is not. When there are
 * more groups than fit, pages turn every 12 seconds (a plain swap, no movement) with "1 / 3"
 * saying there is more.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import { wallPanel } from './wall-panel.js';
import type { QuestionGroup } from './question-groups.js';

const PAGE_MS = 12_000;

@customElement('tc-wall-questions')
@localized()
export class TcWallQuestions extends LitElement {
  static override styles = [
    theme,
    wallPanel,
    css`
      h2 {
        margin: 0 0 0.3em;
        font-size: 1em;
        font-weight: 600;
        color: var(--tc-muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5em;
      }
      li {
        border-inline-start: 0.25em solid var(--tc-accent);
        padding-inline-start: 0.5em;
      }
      .tables {
        margin: 0;
        font-weight: 700;
        color: var(--tc-accent);
      }
      .question {
        margin: 0;
        font-size: 1.25em;
        font-weight: 600;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 3;
        line-clamp: 3;
        overflow: hidden;
      }
    `,
  ];

  @property({ attribute: false }) groups: QuestionGroup[] = [];
  /** How many groups one page holds. */
  @property({ type: Number }) perPage = 3;
  @state() private page = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTurning();
  }

  private get pages(): number {
    return Math.max(1, Math.ceil(this.groups.length / this.perPage));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.page >= this.pages) this.page = 0;
    if (changed.has('groups') || changed.has('perPage')) {
      this.stopTurning();
      if (this.pages > 1) this.timer = setInterval(() => (this.page = (this.page + 1) % this.pages), PAGE_MS);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected (moved in the page): start turning again.
    if (this.hasUpdated) this.requestUpdate('groups');
  }

  private stopTurning(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  override render() {
    const shown = this.groups.slice(this.page * this.perPage, (this.page + 1) * this.perPage);
    return html`<h2>
        ${msg('Questions', { id: 'wall.questionsHeading' })}${this.pages > 1
          ? html` <span>(${msg(str`${this.page + 1} of ${this.pages}`, { id: 'wall.piePage' })})</span>`
          : nothing}
      </h2>
      <ul>
        ${shown.map(
          (g) => html`<li>
            <p class="tables">
              ${g.tableIds.length === 1
                ? msg(str`Table ${g.tables}`, { id: 'wall.pieTable' })
                : msg(str`Tables ${g.tables}`, { id: 'wall.pieTables' })}
            </p>
            <p class="question">${g.question}</p>
          </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-questions': TcWallQuestions;
  }
}
