/**
 * The printable seat plan (issue 6), opened from the console's rotation section and loaded only
 * then: per planned round who goes to which table, by number or by name, or name badges to cut
 * out (eight to an A4 page, every round's table on each). People without a phone are the ones who
 * need the paper most: they are marked, and can be printed alone. Plain table markup, so a café
 * of a thousand people prints as fast as one of twenty. While open it takes the whole page, and
 * the browser prints only it: the console is hidden and A4 portrait is asked for.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { plannedPeople, plannedRounds, tableLabel, type PlannedPerson, type SeatPlanOrder } from './seat-plan.js';

export type SeatPlanLayout = 'list' | 'badges';

/** Cards on one A4 page: two across, four down. */
export const BADGES_PER_PAGE = 8;
/** People on one A4 page of the list: two columns of 30. */
export const LIST_PER_PAGE = 60;
const OPEN_CLASS = 'tc-seat-plan';
/** `@page` only works in the document's own styles, not in a shadow root. */
const PAGE_STYLE = `
@page { size: A4 portrait; margin: 12mm; }
html.${OPEN_CLASS} body > :not(tc-seat-plan-print) { display: none !important; }
html.${OPEN_CLASS}, html.${OPEN_CLASS} body { background: #ffffff; margin: 0; }
`;

/** A table on a badge: "Table 3 · Blue", but a table named "Table 3" or "Tisch 3" as it is named. */
function onBadge(label: string): string {
  return /^\d/.test(label) ? msg(str`Table ${label}`, { id: 'facilitator.seatPlan.atTable' }) : label;
}

@customElement('tc-seat-plan-print')
@localized()
export class TcSeatPlanPrint extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        background: #ffffff;
        color: #000000;
        min-height: 100vh;
      }
      .bar {
        position: sticky;
        top: 0;
        z-index: 1;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1.5rem;
        padding: 0.75rem 1.25rem;
        background: var(--tc-card);
        border-bottom: 2px solid var(--tc-line);
        color: var(--tc-ink);
      }
      .bar fieldset {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.9rem;
        margin: 0;
        padding: 0;
        border: 0;
      }
      .bar legend {
        float: left;
        margin-right: 0.5rem;
        font-weight: 700;
      }
      .bar label {
        display: inline-flex;
        gap: 0.35rem;
        align-items: center;
        min-height: 2.75rem;
      }
      .bar input {
        width: 1.2rem;
        height: 1.2rem;
        min-height: 0;
        accent-color: var(--tc-accent);
      }
      .bar .print {
        margin-left: auto;
      }
      .paper {
        max-width: 186mm;
        margin: 1.5rem auto 3rem;
        font: 10pt/1.25 system-ui, sans-serif;
      }
      h1 {
        margin: 0 0 0.2rem;
        font-size: 15pt;
      }
      .about {
        margin: 0 0 3mm;
        color: #333333;
      }
      section.round {
        margin-top: 6mm;
      }
      .per-page section.round + section.round {
        break-before: page;
        margin-top: 0;
      }
      h2 {
        margin: 0 0 1mm;
        font-size: 13pt;
      }
      .question {
        margin: 0 0 2mm;
        color: #333333;
      }
      h2,
      .question {
        break-after: avoid;
      }
      /* A page's worth of people in two columns read top to bottom: up to 60 to a page. */
      .block {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 6mm;
        align-items: start;
        break-inside: avoid;
      }
      .block + .block {
        margin-top: 4mm;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      thead {
        display: table-header-group;
      }
      th,
      td {
        padding: 0.5mm 1.2mm;
        border-bottom: 0.25mm solid #bbbbbb;
        text-align: left;
        vertical-align: baseline;
      }
      th {
        font-size: 9pt;
        border-bottom: 0.4mm solid #000000;
      }
      tr {
        break-inside: avoid;
      }
      .num {
        width: 9mm;
        text-align: right;
        font-weight: 700;
      }
      td.group {
        font-size: 9pt;
        color: #333333;
      }
      td.table {
        font-weight: 700;
        white-space: nowrap;
      }
      .tag {
        margin-left: 1mm;
        padding: 0 0.8mm;
        border: 0.25mm solid #000000;
        border-radius: 1mm;
        font-size: 7.5pt;
        white-space: nowrap;
      }
      .sheet {
        display: grid;
        grid-template-columns: 1fr 1fr;
        grid-template-rows: repeat(4, 1fr);
        height: 270mm;
        margin-bottom: 6mm;
      }
      .sheet:not(:last-child) {
        break-after: page;
      }
      .card {
        display: flex;
        flex-direction: column;
        gap: 1.5mm;
        padding: 5mm 6mm;
        border: 0.3mm dashed #777777;
        overflow: hidden;
      }
      .card .who {
        display: flex;
        gap: 4mm;
        align-items: baseline;
      }
      .card .number {
        font-size: 26pt;
        font-weight: 800;
        line-height: 1;
      }
      .card .name {
        font-size: 15pt;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .card .group {
        color: #333333;
      }
      .card ol {
        list-style: none;
        margin: auto 0 0;
        padding: 0;
      }
      .card li {
        display: flex;
        justify-content: space-between;
        gap: 3mm;
        border-top: 0.3mm solid #cccccc;
        padding: 0.8mm 0;
      }
      .card li b {
        font-size: 12pt;
      }
      .none {
        margin: 2rem 0;
        font-size: 12pt;
      }
      @media print {
        .bar,
        .screen {
          display: none !important;
        }
        .paper {
          max-width: none;
          margin: 0;
        }
        .sheet {
          margin-bottom: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @state() layout: SeatPlanLayout = 'list';
  @state() order: SeatPlanOrder = 'number';
  /** Each round starts a new page (list layout). */
  @state() perPage = true;
  @state() withoutPhoneOnly = false;

  private scrollBack = 0;
  private pageStyle: HTMLStyleElement | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.scrollBack = window.scrollY;
    this.pageStyle = document.createElement('style');
    this.pageStyle.textContent = PAGE_STYLE;
    document.head.append(this.pageStyle);
    document.documentElement.classList.add(OPEN_CLASS);
    window.scrollTo(0, 0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageStyle?.remove();
    document.documentElement.classList.remove(OPEN_CLASS);
    window.scrollTo(0, this.scrollBack);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Back to the console: the element leaves the page and tells the console. */
  close(): void {
    this.remove();
    this.dispatchEvent(new CustomEvent('seat-plan-closed'));
  }

  private radio<T extends string>(name: string, value: T, current: T, label: string, set: (v: T) => void) {
    return html`<label><input type="radio" name=${name} value=${value} .checked=${current === value} @change=${() => set(value)} />${label}</label>`;
  }

  private renderBar(s: CafeState, withoutPhone: number) {
    return html`<div class="bar">
      <button type="button" class="back" @click=${() => this.close()}>${msg('Back to the console', { id: 'facilitator.seatPlan.back' })}</button>
      <fieldset>
        <legend>${msg('Layout', { id: 'facilitator.seatPlan.layout' })}</legend>
        ${this.radio('layout', 'list', this.layout, msg('List per round', { id: 'facilitator.seatPlan.list' }), (v) => (this.layout = v))}
        ${this.radio('layout', 'badges', this.layout, msg('Name badges', { id: 'facilitator.seatPlan.badges' }), (v) => (this.layout = v))}
      </fieldset>
      <fieldset>
        <legend>${msg('Order', { id: 'facilitator.seatPlan.order' })}</legend>
        ${this.radio('order', 'number', this.order, msg('By number', { id: 'facilitator.seatPlan.byNumber' }), (v) => (this.order = v))}
        ${this.radio('order', 'name', this.order, msg('By name', { id: 'facilitator.seatPlan.byName' }), (v) => (this.order = v))}
      </fieldset>
      ${this.layout === 'list'
        ? html`<label
            ><input type="checkbox" class="per-page" .checked=${this.perPage} @change=${(e: Event) => (this.perPage = (e.target as HTMLInputElement).checked)} />${msg(
              'One page per round',
              { id: 'facilitator.seatPlan.perPage' },
            )}</label
          >`
        : nothing}
      <label
        ><input
          type="checkbox"
          class="without-phone"
          .checked=${this.withoutPhoneOnly}
          @change=${(e: Event) => (this.withoutPhoneOnly = (e.target as HTMLInputElement).checked)}
        />${msg(str`Only people without a phone (${withoutPhone})`, { id: 'facilitator.seatPlan.withoutPhone' })}</label
      >
      <button type="button" class="print primary" ?disabled=${!s.plan} @click=${() => window.print()}>${msg('Print', { id: 'facilitator.seatPlan.print' })}</button>
    </div>`;
  }

  private tags(p: PlannedPerson) {
    return html`${p.phone ? nothing : html` <span class="tag nophone">${msg('no phone', { id: 'facilitator.seatPlan.noPhone' })}</span>`}${p.hostOf
      ? html` <span class="tag host">${msg('host', { id: 'facilitator.seatPlan.host' })}</span>`
      : nothing}`;
  }

  private renderTable(people: PlannedPerson[], i: number, hasGroups: boolean, labels: Map<string, string>) {
    return html`<table>
      <thead>
        <tr>
          <th class="num" scope="col">${msg('No.', { id: 'facilitator.seatPlan.number' })}</th>
          <th scope="col">${msg('Name', { id: 'facilitator.seatPlan.name' })}</th>
          ${hasGroups ? html`<th scope="col">${msg('Group', { id: 'facilitator.seatPlan.group' })}</th>` : nothing}
          <th scope="col">${msg('Table', { id: 'facilitator.seatPlan.table' })}</th>
        </tr>
      </thead>
      <tbody>
        ${people.map(
          (p) =>
            html`<tr>
              <td class="num">${p.number}</td>
              <td class="name">${p.name ?? '—'}${this.tags(p)}</td>
              ${hasGroups ? html`<td class="group">${p.group ?? ''}</td>` : nothing}
              <td class="table">${labels.get(p.tables[i]!) ?? p.tables[i]}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderList(s: CafeState, people: PlannedPerson[], rounds: number[], labels: Map<string, string>) {
    const hasGroups = people.some((p) => p.group !== null);
    // Pages of up to LIST_PER_PAGE people, each in two columns read top to bottom, so that the
    // numbers run down the left column and on down the right one.
    const blocks: PlannedPerson[][] = [];
    for (let at = 0; at < people.length; at += LIST_PER_PAGE) blocks.push(people.slice(at, at + LIST_PER_PAGE));
    return rounds.map(
      (round, i) => html`<section class="round" data-round=${round}>
        <h2>${msg(str`Round ${round + 1}`, { id: 'facilitator.seatPlan.round' })}</h2>
        ${s.rounds[round]?.question ? html`<p class="question">${s.rounds[round]!.question}</p>` : nothing}
        ${blocks.map((block) => {
          const half = Math.ceil(block.length / 2);
          return html`<div class="block">
            ${this.renderTable(block.slice(0, half), i, hasGroups, labels)}
            ${block.length > half ? this.renderTable(block.slice(half), i, hasGroups, labels) : nothing}
          </div>`;
        })}
      </section>`,
    );
  }

  private renderBadges(people: PlannedPerson[], rounds: number[], labels: Map<string, string>) {
    const sheets: PlannedPerson[][] = [];
    for (let i = 0; i < people.length; i += BADGES_PER_PAGE) sheets.push(people.slice(i, i + BADGES_PER_PAGE));
    return sheets.map(
      (sheet) =>
        html`<div class="sheet">
          ${sheet.map(
            (p) => html`<div class="card">
              <div class="who">
                <span class="number">${p.number}</span>
                <span><span class="name">${p.name ?? ''}</span>${p.group ? html`<br /><span class="group">${p.group}</span>` : nothing}</span>
              </div>
              <ol>
                ${rounds.map(
                  (round, i) =>
                    html`<li><span>${msg(str`Round ${round + 1}`, { id: 'facilitator.seatPlan.round' })}</span><b>${onBadge(labels.get(p.tables[i]!) ?? p.tables[i]!)}</b></li>`,
                )}
              </ol>
            </div>`,
          )}
        </div>`,
    );
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const all = plannedPeople(s, { order: this.order });
    const people = this.withoutPhoneOnly ? all.filter((p) => !p.phone) : all;
    const rounds = s.plan ? plannedRounds(s.plan) : [];
    const labels = new Map(s.tables.map((t) => [t.id, tableLabel(s, t.id)]));
    const withoutPhone = all.length - all.filter((p) => p.phone).length;
    return html`${this.renderBar(s, withoutPhone)}
      <div class="paper ${this.layout} ${this.perPage ? 'per-page' : ''}">
        ${this.layout === 'list'
          ? html`<h1 tabindex="-1">${msg(str`Seat plan · ${s.title}`, { id: 'facilitator.seatPlan.heading' })}</h1>
              <p class="about">
                ${this.withoutPhoneOnly
                  ? msg(str`${people.length} people without a phone`, { id: 'facilitator.seatPlan.aboutWithoutPhone' })
                  : msg(str`${people.length} people, ${withoutPhone} of them without a phone`, { id: 'facilitator.seatPlan.about' })}
              </p>`
          : html`<h1 tabindex="-1" class="screen">${msg(str`Name badges · ${s.title}`, { id: 'facilitator.seatPlan.badgesHeading' })}</h1>`}
        ${people.length === 0
          ? html`<p class="none">${msg('No one to print: the plan seats no one here.', { id: 'facilitator.seatPlan.empty' })}</p>`
          : this.layout === 'list'
            ? this.renderList(s, people, rounds, labels)
            : this.renderBadges(people, rounds, labels)}
      </div>`;
  }
}

/** Opens the seat plan over the console; `state` is kept up to date by the caller. */
export function openSeatPlan(state: CafeState): TcSeatPlanPrint {
  const view = document.createElement('tc-seat-plan-print');
  view.state = state;
  document.body.append(view);
  return view;
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-seat-plan-print': TcSeatPlanPrint;
  }
}
