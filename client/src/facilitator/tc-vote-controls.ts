/**
 * The dot vote (H6, H7): open it with N dots per phone (3 unless the facilitator says otherwise,
 * the last N when opened again), close it, and watch each theme's votes come in: phone dots as
 * they arrive, paper dots as the facilitator counts them off the wall.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_DOTS } from '../../../shared/domain/harvest.js';
import type { CafeState, Theme } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { harvestFormStyles } from './harvest-form-styles.js';
import { allowed } from './allowed.js';
import { facilitatorOp } from './events.js';

@customElement('tc-vote-controls')
@localized()
export class TcVoteControls extends LitElement {
  static override styles = [
    theme,
    harvestFormStyles,
    css`
      input[type='number'] {
        width: 5.5rem;
      }
      .status {
        margin: 0 0 0.5rem;
        font-weight: 700;
      }
      .status.open {
        color: var(--tc-ok);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        margin-top: 0.75rem;
        font-size: 0.92rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.3rem 0.25rem;
        border-bottom: 1px solid var(--tc-line);
        vertical-align: middle;
      }
      td.num,
      th.num {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      /* Theme names are typed by people and may be one long German compound: they must wrap
         inside the rail's 23rem rather than widen the table past the screen's edge. */
      .name {
        overflow-wrap: anywhere;
        hyphens: auto;
      }
      .total {
        font-weight: 700;
      }
      .paper {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        justify-content: end;
      }
      .paper input {
        width: 3.6rem;
        min-height: 36px;
        padding: 0.2em 0.35em;
      }
      .paper button {
        min-height: 36px;
        padding: 0.1em 0.5em;
        font-size: 0.85rem;
      }
      .none {
        color: var(--tc-muted);
        margin: 0.5rem 0 0;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** The number typed, until the vote opens with it. */
  @state() private dots: number | null = null;

  private open(): void {
    const s = this.state;
    if (!s) return;
    const dots = this.dots ?? s.vote?.dots ?? DEFAULT_DOTS;
    const op = { type: 'openVote', dots } as const;
    if (allowed(s, op)) this.dispatchEvent(facilitatorOp(op));
  }

  private paper(t: Theme, input: HTMLInputElement): void {
    const count = Number(input.value);
    if (!Number.isInteger(count) || count < 0 || count > 100_000) {
      input.setCustomValidity(msg('A whole number from 0', { id: 'facilitator.vote.paper.invalid' }));
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    if (count !== t.paperDots) this.dispatchEvent(facilitatorOp({ type: 'setPaperDots', themeId: t.id, count }));
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const vote = s.vote;
    const dots = this.dots ?? vote?.dots ?? DEFAULT_DOTS;
    const canOpen = !vote?.open && allowed(s, { type: 'openVote', dots });
    const canClose = allowed(s, { type: 'closeVote' });
    const themes = Object.values(s.themes);
    return html`
      <p class="status ${vote?.open ? 'open' : ''}" role="status">
        ${vote === null
          ? msg('No vote yet.', { id: 'facilitator.vote.none' })
          : vote.open
            ? msg(str`The vote is open: ${vote.dots} dots per phone.`, { id: 'facilitator.vote.open' })
            : msg('The vote is closed.', { id: 'facilitator.vote.closed' })}
      </p>
      <div class="row">
        <label
          >${msg('Dots per phone', { id: 'facilitator.vote.dots' })}
          <input
            type="number"
            min="1"
            max="10"
            .value=${String(dots)}
            ?disabled=${vote?.open ?? false}
            @input=${(e: Event) => {
              const n = Number((e.target as HTMLInputElement).value);
              this.dots = Number.isInteger(n) && n >= 1 && n <= 10 ? n : null;
            }}
        /></label>
        ${vote?.open
          ? html`<button class="close-vote danger" aria-disabled=${canClose ? 'false' : 'true'} @click=${() => canClose && this.dispatchEvent(facilitatorOp({ type: 'closeVote' }))}>
              ${msg('Close the vote', { id: 'facilitator.vote.close' })}
            </button>`
          : html`<button class="open-vote primary" aria-disabled=${canOpen ? 'false' : 'true'} @click=${() => canOpen && this.open()}>
              ${vote === null ? msg('Open the vote', { id: 'facilitator.vote.openButton' }) : msg('Open the vote again', { id: 'facilitator.vote.reopen' })}
            </button>`}
      </div>
      ${themes.length === 0
        ? html`<p class="none">${msg('The vote is on themes: form some first.', { id: 'facilitator.vote.noThemes' })}</p>`
        : html`<table>
            <caption class="visually-hidden">${msg('Votes per theme', { id: 'facilitator.vote.table' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Theme', { id: 'facilitator.vote.theme' })}</th>
                <th scope="col" class="num">${msg('Phones', { id: 'facilitator.vote.phones' })}</th>
                <th scope="col" class="num">${msg('Paper dots', { id: 'facilitator.vote.paper' })}</th>
                <th scope="col" class="num">${msg('Votes', { id: 'facilitator.vote.total' })}</th>
              </tr>
            </thead>
            <tbody>
              ${themes.map((t) => this.renderRow(s, t))}
            </tbody>
          </table>`}
    `;
  }

  private renderRow(s: CafeState, t: Theme) {
    const can = allowed(s, { type: 'setPaperDots', themeId: t.id, count: t.paperDots });
    const save = (e: Event) => {
      const cell = (e.target as HTMLElement).closest('.paper')!;
      this.paper(t, cell.querySelector('input')!);
    };
    return html`<tr data-theme=${t.id}>
      <th scope="row" class="name" lang=${s.language}>${t.name}</th>
      <td class="num phones">${t.phoneDots}</td>
      <td class="num">
        <span class="paper">
          <input
            type="number"
            min="0"
            max="100000"
            .value=${String(t.paperDots)}
            ?disabled=${!can}
            aria-label=${msg(str`Paper dots for “${t.name}”`, { id: 'facilitator.vote.paperLabel' })}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && save(e)}
          />
          <button class="save-paper" ?disabled=${!can} aria-label=${msg(str`Save the paper dots for “${t.name}”`, { id: 'facilitator.vote.paperSave' })} @click=${save}>
            ${msg('Save', { id: 'facilitator.vote.save' })}
          </button>
        </span>
      </td>
      <td class="num total">${t.phoneDots + t.paperDots}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-vote-controls': TcVoteControls;
  }
}
