/**
 * Creating a café. Every field has a sensible default — the title "World Café", 10 tables, three
 * rounds of 20 minutes with example questions, 5 minutes to change tables, no groups — so the
 * usual café is one click on "Create café" away; the console opened from the result is the second.
 * Checks the fields locally and fires `create-cafe` with the body of POST /api/cafes.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeSetup } from '../../../shared/domain/commands.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { QUESTION_MAX, TITLE_MAX, textLength, textProblem } from '../../../shared/text.js';
import { allLocales, getLocale, localeNames } from '../i18n.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import './tc-start-groups.js';
import type { GroupsChangeEvent } from './tc-start-groups.js';
import './tc-start-rounds.js';
import { newRound, questionOf, type RoundDraft, type RoundsChangeEvent } from './tc-start-rounds.js';

export type CreateCafeEvent = CustomEvent<CafeSetup>;

const MINUTE = 60_000;
const DEFAULT_TABLES = 10;
const DEFAULT_TRAVEL_MINUTES = 5;
const DEFAULT_ROUNDS = 3;

/** A whole number within bounds, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

@customElement('tc-start-form')
@localized()
export class TcStartForm extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 1rem;
      }
      .field {
        display: grid;
        gap: 0.3rem;
      }
      label,
      .label {
        font-weight: 600;
      }
      .pair {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
      }
      .pair .field {
        flex: 1 1 9rem;
      }
      input[type='number'] {
        width: 7rem;
      }
      .hint {
        margin: 0;
        color: var(--tc-muted);
        font-size: 0.95rem;
      }
      .problem {
        margin: 0;
        color: var(--tc-danger);
        font-weight: 600;
      }
      .error {
        margin: 0;
        padding: 0.6rem 0.8rem;
        border-radius: 8px;
        color: var(--tc-danger);
        background: var(--tc-danger-soft);
        font-weight: 600;
      }
      h3 {
        margin: 0.5rem 0 0;
        font-size: 1.1rem;
      }
      button[type='submit'] {
        min-height: 56px;
        font-size: 1.2rem;
        font-weight: 700;
      }
    `,
  ];

  @property({ type: Boolean }) busy = false;
  /** The server's refusal of the last attempt. */
  @property({ attribute: false }) error: ErrorCode | null = null;

  /** Null while untouched: the default title and the page's language follow a switch of language. */
  @state() private typedTitle: string | null = null;
  @state() private chosenLanguage: string | null = null;
  @state() private tables = String(DEFAULT_TABLES);
  @state() private travel = String(DEFAULT_TRAVEL_MINUTES);
  @state() private rounds: RoundDraft[] = Array.from({ length: DEFAULT_ROUNDS }, (_, i) => newRound(i));
  @state() private groups: string[] = [];
  @state() private problems: Record<string, string> = {};

  private get cafeTitle(): string {
    return this.typedTitle ?? msg('World Café', { id: 'start.form.defaultTitle' });
  }

  private get language(): string {
    return this.chosenLanguage ?? getLocale();
  }

  override render() {
    const p = this.problems;
    const input = (key: 'typedTitle' | 'tables' | 'travel') => (e: Event) => (this[key] = (e.target as HTMLInputElement).value);
    const described = (key: string, hint?: string) => [p[key] ? `${key}-problem` : '', hint ?? ''].join(' ').trim() || nothing;
    const problem = (key: string) => (p[key] ? html`<p class="problem" id="${key}-problem">${p[key]}</p>` : nothing);
    return html`<form @submit=${this.submit} novalidate>
      <div class="field">
        <label for="title">${msg('Title', { id: 'start.form.title' })}</label>
        <input id="title" maxlength=${TITLE_MAX * 2} aria-invalid=${p.title ? 'true' : 'false'} aria-describedby=${described('title')} .value=${this.cafeTitle} @input=${input('typedTitle')} />
        ${problem('title')}
      </div>
      <div class="pair">
        <div class="field">
          <label for="language">${msg('Language of the café', { id: 'start.form.language' })}</label>
          <select id="language" @change=${(e: Event) => (this.chosenLanguage = (e.target as HTMLSelectElement).value)}>
            ${allLocales.map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.language}>${localeNames[l] ?? l}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="tables">${msg('Number of tables', { id: 'start.form.tables' })}</label>
          <input id="tables" type="number" inputmode="numeric" min="1" max="1000" aria-invalid=${p.tables ? 'true' : 'false'} aria-describedby=${described('tables')} .value=${this.tables} @input=${input('tables')} />
          ${problem('tables')}
        </div>
        <div class="field">
          <label for="travel">${msg('Minutes to change tables', { id: 'start.form.travel' })}</label>
          <input id="travel" type="number" inputmode="numeric" min="0" max="60" aria-invalid=${p.travel ? 'true' : 'false'} aria-describedby=${described('travel')} .value=${this.travel} @input=${input('travel')} />
          ${problem('travel')}
        </div>
      </div>
      <h3>${msg('Rounds', { id: 'start.form.rounds' })}</h3>
      <p class="hint">${msg('The questions are examples: replace them with your own, now or later in the console.', { id: 'start.form.roundsHint' })}</p>
      <tc-start-rounds .rounds=${this.rounds} .problems=${p} @rounds-change=${(e: RoundsChangeEvent) => (this.rounds = e.detail.rounds)}></tc-start-rounds>
      <h3>${msg('Stakeholder groups', { id: 'start.groups.label' })}</h3>
      <p class="hint">${msg('Participants may say which group they belong to, so the harvest shows who spoke. Optional.', { id: 'start.form.groupsHint' })}</p>
      <tc-start-groups .groups=${this.groups} @groups-change=${(e: GroupsChangeEvent) => (this.groups = e.detail.groups)}></tc-start-groups>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy}>
        ${this.busy ? msg('Creating …', { id: 'start.form.creating' }) : msg('Create café', { id: 'start.form.submit' })}
      </button>
    </form>`;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const problems: Record<string, string> = {};
    const titleProblem = textProblem(this.cafeTitle, TITLE_MAX);
    if (titleProblem === 'TEXT_EMPTY') problems.title = msg('Give the café a title.', { id: 'start.form.titleMissing' });
    else if (titleProblem) problems.title = errorMessage(titleProblem);
    const tables = wholeNumber(this.tables, 1, 1000);
    if (tables === null) problems.tables = msg('Between 1 and 1000 tables.', { id: 'start.form.tablesRange' });
    const travel = wholeNumber(this.travel, 0, 60);
    if (travel === null) problems.travel = msg('Between 0 and 60 minutes.', { id: 'start.form.travelRange' });
    const rounds = this.rounds.map((r, i) => {
      const question = questionOf(r).trim();
      if (textLength(question) > QUESTION_MAX) problems[`rounds.${i}.question`] = errorMessage('TEXT_TOO_LONG');
      const minutes = wholeNumber(r.minutes, 1, 240);
      if (minutes === null) problems[`rounds.${i}.minutes`] = msg('Between 1 and 240 minutes.', { id: 'start.form.minutesRange' });
      return { question, durationMs: (minutes ?? 0) * MINUTE, returnHome: r.returnHome };
    });
    this.problems = problems;
    if (Object.keys(problems).length > 0) {
      await this.focusFirstProblem();
      return;
    }
    const setup: CafeSetup = {
      title: this.cafeTitle.trim(),
      language: this.language,
      // Named in the language of this page (the facilitator's), not the server's English "Table N".
      tables: Array.from({ length: tables! }, (_, i) => msg(str`Table ${i + 1}`, { id: 'start.form.tableName' })),
      travelMs: travel! * MINUTE,
      stakeholderGroups: [...this.groups],
      rounds,
    };
    this.dispatchEvent(new CustomEvent('create-cafe', { detail: setup, bubbles: true, composed: true }));
  }

  private async focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    const rounds = this.renderRoot.querySelector('tc-start-rounds');
    await rounds?.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? rounds?.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-form': TcStartForm;
  }
}
