/**
 * Where a participant writes an idea for their table: a textarea (Enter makes a new line, as
 * phones expect; only the big Send button sends), a counter up to the limit, and the reason
 * when writing is not possible right now. Fires `add-idea` with the text, table and round.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { IDEA_TEXT_MAX, normalizeText, textLength, textProblem, type TextProblem } from '../../../shared/text.js';
import { phoneErrorMessage as errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';

export interface AddIdeaDetail {
  text: string;
  tableId: string;
  round: number;
}
export type AddIdeaEvent = CustomEvent<AddIdeaDetail>;

@customElement('tc-join-composer')
@localized()
export class TcJoinComposer extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-weight: 700;
        font-size: 1.15rem;
        margin-bottom: 0.4rem;
      }
      textarea {
        display: block;
        width: 100%;
        min-height: 7.5rem;
        resize: vertical;
        font-size: 1.1rem;
        line-height: 1.4;
      }
      .row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.8rem;
        margin-top: 0.5rem;
      }
      .counter {
        color: var(--tc-muted);
        font-variant-numeric: tabular-nums;
        font-size: 0.95rem;
      }
      .counter.over {
        color: var(--tc-danger);
        font-weight: 700;
      }
      button {
        min-height: 56px;
        min-width: 9rem;
        font-size: 1.2rem;
        font-weight: 700;
      }
      .note {
        margin: 0.5rem 0 0;
        color: var(--tc-muted);
      }
      .problem {
        margin: 0.5rem 0 0;
        color: var(--tc-danger);
        font-weight: 600;
      }
    `,
  ];

  @property() tableId = '';
  @property({ type: Number }) round = 0;
  /** Why nothing can be sent right now (before the first round, after moving in travel time …); null when writing is open. */
  @property() closedReason: string | null = null;
  /** The text being written; the view puts a refused idea back here. */
  @property() draft = '';

  @state() private problem: TextProblem | null = null;

  override focus(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  override render() {
    const length = textLength(this.draft);
    const over = length > IDEA_TEXT_MAX;
    return html`<form @submit=${this.submit} novalidate>
      <label for="idea">${msg('Your idea', { id: 'join.compose.label' })}</label>
      <textarea
        id="idea"
        rows="4"
        enterkeyhint="enter"
        aria-describedby="counter${this.closedReason ? ' closed' : ''}"
        aria-invalid=${over ? 'true' : 'false'}
        .value=${this.draft}
        @input=${(e: Event) => {
          this.draft = (e.target as HTMLTextAreaElement).value;
          this.problem = null;
        }}
      ></textarea>
      <div class="row">
        <span id="counter" class="counter ${over ? 'over' : ''}"
          >${over
            ? msg(str`${length} of ${IDEA_TEXT_MAX} characters: too long`, { id: 'join.compose.tooLong' })
            : msg(str`${length} of ${IDEA_TEXT_MAX} characters`, { id: 'join.compose.counter' })}</span
        >
        <button type="submit" class="primary" ?disabled=${this.closedReason !== null}>${msg('Send', { id: 'join.compose.send' })}</button>
      </div>
      ${this.closedReason ? html`<p class="note" id="closed">${this.closedReason}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${errorMessage(this.problem)}</p>` : nothing}
    </form>`;
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.closedReason !== null) return;
    this.problem = textProblem(this.draft, IDEA_TEXT_MAX);
    if (this.problem) return;
    const detail: AddIdeaDetail = { text: normalizeText(this.draft), tableId: this.tableId, round: this.round };
    this.dispatchEvent(new CustomEvent('add-idea', { detail, bubbles: true, composed: true }));
    this.draft = '';
    this.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-composer': TcJoinComposer;
  }
}
