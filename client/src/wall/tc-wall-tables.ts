/**
 * Every table at a glance: its number (or short name) and how many ideas it has this round. A
 * table that wrote something in the last 30 seconds pulses and gets a heavy frame; a closed
 * table is greyed, struck through and marked ✕. Up to 100 tables fit: names give way to table
 * numbers when there are many; where the ideas are not what the room reads (the lobby, beside the
 * find-your-table board), tiles with their groups' line give way to one line with the groups alone.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import { shortTableLabel, type TableActivity } from './table-activity.js';

/** How long a table counts as "just wrote something". */
export const RECENT_MS = 30_000;
/** Up to this many tables the strip shows names instead of numbers. */
const NAMED_TABLES_MAX = 24;

@customElement('tc-wall-tables')
@localized()
export class TcWallTables extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        font-size: var(--u, 32px);
        line-height: 1.2;
      }
      /* The heading line; the wall's own state (sound, connection) sits at its end, or wraps below. */
      .top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0 1em;
        margin: 0 0 0.2em;
      }
      h2 {
        margin: 0;
        font-size: 1em;
        font-weight: 600;
        color: var(--tc-muted);
      }
      .legend {
        margin-inline-start: 1em;
        font-weight: 400;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(var(--cell), 1fr));
        gap: calc(var(--u, 32px) * 0.2);
        /* Room for 100 tables by number; the ideas keep the rest of the wall. */
        max-height: var(--tables-max, calc(var(--u, 32px) * 13.5));
        overflow: hidden;
      }
      /* The groups alone, one line a table: every table, up to 100, whatever room the wall gave the tiles. */
      ul.groups-only {
        max-height: calc(var(--u, 32px) * 13.5);
      }
      li,
      .sample {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.3em;
        padding: 0.05em 0.3em;
        border: 0.06em solid var(--tc-line);
        border-radius: 0.25em;
        background: var(--tc-card);
        white-space: nowrap;
      }
      .name {
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .count {
        font-variant-numeric: tabular-nums;
      }
      /* The room's mix: how many stakeholder groups sit at the table, on a line of its own. */
      .groups {
        flex-basis: 100%;
        color: var(--tc-muted);
        font-variant-numeric: tabular-nums;
      }
      .closed .groups {
        display: none;
      }
      .sample {
        display: inline-block;
        font-weight: 400;
      }
      /* An inset frame, not a wider border: a table becoming "new" must not move the others. */
      .recent {
        box-shadow: inset 0 0 0 0.12em var(--tc-accent);
        background: var(--tc-accent-soft);
      }
      .closed {
        background: #ebe8e2;
        color: var(--tc-muted);
        border-style: dashed;
      }
      li.closed .name {
        text-decoration: line-through;
      }
      /*
       * The pulse: a flat tint behind the text that fades out, on its own compositor layer. A
       * shadow or a border would be repainted every frame, which on a laptop without GPU
       * compositing costs whole frames when 30 tables pulse at once.
       */
      li {
        isolation: isolate;
      }
      @media (prefers-reduced-motion: no-preference) {
        li.recent::after {
          content: '';
          position: absolute;
          inset: 0;
          z-index: -1;
          border-radius: inherit;
          background: var(--tc-accent);
          opacity: 0;
          will-change: opacity;
          animation: pulse 2s ease-out 1;
        }
      }
      @keyframes pulse {
        0% {
          opacity: 0.35;
        }
        100% {
          opacity: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) activity: TableActivity[] = [];
  /** The server's present time, to tell which tables wrote something just now. */
  @property({ type: Number }) now = 0;
  /** Names instead of numbers: set while every table's name is short enough to fit. */
  @property({ type: Boolean, reflect: true }) names = false;
  /** The room's mix: distinct stakeholder groups per table id this round; null shows none. */
  @property({ attribute: false }) groups: Record<string, number> | null = null;
  /**
   * Whether the ideas per table are what the room reads now (a round, travel time beside the
   * ideas). When not, tiles too many to fit with a line for their groups show the groups alone.
   */
  @property({ attribute: false }) ideas = true;

  @state() private numbersOnly = false;
  @state() private groupsOnly = false;
  @query('ul') private list!: HTMLUListElement | null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('activity') && (changed.get('activity')?.length ?? -1) !== this.activity.length) this.numbersOnly = this.groupsOnly = false;
    if (changed.has('ideas') || (changed.has('groups') && (changed.get('groups') == null) !== (this.groups === null))) this.groupsOnly = false;
    // Named tables show their names while few enough to read whole; a big café shows numbers
    // (on every table card), since "Curricul…" twice would tell nobody which table is which.
    const custom = this.activity.some((a) => shortTableLabel(a.table) !== a.table.id);
    this.names = custom && this.activity.length <= NAMED_TABLES_MAX && !this.numbersOnly;
  }

  protected override updated(): void {
    // Too many named tables to fit: fall back to their numbers (printed on the table signs).
    const list = this.list;
    if (!list || list.scrollHeight <= list.clientHeight + 1) return;
    if (this.names) this.numbersOnly = true;
    // Still too many: the groups alone, where the ideas can spare their place.
    else if (this.groups && !this.ideas) this.groupsOnly = true;
  }

  /** One line a tile with its groups' count in place of its ideas'. */
  private get compact(): boolean {
    return this.groupsOnly && this.groups !== null && !this.ideas;
  }

  override render() {
    return html`<div class="top">
        <h2>
          ${this.compact
            ? msg('Stakeholder groups per table', { id: 'wall.tablesHeadingGroupsOnly' })
            : this.groups
              ? msg('Ideas and stakeholder groups per table this round', { id: 'wall.tablesHeadingGroups' })
              : msg('Ideas per table this round', { id: 'wall.tablesHeading' })}<span class="legend"
          >${this.compact ? nothing : html`<span class="sample recent">${msg('new idea', { id: 'wall.tableRecent' })}</span>`}
          <span class="sample closed"><span aria-hidden="true">\u2715 </span><s>${msg('closed', { id: 'wall.tableClosed' })}</s></span></span
        >
        </h2>
        <slot name="status"></slot>
      </div>
      <ul class=${this.compact ? 'groups-only' : ''} style=${`--cell: ${this.cellEm()}em`}>
        ${this.activity.map((a) => this.cell(a))}
      </ul>`;
  }

  /** Wide enough for the longest label and a two-digit count. */
  private cellEm(): number {
    const groups = this.groups && !this.compact ? Math.max(0, ...this.activity.map((a) => this.groupsLabel(a.table.id).length - 2)) : 0;
    const longest = Math.max(2, groups, ...this.activity.map((a) => (this.names ? Math.min(shortTableLabel(a.table).length, 12) : a.table.id.length)));
    return (longest + 2) * 0.6 + 0.9;
  }

  private groupsLabel(tableId: string): string {
    const n = this.groups?.[tableId] ?? 0;
    // No one with a group sits there (yet): the line stays empty rather than saying "0 groups" under a table's ideas.
    if (n === 0) return '\u00a0';
    return n === 1 ? msg('1 group', { id: 'wall.tableGroup' }) : msg(str`${n} groups`, { id: 'wall.tableGroups' });
  }

  private cell(a: TableActivity) {
    const recent = a.table.enabled && a.lastAt !== null && this.now - a.lastAt < RECENT_MS;
    const label = this.names ? shortTableLabel(a.table) : a.table.id;
    if (this.compact) return this.groupsCell(a, label);
    const spoken = a.table.enabled
      ? msg(str`${a.table.name}, ideas: ${a.count}`, { id: 'wall.tableSpoken' })
      : msg(str`${a.table.name}: closed`, { id: 'wall.tableSpokenClosed' });
    return html`<li class=${a.table.enabled ? (recent ? 'recent' : '') : 'closed'} data-table=${a.table.id}>
      <span class="visually-hidden">${spoken}${recent ? `, ${msg('new idea', { id: 'wall.tableRecent' })}` : ''}</span>
      <span class="name" aria-hidden="true">${label}</span>
      <span class="count" aria-hidden="true">${a.table.enabled ? a.count : '\u2715'}</span>
      ${this.groups ? html`<span class="groups" data-groups=${this.groups[a.table.id] ?? 0}>${this.groupsLabel(a.table.id)}</span>` : nothing}
    </li>`;
  }

  /** A tile of the compact strip: the table and how many groups sit there, no ideas. */
  private groupsCell(a: TableActivity, label: string) {
    const n = this.groups?.[a.table.id] ?? 0;
    const spoken = a.table.enabled
      ? n === 0
        ? a.table.name
        : `${a.table.name}: ${this.groupsLabel(a.table.id)}`
      : msg(str`${a.table.name}: closed`, { id: 'wall.tableSpokenClosed' });
    return html`<li class=${a.table.enabled ? '' : 'closed'} data-table=${a.table.id}>
      <span class="visually-hidden">${spoken}</span>
      <span class="name" aria-hidden="true">${label}</span>
      <span class="count" aria-hidden="true" data-groups=${n}>${a.table.enabled ? (n === 0 ? '' : n) : '\u2715'}</span>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-tables': TcWallTables;
  }
}
