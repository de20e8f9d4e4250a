/**
 * The host's briefing at a round change: the key ideas of this table's earlier rounds, round by
 * round, so the host can welcome the newcomers with what the table found so far. Starred ideas
 * are the key ideas; a round where nothing was starred shows all its ideas.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Idea } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';

export interface HandoverRound {
  round: number;
  question: string;
  /** The ideas to share: the starred ones, or all when none was starred. */
  ideas: Idea[];
  /** Whether `ideas` are the starred ones only. */
  starredOnly: boolean;
  /** Ideas of the round not shown because they were not starred. */
  others: number;
}

/** Fired (not composed) when the host opens or closes the panel; the view keeps the state. */
export type HandoverToggleEvent = CustomEvent<{ open: boolean }>;

@customElement('tc-handover-panel')
@localized()
export class TcHandoverPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        background: var(--tc-accent-soft);
        border: 2px solid var(--tc-accent);
        border-radius: var(--tc-radius);
        padding: 0.5rem 1rem 0.75rem;
      }
      h2 {
        margin: 0;
        font-size: 1.25rem;
      }
      h2 button {
        width: 100%;
        text-align: start;
        border: 0;
        background: transparent;
        color: var(--tc-ink);
        font-weight: 700;
        padding: 0.4em 0;
        display: flex;
        gap: 0.5em;
        align-items: baseline;
      }
      .hint {
        margin: 0.25rem 0 0.75rem;
      }
      h3 {
        font-size: 1.1rem;
        margin: 0.75rem 0 0.2rem;
      }
      .question {
        margin: 0 0 0.4rem;
        font-style: italic;
        color: var(--tc-muted);
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        font-size: 1.15rem;
        line-height: 1.4;
        margin: 0.3rem 0;
        overflow-wrap: anywhere;
        display: flex;
        gap: 0.5em;
      }
      .bullet {
        flex: none;
        width: 1em;
        color: var(--tc-star);
      }
      .text {
        white-space: pre-wrap;
      }
      .group {
        font-size: 0.95rem;
        font-weight: 700;
        color: var(--tc-muted);
      }
      .more,
      .empty {
        margin: 0.2rem 0 0;
        color: var(--tc-muted);
      }
    `,
  ];

  @property({ attribute: false }) rounds: readonly HandoverRound[] = [];
  @property({ type: Boolean, reflect: true }) open = true;

  override render() {
    return html`
      <h2>
        <button type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="body" @click=${this.toggle}>
          <span aria-hidden="true">${this.open ? '▾' : '▸'}</span>
          ${msg('Handover: what this table found so far', { id: 'host.handoverTitle' })}
        </button>
      </h2>
      <div id="body" ?hidden=${!this.open}>
        <p class="hint">${msg('Welcome the newcomers and share the key ideas of the earlier rounds.', { id: 'host.handoverHint' })}</p>
        ${this.rounds.map((r) => this.renderRound(r))}
      </div>
    `;
  }

  private renderRound(r: HandoverRound) {
    return html`
      <h3>${msg(str`Round ${r.round + 1}`, { id: 'host.handoverRound' })}</h3>
      ${r.question ? html`<p class="question">${r.question}</p>` : nothing}
      ${r.ideas.length === 0
        ? html`<p class="empty">${msg('No ideas were captured in this round.', { id: 'host.handoverEmpty' })}</p>`
        : html`<ul>
            ${r.ideas.map(
              (idea) =>
                html`<li>
                  <span class="bullet" aria-hidden="true">${idea.starred ? '★' : '•'}</span>
                  <span>${idea.starred ? html`<span class="visually-hidden">${msg('Key idea:', { id: 'host.keyIdeaPrefix' })}</span> ` : nothing}<span
                      class="text"
                      >${idea.text}</span
                    >${idea.author.group ? html` <span class="group">(${idea.author.group})</span>` : nothing}</span
                  >
                </li>`,
            )}
          </ul>`}
      ${r.starredOnly && r.others > 0
        ? html`<p class="more">${msg(str`+ ${r.others} more, not starred`, { id: 'host.handoverMore' })}</p>`
        : nothing}
    `;
  }

  private toggle(): void {
    this.dispatchEvent(new CustomEvent('handover-toggle', { detail: { open: !this.open } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-handover-panel': TcHandoverPanel;
  }
}
