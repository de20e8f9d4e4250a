/**
 * The stream of ideas, newest first, each with its table. Only whole cards are shown, so the
 * oldest simply drop off (no scrollbar on a projector). Starred ideas carry a star and the words "Key idea" inside a heavier border, not
 * only a colour. New cards fade in gently unless the room asked for reduced motion.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Idea } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { wallPanel } from './wall-panel.js';

@customElement('tc-wall-ideas')
@localized()
export class TcWallIdeas extends LitElement {
  static override styles = [
    theme,
    wallPanel,
    css`
      /*
       * Columns filled top to bottom, newest at the top left. The box has a fixed height, so
       * cards that do not fit flow into columns beyond the right edge, which are cut off: the
       * oldest drop off whole, and nothing scrolls.
       */
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        height: 100%;
        overflow: hidden;
        column-width: calc(var(--u, 32px) * 16);
        column-gap: calc(var(--u, 32px) * 0.5);
        column-fill: auto;
      }
      li {
        break-inside: avoid;
        margin-bottom: calc(var(--u, 32px) * 0.5);
        background: var(--tc-card);
        border: calc(var(--u, 32px) * 0.08) solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: calc(var(--u, 32px) * 0.4) calc(var(--u, 32px) * 0.55);
      }
      li[data-clipped] {
        visibility: hidden;
      }
      li.starred {
        border: calc(var(--u, 32px) * 0.2) solid var(--tc-star);
        background: var(--tc-star-soft);
      }
      .key {
        margin: 0 0 0.15em;
        font-weight: 700;
        color: var(--tc-star);
      }
      .text {
        margin: 0;
        font-size: 1.25em;
        line-height: 1.25;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 4;
        line-clamp: 4;
        overflow: hidden;
      }
      .meta {
        margin: 0.25em 0 0;
        color: var(--tc-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .table {
        font-weight: 700;
        color: var(--tc-accent);
      }
      .empty {
        margin: 0;
        font-size: 1.25em;
        color: var(--tc-muted);
      }
      /* A fade only: moving the card would also move it out of the box and hide it meanwhile. */
      @media (prefers-reduced-motion: no-preference) {
        li.arrived {
          animation: arrive 1s ease-out;
        }
      }
      @keyframes arrive {
        from {
          opacity: 0;
        }
      }
    `,
  ];

  /** The newest shown ideas, newest first (more than fit is fine: the rest are hidden). */
  @property({ attribute: false }) ideas: Idea[] = [];
  /** Table names by id. */
  @property({ attribute: false }) tableNames: ReadonlyMap<string, string> = new Map();
  /** Ideas that came in after the first render and are still fading in (until their animation ends). */
  private readonly arrived = new Set<string>();
  private shownIds: Set<string> | null = null;

  @query('ol') private list!: HTMLOListElement | null;
  /**
   * Marks the cards that flowed out of sight, so screen readers agree with the wall. An
   * IntersectionObserver, not a measurement after each render: measuring would force a layout
   * ten times a second while ideas pour in.
   */
  private observer: IntersectionObserver | null = null;
  private readonly observed = new Set<Element>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
    this.observed.clear();
  }

  protected override willUpdate(): void {
    const ids = new Set(this.ideas.map((i) => i.id));
    // Nothing animates on the first render (a wall opened mid-café shows what is there at once).
    if (this.shownIds) for (const id of ids) if (!this.shownIds.has(id)) this.arrived.add(id);
    for (const id of this.arrived) if (!ids.has(id)) this.arrived.delete(id);
    this.shownIds = ids;
  }

  protected override updated(): void {
    this.watchCards();
  }

  private watchCards(): void {
    const list = this.list;
    if (!list) return;
    if (this.observer?.root !== list) {
      this.observer?.disconnect();
      this.observed.clear();
      this.observer = new IntersectionObserver(
        (entries) => {
          for (const e of entries) e.target.toggleAttribute('data-clipped', e.intersectionRatio < 0.99);
        },
        { root: list, threshold: [0, 0.99, 1] },
      );
    }
    for (const card of this.observed) {
      if (card.parentNode !== list) {
        this.observer.unobserve(card);
        this.observed.delete(card);
      }
    }
    for (const card of list.children) {
      if (this.observed.has(card)) continue;
      this.observer.observe(card);
      this.observed.add(card);
    }
  }

  private readonly onArrived = (event: AnimationEvent) => {
    const id = (event.target as HTMLElement).dataset.idea;
    if (id) this.arrived.delete(id);
  };

  override render() {
    if (this.ideas.length === 0) {
      return html`<p class="empty">${msg('Ideas appear here as the tables capture them.', { id: 'wall.noIdeas' })}</p>`;
    }
    return html`<ol @animationend=${this.onArrived}>
      ${repeat(
        this.ideas,
        (idea) => idea.id,
        (idea) => html`<li class="${idea.starred ? 'starred' : ''} ${this.arrived.has(idea.id) ? 'arrived' : ''}" data-idea=${idea.id}>
          ${idea.starred ? html`<p class="key"><span aria-hidden="true">\u2605 </span>${msg('Key idea', { id: 'wall.keyIdea' })}</p>` : nothing}
          <p class="text">${idea.text}</p>
          <p class="meta">
            <span class="table">${this.tableNames.get(idea.tableId) ?? idea.tableId}</span>${idea.author.group ? ` \u00B7 ${idea.author.group}` : ''}${idea
              .author.displayName
              ? ` \u00B7 ${idea.author.displayName}`
              : ''}
          </p>
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-ideas': TcWallIdeas;
  }
}
