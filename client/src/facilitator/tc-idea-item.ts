/**
 * One idea in the console, with what matters for moderation said in words, not colour alone:
 * key idea (starred), late, waiting for approval, hidden from the wall. Its one action: hide it
 * from the wall or show it again (for a held idea: approve it or keep it off the wall).
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Idea } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp } from './events.js';

@customElement('tc-idea-item')
@localized()
export class TcIdeaItem extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .idea {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.5rem 0.75rem;
        align-items: start;
        padding: 0.5rem 0.65rem;
        border: 1px solid var(--tc-line);
        border-radius: 8px;
        background: var(--tc-card);
      }
      .idea.starred {
        border-left: 5px solid var(--tc-star);
        background: var(--tc-star-soft);
      }
      .idea.hidden .text {
        text-decoration: line-through;
        color: var(--tc-muted);
      }
      .text {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
      }
      .marks {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.6rem;
        margin-top: 0.25rem;
        font-size: 0.82rem;
        color: var(--tc-muted);
        font-weight: 600;
      }
      .star {
        color: var(--tc-star);
      }
      .hide {
        color: var(--tc-danger);
      }
      .buttons {
        display: flex;
        flex-direction: column;
        gap: 0.35rem;
      }
      button {
        min-height: 36px;
        padding: 0.25em 0.7em;
        font-size: 0.9rem;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) idea: Idea | null = null;
  /** Shown in the list of held ideas, where ideas of every table meet. */
  @property() tableName: string | null = null;

  private hide(hidden: boolean): void {
    if (this.idea) this.dispatchEvent(facilitatorOp({ type: 'hideIdea', ideaId: this.idea.id, hidden }));
  }

  private renderButtons(idea: Idea) {
    if (idea.held) {
      return html`<div class="buttons">
        <button class="approve primary" aria-describedby="text" @click=${() => this.hide(false)}>${msg('Show on the wall', { id: 'facilitator.idea.approve' })}</button>
        <button class="reject" aria-describedby="text" @click=${() => this.hide(true)}>${msg('Keep off the wall', { id: 'facilitator.idea.reject' })}</button>
      </div>`;
    }
    return idea.hidden
      ? html`<button class="show" aria-describedby="text" @click=${() => this.hide(false)}>${msg('Show again', { id: 'facilitator.idea.show' })}</button>`
      : html`<button class="hide danger" aria-describedby="text" @click=${() => this.hide(true)}>${msg('Hide from the wall', { id: 'facilitator.idea.hide' })}</button>`;
  }

  override render() {
    const idea = this.idea;
    if (!idea) return nothing;
    const classes = ['idea', idea.starred ? 'starred' : '', idea.hidden && !idea.held ? 'hidden' : ''].join(' ');
    return html`<div class=${classes}>
      <div>
        <p class="text" id="text">${idea.text}</p>
        <div class="marks">
          ${this.tableName ? html`<span>${this.tableName}</span>` : nothing}
          ${idea.starred ? html`<span class="star">★ ${msg('Key idea', { id: 'facilitator.idea.starred' })}</span>` : nothing}
          ${idea.late ? html`<span>${msg('Late', { id: 'facilitator.idea.late' })}</span>` : nothing}
          ${idea.held
            ? html`<span>${msg('Waiting for approval', { id: 'facilitator.idea.held' })}</span>`
            : idea.hidden
              ? html`<span class="hide">${msg('Hidden from the wall', { id: 'facilitator.idea.hidden' })}</span>`
              : nothing}
          ${idea.author.group ? html`<span>${idea.author.group}</span>` : nothing}
        </div>
      </div>
      ${this.renderButtons(idea)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-idea-item': TcIdeaItem;
  }
}
