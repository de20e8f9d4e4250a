/**
 * The café's people in the console (issue 6, M7–M9, M12): the room's mix, someone without a phone
 * added (with the number to print on their seat plan), and a list searched by number or name in
 * which the facilitator names table hosts and marks who left. It draws one page of plain rows, so
 * a café of 5,000 stays quick.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { roomMix } from '../../../shared/domain/room-mix.js';
import { own, plannedTable, seatingRound, tableOf, type CafeState, type Participant, type Table } from '../../../shared/domain/state.js';
import { DISPLAY_NAME_MAX, normalizeText } from '../../../shared/text.js';
import { newId } from '../lib/ids.js';
import { theme } from '../ui/theme.js';
import { allowed } from './allowed.js';
import { facilitatorOp } from './events.js';
import { findPeople, peopleByNumber } from './people-search.js';
import { hasPhone } from './seat-plan.js';

/** Rows drawn at once; the search narrows the rest. */
export const PEOPLE_PAGE = 50;

@customElement('tc-people')
@localized()
export class TcPeople extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      h3 {
        margin: 1rem 0 0.4rem;
        font-size: 1rem;
      }
      .mix {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem 0.5rem;
        list-style: none;
        margin: 0 0 0.5rem;
        padding: 0;
      }
      .mix li {
        padding: 0.15rem 0.6rem;
        border-radius: 999px;
        background: var(--tc-accent-soft);
        font-weight: 600;
      }
      .mix li.none,
      .mix li.left {
        background: var(--tc-paper);
        color: var(--tc-muted);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      label {
        display: block;
        font-size: 0.9rem;
        font-weight: 600;
      }
      .added {
        margin: 0.5rem 0 0;
        padding: 0.4rem 0.7rem;
        border-left: 4px solid var(--tc-ok);
        background: var(--tc-paper);
        font-weight: 600;
      }
      .search input {
        width: 18rem;
        max-width: 100%;
      }
      .count {
        color: var(--tc-muted);
        margin: 0.4rem 0;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        table-layout: fixed;
        font-size: 0.95rem;
      }
      col.number {
        width: 3.2rem;
      }
      col.host-of {
        width: 9.5rem;
      }
      col.act {
        width: 8rem;
      }
      th {
        text-align: left;
        font-size: 0.85rem;
        color: var(--tc-muted);
        font-weight: 600;
        padding: 0.2rem 0.4rem;
      }
      td {
        padding: 0.2rem 0.4rem;
        border-top: 1px solid var(--tc-line);
        vertical-align: middle;
      }
      td {
        overflow-wrap: anywhere;
      }
      td select {
        width: 100%;
        min-height: 36px;
        padding: 0.2em 0.3em;
      }
      td button {
        min-height: 36px;
        padding: 0.2em 0.7em;
      }
      /* Narrow (the console's main column on a 1024 tablet): each person on two lines. */
      @container (max-width: 40rem) {
        table,
        tbody {
          display: block;
        }
        colgroup,
        thead {
          display: none;
        }
        tr {
          display: grid;
          grid-template-columns: 2.6rem minmax(0, 1fr) minmax(0, 1fr) auto;
          grid-template-areas: 'number name group group' '. table host leave';
          gap: 0.2rem 0.4rem;
          align-items: center;
          padding: 0.3rem 0;
          border-top: 1px solid var(--tc-line);
        }
        td {
          border: 0;
          padding: 0;
        }
        td.number {
          grid-area: number;
          font-weight: 700;
        }
        td.name {
          grid-area: name;
        }
        td.group {
          grid-area: group;
        }
        td.table {
          grid-area: table;
        }
        td.host {
          grid-area: host;
        }
        td.leave {
          grid-area: leave;
        }
      }
      .tag {
        display: inline-block;
        padding: 0 0.35em;
        border: 1px solid var(--tc-muted);
        border-radius: 4px;
        color: var(--tc-muted);
        font-size: 0.8rem;
        white-space: nowrap;
      }
      tr.left td:not(.act) {
        color: var(--tc-muted);
        text-decoration: line-through;
      }
      .next {
        color: var(--tc-accent);
        font-weight: 600;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @state() private query = '';
  /** The id of the person this console just added, to show their number once the server has it. */
  @state() private added: string | null = null;
  private sorted: { of: Record<string, Participant>; list: Participant[] } | null = null;

  private everyone(s: CafeState): Participant[] {
    if (this.sorted?.of !== s.participants) this.sorted = { of: s.participants, list: peopleByNumber(s.participants) };
    return this.sorted.list;
  }

  private add(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const displayName = normalizeText(String(data.get('name') ?? '')).slice(0, DISPLAY_NAME_MAX) || null;
    const group = String(data.get('group') ?? '') || null;
    const participantId = newId();
    this.added = participantId;
    this.dispatchEvent(facilitatorOp({ type: 'addParticipant', participantId, displayName, group }));
    form.reset();
  }

  private renderMix(s: CafeState) {
    const mix = roomMix(s);
    const present = Object.values(mix.present).reduce((a, b) => a + b, 0);
    return html`<ul class="mix" aria-label=${msg('The room’s mix', { id: 'facilitator.people.mix' })}>
      <li class="present">${msg(str`Present: ${present}`, { id: 'facilitator.people.present' })}</li>
      ${Object.entries(mix.present).map(([g, n]) => html`<li class=${g === '' ? 'none' : 'group'}>${g || msg('No group', { id: 'facilitator.people.noGroup' })}: ${n}</li>`)}
      ${mix.left > 0 ? html`<li class="left">${msg(str`Left: ${mix.left}`, { id: 'facilitator.people.leftCount' })}</li>` : nothing}
    </ul>`;
  }

  private renderAdd(s: CafeState) {
    const open = allowed(s, { type: 'addParticipant', participantId: 'new-person-check' });
    const added = this.added === null ? undefined : own(s.participants, this.added);
    return html`<h3>${msg('Add someone without a phone', { id: 'facilitator.people.addHeading' })}</h3>
      <form class="add" @submit=${(e: SubmitEvent) => this.add(e)}>
        <div>
          <label for="add-name">${msg('Name (optional)', { id: 'facilitator.people.addName' })}</label>
          <input id="add-name" name="name" autocomplete="off" maxlength=${DISPLAY_NAME_MAX} />
        </div>
        ${s.stakeholderGroups.length > 0
          ? html`<div>
              <label for="add-group">${msg('Group', { id: 'facilitator.people.group' })}</label>
              <select id="add-group" name="group">
                <option value="">${msg('No group', { id: 'facilitator.people.noGroup' })}</option>
                ${s.stakeholderGroups.map((g) => html`<option value=${g}>${g}</option>`)}
              </select>
            </div>`
          : nothing}
        <button type="submit" ?disabled=${!open}>${msg('Add', { id: 'facilitator.people.add' })}</button>
      </form>
      ${this.added === null
        ? nothing
        : html`<p class="added" role="status">
            ${added
              ? msg(str`Added: No. ${added.number} — print their seat plan`, { id: 'facilitator.people.added' })
              : msg('Adding …', { id: 'facilitator.people.adding' })}
          </p>`}`;
  }

  private renderRow(p: Participant, s: CafeState, tables: Table[], hostOf: Map<string, Participant>, closed: boolean) {
    const at = tableOf(p);
    // Planned rotation: where the plan sends them in the round being seated, when not there yet.
    const next = s.rotation.planned && !p.left ? plannedTable(s, p.id, seatingRound(s)) : null;
    const tableName = (id: string | null) => (id === null ? '—' : (s.tables.find((t) => t.id === id)?.name ?? id));
    // A host's table stays in the list even when it was closed.
    const choices = p.hostOf !== null && !tables.some((t) => t.id === p.hostOf) ? [...tables, ...s.tables.filter((t) => t.id === p.hostOf)] : tables;
    return html`<tr class=${p.left ? 'left' : ''} data-number=${p.number}>
      <td class="number">${p.number}</td>
      <td class="name">
        ${p.displayName ?? '—'}${hasPhone(s, p.id) ? nothing : html` <span class="tag nophone">${msg('no phone', { id: 'facilitator.people.noPhone' })}</span>`}
      </td>
      <td class="group">${p.group ?? '—'}</td>
      <td class="table">${next !== null && next !== at ? html`${at === null ? nothing : tableName(at)} <span class="next">→ ${tableName(next)}</span>` : tableName(at)}</td>
      <td class="act host">
        <select
          class="host-of"
          aria-label=${msg(str`Host of table: No. ${p.number}`, { id: 'facilitator.people.hostOfLabel' })}
          ?disabled=${closed || p.left}
          @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this.dispatchEvent(facilitatorOp({ type: 'setHost', participantId: p.id, tableId: v === '' ? null : v }));
          }}
        >
          <option value="" .selected=${live(p.hostOf === null)}>${msg('Not a host', { id: 'facilitator.people.notHost' })}</option>
          ${choices.map((t) => {
            const other = hostOf.get(t.id);
            const label = other && other.id !== p.id ? `${t.name} (${msg(str`now No. ${other.number}`, { id: 'facilitator.people.hostNow' })})` : t.name;
            return html`<option value=${t.id} .selected=${live(p.hostOf === t.id)}>${label}</option>`;
          })}
        </select>
      </td>
      <td class="act leave">
        <button
          class="left-toggle"
          aria-label=${p.left ? msg(str`Mark as back: No. ${p.number}`, { id: 'facilitator.people.markBackLabel' }) : msg(str`Mark as left: No. ${p.number}`, { id: 'facilitator.people.markLeftLabel' })}
          ?disabled=${closed}
          @click=${() => this.dispatchEvent(facilitatorOp({ type: 'setLeft', participantId: p.id, left: !p.left }))}
        >
          ${p.left ? msg('Mark as back', { id: 'facilitator.people.markBack' }) : msg('Mark as left', { id: 'facilitator.people.markLeft' })}
        </button>
      </td>
    </tr>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const found = findPeople(this.everyone(s), this.query, PEOPLE_PAGE);
    const total = Object.keys(s.participants).length;
    const tables = s.tables.filter((t) => t.enabled);
    const hostOf = new Map<string, Participant>();
    for (const p of this.everyone(s)) if (p.hostOf !== null && !p.left) hostOf.set(p.hostOf, p);
    const closed = s.phase.kind === 'closed';
    return html`
      ${this.renderMix(s)} ${this.renderAdd(s)}
      <h3>${msg('Everyone', { id: 'facilitator.people.list' })}</h3>
      <div class="search">
        <label for="find">${msg('Find by number or name', { id: 'facilitator.people.find' })}</label>
        <input id="find" type="search" autocomplete="off" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </div>
      <p class="count" role="status">
        ${found.matched > found.shown.length
          ? msg(str`Showing ${found.shown.length} of ${found.matched}: type to narrow.`, { id: 'facilitator.people.showing' })
          : msg(str`${found.matched} of ${total}`, { id: 'facilitator.people.matched' })}
      </p>
      ${found.shown.length === 0
        ? nothing
        : html`<table>
            <colgroup>
              <col class="number" />
              <col />
              <col />
              <col />
              <col class="host-of" />
              <col class="act" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">${msg('No.', { id: 'facilitator.people.number' })}</th>
                <th scope="col">${msg('Name', { id: 'facilitator.people.name' })}</th>
                <th scope="col">${msg('Group', { id: 'facilitator.people.group' })}</th>
                <th scope="col">${msg('Table', { id: 'facilitator.people.table' })}</th>
                <th scope="col">${msg('Host of', { id: 'facilitator.people.hostOf' })}</th>
                <th scope="col"><span class="visually-hidden">${msg('Left the café', { id: 'facilitator.people.status' })}</span></th>
              </tr>
            </thead>
            <tbody>
              ${found.shown.map((p) => this.renderRow(p, s, tables, hostOf, closed))}
            </tbody>
          </table>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-people': TcPeople;
  }
}
