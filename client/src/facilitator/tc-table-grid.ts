/**
 * Every table at a glance: whether a host device is connected, how many ideas this round, the
 * last activity, closed tables, and the room's mix: the people and groups sitting there now (M12)
 * — before a round of planned rotation, those the plan sends there — with a word on a table that
 * has no host (or whose host left) while planned rotation keeps hosts in place. Each table is a button (Tab, Enter, Space); the arrow keys, Home
 * and End move between tables, as in a grid of 45.
 */
import { groupsWord, peopleWord } from './counts.js';
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { roomMix } from '../../../shared/domain/room-mix.js';
import { currentRound, type CafeState } from '../../../shared/domain/state.js';
import type { Presence } from '../../../shared/protocol.js';
import { getLocale } from '../i18n.js';
import { theme } from '../ui/theme.js';
import { plannedArrivals } from './seat-plan.js';
import { sinceText, tableActivity } from './table-activity.js';

export type SelectTableEvent = CustomEvent<{ tableId: string }>;

@customElement('tc-table-grid')
@localized()
export class TcTableGrid extends LitElement {
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
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.5rem;
      }
      button {
        width: 100%;
        height: 100%;
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 0.15rem;
        text-align: left;
        padding: 0.5rem 0.65rem;
        border: 2px solid var(--tc-line);
        border-radius: 10px;
        color: var(--tc-ink);
        background: var(--tc-card);
        font-size: 0.9rem;
      }
      button[aria-pressed='true'] {
        border-color: var(--tc-accent);
        box-shadow: inset 0 0 0 2px var(--tc-accent);
        background: var(--tc-accent-soft);
      }
      .name {
        font-weight: 700;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
      .host::before {
        content: '';
        display: inline-block;
        width: 0.6em;
        height: 0.6em;
        border-radius: 50%;
        margin-right: 0.35em;
        border: 2px solid var(--tc-muted);
      }
      .host.on {
        color: var(--tc-ok);
        font-weight: 600;
      }
      .host.on::before {
        background: var(--tc-ok);
        border-color: var(--tc-ok);
      }
      .host.off {
        color: var(--tc-muted);
      }
      .muted {
        color: var(--tc-muted);
      }
      .closed {
        background: var(--tc-paper);
        border-style: dashed;
      }
      .badge {
        font-weight: 700;
        color: var(--tc-danger);
      }
      .no-host {
        font-weight: 700;
        color: var(--tc-warn);
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @property({ attribute: false }) presence: Presence | null = null;
  /** The server's present time, for "last idea 3 min ago". */
  @property({ type: Number }) now = 0;
  @property() selected: string | null = null;

  private select(tableId: string): void {
    this.dispatchEvent(new CustomEvent('select-table', { detail: { tableId }, bubbles: true, composed: true }));
  }

  private onKey(e: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    // Columns as laid out now: the buttons on the first button's line.
    const columns = Math.max(1, buttons.filter((b) => b.offsetTop === buttons[0]!.offsetTop).length);
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      ArrowDown: at + columns,
      ArrowUp: at - columns,
      Home: 0,
      End: buttons.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, to))]?.focus();
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const activity = tableActivity(s);
    const locale = getLocale();
    // Before the first round there is no round to count ideas in.
    const started = currentRound(s) >= 0;
    const mix = roomMix(s).perTable;
    // Before a round of planned rotation no one sits anywhere yet: the plan says who is coming.
    const planned = plannedArrivals(s)?.perTable ?? null;
    const hosted = new Set<string>();
    const hostLeft = new Set<string>();
    for (const p of Object.values(s.participants)) if (p.hostOf !== null) (p.left ? hostLeft : hosted).add(p.hostOf);
    const hostsStay = s.rotation.planned && s.rotation.hostsStay;
    return html`<ul @keydown=${(e: KeyboardEvent) => this.onKey(e)}>
      ${s.tables.map((t) => {
        const a = activity.get(t.id)!;
        const hosts = this.presence ? (this.presence.hosts[t.id] ?? 0) : null;
        const m = mix[t.id]!;
        const coming = planned?.[t.id];
        return html`<li>
          <button class=${t.enabled ? 'table' : 'table closed'} data-table=${t.id} aria-pressed=${this.selected === t.id ? 'true' : 'false'} @click=${() => this.select(t.id)}>
            <span class="name">${t.name}</span>
            ${t.enabled ? nothing : html`<span class="badge">${msg('Closed table', { id: 'facilitator.table.closed' })}</span>`}
            ${hosts === null
              ? html`<span class="host off">${msg('Host: unknown', { id: 'facilitator.table.hostUnknown' })}</span>`
              : hosts > 0
                ? html`<span class="host on">${msg('Host connected', { id: 'facilitator.table.hostOn' })}</span>`
                : html`<span class="host off">${msg('No host device', { id: 'facilitator.table.hostOff' })}</span>`}
            <span class=${coming ? 'mix planned' : 'mix'}>
              ${coming
                ? t.capacity === null
                  ? msg(str`${coming.people} planned, ${groupsWord(coming.groups)}`, { id: 'facilitator.table.mixPlanned' })
                  : msg(str`${coming.people} of ${t.capacity} seats planned, ${groupsWord(coming.groups)}`, { id: 'facilitator.table.mixPlannedSeats' })
                : t.capacity === null
                  ? msg(str`${peopleWord(m.people)}, ${groupsWord(m.groups)}`, { id: 'facilitator.table.mix' })
                  : msg(str`${m.people} of ${t.capacity} seats, ${groupsWord(m.groups)}`, { id: 'facilitator.table.mixSeats' })}
            </span>
            ${hostsStay && t.enabled && !hosted.has(t.id)
              ? html`<span class="no-host"
                  >${hostLeft.has(t.id) ? msg('Host has left', { id: 'facilitator.table.hostLeftShort' }) : msg('No host named', { id: 'facilitator.table.noHostShort' })}</span
                >`
              : nothing}
            ${started
              ? html`<span class="count">${msg(str`Ideas this round: ${a.ideasThisRound}`, { id: 'facilitator.table.count' })}</span>`
              : nothing}
            <span class="muted">
              ${a.lastIdeaAt === null
                ? msg('No ideas yet', { id: 'facilitator.table.noIdeas' })
                : msg(str`Last idea ${sinceText(a.lastIdeaAt, this.now, locale)}`, { id: 'facilitator.table.last' })}
            </span>
          </button>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-table-grid': TcTableGrid;
  }
  interface HTMLElementEventMap {
    'select-table': SelectTableEvent;
  }
}
