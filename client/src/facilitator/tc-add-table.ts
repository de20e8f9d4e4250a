/** Adds a table while the café runs: the next free table number, and a name the room will read. */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import { normalizeText, TABLE_NAME_MAX, textLength } from '../../../shared/text.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp } from './events.js';

/** Tables are numbered 1, 2, 3 …; a new one takes the number after the highest. */
export function nextTableId(state: CafeState): string {
  const numbers = state.tables.map((t) => Number(t.id)).filter((n) => Number.isInteger(n) && n > 0);
  let next = Math.max(0, ...numbers) + 1;
  while (state.tables.some((t) => t.id === String(next))) next++;
  return String(next);
}

@customElement('tc-add-table')
@localized()
export class TcAddTable extends LitElement {
  static override styles = [
    theme,
    css`
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
      input {
        width: 16rem;
        max-width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;

  private add(e: SubmitEvent, tableId: string, fallbackName: string): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = normalizeText(String(new FormData(form).get('name') ?? '')) || fallbackName;
    if (textLength(name) > TABLE_NAME_MAX) return;
    this.dispatchEvent(facilitatorOp({ type: 'addTable', tableId, name }));
    form.reset();
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const tableId = nextTableId(s);
    const fallbackName = msg(str`Table ${tableId}`, { id: 'facilitator.addTable.defaultName' });
    return html`<form @submit=${(e: SubmitEvent) => this.add(e, tableId, fallbackName)}>
      <div>
        <label for="name">${msg('Name of the new table', { id: 'facilitator.addTable.label' })}</label>
        <input id="name" name="name" placeholder=${fallbackName} autocomplete="off" />
      </div>
      <button type="submit" ?disabled=${s.phase.kind === 'closed'}>${msg('Add a table', { id: 'facilitator.addTable.add' })}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-add-table': TcAddTable;
  }
}
