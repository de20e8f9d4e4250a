/**
 * The plan at a glance (issue 6): a row per table, a column per planned round, each cell how many
 * people the plan seats there and how many stakeholder groups they come from. A cell with fewer
 * groups than the table could hold, or more people than its capacity, is marked.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import type { PlanGrid, TableRound } from './seat-plan.js';

@customElement('tc-plan-grid')
@localized()
export class TcPlanGrid extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
        width: 100%;
      }
      th,
      td {
        padding: 0.2rem 0.5rem;
        border-bottom: 1px solid var(--tc-line);
        text-align: right;
        white-space: nowrap;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: left;
        font-weight: 600;
        white-space: normal;
      }
      thead th {
        font-size: 0.9rem;
        color: var(--tc-muted);
      }
      .g {
        color: var(--tc-muted);
      }
      td.short .g,
      td.over .n {
        color: var(--tc-warn);
        font-weight: 700;
      }
      td.empty {
        color: var(--tc-muted);
      }
      caption {
        caption-side: bottom;
        text-align: left;
        padding-top: 0.4rem;
        font-size: 0.9rem;
        color: var(--tc-muted);
      }
    `,
  ];

  @property({ attribute: false }) grid: PlanGrid | null = null;

  private cell(c: TableRound, capacity: number | null) {
    if (c.people === 0) return html`<td class="empty">–</td>`;
    const over = capacity !== null && c.people > capacity;
    const classes = [c.groups < c.bound ? 'short' : '', over ? 'over' : ''].join(' ').trim();
    return html`<td class=${classes}><span class="n">${c.people}</span>${this.grid!.groupsPresent > 0 ? html` <span class="g">/ ${c.groups}</span>` : nothing}</td>`;
  }

  override render() {
    const g = this.grid;
    if (!g) return nothing;
    return html`<table>
      <caption>
        ${g.groupsPresent > 0
          ? msg('People / groups at each table. Marked: fewer groups than the table could hold, or more people than its capacity.', { id: 'facilitator.rotation.grid.caption' })
          : msg('People at each table. Marked: more people than its capacity.', { id: 'facilitator.rotation.grid.captionNoGroups' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Table', { id: 'facilitator.rotation.grid.table' })}</th>
          ${g.rounds.map((r) => html`<th scope="col">${msg(str`Round ${r + 1}`, { id: 'facilitator.rotation.grid.round' })}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${g.tables.map((t) => html`<tr data-table=${t.id}><th scope="row">${t.label}</th>${t.cells.map((c) => this.cell(c, t.capacity))}</tr>`)}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-plan-grid': TcPlanGrid;
  }
}
