/**
 * The host's capture field: a big text area where Enter adds the idea (Shift+Enter breaks the
 * line, and Enter that only confirms an IME composition does neither), the stakeholder chips,
 * and a large Add button. After adding, the field is empty and keeps the focus, so the next
 * idea can be typed at once while people keep talking.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { IDEA_TEXT_MAX, normalizeText, textLength, textProblem, type TextProblem } from '../../../shared/text.js';
import { getLocale } from '../i18n.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { fire } from './host-events.js';

/** The counter appears when this much of the limit is used, so it does not distract before. */
const COUNTER_FROM = Math.floor(IDEA_TEXT_MAX * 0.9);

@customElement('tc-idea-capture')
@localized()
export class TcIdeaCapture extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-weight: 700;
        font-size: 1.05rem;
        margin-bottom: 0.35rem;
      }
      textarea {
        display: block;
        width: 100%;
        min-height: 6.5rem;
        font-size: 1.375rem;
        line-height: 1.35;
        resize: vertical;
      }
      textarea:focus-visible {
        border-color: var(--tc-accent);
      }
      textarea[aria-invalid='true'] {
        border-color: var(--tc-danger);
      }
      .below {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        min-height: 1.5rem;
        margin: 0.3rem 0 0.5rem;
        font-size: 0.95rem;
        color: var(--tc-muted);
      }
      .counter.over,
      .problem {
        color: var(--tc-danger);
        font-weight: 700;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 0.75rem;
        padding: 0;
        border: 0;
      }
      .chips-label {
        flex-basis: 100%;
        font-weight: 700;
        font-size: 0.95rem;
      }
      .chip {
        min-height: 44px;
        padding: 0.35em 0.9em;
        border-radius: 999px;
        border: 2px solid var(--tc-line);
        color: var(--tc-ink);
        font-size: 1rem;
      }
      .chip[aria-pressed='true'] {
        background: var(--tc-accent);
        border-color: var(--tc-accent);
        color: var(--tc-accent-ink);
        font-weight: 700;
      }
      /* A tick as well as the colour, so the choice does not rest on colour alone. */
      .chip[aria-pressed='true']::before {
        content: '✓ ';
      }
      .add {
        width: 100%;
        min-height: 56px;
        font-size: 1.25rem;
        font-weight: 700;
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        align-items: baseline;
        gap: 0 0.5em;
      }
      .as {
        font-weight: 400;
        font-size: 1rem;
      }
      .blocked {
        margin: 0.5rem 0 0;
        color: var(--tc-muted);
      }
    `,
  ];

  /** The café's stakeholder groups, one chip each. */
  @property({ attribute: false }) groups: readonly string[] = [];
  /** Why no idea can be added now (before the first round, café closed), or null when it can. */
  @property({ attribute: false }) blocked: string | null = null;

  @state() private text = '';
  /** The group of the next idea. */
  @state() private group: string | null = null;
  @state() private problem: TextProblem | 'BLOCKED' | null = null;

  @query('textarea') private field!: HTMLTextAreaElement;

  /** Puts the cursor in the text field (after the host tapped elsewhere). */
  focusField(): void {
    this.field?.focus();
  }

  override willUpdate(): void {
    // The facilitator may rename or remove groups while the café runs.
    if (this.group !== null && !this.groups.includes(this.group)) this.group = null;
    if (this.problem === 'BLOCKED' && this.blocked === null) this.problem = null;
  }

  override render() {
    const length = textLength(normalizeText(this.text));
    const over = length > IDEA_TEXT_MAX;
    const locale = getLocale();
    const counter =
      length >= COUNTER_FROM
        ? over
          ? msg(str`${length.toLocaleString(locale)} / ${IDEA_TEXT_MAX.toLocaleString(locale)} characters: ${(length - IDEA_TEXT_MAX).toLocaleString(locale)} too many`, { id: 'host.counterOver' })
          : msg(str`${length.toLocaleString(locale)} / ${IDEA_TEXT_MAX.toLocaleString(locale)} characters`, { id: 'host.counter' })
        : '';
    const problem = this.problem === 'BLOCKED' ? this.blocked : this.problem ? errorMessage(this.problem) : null;
    return html`
      <label for="idea">${msg('New idea from this table', { id: 'host.fieldLabel' })}</label>
      <textarea
        id="idea"
        rows="3"
        autocapitalize="sentences"
        autocomplete="off"
        enterkeyhint="send"
        aria-describedby="counter problem keys"
        aria-invalid=${over || this.problem !== null ? 'true' : 'false'}
        .value=${live(this.text)}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      ></textarea>
      <div class="below">
        <span id="keys">${msg('Enter adds, Shift+Enter starts a new line.', { id: 'host.keys' })}</span>
        <span id="counter" class="counter ${over ? 'over' : ''}">${counter}</span>
      </div>
      <p id="problem" class="problem" role="alert">${problem ?? nothing}</p>
      <div class="chips" role="group" aria-labelledby="chips-label">
        <span class="chips-label" id="chips-label">${msg('Whose idea is it?', { id: 'host.whose' })}</span>
        <button type="button" class="chip" aria-pressed=${this.group === null ? 'true' : 'false'} @click=${() => this.choose(null)}>
          ${msg('No group', { id: 'host.noGroup' })}
        </button>
        ${this.groups.map(
          (g) =>
            html`<button type="button" class="chip" aria-pressed=${this.group === g ? 'true' : 'false'} @click=${() => this.choose(g)}>${g}</button>`,
        )}
      </div>
      <button type="button" class="primary add" @click=${this.add}>
        <span>${msg('Add idea', { id: 'host.add' })}</span>
        ${this.group !== null ? html`<span class="as">${msg(str`as ${this.group}`, { id: 'host.addAs' })}</span>` : nothing}
      </button>
      ${this.blocked !== null ? html`<p class="blocked">${this.blocked}</p>` : nothing}
    `;
  }

  /**
   * The chosen group stays chosen after adding: at a table one person often makes several
   * points in a row, and a tap per idea would slow the host down. The Add button says whose the
   * next idea will be, and tapping the chosen chip again (or "No group") clears it.
   */
  private choose(group: string | null): void {
    this.group = this.group === group ? null : group;
  }

  private onInput(e: InputEvent): void {
    this.text = (e.target as HTMLTextAreaElement).value;
    if (this.problem === 'TEXT_TOO_LONG' && textLength(normalizeText(this.text)) <= IDEA_TEXT_MAX) this.problem = null;
    if (this.problem === 'TEXT_EMPTY') this.problem = null;
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey) return;
    // Enter that confirms a word in a Japanese, Chinese or Korean input method is not "add".
    // Safari reports that key press after compositionend, with keyCode 229 as the only sign.
    if (e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    this.add();
  }

  private add(): void {
    const text = this.field.value;
    this.field.focus();
    if (normalizeText(text) === '') return;
    if (this.blocked !== null) {
      this.problem = 'BLOCKED';
      return;
    }
    const problem = textProblem(text, IDEA_TEXT_MAX);
    if (problem) {
      this.problem = problem;
      return;
    }
    fire(this, 'add-idea', { text: normalizeText(text), group: this.group });
    this.text = '';
    this.field.value = '';
    this.problem = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-idea-capture': TcIdeaCapture;
  }
}
