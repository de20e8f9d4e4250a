/**
 * Settings that change how the room behaves: pre-moderation of phones' ideas, the walls' chime
 * (with each wall's sound as it reports it), the public harvest page (with its link), and the
 * rehearsal that is wiped before the real café.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { Presence, WallSound } from '../../../shared/protocol.js';
import { harvestPageUrl } from '../harvest/harvest-api.js';
import { theme } from '../ui/theme.js';
import { allowed } from './allowed.js';
import { facilitatorOp } from './events.js';
import type { TcConfirm } from './tc-confirm.js';
import './tc-confirm.js';
import './tc-rotation-settings.js';

@customElement('tc-cafe-settings')
@localized()
export class TcCafeSettings extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .switch {
        display: flex;
        gap: 0.6rem;
        align-items: flex-start;
        margin: 0 0 0.75rem;
      }
      .switch input {
        width: 1.4rem;
        height: 1.4rem;
        min-height: 0;
        margin: 0.1rem 0 0;
        accent-color: var(--tc-accent);
      }
      .consent-age {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin: 0 0 0.75rem 2.2rem;
      }
      .switch small {
        display: block;
        color: var(--tc-muted);
      }
      h3 {
        font-size: 1rem;
        margin: 1rem 0 0.4rem;
      }
      ul {
        margin: 0;
        padding-left: 1.2rem;
      }
      li.blocked {
        color: var(--tc-warn);
        font-weight: 600;
      }
      .muted {
        color: var(--tc-muted);
        margin: 0;
      }
      .harvest-link {
        margin: -0.4rem 0 0.75rem 2rem;
        overflow-wrap: anywhere;
      }
      .harvest-link a {
        color: var(--tc-accent);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @property({ attribute: false }) presence: Presence | null = null;
  @query('tc-confirm') private confirm!: TcConfirm;

  private async resetRehearsal(): Promise<void> {
    const yes = await this.confirm.ask({
      heading: msg('Reset the rehearsal?', { id: 'facilitator.rehearsal.reset.heading' }),
      message: msg('Every idea of the rehearsal is deleted and the café goes back to the arrival. Links and tables stay.', {
        id: 'facilitator.rehearsal.reset.message',
      }),
      confirmLabel: msg('Delete the rehearsal', { id: 'facilitator.rehearsal.reset.confirm' }),
    });
    if (yes) this.dispatchEvent(facilitatorOp({ type: 'resetRehearsal' }));
  }

  private soundText(sound: WallSound): string {
    switch (sound) {
      case 'on':
        return msg('sound on', { id: 'facilitator.wall.on' });
      case 'blocked':
        return msg('sound blocked: click once on the wall page to enable it', { id: 'facilitator.wall.blocked' });
      case 'muted':
        return msg('muted', { id: 'facilitator.wall.muted' });
    }
  }

  private renderWalls() {
    const walls = this.presence?.walls ?? null;
    if (walls === null) return html`<p class="muted">${msg('Not known yet.', { id: 'facilitator.wall.unknown' })}</p>`;
    if (walls.length === 0) return html`<p class="muted">${msg('No wall is connected.', { id: 'facilitator.wall.none' })}</p>`;
    return html`<ul>
      ${walls.map((w, i) => html`<li class=${w.sound}>${msg(str`Wall ${i + 1}: ${this.soundText(w.sound)}`, { id: 'facilitator.wall.item' })}</li>`)}
    </ul>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const closed = s.phase.kind === 'closed';
    const edit = (patch: { premoderation?: boolean; chime?: boolean; harvestPage?: boolean; invitations?: boolean; consentAge?: number }) => this.dispatchEvent(facilitatorOp({ type: 'editCafe', ...patch }));
    return html`
      <label class="switch">
        <input
          type="checkbox"
          class="premoderation"
          .checked=${live(s.premoderation)}
          ?disabled=${closed}
          @change=${(e: Event) => edit({ premoderation: (e.target as HTMLInputElement).checked })}
        />
        <span>
          ${msg('Pre-moderation', { id: 'facilitator.premoderation' })}
          <small>${msg('Ideas from phones wait for my approval before they reach the wall.', { id: 'facilitator.premoderation.hint' })}</small>
        </span>
      </label>
      <label class="switch">
        <input
          type="checkbox"
          class="chime"
          .checked=${live(s.chime)}
          ?disabled=${closed}
          @change=${(e: Event) => edit({ chime: (e.target as HTMLInputElement).checked })}
        />
        <span>
          ${msg('Chime', { id: 'facilitator.chime' })}
          <small>${msg('The walls ring a soft chime when the time is up.', { id: 'facilitator.chime.hint' })}</small>
        </span>
      </label>
      <label class="switch">
        <input
          type="checkbox"
          class="harvest-page"
          .checked=${live(s.harvestPage)}
          @change=${(e: Event) => edit({ harvestPage: (e.target as HTMLInputElement).checked })}
        />
        <span>
          ${msg('Public harvest page', { id: 'facilitator.harvestPage' })}
          <small>${msg('From the harvest on, anyone with the café code sees the themes, the ideas that may be published and the photos; its QR code is on the wall at the end.', { id: 'facilitator.harvestPage.hint' })}</small>
        </span>
      </label>
      ${s.harvestPage && s.joinCode
        ? html`<p class="muted harvest-link">
            <a href=${harvestPageUrl(location.origin, s.joinCode)} target="_blank" rel="noopener">${harvestPageUrl(location.origin, s.joinCode)}</a>
          </p>`
        : nothing}
      <label class="switch">
        <input
          type="checkbox"
          class="invitations"
          .checked=${live(s.invitations)}
          @change=${(e: Event) => edit({ invitations: (e.target as HTMLInputElement).checked })}
        />
        <span>
          ${msg('Invitations to the community', { id: 'facilitator.invitations' })}
          <small>${msg('In the harvest, phones may leave an e-mail address to be invited. Switch it off for a café with children.', { id: 'facilitator.invitations.hint' })}</small>
        </span>
      </label>
      <label class="consent-age">
        ${msg('Age of consent (GDPR: 13–16 by country)', { id: 'facilitator.consentAge' })}
        <select ?disabled=${closed || !s.invitations} @change=${(e: Event) => edit({ consentAge: Number((e.target as HTMLSelectElement).value) })}>
          ${[13, 14, 15, 16, 17, 18].map((age) => html`<option value=${age} ?selected=${age === s.consentAge}>${age}</option>`)}
        </select>
      </label>
      <h3>${msg('Rotation', { id: 'facilitator.rotation' })}</h3>
      <tc-rotation-settings .state=${s}></tc-rotation-settings>
      <h3>${msg('Walls', { id: 'facilitator.walls' })}</h3>
      ${this.renderWalls()}
      <h3>${msg('Rehearsal', { id: 'facilitator.rehearsal' })}</h3>
      <p class="muted">${msg('Try the café with the team first; the reset deletes everything it produced.', { id: 'facilitator.rehearsal.hint' })}</p>
      <div class="actions">
        <button class="rehearse" ?disabled=${s.rehearsal || !allowed(s, { type: 'startRehearsal' })} @click=${() => this.dispatchEvent(facilitatorOp({ type: 'startRehearsal' }))}>
          ${msg('Start a rehearsal', { id: 'facilitator.rehearsal.start' })}
        </button>
        <button class="reset danger" ?disabled=${!allowed(s, { type: 'resetRehearsal' })} @click=${() => void this.resetRehearsal()}>
          ${msg('Reset the rehearsal …', { id: 'facilitator.rehearsal.reset' })}
        </button>
      </div>
      <tc-confirm></tc-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-cafe-settings': TcCafeSettings;
  }
}
