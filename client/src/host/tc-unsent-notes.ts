/**
 * What a tablet still holds when the café no longer takes anything from it (its host link was
 * withdrawn, C4) and the page has no café to show: the notes that were never accepted, with their
 * text to copy, so nothing typed is lost even after a reload.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { copyText } from '../lib/copy-text.js';
import type { OutgoingOp } from '../outbox/outbox.js';
import { theme } from '../ui/theme.js';

@customElement('tc-unsent-notes')
@localized()
export class TcUnsentNotes extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        max-width: 40rem;
        margin: 0 auto;
        padding: 0 1.25rem 2rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      li {
        padding: 0.75rem 1rem;
        border: 2px dashed var(--tc-danger);
        border-radius: 10px;
        background: var(--tc-card);
      }
      p {
        margin: 0 0 0.5rem;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
      }
    `,
  ];

  /** The operations the tablet could not send. */
  @property({ attribute: false }) notes: readonly OutgoingOp[] = [];
  @state() private copied: string | null = null;

  override render() {
    const texts = this.notes.flatMap((o) => (o.op.type === 'addIdea' || o.op.type === 'editIdea' ? [{ id: o.opId, text: o.op.text }] : []));
    if (texts.length === 0) return html``;
    return html`<h2>${msg('Notes this tablet could not send', { id: 'host.unsentTitle' })}</h2>
      <p>${msg('Copy them and give them to the facilitator, or type them on the new host link.', { id: 'host.unsentHint' })}</p>
      <ul>
        ${texts.map(
          (t) => html`<li>
            <p>${t.text}</p>
            <button type="button" @click=${() => void this.copy(t.id, t.text)}>
              ${this.copied === t.id ? msg('Copied', { id: 'host.copied' }) : msg('Copy text', { id: 'host.copy' })}
            </button>
          </li>`,
        )}
      </ul>`;
  }

  private async copy(id: string, text: string): Promise<void> {
    if (await copyText(text)) this.copied = id;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-unsent-notes': TcUnsentNotes;
  }
}
