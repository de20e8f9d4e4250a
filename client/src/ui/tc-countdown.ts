/**
 * The time left, from the server's deadline: "12:05", and "−0:42" with an overtime mark once
 * the deadline has passed. Screen readers get a label, not a live announcement every second.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatTimeLeft } from '../../../shared/domain/clock.js';
import { theme } from './theme.js';

@customElement('tc-countdown')
@localized()
export class TcCountdown extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: inline-flex;
        flex-direction: column;
        align-items: center;
        font-variant-numeric: tabular-nums;
      }
      .time {
        font-size: var(--tc-countdown-size, 2.5rem);
        font-weight: 700;
        line-height: 1;
        letter-spacing: 0.02em;
      }
      :host([overtime]) .time {
        color: var(--tc-danger);
      }
      .note {
        font-size: var(--tc-countdown-note-size, 0.9rem);
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.08em;
        color: var(--tc-muted);
      }
      :host([overtime]) .note {
        color: var(--tc-danger);
      }
    `,
  ];

  /** Milliseconds left (negative in overtime); null shows nothing. */
  @property({ type: Number }) ms: number | null = null;
  @property({ type: Boolean }) paused = false;
  @property({ type: Boolean, reflect: true }) overtime = false;

  override willUpdate(): void {
    this.overtime = this.ms !== null && this.ms < -999 && !this.paused;
  }

  override render() {
    if (this.ms === null) return nothing;
    const note = this.paused ? msg('Paused', { id: 'countdown.paused' }) : this.overtime ? msg('Overtime', { id: 'countdown.overtime' }) : '';
    return html`<span class="time" role="timer" aria-label=${msg('Time left', { id: 'countdown.label' })}>${formatTimeLeft(this.ms)}</span>
      ${note ? html`<span class="note">${note}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-countdown': TcCountdown;
  }
}
