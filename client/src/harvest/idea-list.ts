/** One idea of the public harvest with its table (and its author, where they chose to be named), and the list's styles. */
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { PublicIdea } from '../../../shared/harvest/public-harvest.js';

export function ideaItem(idea: PublicIdea) {
  const where = msg(str`${idea.tableName}, round ${idea.round + 1}`, { id: 'harvest.idea.where' });
  return html`<li>
    <span class="text">${idea.text}</span>
    <span class="where">${idea.author ? html`${idea.author} · ` : nothing}${where}</span>
  </li>`;
}

export const ideaListStyles = css`
  .ideas {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .ideas li {
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--tc-line);
    break-inside: avoid;
  }
  .ideas li:last-child {
    border-bottom: none;
  }
  .text {
    display: block;
    overflow-wrap: anywhere;
  }
  .where {
    display: block;
    color: var(--tc-muted);
    font-size: 0.9rem;
  }
`;
