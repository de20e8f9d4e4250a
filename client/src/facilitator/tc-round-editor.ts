/**
 * The rounds of the café: questions and durations of rounds that have not started can still be
 * changed (a started round is read-only, R rules), and a round can be added at the end. In a
 * "pie" café each table has its own question, the round's question standing for tables without one.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { currentRound, type CafeState, type Round } from '../../../shared/domain/state.js';
import { normalizeText, QUESTION_MAX, textLength } from '../../../shared/text.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp } from './events.js';

const MINUTE = 60_000;

/** The question, minutes and per-table questions of a round form, or null when they cannot be sent. */
function readForm(form: HTMLFormElement): { question: string; durationMs: number; tableQuestions: Record<string, string> } | null {
  const data = new FormData(form);
  const question = normalizeText(String(data.get('question') ?? ''));
  const minutes = Number(data.get('minutes'));
  if (textLength(question) > QUESTION_MAX || !Number.isInteger(minutes) || minutes < 1 || minutes > 240) return null;
  const tableQuestions: Record<string, string> = {};
  for (const [name, value] of data.entries()) {
    if (!name.startsWith('tq-')) continue;
    const text = normalizeText(String(value));
    if (textLength(text) > QUESTION_MAX) return null;
    if (text !== '') tableQuestions[name.slice(3)] = text;
  }
  return { question, durationMs: minutes * MINUTE, tableQuestions };
}

function sameQuestions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

@customElement('tc-round-editor')
@localized()
export class TcRoundEditor extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      li,
      form.add {
        border: 1px solid var(--tc-line);
        border-radius: 10px;
        padding: 0.6rem 0.75rem;
        background: var(--tc-card);
      }
      h3 {
        margin: 0 0 0.3rem;
        font-size: 1rem;
      }
      .question {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--tc-muted);
        font-size: 0.9rem;
        margin: 0.2rem 0 0;
      }
      textarea {
        width: 100%;
        min-height: 3.5em;
        resize: vertical;
      }
      .fields {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
        margin-top: 0.4rem;
      }
      input[type='number'] {
        width: 6em;
      }
      label {
        display: block;
        font-size: 0.9rem;
        font-weight: 600;
      }
      form.add {
        margin-top: 0.75rem;
      }
      label.mode {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-size: 1rem;
        margin-bottom: 0.6rem;
      }
      label.mode input {
        min-height: auto;
        width: 1.2rem;
        height: 1.2rem;
      }
      details.pie {
        margin-top: 0.4rem;
      }
      details.pie summary {
        cursor: pointer;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;

  private save(e: SubmitEvent, index: number, round: Round): void {
    e.preventDefault();
    const value = readForm(e.target as HTMLFormElement);
    if (!value) return;
    // Closed tables have no field here, but keep their own question (people may still sit there).
    const closed = new Set((this.state?.tables ?? []).filter((t) => !t.enabled).map((t) => t.id));
    const withClosed = (edited: Record<string, string>) => ({
      ...Object.fromEntries(Object.entries(round.tableQuestions).filter(([id]) => closed.has(id))),
      ...edited,
    });
    const op = {
      type: 'editRound' as const,
      round: index,
      ...(value.question !== round.question ? { question: value.question } : {}),
      ...(value.durationMs !== round.durationMs ? { durationMs: value.durationMs } : {}),
      ...(this.state?.mode === 'pie' && !sameQuestions(withClosed(value.tableQuestions), round.tableQuestions)
        ? { tableQuestions: withClosed(value.tableQuestions) }
        : {}),
    };
    if ('question' in op || 'durationMs' in op || 'tableQuestions' in op) this.dispatchEvent(facilitatorOp(op));
  }

  private add(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = readForm(form);
    if (!value || value.question === '') return;
    this.dispatchEvent(facilitatorOp({ type: 'addRound', question: value.question, durationMs: value.durationMs }));
    form.reset();
  }

  private renderRound(s: CafeState, round: Round, i: number) {
    const heading = msg(str`Round ${i + 1}`, { id: 'facilitator.rounds.round' });
    const minutes = Math.round(round.durationMs / MINUTE);
    if (i < s.roundsStarted) {
      return html`<li class="started">
        <h3>${heading}</h3>
        <p class="question">${round.question}</p>
        <p class="muted">
          ${msg(str`${minutes} min`, { id: 'facilitator.rounds.minutes' })} ·
          ${s.phase.kind === 'round' && i === currentRound(s) ? msg('running now', { id: 'facilitator.rounds.now' }) : msg('started, cannot be changed', { id: 'facilitator.rounds.started' })}
        </p>
      </li>`;
    }
    return html`<li class="editable">
      <form @submit=${(e: SubmitEvent) => this.save(e, i, round)}>
        <h3>${heading}</h3>
        <label for="q${i}">${msg(str`Question of round ${i + 1}`, { id: 'facilitator.rounds.question' })}</label>
        <textarea id="q${i}" name="question" .value=${round.question}></textarea>
        ${s.mode === 'pie' ? this.renderTableQuestions(s, round, i) : nothing}
        <div class="fields">
          <div>
            <label for="m${i}">${msg('Minutes', { id: 'facilitator.rounds.minutesLabel' })}</label>
            <input id="m${i}" name="minutes" type="number" min="1" max="240" step="1" required .value=${String(minutes)} />
          </div>
          <button type="submit" ?disabled=${s.phase.kind === 'closed'}>${msg(str`Save round ${i + 1}`, { id: 'facilitator.rounds.save' })}</button>
        </div>
      </form>
    </li>`;
  }

  private renderTableQuestions(s: CafeState, round: Round, i: number) {
    return html`<details class="pie" ?open=${Object.keys(round.tableQuestions).length > 0}>
      <summary>${msg('Questions per table', { id: 'facilitator.rounds.tableQuestions' })}</summary>
      <p class="muted">${msg('A table without its own question gets the round’s question.', { id: 'facilitator.rounds.tableQuestionsHint' })}</p>
      ${s.tables
        .filter((t) => t.enabled)
        .map(
          (t) => html`<label for="tq${i}-${t.id}">${t.name}</label>
            <textarea id="tq${i}-${t.id}" name="tq-${t.id}" .value=${round.tableQuestions[t.id] ?? ''}></textarea>`,
        )}
    </details>`;
  }

  private setMode(e: Event): void {
    const pie = (e.target as HTMLInputElement).checked;
    this.dispatchEvent(facilitatorOp({ type: 'editCafe', mode: pie ? 'pie' : 'single' }));
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const last = s.rounds[s.rounds.length - 1];
    return html`<label class="mode">
        <input type="checkbox" .checked=${live(s.mode === 'pie')} ?disabled=${s.phase.kind === 'closed'} @change=${(e: Event) => this.setMode(e)} />
        ${msg('A question per table (a “pie” café)', { id: 'facilitator.rounds.pie' })}
      </label>
      <ol>
        ${s.rounds.map((r, i) => this.renderRound(s, r, i))}
      </ol>
      <form class="add" @submit=${(e: SubmitEvent) => this.add(e)}>
        <h3>${msg('Add a round', { id: 'facilitator.rounds.add.heading' })}</h3>
        <label for="q-new">${msg('Question of the new round', { id: 'facilitator.rounds.add.question' })}</label>
        <textarea id="q-new" name="question" required></textarea>
        <div class="fields">
          <div>
            <label for="m-new">${msg('Minutes', { id: 'facilitator.rounds.minutesLabel' })}</label>
            <input id="m-new" name="minutes" type="number" min="1" max="240" step="1" required value=${String(Math.round((last?.durationMs ?? 20 * MINUTE) / MINUTE))} />
          </div>
          <button type="submit" ?disabled=${s.phase.kind === 'closed'}>${msg('Add the round', { id: 'facilitator.rounds.add' })}</button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-round-editor': TcRoundEditor;
  }
}
