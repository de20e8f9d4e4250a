/**
 * Suggested themes for the ideas in no theme (shared/harvest/suggest.ts, run here in the browser
 * and loaded only when asked for). Each suggestion is accepted as it is (one createTheme),
 * edited first (its name, which of its ideas) or rejected; nothing changes until one is accepted.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import { own, type CafeState } from '../../../shared/domain/state.js';
import { newId } from '../lib/ids.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { refusal } from './allowed.js';
import { facilitatorOp } from './events.js';
import { questionsText, unassignedIdeas } from './harvest-ideas.js';

interface Suggestion {
  key: number;
  label: string;
  ideaIds: string[];
  /** While edited: the ideas kept. */
  kept: Set<string>;
  editing: boolean;
  error: string | null;
}

@customElement('tc-theme-suggestions')
@localized()
export class TcThemeSuggestions extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0 0 0.5rem;
      }
      .hint,
      .none {
        color: var(--tc-muted);
      }
      ol {
        list-style: none;
        margin: 0.75rem 0 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
        max-height: max(18rem, calc(100vh - 26rem));
        overflow-y: auto;
      }
      .suggestion {
        border: 2px dashed var(--tc-accent);
        border-radius: var(--tc-radius);
        padding: 0.5rem 0.6rem;
        background: var(--tc-card);
      }
      h3 {
        margin: 0 0 0.3rem;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
      h3:focus {
        outline: none;
      }
      ul {
        margin: 0 0 0.5rem;
        padding-left: 1.1rem;
        font-size: 0.9rem;
      }
      ul.keep {
        list-style: none;
        padding: 0;
      }
      li {
        overflow-wrap: anywhere;
        margin: 0.15rem 0;
      }
      ul.keep label {
        display: flex;
        gap: 0.4rem;
        align-items: flex-start;
      }
      ul.keep input {
        min-height: 0;
        width: 1.1rem;
        height: 1.1rem;
        margin-top: 0.1rem;
        flex: none;
      }
      .name {
        display: grid;
        gap: 0.1rem;
        font-weight: 600;
        font-size: 0.85rem;
        margin-bottom: 0.4rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .buttons button {
        min-height: 36px;
        padding: 0.15em 0.7em;
        font-size: 0.9rem;
      }
      .error {
        color: var(--tc-danger);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @property({ type: Boolean }) readonly = false;
  @state() private suggestions: Suggestion[] | null = null;
  @state() private working = false;
  @state() private announcement = '';
  private nextKey = 0;

  private async suggest(): Promise<void> {
    const s = this.state;
    if (!s || this.working) return;
    this.working = true;
    try {
      const { suggestThemes } = await import('../../../shared/harvest/suggest.js');
      const ideas = unassignedIdeas(s).filter((i) => !i.hidden);
      this.suggestions = suggestThemes(ideas, { commonText: questionsText(s) }).map((g) => ({
        key: this.nextKey++,
        label: g.label,
        ideaIds: g.ideaIds,
        kept: new Set(g.ideaIds),
        editing: false,
        error: null,
      }));
      this.announcement = msg(str`${this.suggestions.length} suggestions.`, { id: 'facilitator.suggest.count' });
    } finally {
      this.working = false;
    }
  }

  private change(key: number, patch: Partial<Suggestion>): void {
    this.suggestions = (this.suggestions ?? []).map((g) => (g.key === key ? { ...g, ...patch } : g));
  }

  /** Takes a suggestion off the list; the focus goes to the next one, else to the button. */
  private drop(key: number): void {
    const list = this.suggestions ?? [];
    const at = list.findIndex((g) => g.key === key);
    this.suggestions = list.filter((g) => g.key !== key);
    const next = this.suggestions[Math.min(at, this.suggestions.length - 1)];
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(next ? `#suggestion-${next.key}` : 'button.suggest')?.focus(),
    );
  }

  private accept(g: Suggestion): void {
    const s = this.state;
    if (!s) return;
    // Ideas placed since the suggestion was made stay where the facilitator put them.
    const free = new Set(unassignedIdeas(s).map((i) => i.id));
    const ideaIds = g.ideaIds.filter((id) => g.kept.has(id) && free.has(id));
    const op: ClientCommand = { type: 'createTheme', themeId: newId(), name: g.label, ideaIds };
    const code = refusal(s, op);
    if (code !== null) {
      this.change(g.key, { error: errorMessage(code), editing: true });
      return;
    }
    this.dispatchEvent(facilitatorOp(op));
    this.announcement = msg(str`Theme “${g.label.trim()}” created.`, { id: 'facilitator.harvest.created' });
    this.drop(g.key);
  }

  private reject(g: Suggestion): void {
    this.announcement = msg(str`Suggestion “${g.label}” rejected.`, { id: 'facilitator.suggest.rejected' });
    this.drop(g.key);
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    return html`
      <p class="hint">
        ${msg('Groups of ideas in no theme whose words look alike. Nothing changes until you accept one.', { id: 'facilitator.suggest.hint' })}
      </p>
      <button class="suggest" aria-disabled=${this.readonly || this.working ? 'true' : 'false'} @click=${() => !this.readonly && void this.suggest()}>
        ${this.suggestions === null ? msg('Suggest themes', { id: 'facilitator.suggest' }) : msg('Suggest again', { id: 'facilitator.suggest.again' })}
      </button>
      ${this.suggestions?.length === 0 ? html`<p class="none">${msg('No suggestions: the ideas in no theme look too different.', { id: 'facilitator.suggest.none' })}</p>` : nothing}
      ${this.suggestions && this.suggestions.length > 0
        ? html`<ol aria-label=${msg('Suggested themes', { id: 'facilitator.suggest.list' })}>
            ${repeat(this.suggestions, (g) => g.key, (g) => html`<li class="suggestion">${this.renderSuggestion(s, g)}</li>`)}
          </ol>`
        : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  private renderSuggestion(s: CafeState, g: Suggestion) {
    const text = (id: string) => own(s.ideas, id)?.text ?? '';
    const heading = html`<h3 id="suggestion-${g.key}" tabindex="-1">${g.label}</h3>`;
    const error = g.error ? html`<p class="error" role="alert">${g.error}</p>` : nothing;
    if (!g.editing) {
      return html`${heading}
        <ul>
          ${g.ideaIds.map((id) => html`<li>${text(id)}</li>`)}
        </ul>
        ${error}
        <div class="buttons">
          <button class="accept primary" aria-describedby="suggestion-${g.key}" @click=${() => this.accept(g)}>${msg('Accept', { id: 'facilitator.suggest.accept' })}</button>
          <button class="edit" aria-describedby="suggestion-${g.key}" @click=${() => this.change(g.key, { editing: true })}>${msg('Edit', { id: 'facilitator.suggest.edit' })}</button>
          <button class="reject danger" aria-describedby="suggestion-${g.key}" @click=${() => this.reject(g)}>${msg('Reject', { id: 'facilitator.suggest.reject' })}</button>
        </div>`;
    }
    const keep = (id: string, on: boolean) => {
      const kept = new Set(g.kept);
      if (on) kept.add(id);
      else kept.delete(id);
      this.change(g.key, { kept });
    };
    return html`${heading}
      <label class="name"
        >${msg('Name of the theme', { id: 'facilitator.suggest.name' })}
        <input maxlength="80" .value=${g.label} @input=${(e: Event) => this.change(g.key, { label: (e.target as HTMLInputElement).value, error: null })}
      /></label>
      <ul class="keep" aria-label=${msg('Ideas to keep', { id: 'facilitator.suggest.keep' })}>
        ${g.ideaIds.map(
          (id) => html`<li>
            <label><input type="checkbox" .checked=${g.kept.has(id)} @change=${(e: Event) => keep(id, (e.target as HTMLInputElement).checked)} />${text(id)}</label>
          </li>`,
        )}
      </ul>
      ${error}
      <div class="buttons">
        <button class="accept primary" @click=${() => this.accept(g)}>${msg('Accept', { id: 'facilitator.suggest.accept' })}</button>
        <button class="reject danger" @click=${() => this.reject(g)}>${msg('Reject', { id: 'facilitator.suggest.reject' })}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-theme-suggestions': TcThemeSuggestions;
  }
}
