/**
 * Asks before something that cannot be taken back (closing the café, wiping a rehearsal, cutting
 * off a tablet). A modal <dialog>: focus stays inside, Escape cancels, and Cancel has the focus
 * first, so a hurried Enter does no harm.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';

export interface ConfirmQuestion {
  heading: string;
  message: string;
  /** Says what happens, e.g. "Close the café"; never just "OK". */
  confirmLabel: string;
}

@customElement('tc-confirm')
@localized()
export class TcConfirm extends LitElement {
  static override styles = [
    theme,
    css`
      dialog {
        max-width: min(34rem, 92vw);
        border: 2px solid var(--tc-ink);
        border-radius: var(--tc-radius);
        padding: 1.5rem;
        background: var(--tc-card);
        color: var(--tc-ink);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.3rem;
      }
      p {
        margin: 0 0 1.25rem;
        line-height: 1.45;
      }
      .actions {
        display: flex;
        gap: 0.75rem;
        justify-content: flex-end;
        flex-wrap: wrap;
      }
      button.confirm {
        background: var(--tc-danger);
        border-color: var(--tc-danger);
        color: #ffffff;
      }
    `,
  ];

  @property({ attribute: false }) question: ConfirmQuestion | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;
  private answer: ((yes: boolean) => void) | null = null;

  /** Shows the question; resolves true only when the person confirms. */
  async ask(question: ConfirmQuestion): Promise<boolean> {
    this.answer?.(false);
    this.question = question;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button.cancel')?.focus();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private close(yes: boolean): void {
    const answer = this.answer;
    this.answer = null;
    if (this.dialog.open) this.dialog.close();
    answer?.(yes);
  }

  override render() {
    const q = this.question;
    return html`<dialog aria-labelledby="heading" aria-describedby="message" @close=${() => this.close(false)}>
      <h2 id="heading">${q?.heading ?? ''}</h2>
      <p id="message">${q?.message ?? ''}</p>
      <div class="actions">
        <button class="cancel" @click=${() => this.close(false)}>${msg('Cancel', { id: 'facilitator.confirm.cancel' })}</button>
        <button class="confirm" @click=${() => this.close(true)}>${q?.confirmLabel ?? ''}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-confirm': TcConfirm;
  }
}
