/**
 * Planned rotation in the console (issue 6): switch the café between free movement and a plan the
 * server makes, ask for a new plan, read the plan's quality against its bounds in plain words with
 * a table × round grid of people and groups (usable before the café opens), and open the
 * printable seat plan (loaded only when asked for).
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { CafeState, RotationSettings } from '../../../shared/domain/state.js';
import { atBounds, groupsAtBound } from '../../../shared/rotation/verdict.js';
import { getLocale } from '../i18n.js';
import { theme } from '../ui/theme.js';
import { allowed } from './allowed.js';
import { facilitatorOp } from './events.js';
import { planGaps, planGrid, type PlanGrid } from './seat-plan.js';
import type { TcSeatPlanPrint } from './tc-seat-plan-print.js';
import './tc-plan-grid.js';

/** Above this many tables the grid starts folded away. */
const GRID_OPEN_TABLES = 16;

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
        padding-left: 1.2rem;
      }
      .quality li + li {
        margin-top: 0.2rem;
      }
      .verdict {
        margin: 0.75rem 0 0.25rem;
        font-weight: 700;
      }
      .verdict.short,
      .warn {
        color: var(--tc-warn);
      }
      details {
        margin: 0 0 0.75rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.25rem 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
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

  @state() private printing = false;
  private seatPlan: TcSeatPlanPrint | null = null;
  /** The grid of the state last drawn, so a redraw for anything else does not recount it. */
  private grid: { state: CafeState; grid: PlanGrid | null } | null = null;

  private gridOf(s: CafeState): PlanGrid | null {
    if (this.grid?.state !== s) this.grid = { state: s, grid: planGrid(s) };
    return this.grid.grid;
  }

  private async openSeatPlan(): Promise<void> {
    if (this.seatPlan || !this.state) return;
    this.printing = true;
    const { openSeatPlan } = await import('./tc-seat-plan-print.js');
    if (!this.state || !this.isConnected) return;
    this.seatPlan = openSeatPlan(this.state);
    this.seatPlan.addEventListener('seat-plan-closed', () => {
      this.seatPlan = null;
      this.printing = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.seat-plan')?.focus());
    });
  }

  override updated(): void {
    if (this.seatPlan && this.state) this.seatPlan.state = this.state;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.seatPlan?.close();
  }

  private capacityWords(s: CafeState): string {
    const caps = [...new Set(s.tables.filter((t) => t.enabled).map((t) => t.capacity))];
    if (caps.length === 1 && caps[0] === null) return msg('no table capacity set: an even share', { id: 'facilitator.rotation.evenShare' });
    const set = caps.filter((c): c is number => c !== null);
    const lo = Math.min(...set);
    const hi = Math.max(...set);
    const range = lo === hi ? String(lo) : `${lo}–${hi}`;
    return caps.includes(null) ? msg(str`capacity ${range} at some tables`, { id: 'facilitator.rotation.someCapacity' }) : msg(str`capacity ${range}`, { id: 'facilitator.rotation.capacity' });
  }

  /** Why the plan may not seat everyone: too few seats at the open tables, or people it does not have yet. */
  private renderGaps(s: CafeState) {
    const { people, unplanned, seats } = planGaps(s);
    return html`${seats !== null && seats < people
      ? html`<p class="warn gap seats" role="status">
          ${msg(str`Not enough seats: ${people} people, ${seats} seats at the open tables. Give a table more seats (empty = even share) or open a table.`, { id: 'facilitator.rotation.seatsShort' })}
        </p>`
      : nothing}
    ${unplanned > 0
      ? html`<p class="warn gap unplanned" role="status">
          ${msg(str`${unplanned} of ${people} people are not in this plan yet.`, { id: 'facilitator.rotation.unplanned' })}
        </p>`
      : nothing}`;
  }

  private renderQuality(s: CafeState) {
    const q = s.plan?.quality;
    if (!s.plan || !q) return html`<p class="muted">${msg('No plan yet.', { id: 'facilitator.rotation.none' })}</p>`;
    const g = q.groupsPerTable;
    const grid = this.gridOf(s);
    const good = atBounds(q);
    return html`<p class="verdict ${good ? 'good' : 'short'}">
        ${good
          ? msg('As good as it can be: meetings, groups, table sizes and hosts at their best possible values.', { id: 'facilitator.rotation.atBounds' })
          : msg('Short of the best possible where marked below.', { id: 'facilitator.rotation.belowBounds' })}
      </p>
      <ul class="quality">
        <li class="people">
          ${msg(str`Planned from round ${s.plan.fromRound + 1}`, { id: 'facilitator.rotation.from' })} ·
          ${msg(str`${grid?.people ?? 0} people, ${grid?.withoutPhone ?? 0} of them without a phone`, { id: 'facilitator.rotation.people' })}
        </li>
        <li class="repeats ${q.repeatMeetings > q.repeatBound ? 'warn' : ''}">
          ${msg(str`Pairs who meet again: ${q.repeatedPairs} (fewest possible: ${q.repeatBound})`, { id: 'facilitator.rotation.repeats' })}
        </li>
        ${grid && grid.groupsPresent > 0
          ? html`<li class="groups ${groupsAtBound(g) ? '' : 'warn'}">
              ${msg(str`Groups per table: ${oneDecimal(g.mean)} on average, at least ${g.worst} (best possible: ${oneDecimal(g.boundMean)}, ${g.boundWorst})`, { id: 'facilitator.rotation.groups' })}
            </li>`
          : nothing}
        <li class="sizes ${q.tableSize.overCapacity > 0 ? 'warn' : ''}">
          ${q.tableSize.min === q.tableSize.max
            ? msg(str`People per table: ${q.tableSize.min} at every table`, { id: 'facilitator.rotation.sizesEven' })
            : msg(str`People per table: ${q.tableSize.min}–${q.tableSize.max}`, { id: 'facilitator.rotation.sizes' })}
          (${this.capacityWords(s)})${q.tableSize.overCapacity > 0
            ? html` · ${msg(str`up to ${q.tableSize.overCapacity} over a table’s share or capacity`, { id: 'facilitator.rotation.overShare' })}`
            : nothing}
        </li>
        ${q.revisits === undefined
          ? nothing
          : // The planner's softest aim, against a lower bound that is often out of reach: said, not marked.
            html`<li class="revisits">
              ${(q.revisitBound ?? 0) > 0
                ? msg(str`Returns to a table already visited: ${q.revisits} (at least ${q.revisitBound} cannot be avoided)`, { id: 'facilitator.rotation.revisitsForced' })
                : msg(str`Returns to a table already visited: ${q.revisits}`, { id: 'facilitator.rotation.revisits' })}
            </li>`}
        ${q.hosts.expected > 0
          ? html`<li class="hosts ${q.hosts.inPlace < q.hosts.expected ? 'warn' : ''}">
              ${msg(str`Hosts at their own table: ${q.hosts.inPlace} of ${q.hosts.expected} host rounds`, { id: 'facilitator.rotation.hosts' })}
            </li>`
          : nothing}
      </ul>
      ${grid
        ? html`<details class="grid" ?open=${grid.tables.length <= GRID_OPEN_TABLES}>
            <summary>${msg('Each table, round by round', { id: 'facilitator.rotation.grid' })}</summary>
            <tc-plan-grid .grid=${grid}></tc-plan-grid>
          </details>`
        : nothing}`;
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
          ${this.renderGaps(s)} ${this.renderQuality(s)}
          <div class="actions">
            <button class="plan" ?disabled=${!allowed(s, { type: 'planRotation' })} @click=${() => this.dispatchEvent(facilitatorOp({ type: 'planRotation' }))}>
              ${msg('Plan again', { id: 'facilitator.rotation.plan' })}
            </button>
            <button class="seat-plan" ?disabled=${!s.plan || this.printing} @click=${() => void this.openSeatPlan()}>
              ${msg('Print seat plan', { id: 'facilitator.rotation.print' })}
            </button>
          </div>`
        : nothing}
    `;
  }
}

/** A figure with one decimal, as the console's language writes it (2.9, 2,9). */
function oneDecimal(x: number): string {
  return new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-rotation-settings': TcRotationSettings;
  }
}
