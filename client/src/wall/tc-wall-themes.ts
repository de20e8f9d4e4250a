/**
 * The harvest's themes on the wall: each with its votes (once a vote has been opened), how many
 * ideas it holds and which stakeholder groups they came from — and which none. Ranked by votes;
 * a tie keeps the order the room saw, so a theme moves only when it overtakes another, gliding to
 * its place. A changed count pulses once; each row is tinted as far as its share of the leader's votes. Only whole rows show; the last line says how many more
 * there are. No motion when the room asked for reduced motion.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { theme } from '../ui/theme.js';
import { wallPanel } from './wall-panel.js';
import { rankThemes, type ThemeRow } from './harvest-themes.js';

@customElement('tc-wall-themes')
@localized()
export class TcWallThemes extends LitElement {
  static override styles = [
    theme,
    wallPanel,
    css`
      .panel {
        height: 100%;
        display: grid;
        grid-template-rows: minmax(0, 1fr) auto;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: hidden;
        display: flex;
        flex-direction: column;
        gap: calc(var(--u, 32px) * 0.35);
      }
      /* The row fills with colour as far as its share of the leader's votes: for the eye only, the number says it. */
      li.theme {
        flex: none;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        column-gap: 0.6em;
        align-items: center;
        background: linear-gradient(90deg, var(--tc-accent-soft) calc(var(--share, 0) * 100%), var(--tc-card) 0);
        border: calc(var(--u, 32px) * 0.08) solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.2em 0.6em;
      }
      li[data-clipped] {
        visibility: hidden;
      }
      .votes {
        margin: 0;
        min-width: 3.2em;
        text-align: center;
        line-height: 1;
      }
      .count {
        display: block;
        font-size: 2em;
        font-weight: 800;
        color: var(--tc-accent);
        font-variant-numeric: tabular-nums;
      }
      .unit {
        color: var(--tc-muted);
      }
      .body {
        min-width: 0;
      }
      /* The name and the mix get two lines each at most. */
      h3,
      .mix {
        margin: 0;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        line-clamp: 2;
        overflow: hidden;
      }
      h3 {
        font-size: 1.3em;
        line-height: 1.15;
      }
      .ideas {
        font-size: var(--u, 32px);
        font-weight: 400;
        color: var(--tc-muted);
        white-space: nowrap;
      }
      .group {
        white-space: nowrap;
      }
      .group b {
        color: var(--tc-accent);
      }
      .missing {
        color: var(--tc-muted);
        font-style: italic;
      }
      .more {
        margin: 0.3em 0 0;
        font-weight: 700;
        color: var(--tc-muted);
      }
      .more[hidden] {
        display: block;
        visibility: hidden;
      }
      @media (prefers-reduced-motion: no-preference) {
        .count.changed {
          animation: changed 1.2s ease-out;
        }
      }
      @keyframes changed {
        from {
          transform: scale(1.3);
          color: var(--tc-star);
        }
      }
    `,
  ];

  /** Every theme, in creation order. */
  @property({ attribute: false }) rows: ThemeRow[] = [];
  /** A vote has been opened: show the votes and rank by them. */
  @property({ type: Boolean }) votes = false;

  /** How many rows did not fit. */
  @state() private clipped = 0;
  /** The order the room saw last, ties keep it. */
  private order: string[] = [];
  private shown: ThemeRow[] = [];
  private lastVotes = new Map<string, number>();
  /** Themes whose count changed since the room last looked (until the pulse ends). */
  private readonly changed = new Set<string>();
  /** Where each row stood before this update, to glide it to its new place. */
  private placesBefore = new Map<string, number>();

  @query('ol') private list!: HTMLOListElement | null;
  private observer: IntersectionObserver | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('rows') && !changed.has('votes')) return;
    this.shown = this.votes ? rankThemes(this.rows, this.order) : this.rows;
    this.order = this.shown.map((r) => r.id);
    for (const row of this.shown) {
      const last = this.lastVotes.get(row.id);
      if (last !== undefined && last !== row.votes) this.changed.add(row.id);
    }
    this.lastVotes = new Map(this.shown.map((r) => [r.id, r.votes]));
    this.placesBefore = new Map([...(this.list?.children ?? [])].map((li) => [(li as HTMLElement).dataset.theme!, li.getBoundingClientRect().top]));
  }

  protected override updated(): void {
    const list = this.list;
    if (!list) return;
    if (this.observer?.root !== list) {
      this.observer?.disconnect();
      this.observer = new IntersectionObserver(
        (entries) => {
          for (const e of entries) e.target.toggleAttribute('data-clipped', e.intersectionRatio < 0.99);
          this.clipped = list.querySelectorAll(':scope > [data-clipped]').length;
        },
        { root: list, threshold: [0, 0.99, 1] },
      );
    }
    this.observer.disconnect();
    for (const li of list.children) this.observer.observe(li);
    this.glide(list);
  }

  /** A row that changed place slides there from where it was (FLIP), unless motion is reduced. */
  private glide(list: HTMLOListElement): void {
    if (this.placesBefore.size === 0 || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    for (const li of list.children as HTMLCollectionOf<HTMLElement>) {
      const from = this.placesBefore.get(li.dataset.theme!);
      const dy = from === undefined ? 0 : from - li.getBoundingClientRect().top;
      if (Math.abs(dy) > 1) li.animate([{ transform: `translateY(${dy}px)` }, { transform: 'none' }], { duration: 700, easing: 'ease-in-out' });
    }
    this.placesBefore.clear();
  }

  private readonly onPulsed = (event: AnimationEvent) => {
    const li = (event.target as HTMLElement).closest('li');
    if (li) this.changed.delete(li.dataset.theme!);
  };

  override render() {
    if (this.shown.length === 0) return nothing;
    const most = Math.max(1, ...this.shown.map((r) => r.votes));
    return html`<div class="panel">
      <ol @animationend=${this.onPulsed}>
        ${repeat(
          this.shown,
          (row) => row.id,
          (row) => html`<li class="theme" data-theme=${row.id} style=${this.votes ? `--share: ${row.votes / most}` : ''}>
            ${this.votes
              ? html`<p class="votes">
                  <span class="count ${this.changed.has(row.id) ? 'changed' : ''}">${row.votes}</span>
                  <span class="unit">${row.votes === 1 ? msg('vote', { id: 'wall.themes.vote' }) : msg('votes', { id: 'wall.themes.votes' })}</span>
                </p>`
              : nothing}
            <div class="body">
              <h3>${row.name} <span class="ideas">· ${row.ideas === 1 ? msg('1 idea', { id: 'wall.themes.idea' }) : msg(str`${row.ideas} ideas`, { id: 'wall.themes.ideas' })}</span></h3>
              ${this.mix(row)}
            </div>
          </li>`,
        )}
      </ol>
      <p class="more" ?hidden=${this.clipped === 0}>
        ${this.clipped === 1 ? msg('and 1 more theme', { id: 'wall.themes.moreOne' }) : msg(str`and ${this.clipped} more themes`, { id: 'wall.themes.more' })}
      </p>
    </div>`;
  }

  private mix(row: ThemeRow) {
    const { contributed, missing } = row.mix;
    if (contributed.length === 0 && missing.length === 0) return nothing;
    return html`<p class="mix">
      ${contributed.map((c, i) => html`${i > 0 ? ' · ' : ''}<span class="group">${c.group} <b>${c.ideas}</b></span>`)}
      ${missing.length > 0
        ? html`${contributed.length > 0 ? ' · ' : ''}<span class="missing">${msg(str`no ideas from: ${missing.join(', ')}`, { id: 'wall.themes.missing' })}</span>`
        : nothing}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-themes': TcWallThemes;
  }
}
