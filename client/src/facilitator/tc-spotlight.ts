/**
 * The spotlight (H10): one table's harvest card large on the wall, or none. The list says which
 * tables have written a card; a table without one shows its starred ideas.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { findTable, type CafeState } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { harvestFormStyles } from './harvest-form-styles.js';
import { allowed } from './allowed.js';
import { facilitatorOp } from './events.js';

@customElement('tc-spotlight')
@localized()
export class TcSpotlight extends LitElement {
  static override styles = [
    theme,
    harvestFormStyles,
    css`
      p {
        margin: 0 0 0.5rem;
      }
      label {
        flex: 1 1 10rem;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** The table chosen in the list, until it is put on the wall. */
  @state() private choice: string | null = null;

  private set(tableId: string | null): void {
    const s = this.state;
    if (s && allowed(s, { type: 'spotlight', tableId })) this.dispatchEvent(facilitatorOp({ type: 'spotlight', tableId }));
  }

  /** Read at the press, not from the last drawing: the list may have changed since. */
  private chosen(s: CafeState): string {
    return this.choice ?? s.spotlight ?? s.tables[0]?.id ?? '';
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const withCard = new Set(Object.values(s.harvestCards).filter((c) => c.insights.length > 0).map((c) => c.tableId));
    const chosen = this.chosen(s);
    const can = allowed(s, { type: 'spotlight', tableId: chosen });
    const current = s.spotlight === null ? null : (findTable(s, s.spotlight)?.name ?? s.spotlight);
    return html`
      <p role="status">
        ${current === null
          ? msg('No table is in the spotlight.', { id: 'facilitator.spotlight.none' })
          : msg(str`On the wall now: ${current}`, { id: 'facilitator.spotlight.current' })}
      </p>
      <div class="row">
        <label
          >${msg('Table', { id: 'facilitator.spotlight.table' })}
          <select @change=${(e: Event) => (this.choice = (e.target as HTMLSelectElement).value)}>
            ${s.tables.map(
              (t) =>
                html`<option value=${t.id} ?selected=${t.id === chosen}>
                  ${withCard.has(t.id) ? msg(str`${t.name} (harvest card)`, { id: 'facilitator.spotlight.withCard' }) : t.name}
                </option>`,
            )}
          </select></label
        >
        <button class="show primary" aria-disabled=${can ? 'false' : 'true'} @click=${() => can && this.set(this.chosen(s))}>
          ${msg('Show on the wall', { id: 'facilitator.spotlight.show' })}
        </button>
        <button class="off" aria-disabled=${s.spotlight !== null && can ? 'false' : 'true'} @click=${() => s.spotlight !== null && this.set(null)}>
          ${msg('Take off the wall', { id: 'facilitator.spotlight.off' })}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-spotlight': TcSpotlight;
  }
}
