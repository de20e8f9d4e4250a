/**
 * One table, opened from the grid: its ideas (hide from the wall, show again), close or reopen
 * the table, a new host link for a lost tablet, shown with its QR code to scan at once, and for
 * planned rotation its host (M8), its seats (M10) and who sits there this round (M12).
 */
import { groupsWord, peopleWord } from './counts.js';
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { roomMix } from '../../../shared/domain/room-mix.js';
import { hostOfTable, type CafeState, type Idea, type Table } from '../../../shared/domain/state.js';
import { TABLE_CAPACITY_MAX } from '../../../shared/text.js';
import type { Presence } from '../../../shared/protocol.js';
import { copyText } from '../lib/copy-text.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp, reissueHostLink } from './events.js';
import { plannedArrivals } from './seat-plan.js';
import { ideasOfTable } from './table-activity.js';
import type { TcConfirm } from './tc-confirm.js';
import './tc-confirm.js';
import './tc-idea-item.js';
import '../ui/tc-qr.js';

export interface IssuedLink {
  tableId: string;
  url: string;
}

@customElement('tc-table-panel')
@localized()
export class TcTablePanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.25rem;
        font-size: 1.3rem;
        overflow-wrap: anywhere;
      }
      h3 {
        margin: 1rem 0 0.4rem;
        font-size: 1rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0.6rem 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      .link {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.75rem;
        align-items: start;
        padding: 0.75rem;
        border: 2px solid var(--tc-accent);
        border-radius: var(--tc-radius);
        background: var(--tc-accent-soft);
      }
      .link input {
        width: 100%;
        font-size: 0.85rem;
      }
      .link p {
        margin: 0 0 0.5rem;
      }
      tc-qr {
        --tc-qr-size: 9rem;
      }
      .muted {
        color: var(--tc-muted);
      }
      .people p {
        margin: 0.3rem 0;
      }
      .no-host.warn {
        color: var(--tc-warn);
        font-weight: 700;
      }
      form.capacity {
        margin: 0.5rem 0;
      }
      form.capacity .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      form.capacity label {
        display: block;
        font-size: 0.9rem;
        font-weight: 600;
      }
      form.capacity input {
        width: 7rem;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @property({ attribute: false }) presence: Presence | null = null;
  @property() tableId: string | null = null;
  /** A host link just issued by this console, shown until another table is opened. */
  @property({ attribute: false }) issuedLink: IssuedLink | null = null;
  @state() private copied = false;
  @query('tc-confirm') private confirm!: TcConfirm;

  private async newHostLink(table: Table): Promise<void> {
    const yes = await this.confirm.ask({
      heading: msg(str`New host link for ${table.name}?`, { id: 'facilitator.relink.heading' }),
      message: msg(
        'The tablet that uses the current host link is disconnected at once and cannot come back with it. Open the new link on the new tablet.',
        { id: 'facilitator.relink.message' },
      ),
      confirmLabel: msg('Make a new host link', { id: 'facilitator.relink.confirm' }),
    });
    if (yes) this.dispatchEvent(reissueHostLink(table.id));
  }

  private async copy(url: string): Promise<void> {
    this.copied = await copyText(url);
    // Where copying is refused, the selected link can still be copied by hand.
    if (!this.copied) this.renderRoot.querySelector<HTMLInputElement>('.link input')?.select();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('tableId') || changed.has('issuedLink')) this.copied = false;
  }

  private renderLink(table: Table) {
    const link = this.issuedLink;
    if (!link || link.tableId !== table.id) return nothing;
    return html`<div class="link">
      <tc-qr .value=${link.url} label=${msg(str`New host link for ${table.name}`, { id: 'facilitator.relink.qr' })}></tc-qr>
      <div>
        <p><strong>${msg('New host link: scan it with the new tablet, or copy it.', { id: 'facilitator.relink.done' })}</strong></p>
        <label class="visually-hidden" for="url">${msg('New host link', { id: 'facilitator.relink.url' })}</label>
        <input id="url" readonly .value=${link.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <div class="actions">
          <button @click=${() => void this.copy(link.url)}>${msg('Copy the link', { id: 'facilitator.relink.copy' })}</button>
          <span role="status">${this.copied ? msg('Copied', { id: 'facilitator.relink.copied' }) : ''}</span>
        </div>
      </div>
    </div>`;
  }

  private setCapacity(e: SubmitEvent, table: Table): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('capacity') as HTMLInputElement;
    const raw = input.value.trim();
    const capacity = raw === '' ? null : Number(raw);
    if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= TABLE_CAPACITY_MAX)) {
      input.reportValidity();
      return;
    }
    this.dispatchEvent(facilitatorOp({ type: 'editTable', tableId: table.id, capacity }));
  }

  /** The host named for the table (M8), its seats (M10) and the people and groups sitting there now (M12), or coming in planned rotation. */
  private renderPeople(s: CafeState, table: Table) {
    const host = hostOfTable(s, table.id);
    // A host who left is still named for the table, but the planner no longer keeps anyone there.
    const gone = host ? undefined : Object.values(s.participants).find((p) => p.hostOf === table.id && p.left);
    const mix = roomMix(s).perTable[table.id];
    const planned = plannedArrivals(s);
    const coming = planned?.perTable[table.id];
    // Without a host the planner moves everyone at the table: worth a word only while hosts stay.
    const warn = s.rotation.planned && s.rotation.hostsStay && table.enabled;
    return html`<div class="people">
      ${host
        ? html`<p class="host-of">
            ${msg(str`Host: No. ${host.number}`, { id: 'facilitator.table.hostNumber' })}${host.displayName ? html` — ${host.displayName}` : nothing}
          </p>`
        : gone
          ? html`<p class=${warn ? 'no-host host-left warn' : 'no-host host-left muted'}>
              ${gone.displayName
                ? msg(str`Host No. ${gone.number} — ${gone.displayName} has left: name another under People.`, { id: 'facilitator.table.hostLeftNamed' })
                : msg(str`Host No. ${gone.number} has left: name another under People.`, { id: 'facilitator.table.hostLeft' })}
            </p>`
          : html`<p class=${warn ? 'no-host warn' : 'no-host muted'}>
              ${warn
                ? msg('No host: no one stays at this table from round to round. Name one under People.', { id: 'facilitator.table.noHostWarn' })
                : msg('No host named', { id: 'facilitator.table.noHost' })}
            </p>`}
      ${planned && coming
        ? html`<p class="mix planned">
            ${msg(str`Planned for round ${planned.round + 1}: ${peopleWord(coming.people)} from ${groupsWord(coming.groups)}`, { id: 'facilitator.table.mixPlannedRound' })}
          </p>`
        : mix
          ? html`<p class="mix">${msg(str`Sitting here now: ${peopleWord(mix.people)} from ${groupsWord(mix.groups)}`, { id: 'facilitator.table.mixNow' })}</p>`
          : nothing}
      <form class="capacity" @submit=${(e: SubmitEvent) => this.setCapacity(e, table)}>
        <label for="capacity">${msg('Seats (empty = even share)', { id: 'facilitator.table.capacity' })}</label>
        <div class="row">
          <input id="capacity" name="capacity" type="number" min="1" max=${TABLE_CAPACITY_MAX} step="1" inputmode="numeric" .value=${table.capacity === null ? '' : String(table.capacity)} />
          <button type="submit" ?disabled=${s.phase.kind === 'closed'}>${msg('Save seats', { id: 'facilitator.table.capacitySave' })}</button>
        </div>
      </form>
    </div>`;
  }

  override render() {
    const s = this.state;
    const table = s?.tables.find((t) => t.id === this.tableId);
    if (!s || !table) return nothing;
    const hosts = this.presence?.hosts[table.id] ?? 0;
    const ideas = ideasOfTable(s, table.id);
    const rounds = [...new Set(ideas.map((i) => i.round))];
    return html`
      <h2 id="heading">${table.name}</h2>
      <p class="muted">
        ${table.enabled ? '' : html`<strong>${msg('Closed table', { id: 'facilitator.table.closed' })}</strong> · `}
        ${this.presence === null
          ? msg('Host: unknown', { id: 'facilitator.table.hostUnknown' })
          : hosts > 0
            ? msg('Host connected', { id: 'facilitator.table.hostOn' })
            : msg('No host device', { id: 'facilitator.table.hostOff' })}
      </p>
      <div class="actions">
        <button
          class="enable"
          @click=${() => this.dispatchEvent(facilitatorOp({ type: 'editTable', tableId: table.id, enabled: !table.enabled }))}
          ?disabled=${s.phase.kind === 'closed'}
        >
          ${table.enabled ? msg('Close this table', { id: 'facilitator.table.disable' }) : msg('Open this table again', { id: 'facilitator.table.enable' })}
        </button>
        <button class="relink" @click=${() => void this.newHostLink(table)} ?disabled=${s.phase.kind === 'closed'}>
          ${msg('New host link …', { id: 'facilitator.relink' })}
        </button>
      </div>
      ${this.renderLink(table)} ${this.renderPeople(s, table)}
      ${ideas.length === 0 ? html`<p class="muted">${msg('No ideas at this table yet.', { id: 'facilitator.table.empty' })}</p>` : nothing}
      ${rounds.map(
        (r) => html`<h3>${msg(str`Round ${r + 1}`, { id: 'facilitator.rounds.round' })}</h3>
          <ul>
            ${ideas.filter((i: Idea) => i.round === r).map((i) => html`<li><tc-idea-item .idea=${i}></tc-idea-item></li>`)}
          </ul>`,
      )}
      <tc-confirm></tc-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-table-panel': TcTablePanel;
  }
}
