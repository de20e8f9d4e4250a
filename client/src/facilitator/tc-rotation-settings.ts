/**
 * Planned rotation in the console (issue 6), minimal: switch the café between free movement and
 * a plan the server makes, ask for a new plan, and read the plan's quality against its bounds.
 * The full preview (seat plans per round, printable) comes later.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { CafeState, RotationSettings } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { allowed } from './allowed.js';
import { facilitatorOp } from './events.js';

@customElement('tc-rotation-settings')
@localized()
export class TcRotationSettings extends LitElement {
  static override styles = [
    theme,
    css`
      label {
        display: flex;
        gap: 0.6rem;
        align-items: flex-start;
        margin: 0 0 0.75rem;
      }
      label.sub {
        margin-left: 2rem;
      }
      input {
        width: 1.4rem;
        height: 1.4rem;
        min-height: 0;
        margin: 0.1rem 0 0;
        accent-color: var(--tc-accent);
      }
      small,
      .muted {
        display: block;
        color: var(--tc-muted);
      }
      .quality {
        margin: 0.5rem 0 0.75rem;
      }
      :host {
        display: block;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;

  private edit(patch: Partial<RotationSettings>): void {
    this.dispatchEvent(facilitatorOp({ type: 'editCafe', rotation: patch }));
  }

  private renderQuality(s: CafeState) {
    const q = s.plan?.quality;
    if (!s.plan || !q) return html`<p class="muted">${msg('No plan yet.', { id: 'facilitator.rotation.none' })}</p>`;
    const g = q.groupsPerTable;
    return html`<ul class="quality">
      <li>${msg(str`Planned from round ${s.plan.fromRound + 1}`, { id: 'facilitator.rotation.from' })}</li>
      <li class="repeats">${msg(str`Pairs who meet again: ${q.repeatedPairs} (fewest possible: ${q.repeatBound})`, { id: 'facilitator.rotation.repeats' })}</li>
      <li class="groups">
        ${msg(str`Groups per table: ${g.mean.toFixed(1)} on average, at least ${g.worst} (best possible: ${g.boundMean.toFixed(1)}, ${g.boundWorst})`, { id: 'facilitator.rotation.groups' })}
      </li>
      <li>${msg(str`People per table: ${q.tableSize.min}–${q.tableSize.max}`, { id: 'facilitator.rotation.sizes' })}</li>
    </ul>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const r = s.rotation;
    const open = allowed(s, { type: 'editCafe', rotation: {} });
    const check = (key: keyof RotationSettings, label: string, hint: string, sub = false) =>
      html`<label class=${sub ? 'sub' : ''}>
        <input type="checkbox" class=${key} .checked=${live(r[key])} ?disabled=${!open} @change=${(e: Event) => this.edit({ [key]: (e.target as HTMLInputElement).checked })} />
        <span>${label}<small>${hint}</small></span>
      </label>`;
    return html`
      ${check(
        'planned',
        msg('Planned rotation', { id: 'facilitator.rotation.planned' }),
        msg('Before each round every phone says which table to go to, so that people meet as many others and groups as possible.', { id: 'facilitator.rotation.planned.hint' }),
      )}
      ${r.planned
        ? html`${check('hostsStay', msg('Hosts stay at their table', { id: 'facilitator.rotation.hostsStay' }), msg('The World Café way.', { id: 'facilitator.rotation.hostsStay.hint' }), true)}
          ${check(
            'homeLastRound',
            msg('Last round back home', { id: 'facilitator.rotation.home' }),
            msg('Everyone returns to their first table.', { id: 'facilitator.rotation.home.hint' }),
            true,
          )}
          ${this.renderQuality(s)}
          <button class="plan" ?disabled=${!allowed(s, { type: 'planRotation' })} @click=${() => this.dispatchEvent(facilitatorOp({ type: 'planRotation' }))}>
            ${msg('Plan again', { id: 'facilitator.rotation.plan' })}
          </button>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-rotation-settings': TcRotationSettings;
  }
}
