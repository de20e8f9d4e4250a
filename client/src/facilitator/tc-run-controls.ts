/**
 * The buttons that run the café. They stay in the same places whatever the phase (a button that
 * cannot be used is disabled, not removed), so a hurried hand finds the same button twice.
 * Each label says what will happen; "next" names the phase it was pressed in, and is locked for
 * a moment after a press so that a double click cannot skip the travel time.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import type { CafeState, Phase } from '../../../shared/domain/state.js';
import { phaseLabel } from '../ui/phase-label.js';
import { theme } from '../ui/theme.js';
import { allowed, nextRoundFrom, phaseAfter } from './allowed.js';
import { facilitatorOp } from './events.js';
import type { TcConfirm } from './tc-confirm.js';
import './tc-confirm.js';

/** How long "next" stays locked after a press: longer than a double click, shorter than a decision. */
export const NEXT_LOCK_MS = 1500;

/** How long after a round change the console offers to undo it. */
export const UNDO_OFFERED_MS = 2 * 60_000;

@customElement('tc-run-controls')
@localized()
export class TcRunControls extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
      }
      .row + .row {
        margin-top: 0.75rem;
      }
      button.next {
        font-weight: 700;
      }
      .undo {
        background: var(--tc-star-soft);
        border-color: var(--tc-star);
        color: var(--tc-star);
      }
      .spacer {
        flex: 1;
      }
      button[aria-disabled='true'] {
        opacity: 0.55;
        cursor: not-allowed;
      }
      /* An unavailable control is never filled: "primary" is only ever an invitation to press. */
      button.primary[aria-disabled='true'] {
        background: var(--tc-card);
        color: var(--tc-accent);
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** The server's present time: a mistaken click is undone at once, so undo is offered only for a while. */
  @property({ type: Number }) now = 0;
  @query('tc-confirm') private confirm!: TcConfirm;
  private nextLocked = false;

  private send(op: ClientCommand): void {
    this.dispatchEvent(facilitatorOp(op));
  }

  private next(phase: Phase): void {
    if (this.nextLocked) return;
    this.nextLocked = true;
    this.requestUpdate();
    setTimeout(() => {
      this.nextLocked = false;
      this.requestUpdate();
    }, NEXT_LOCK_MS);
    this.send(nextRoundFrom(phase));
  }

  private async close(): Promise<void> {
    const yes = await this.confirm.ask({
      heading: msg('Close the café?', { id: 'facilitator.close.heading' }),
      message: msg('Nobody can add ideas any more, and the café cannot be opened again. The harvest stays.', {
        id: 'facilitator.close.message',
      }),
      confirmLabel: msg('Close the café', { id: 'facilitator.close.confirm' }),
    });
    if (yes) this.send({ type: 'closeCafe' });
  }

  /** What "next" does from here, in words, judged from the phase it would lead to. */
  private nextLabel(state: CafeState): string {
    const p = state.phase;
    const target = phaseAfter(state, nextRoundFrom(p));
    if (p.kind === 'round') {
      if (target?.kind === 'travel') return msg(str`End round ${p.round + 1}: change tables`, { id: 'facilitator.next.toTravel' });
      if (target?.kind === 'round') return msg(str`End round ${p.round + 1}: start round ${target.round + 1}`, { id: 'facilitator.next.toRound' });
      if (target?.kind === 'harvest') return msg(str`End round ${p.round + 1}: start the harvest`, { id: 'facilitator.next.toHarvest' });
    }
    if (p.kind === 'travel') {
      if (target?.kind === 'round') return msg(str`Start round ${target.round + 1} now`, { id: 'facilitator.next.startNow' });
      if (target?.kind === 'harvest') return msg('Start the harvest', { id: 'facilitator.next.harvest' });
    }
    return msg('Next round', { id: 'facilitator.next.plain' });
  }

  /**
   * A control that is unavailable says so with aria-disabled instead of `disabled`: a pressed
   * button that turns unavailable (every phase button does) keeps the keyboard focus.
   */
  private control(cls: string, available: boolean, label: string, action: () => void) {
    return html`<button class=${cls} aria-disabled=${available ? 'false' : 'true'} @click=${() => available && action()}>${label}</button>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const p = s.phase;
    const can = (op: ClientCommand) => allowed(s, op);
    const send = (op: ClientCommand) => () => this.send(op);
    // Starting round 1 belongs to the set-up and the lobby; later rounds come by "next".
    const canStart = (p.kind === 'setup' || p.kind === 'lobby') && can({ type: 'startRound' });
    const canNext = (p.kind === 'round' || p.kind === 'travel') && can(nextRoundFrom(p)) && !this.nextLocked;
    const minutes = (m: number) => msg(str`+${m} min`, { id: 'facilitator.extend' });
    return html`
      <div class="row" role="group" aria-label=${msg('Phase', { id: 'facilitator.controls.phase' })}>
        ${this.control(`open ${p.kind === 'setup' ? 'primary' : ''}`, can({ type: 'openCafe' }), msg('Open the café', { id: 'facilitator.open' }), send({ type: 'openCafe' }))}
        ${this.control(`start ${canStart && p.kind === 'lobby' ? 'primary' : ''}`, canStart, msg('Start round 1', { id: 'facilitator.start' }), send({ type: 'startRound' }))}
        ${this.control(`next ${canNext ? 'primary' : ''}`, canNext, this.nextLabel(s), () => this.next(p))}
        ${s.undo && this.now - s.phaseChangedAt < UNDO_OFFERED_MS ? this.control('undo', true, msg(str`Undo: back to ${phaseLabel(s.undo)}`, { id: 'facilitator.undo' }), send({ type: 'undoNextRound' })) : nothing}
      </div>
      <div class="row" role="group" aria-label=${msg('Timer', { id: 'facilitator.controls.timer' })}>
        ${this.control('pause', can({ type: 'pauseRound' }), msg('Pause', { id: 'facilitator.pause' }), send({ type: 'pauseRound' }))}
        ${this.control('resume', can({ type: 'resumeRound' }), msg('Resume', { id: 'facilitator.resume' }), send({ type: 'resumeRound' }))}
        ${this.control('extend1', can({ type: 'extendRound', ms: 60_000 }), minutes(1), send({ type: 'extendRound', ms: 60_000 }))}
        ${this.control('extend5', can({ type: 'extendRound', ms: 300_000 }), minutes(5), send({ type: 'extendRound', ms: 300_000 }))}
        <span class="spacer"></span>
        ${this.control('close danger', can({ type: 'closeCafe' }), msg('Close the café …', { id: 'facilitator.close' }), () => void this.close())}
      </div>
      <tc-confirm></tc-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-run-controls': TcRunControls;
  }
}
