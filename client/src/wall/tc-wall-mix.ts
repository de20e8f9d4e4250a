/**
 * The room's mix: each stakeholder group with how many of its people are here and a bar for its
 * share (the largest group's bar is full), people without a group last, and at the line's end how
 * many left. One line while it fits, two when the groups need them (the ideas and the board give
 * way); a long group name is shortened with an ellipsis; beyond two lines the last groups are cut.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import type { WallMix } from './wall-mix.js';

@customElement('tc-wall-mix')
@localized()
export class TcWallMix extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        font-size: var(--u, 32px);
        line-height: 1.2;
      }
      section {
        display: flex;
        align-items: flex-start;
        gap: 0.8em;
        overflow: hidden;
        /* Two lines of groups at most: a line is 1.2em of text and 0.4em of bar. */
        max-height: 3.45em;
      }
      h2 {
        flex: none;
        margin: 0;
        font-size: 1em;
        font-weight: 600;
        color: var(--tc-muted);
      }
      ul {
        flex: 1;
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.05em 0.8em;
        min-width: 0;
      }
      li {
        max-width: 100%;
        white-space: nowrap;
      }
      .group {
        display: inline-block;
        vertical-align: bottom;
        max-width: 16em;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .count {
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      .none {
        color: var(--tc-muted);
        font-style: italic;
      }
      li.empty {
        color: var(--tc-muted);
      }
      .bar {
        display: block;
        width: 4em;
        height: 0.3em;
        margin-top: 0.1em;
        border-radius: 0.15em;
        background: var(--tc-line);
      }
      .bar span {
        display: block;
        height: 100%;
        border-radius: inherit;
        background: var(--tc-accent);
      }
      .left {
        flex: none;
        margin: 0;
        color: var(--tc-muted);
      }
    `,
  ];

  @property({ attribute: false }) mix: WallMix | null = null;

  override render() {
    const mix = this.mix;
    if (!mix) return nothing;
    const most = Math.max(1, ...mix.present.map((g) => g.count));
    return html`<section>
      <h2>${msg('In the room', { id: 'wall.mix.heading' })}</h2>
      <ul>
        ${mix.present.map(
          (g) => html`<li class=${g.count === 0 ? 'empty' : ''} data-group=${g.group} data-count=${g.count}>
            <span class=${g.group ? 'group' : 'group none'}>${g.group || msg('No group', { id: 'wall.mix.noGroup' })}</span> <span class="count">${g.count}</span>
            <span class="bar" aria-hidden="true"><span style=${`width: ${(100 * g.count) / most}%`}></span></span>
          </li>`,
        )}
      </ul>
      ${mix.left > 0 ? html`<p class="left">${msg(str`${mix.left} left`, { id: 'wall.mix.left' })}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-mix': TcWallMix;
  }
}
