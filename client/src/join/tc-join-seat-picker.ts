/**
 * Choosing a table without a QR code: a list of the open tables and, in a round that sends
 * everyone home, one button back to the first table. Fires `take-seat` with the table id.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Table } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';

export type TakeSeatEvent = CustomEvent<{ tableId: string }>;

@customElement('tc-join-seat-picker')
@localized()
export class TcJoinSeatPicker extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-weight: 600;
        margin-bottom: 0.3rem;
      }
      .row {
        display: flex;
        gap: 0.5rem;
      }
      select {
        flex: 1;
        min-width: 0;
        font-size: 1.1rem;
      }
      button {
        font-weight: 700;
      }
      .home {
        width: 100%;
        min-height: 56px;
        margin-bottom: 1rem;
        font-size: 1.1rem;
      }
    `,
  ];

  /** Every table of the café; disabled ones and the current one are not offered. */
  @property({ attribute: false }) tables: Table[] = [];
  @property() currentTableId: string | null = null;
  /** The first table, offered as one button when the round sends everyone home. */
  @property({ attribute: false }) homeTable: Table | null = null;
  /** The button's table is where the rotation plan sends this phone, not its first table. */
  @property({ type: Boolean }) planned = false;

  @state() private chosen = '';

  override render() {
    const open = this.tables.filter((t) => t.enabled && t.id !== this.currentTableId);
    // Nothing chosen until the person chooses: a careless tap must not pile everyone at the first table.
    const chosen = open.some((t) => t.id === this.chosen) ? this.chosen : '';
    return html`${this.homeTable && this.homeTable.id !== this.currentTableId
        ? html`<button class="home primary" @click=${() => this.take(this.homeTable!.id)}>
            ${this.planned
              ? msg(str`Sit at ${this.homeTable.name}, as planned`, { id: 'join.seat.planned' })
              : msg(str`Go back to your first table (${this.homeTable.name})`, { id: 'join.seat.home' })}
          </button>`
        : nothing}
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          const picked = this.renderRoot.querySelector('select')?.value;
          if (picked) this.take(picked);
        }}
      >
        <label for="table">${msg('Pick a table', { id: 'join.seat.label' })}</label>
        <div class="row">
          <select id="table" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${chosen === ''} disabled>${msg('Choose …', { id: 'join.seat.choose' })}</option>
            ${open.map((t) => html`<option value=${t.id} ?selected=${t.id === chosen}>${t.name}</option>`)}
          </select>
          <button type="submit" class=${this.homeTable ? '' : 'primary'} ?disabled=${!chosen}>${msg('Sit here', { id: 'join.seat.submit' })}</button>
        </div>
      </form>`;
  }

  private take(tableId: string): void {
    this.dispatchEvent(new CustomEvent('take-seat', { detail: { tableId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-seat-picker': TcJoinSeatPicker;
  }
}
