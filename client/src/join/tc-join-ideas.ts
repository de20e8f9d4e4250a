/**
 * The ideas of the participant's table, newest first, with what this phone sent but the server
 * has not confirmed yet on top. The participant's own ideas are marked "yours" and can be edited;
 * ideas held for the facilitator's approval say so. Fires `edit-idea`, `discard-pending` and
 * `restore-draft` (a refused idea goes back into the text field).
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Idea } from '../../../shared/domain/state.js';
import { IDEA_TEXT_MAX, normalizeText, textLength, textProblem, type TextProblem } from '../../../shared/text.js';
import { phoneErrorMessage as errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import type { PendingIdea } from './pending-ideas.js';

export type EditIdeaEvent = CustomEvent<{ ideaId: string; text: string }>;
export type PendingEvent = CustomEvent<{ opId: string; text: string }>;

@customElement('tc-join-ideas')
@localized()
export class TcJoinIdeas extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.7rem;
      }
      li {
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.7rem 0.9rem;
      }
      li.mine {
        border: 2px solid var(--tc-accent);
      }
      li.pending {
        border-style: dashed;
      }
      .text {
        margin: 0.3rem 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 1.05rem;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.6rem;
        font-size: 0.9rem;
        color: var(--tc-muted);
      }
      .meta > span:not(.badge) + span:not(.badge)::before {
        content: '·';
        margin-inline-end: 0.6rem;
      }
      .badge {
        font-weight: 700;
        border-radius: 999px;
        padding: 0 0.5rem;
        background: var(--tc-accent-soft);
        color: var(--tc-accent);
      }
      .badge.held {
        background: var(--tc-star-soft);
        color: var(--tc-star);
      }
      .status {
        font-weight: 600;
        color: var(--tc-muted);
      }
      .status.refused {
        color: var(--tc-danger);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.4rem;
      }
      textarea {
        width: 100%;
        min-height: 6rem;
        font-size: 1.05rem;
      }
      .empty {
        color: var(--tc-muted);
        margin: 0;
      }
      .waiting {
        margin: 0 0 0.5rem;
        font-weight: 700;
        color: var(--tc-warn);
      }
    `,
  ];

  /** The table's ideas, newest first. */
  @property({ attribute: false }) ideas: Idea[] = [];
  @property({ attribute: false }) pending: readonly PendingIdea[] = [];
  @property() participantId = '';
  /** False once the café is closed: nothing can be changed any more. */
  @property({ type: Boolean }) editable = true;

  @state() private editing: { ideaId: string; text: string; problem: TextProblem | null } | null = null;

  override render() {
    const adds = this.pending.filter((p) => p.op.type === 'addIdea' && !this.ideas.some((i) => i.id === p.op.ideaId)).reverse();
    if (adds.length === 0 && this.ideas.length === 0)
      return html`<p class="empty">
        ${this.editable ? msg('No ideas at this table yet. Be the first!', { id: 'join.ideas.empty' }) : msg('No ideas at this table.', { id: 'join.ideas.none' })}
      </p>`;
    // How many of this phone's ideas and changes wait to be sent (kept on the phone meanwhile).
    const waiting = this.pending.filter((p) => p.status === 'waiting').length;
    return html`${waiting > 0
        ? html`<p class="waiting" role="status">${msg(str`${waiting} not sent yet: kept on this phone.`, { id: 'join.pending.count' })}</p>`
        : nothing}
      <ul>
        ${adds.map((p) => this.renderPendingAdd(p))} ${this.ideas.map((idea) => this.renderIdea(idea))}
      </ul>`;
  }

  private renderPendingAdd(p: PendingIdea) {
    return html`<li class="mine pending">
      <div class="meta"><span class="badge">${msg('yours', { id: 'join.ideas.yours' })}</span>${this.status(p)}</div>
      <p class="text">${p.op.text}</p>
      ${p.status === 'refused'
        ? html`<div class="actions">
            <button @click=${() => this.fire('restore-draft', { opId: p.opId, text: p.op.text })}>${msg('Edit and send again', { id: 'join.pending.restore' })}</button>
            <button class="danger" @click=${() => this.fire('discard-pending', { opId: p.opId, text: p.op.text })}>${msg('Discard', { id: 'join.pending.discard' })}</button>
          </div>`
        : nothing}
    </li>`;
  }

  private status(p: PendingIdea) {
    switch (p.status) {
      case 'sending':
        return html`<span class="status">${msg('sending …', { id: 'join.pending.sending' })}</span>`;
      case 'waiting':
        return html`<span class="status">${msg('not sent yet: will be sent when the connection is back', { id: 'join.pending.waiting' })}</span>`;
      case 'sent':
        return html`<span class="status">${msg('sent', { id: 'join.pending.sent' })}</span>`;
      case 'refused':
        return html`<span class="status refused">${msg('not accepted:', { id: 'join.pending.refused' })} ${p.error ? errorMessage(p.error) : ''}</span>`;
    }
  }

  private renderIdea(idea: Idea) {
    const mine = this.participantId !== '' && idea.author.participantId === this.participantId;
    const edit = this.pending.filter((p) => p.op.type === 'editIdea' && p.op.ideaId === idea.id).pop(); // not .at(-1): Safari 15.0–15.3 lack it
    const author = mine ? '' : [idea.author.displayName, idea.author.group].filter((x) => x).join(' · ');
    return html`<li class=${mine ? 'mine' : ''}>
      <div class="meta">
        ${mine ? html`<span class="badge">${msg('yours', { id: 'join.ideas.yours' })}</span>` : nothing}
        <span>${msg(str`Round ${idea.round + 1}`, { id: 'join.ideas.round' })}</span>
        ${author ? html`<span>${author}</span>` : nothing}
        ${idea.starred ? html`<span class="badge">★ ${msg('key idea', { id: 'join.ideas.starred' })}</span>` : nothing}
        ${idea.held ? html`<span class="badge held">${msg('waiting for approval', { id: 'join.ideas.held' })}</span>` : nothing}
        ${idea.hidden && !idea.held ? html`<span class="badge held">${msg('not shown on the wall', { id: 'join.ideas.hidden' })}</span>` : nothing}
        ${edit ? this.status(edit) : nothing}
      </div>
      ${this.editing?.ideaId === idea.id ? this.renderEditor(this.editing) : html`<p class="text">${edit ? edit.op.text : idea.text}</p>`}
      ${mine && this.editable && this.editing?.ideaId !== idea.id
        ? html`<div class="actions">
            <button @click=${() => void this.startEdit(idea.id, edit ? edit.op.text : idea.text)}>${msg('Edit', { id: 'join.ideas.edit' })}</button>
            ${edit?.status === 'refused'
              ? html`<button class="danger" @click=${() => this.fire('discard-pending', { opId: edit.opId, text: edit.op.text })}>
                  ${msg('Discard change', { id: 'join.pending.discardEdit' })}
                </button>`
              : nothing}
          </div>`
        : nothing}
    </li>`;
  }

  private renderEditor(editing: NonNullable<TcJoinIdeas['editing']>) {
    const length = textLength(editing.text);
    return html`<form @submit=${this.saveEdit}>
      <label for="edit" class="visually-hidden">${msg('Change your idea', { id: 'join.ideas.editLabel' })}</label>
      <textarea
        id="edit"
        aria-describedby="edit-counter"
        .value=${editing.text}
        @input=${(e: Event) => (this.editing = { ...editing, text: (e.target as HTMLTextAreaElement).value, problem: null })}
      ></textarea>
      <div class="meta" id="edit-counter">${msg(str`${length} of ${IDEA_TEXT_MAX} characters`, { id: 'join.compose.counter' })}</div>
      ${editing.problem ? html`<p class="status refused" role="alert">${errorMessage(editing.problem)}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary">${msg('Save', { id: 'join.ideas.save' })}</button>
        <button type="button" @click=${() => (this.editing = null)}>${msg('Cancel', { id: 'join.ideas.cancel' })}</button>
      </div>
    </form>`;
  }

  private async startEdit(ideaId: string, text: string): Promise<void> {
    this.editing = { ideaId, text, problem: null };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('#edit')?.focus();
  }

  private saveEdit(e: Event): void {
    e.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    const problem = textProblem(editing.text, IDEA_TEXT_MAX);
    if (problem) {
      this.editing = { ...editing, problem };
      return;
    }
    this.editing = null;
    this.dispatchEvent(new CustomEvent('edit-idea', { detail: { ideaId: editing.ideaId, text: normalizeText(editing.text) }, bubbles: true, composed: true }));
  }

  private fire(type: 'restore-draft' | 'discard-pending', detail: { opId: string; text: string }): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-ideas': TcJoinIdeas;
  }
}
