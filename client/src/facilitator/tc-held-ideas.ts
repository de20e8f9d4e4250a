/** Pre-moderation (I14): ideas from phones wait here until the facilitator lets them onto the wall. */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { heldIdeas } from './table-activity.js';
import './tc-idea-item.js';

@customElement('tc-held-ideas')
@localized()
export class TcHeldIdeas extends LitElement {
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
        gap: 0.4rem;
        max-height: 28rem;
        overflow-y: auto;
      }
      p {
        margin: 0;
        color: var(--tc-muted);
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const held = heldIdeas(s);
    const names = new Map(s.tables.map((t) => [t.id, t.name]));
    if (held.length === 0) return html`<p>${msg('No ideas are waiting.', { id: 'facilitator.held.none' })}</p>`;
    return html`<ul>
      ${held.map((i) => html`<li><tc-idea-item .idea=${i} tableName=${names.get(i.tableId) ?? i.tableId}></tc-idea-item></li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-held-ideas': TcHeldIdeas;
  }
}
