/**
 * The rounds of a new café: each with its question (prefilled with a neutral example the
 * facilitator replaces), its length in minutes and, after the first, whether everyone returns to
 * their first table. Rounds can be added and removed. Fires `rounds-change`.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';

export interface RoundDraft {
  /** The question as typed; ignored while `example` is set. */
  question: string;
  /** Which example question the round still shows (it follows the page's language), until the facilitator types. */
  example: number | null;
  /** As typed; checked when the café is created. */
  minutes: string;
  returnHome: boolean;
}
export type RoundsChangeEvent = CustomEvent<{ rounds: RoundDraft[] }>;

export const MAX_ROUNDS = 20;
export const DEFAULT_ROUND_MINUTES = 20;

/** Neutral questions that fit any café, to be replaced by the facilitator's own. */
export function exampleQuestion(index: number): string {
  const questions = [
    msg('What matters most to you about this topic?', { id: 'start.question.1' }),
    msg('What have you heard that surprised you, and why?', { id: 'start.question.2' }),
    msg('What could we do next, together?', { id: 'start.question.3' }),
  ];
  return questions[Math.min(index, questions.length - 1)]!;
}

export const newRound = (index: number): RoundDraft => ({ question: '', example: index, minutes: String(DEFAULT_ROUND_MINUTES), returnHome: false });

/** The question a round will be created with. */
export const questionOf = (r: RoundDraft): string => (r.example === null ? r.question : exampleQuestion(r.example));

@customElement('tc-start-rounds')
@localized()
export class TcStartRounds extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: grid;
        gap: 0.8rem;
      }
      fieldset {
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.6rem 0.9rem 0.9rem;
        margin: 0;
        min-width: 0;
        display: grid;
        gap: 0.4rem;
      }
      legend {
        font-weight: 700;
        padding: 0 0.3rem;
      }
      label {
        font-weight: 600;
      }
      textarea {
        width: 100%;
        resize: vertical;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      input[type='number'] {
        width: 6rem;
      }
      .check {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        font-weight: 400;
        min-height: 44px;
      }
      .check input {
        width: 1.3rem;
        height: 1.3rem;
        min-height: 0;
        accent-color: var(--tc-accent);
      }
      .remove {
        margin-inline-start: auto;
      }
      .problem {
        color: var(--tc-danger);
        font-weight: 600;
        margin: 0;
      }
      .add {
        justify-self: start;
      }
    `,
  ];

  @property({ attribute: false }) rounds: RoundDraft[] = [];
  /** Problems by field key (`rounds.0.question`, `rounds.0.minutes`). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  private focusNext: string | null = null;
  /** What we last asked the form for, until it gives it back: two changes in one task both count. */
  private asked: RoundDraft[] | null = null;

  private get current(): RoundDraft[] {
    return this.asked ?? this.rounds;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('rounds')) this.asked = null;
  }

  override render() {
    return html`${this.rounds.map((r, i) => this.renderRound(r, i))}
      <button type="button" class="add" ?disabled=${this.rounds.length >= MAX_ROUNDS} @click=${this.add}>
        ${msg('+ Add a round', { id: 'start.rounds.add' })}
      </button>`;
  }

  private renderRound(r: RoundDraft, i: number) {
    const qProblem = this.problems[`rounds.${i}.question`];
    const mProblem = this.problems[`rounds.${i}.minutes`];
    const set = (patch: Partial<RoundDraft>) => this.change(this.current.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    return html`<fieldset>
      <legend>${msg(str`Round ${i + 1}`, { id: 'start.rounds.legend' })}</legend>
      <label for="q${i}">${msg('Question', { id: 'start.rounds.question' })}</label>
      <textarea
        id="q${i}"
        rows="2"
        aria-invalid=${qProblem ? 'true' : 'false'}
        aria-describedby=${qProblem ? `q${i}-problem` : nothing}
        .value=${questionOf(r)}
        @input=${(e: Event) => set({ question: (e.target as HTMLTextAreaElement).value, example: null })}
      ></textarea>
      ${qProblem ? html`<p class="problem" id="q${i}-problem">${qProblem}</p>` : nothing}
      <div class="row">
        <label for="m${i}">${msg('Minutes', { id: 'start.rounds.minutes' })}</label>
        <input
          id="m${i}"
          type="number"
          inputmode="numeric"
          min="1"
          max="240"
          aria-invalid=${mProblem ? 'true' : 'false'}
          aria-describedby=${mProblem ? `m${i}-problem` : nothing}
          .value=${r.minutes}
          @input=${(e: Event) => set({ minutes: (e.target as HTMLInputElement).value })}
        />
        ${i > 0
          ? html`<label class="check"
              ><input type="checkbox" .checked=${r.returnHome} @change=${(e: Event) => set({ returnHome: (e.target as HTMLInputElement).checked })} />
              ${msg('Everyone returns to their first table', { id: 'start.rounds.returnHome' })}</label
            >`
          : nothing}
        ${this.rounds.length > 1
          ? html`<button type="button" class="remove danger" @click=${() => this.removeRound(i)}>
              ${msg(str`Remove round ${i + 1}`, { id: 'start.rounds.remove' })}
            </button>`
          : nothing}
      </div>
      ${mProblem ? html`<p class="problem" id="m${i}-problem">${mProblem}</p>` : nothing}
    </fieldset>`;
  }

  private add(): void {
    const index = this.current.length;
    this.focusNext = `#q${index}`;
    this.change([...this.current, newRound(index)]);
  }

  private removeRound(index: number): void {
    this.focusNext = '.add';
    this.change(this.current.filter((_, j) => j !== index));
  }

  /** Focus follows an added or removed round once the form has given us the new list. */
  override updated(): void {
    if (!this.focusNext) return;
    this.renderRoot.querySelector<HTMLElement>(this.focusNext)?.focus();
    this.focusNext = null;
  }

  private change(rounds: RoundDraft[]): void {
    this.asked = rounds;
    this.dispatchEvent(new CustomEvent('rounds-change', { detail: { rounds }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-rounds': TcStartRounds;
  }
}
