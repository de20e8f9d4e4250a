/**
 * One idea in the host's list: its text, whose it was, whether it is a key idea, held or hidden,
 * and where it is on its way to the server. Star, edit inline (Enter saves, Escape cancels) and
 * delete after a confirmation, since deleting is final on the server.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Idea } from '../../../shared/domain/state.js';
import { IDEA_TEXT_MAX, normalizeText, textProblem, type TextProblem } from '../../../shared/text.js';
import { copyText } from '../lib/copy-text.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { hostIdeaStyles } from './host-idea-styles.js';
import { fire } from './host-events.js';
import type { OutgoingOp } from '../outbox/outbox.js';

@customElement('tc-host-idea')
@localized()
export class TcHostIdea extends LitElement {
  static override styles = [theme, hostIdeaStyles];

  @property({ attribute: false }) idea!: Idea;
  /** The operation on its way for this idea (its addition, or the latest change), if any. */
  @property({ attribute: false }) outgoing: OutgoingOp | null = null;
  /** Not yet accepted by the server: only its addition can be retried, copied or removed. */
  @property({ type: Boolean, reflect: true }) unsent = false;
  /** No changes possible (the café is closed). */
  @property({ type: Boolean }) readonly = false;
  /** The tablet has no connection: what waits is kept, not being sent. */
  @property({ type: Boolean }) offline = false;
  /** The round the idea was written in, when it is not the round the list shows. */
  @property({ attribute: false }) roundNote: number | null = null;
  @property({ type: Boolean, reflect: true }) starred = false;
  @property({ type: Boolean, reflect: true }) refused = false;

  @state() private mode: 'view' | 'edit' | 'confirm-delete' = 'view';
  @state() private draft = '';
  @state() private problem: TextProblem | null = null;
  @state() private copied = false;

  @query('textarea') private editor?: HTMLTextAreaElement;
  /** Set once the host confirmed the deletion: the focus then goes back to the capture field, not here. */
  private deleted = false;

  override willUpdate(): void {
    this.starred = this.idea.starred;
    this.refused = this.outgoing?.status === 'refused';
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('mode')) return;
    const previous = changed.get('mode') as TcHostIdea['mode'] | undefined;
    if (this.mode === 'edit') this.editor?.focus();
    // The safe answer gets the focus, so a second Enter does not delete.
    else if (this.mode === 'confirm-delete') this.actionButton('keep')?.focus();
    else if (previous === 'edit') this.actionButton('edit')?.focus();
    else if (previous === 'confirm-delete' && !this.deleted) this.actionButton('delete')?.focus();
  }

  override render() {
    const o = this.outgoing;
    return html`
      ${this.mode === 'edit' ? this.renderEditor() : html`<p class="text" id="text">${this.idea.text}</p>`}
      <div class="foot">
        ${this.renderMeta()}
        ${o?.status === 'refused' && o.error ? html`<p class="refusal" role="alert">${this.refusalText()} ${errorMessage(o.error)}</p>` : nothing}
        ${this.renderActions()}
      </div>
    `;
  }

  private renderMeta() {
    const idea = this.idea;
    const author = idea.author;
    return html`<div class="meta">
      ${this.roundNote !== null ? html`<span class="tag">${msg(str`Round ${this.roundNote + 1}`, { id: 'host.ideaRound' })}</span>` : nothing}
      ${author.group ? html`<span class="tag">${author.group}</span>` : nothing}
      ${author.role === 'participant'
        ? html`<span>
            ${author.displayName
              ? msg(str`from ${author.displayName}'s phone`, { id: 'host.fromNamedPhone' })
              : msg('from a phone', { id: 'host.fromPhone' })}
          </span>`
        : nothing}
      ${idea.held
        ? html`<span class="mark">${msg('Waiting for approval: not on the wall yet', { id: 'host.held' })}</span>`
        : idea.hidden
          ? html`<span class="mark">${msg('Hidden from the wall by the facilitator', { id: 'host.hidden' })}</span>`
          : nothing}
      ${idea.late ? html`<span>${msg('Arrived late', { id: 'host.late' })}</span>` : nothing}
      ${idea.editedAt !== null ? html`<span>${msg('edited', { id: 'host.edited' })}</span>` : nothing}
      ${this.renderProgress()}
    </div>`;
  }

  private renderProgress() {
    const o = this.outgoing;
    if (!o || o.status === 'refused') return nothing;
    // Waiting while offline, or after a failed try (no connection, no answer): say it will go later.
    const later = o.status === 'waiting' && (o.error !== null || this.offline);
    let label: string;
    switch (o.op.type) {
      case 'addIdea':
        label = later
          ? msg('Not sent yet: kept here and sent when the connection is back', { id: 'host.waiting' })
          : msg('Sending …', { id: 'host.sending' });
        break;
      case 'deleteIdea':
        label = later
          ? msg('Not deleted yet: deleted when the connection is back', { id: 'host.deleteWaiting' })
          : msg('Deleting …', { id: 'host.deleting' });
        break;
      default:
        label = later
          ? msg('Change not saved yet: saved when the connection is back', { id: 'host.changeWaiting' })
          : msg('Saving …', { id: 'host.saving' });
    }
    return html`<span class="mark" role="status">${label}</span>`;
  }

  private refusalText(): string {
    switch (this.outgoing?.op.type) {
      case 'addIdea':
        return msg('Not added:', { id: 'host.refusedAdd' });
      case 'deleteIdea':
        return msg('Not deleted:', { id: 'host.refusedDelete' });
      default:
        return msg('Change not saved:', { id: 'host.refusedChange' });
    }
  }

  private renderEditor() {
    const problem = this.problem ? errorMessage(this.problem) : '';
    return html`<label class="visually-hidden" for="editor">${msg('Edit the idea', { id: 'host.editLabel' })}</label>
      <textarea
        id="editor"
        enterkeyhint="done"
        aria-describedby="edit-problem"
        aria-invalid=${this.problem ? 'true' : 'false'}
        .value=${this.draft}
        @input=${(e: InputEvent) => (this.draft = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this.onEditKey}
      ></textarea>
      <p id="edit-problem" class="refusal" role="alert">${problem}</p>`;
  }

  private renderActions() {
    const o = this.outgoing;
    if (o?.status === 'refused') {
      const text = o.op.type === 'addIdea' || o.op.type === 'editIdea' ? o.op.text : null;
      // Refused because of the link itself (withdrawn): trying again cannot help, copying can.
      const linkGone = o.error === 'LINK_REVOKED' || o.error === 'UNAUTHENTICATED';
      return html`<div class="actions">
        ${linkGone
          ? nothing
          : html`<button type="button" class="primary" @click=${() => fire(this, 'retry-op', { opId: o.opId })}>${msg('Try again', { id: 'host.retry' })}</button>`}
        ${text !== null ? this.renderCopy(text) : nothing}
        <button type="button" class="danger" @click=${() => fire(this, 'discard-op', { opId: o.opId })}>${msg('Discard', { id: 'host.discard' })}</button>
      </div>`;
    }
    // Not accepted yet: no changes, but the text can be saved elsewhere if the tablet must be left.
    if (this.unsent && o?.op.type === 'addIdea') return html`<div class="actions">${this.renderCopy(o.op.text)}</div>`;
    if (this.unsent || this.readonly || o?.op.type === 'deleteIdea') return nothing;
    if (this.mode === 'edit') {
      return html`<div class="actions">
        <button type="button" class="primary" @click=${this.save}>${msg('Save', { id: 'host.save' })}</button>
        <button type="button" @click=${this.cancel}>${msg('Cancel', { id: 'host.cancel' })}</button>
      </div>`;
    }
    if (this.mode === 'confirm-delete') {
      return html`<p class="confirm" id="confirm">${msg('Delete this idea for everyone? This cannot be undone.', { id: 'host.confirmDelete' })}</p>
        <div class="actions" role="group" aria-labelledby="confirm">
          <button type="button" class="danger" data-part="confirm" @click=${this.confirmDelete}>${msg('Delete', { id: 'host.delete' })}</button>
          <button type="button" data-part="keep" @click=${() => (this.mode = 'view')}>${msg('Keep it', { id: 'host.keep' })}</button>
        </div>`;
    }
    return html`<div class="actions">
      <button
        type="button"
        class="star"
        data-part="star"
        aria-pressed=${this.idea.starred ? 'true' : 'false'}
        aria-describedby="text"
        @click=${() => fire(this, 'star-idea', { ideaId: this.idea.id, starred: !this.idea.starred })}
      >
        <span aria-hidden="true">${this.idea.starred ? '★' : '☆'}</span> ${msg('Key idea', { id: 'host.star' })}
      </button>
      <button type="button" data-part="edit" aria-describedby="text" @click=${this.startEdit}>${msg('Edit', { id: 'host.edit' })}</button>
      <button type="button" class="danger" data-part="delete" aria-describedby="text" @click=${() => (this.mode = 'confirm-delete')}>
        ${msg('Delete', { id: 'host.delete' })}
      </button>
    </div>`;
  }

  private renderCopy(text: string) {
    return html`<button type="button" @click=${() => void this.copy(text)}>
      ${this.copied ? msg('Copied', { id: 'host.copied' }) : msg('Copy text', { id: 'host.copy' })}
    </button>`;
  }

  private actionButton(name: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`[data-part='${name}']`);
  }

  private startEdit(): void {
    this.draft = this.idea.text;
    this.problem = null;
    this.mode = 'edit';
  }

  private onEditKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      this.cancel();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      this.save();
    }
  }

  private save(): void {
    const problem = textProblem(this.draft, IDEA_TEXT_MAX);
    if (problem) {
      this.problem = problem;
      this.editor?.focus();
      return;
    }
    const text = normalizeText(this.draft);
    if (text !== this.idea.text) fire(this, 'edit-idea', { ideaId: this.idea.id, text });
    this.mode = 'view';
  }

  private cancel(): void {
    this.mode = 'view';
  }

  private confirmDelete(): void {
    this.deleted = true;
    fire(this, 'delete-idea', { ideaId: this.idea.id });
    this.mode = 'view';
  }

  private async copy(text: string): Promise<void> {
    this.copied = await copyText(text);
    // "Copied" is feedback for this tap; after a moment the button offers copying again.
    if (this.copied) setTimeout(() => (this.copied = false), 3000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-host-idea': TcHostIdea;
  }
}
