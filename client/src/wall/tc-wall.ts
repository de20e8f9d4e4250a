/**
 * The live wall face: owns the café connection and the countdown, follows the café's language,
 * reports whether it can ring the chime, and hands everything to the view.
 */
import { harvestPageUrl } from '../harvest/harvest-api.js';
import { localized } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { CafeConnection } from '../controllers/cafe-connection.js';
import { CountdownController } from '../controllers/countdown.js';
import { PhotoSources } from '../controllers/photo-urls.js';
import { connectionSoundChannel, WallStatusController } from '../controllers/wall-status.js';
import { applyLocale } from '../i18n.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import type { SoundChangeEvent } from './tc-wall-chime.js';
import './tc-wall-view.js';

@customElement('tc-wall')
@localized()
export class TcWall extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .refused {
        position: fixed;
        inset: 0;
        margin: 0;
        padding: 5vmin;
        font-size: max(32px, 4vmin);
        color: var(--tc-danger);
        background: var(--tc-paper);
      }
    `,
  ];

  @property() secret = '';

  private connection!: CafeConnection;
  private countdown!: CountdownController;
  private statusController!: WallStatusController;
  private language: string | null = null;

  override connectedCallback(): void {
    if (!this.connection) {
      this.connection = new CafeConnection(this, { secret: this.secret });
      this.countdown = new CountdownController(this, this.connection);
      this.statusController = new WallStatusController(this, connectionSoundChannel(this.connection));
    }
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection.close();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const language = this.connection.state?.language ?? null;
    if (language !== null && language !== this.language) {
      this.language = language;
      void applyLocale(language);
    }
  }

  private readonly photoSources = new PhotoSources();

  private readonly onSound = (event: SoundChangeEvent) => {
    this.statusController.report(event.detail.sound);
  };

  override render() {
    const { state, refusal } = this.connection;
    if (refusal && !state) return html`<p class="refused" role="alert">${errorMessage(refusal.code)}</p>`;
    const joinUrl = state?.joinCode ? `${location.origin}/j/${encodeURIComponent(state.joinCode)}` : '';
    const harvestUrl = state?.joinCode ? harvestPageUrl(location.origin, state.joinCode) : '';
    return html`<tc-wall-view
      .state=${state}
      .msLeft=${this.countdown.msLeft}
      .now=${this.connection.serverNow()}
      .status=${this.connection.status}
      .joinUrl=${joinUrl}
      .harvestUrl=${harvestUrl}
      .photoSource=${state ? this.photoSources.for(state.id, this.secret) : null}
      @sound-change=${this.onSound}
    ></tc-wall-view>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall': TcWall;
  }
}
