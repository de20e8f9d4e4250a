/**
 * A short message to the whole room (walls and phones): at most 280 characters, counted as
 * people count them (an emoji is one), with the count shown while typing.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Broadcast } from '../../../shared/domain/state.js';
import { BROADCAST_TEXT_MAX, normalizeText, textLength } from '../../../shared/text.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp } from './events.js';

@customElement('tc-broadcast-form')
@localized()
export class TcBroadcastForm extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      textarea {
        width: 100%;
        min-height: 4.5em;
        resize: vertical;
      }
      .meta {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        align-items: center;
        margin: 0.3rem 0 0.6rem;
        font-size: 0.9rem;
        color: var(--tc-muted);
      }
      .over {
        color: var(--tc-danger);
        font-weight: 700;
      }
      .actions {
        display: flex;
        gap: 0.6rem;
        flex-wrap: wrap;
      }
      .current {
        margin: 0 0 0.75rem;
        padding: 0.6rem 0.8rem;
        border-left: 4px solid var(--tc-accent);
        background: var(--tc-accent-soft);
        overflow-wrap: anywhere;
      }
      .current strong {
        display: block;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The message the room sees now, if any. */
  @property({ attribute: false }) broadcast: Broadcast | null = null;
  @property({ type: Boolean }) disabled = false;
  @state() private text = '';

  private send(): void {
    const text = normalizeText(this.text);
    if (text === '' || textLength(text) > BROADCAST_TEXT_MAX) return;
    this.dispatchEvent(facilitatorOp({ type: 'broadcast', text }));
    this.text = '';
  }

  override render() {
    const length = textLength(normalizeText(this.text));
    const over = length > BROADCAST_TEXT_MAX;
    return html`
      ${this.broadcast
        ? html`<p class="current" aria-live="polite">
            <strong>${msg('The room sees now:', { id: 'facilitator.broadcast.current' })}</strong>${this.broadcast.text}
          </p>`
        : nothing}
      <label for="text">${msg('Text of the message', { id: 'facilitator.broadcast.label' })}</label>
      <textarea
        id="text"
        aria-describedby="count"
        aria-invalid=${over ? 'true' : 'false'}
        .value=${this.text}
        ?disabled=${this.disabled}
        @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          // Ctrl/Cmd+Enter sends; plain Enter makes a new line.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
            e.preventDefault();
            this.send();
          }
        }}
      ></textarea>
      <div class="meta">
        <span id="count" class=${over ? 'count over' : 'count'}>
          ${over
            ? msg(str`${length} of ${BROADCAST_TEXT_MAX} characters: too long`, { id: 'facilitator.broadcast.tooLong' })
            : msg(str`${length} of ${BROADCAST_TEXT_MAX} characters`, { id: 'facilitator.broadcast.count' })}
        </span>
      </div>
      <div class="actions">
        <button class="send primary" ?disabled=${this.disabled || length === 0 || over} @click=${() => this.send()}>
          ${msg('Show to the room', { id: 'facilitator.broadcast.send' })}
        </button>
        <button
          class="clear"
          ?disabled=${this.disabled || !this.broadcast}
          @click=${() => this.dispatchEvent(facilitatorOp({ type: 'broadcast', text: '' }))}
        >
          ${msg('Remove the message', { id: 'facilitator.broadcast.clear' })}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-broadcast-form': TcBroadcastForm;
  }
}
