/**
 * Who the rotation plan seats at the host's table: before a round in large type, so the host can
 * greet them (how many, of which stakeholder groups); during a round one line about the next.
 * The counts are everyone at the table that round, a host who stays included (the host's face
 * sees only the plan's arrivals, not who hosts), so they say "at this table", not "coming".
 * Groups the table will not see are not listed: the counts are information, not a warning.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import type { TableArrivals } from './host-arrivals.js';

@customElement('tc-arrivals-panel')
@localized()
export class TcArrivalsPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      section {
        background: var(--tc-accent-soft);
        border: 2px solid var(--tc-accent);
        border-radius: var(--tc-radius);
        padding: 0.75rem 1.25rem 1rem;
      }
      h2 {
        margin: 0;
        font-size: 1.75rem;
        line-height: 1.25;
      }
      ul {
        list-style: none;
        margin: 0.6rem 0 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.4rem 1.5rem;
      }
      li {
        display: flex;
        justify-content: space-between;
        gap: 0.75rem;
        font-size: 1.4rem;
        padding: 0.2rem 0;
        border-bottom: 1px solid var(--tc-line);
        overflow-wrap: anywhere;
      }
      .n {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      p {
        margin: 0;
        font-weight: 600;
        color: var(--tc-accent);
      }
    `,
  ];

  @property({ attribute: false }) arrivals!: TableArrivals;
  /** Whether the café has stakeholder groups; without, a list of "No group" says nothing. */
  @property({ type: Boolean }) grouped = false;

  override render() {
    const a = this.arrivals;
    const round = a.round + 1;
    const nobody = msg(str`No one is planned for this table in round ${round}`, { id: 'host.arrivals.nobody' });
    const groups = this.grouped ? a.groups : [];
    const name = (g: string) => g || msg('No group', { id: 'host.noGroup' });
    if (!a.soon) {
      // A group and its count never part at a line break.
      const list = groups.length > 0 ? ` (${groups.map(([g, n]) => `${name(g)}\u00a0${n}`).join(', ')})` : '';
      return html`<p class="next">
        ${a.count === 0
          ? nobody
          : a.count === 1
            ? msg('Next round: 1 at this table', { id: 'host.arrivals.nextOne' })
            : msg(str`Next round: ${a.count} at this table`, { id: 'host.arrivals.next' })}${list}
      </p>`;
    }
    return html`<section aria-labelledby="arrivals-title">
      <h2 id="arrivals-title">
        ${a.count === 0
          ? nobody
          : a.count === 1
            ? msg(str`1 person at this table in round ${round}`, { id: 'host.arrivals.titleOne' })
            : msg(str`${a.count} people at this table in round ${round}`, { id: 'host.arrivals.title' })}
      </h2>
      ${a.count > 0 && groups.length > 0
        ? html`<ul>
            ${groups.map(([g, n]) => html`<li><span class="group">${name(g)}</span> <span class="n">${n}</span></li>`)}
          </ul>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-arrivals-panel': TcArrivalsPanel;
  }
}
