/**
 * Rings the chime at each round's deadline and says whether the wall can: "Chime on", "Chime
 * muted" (from the console), or, while the browser blocks sound, "Click anywhere to enable the
 * chime". A click or key press anywhere on the page resumes the audio. Fires `sound-change` with
 * the state the console should show.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Phase } from '../../../shared/domain/state.js';
import type { WallSound } from '../../../shared/protocol.js';
import { theme } from '../ui/theme.js';
import { browserAudioContext, Chime, type AudioContextFactory } from './chime.js';
import { DeadlineBell } from './deadline-bell.js';

export type SoundChangeEvent = CustomEvent<{ sound: WallSound }>;

@customElement('tc-wall-chime')
@localized()
export class TcWallChime extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        font-size: var(--u, 32px);
        line-height: 1.2;
      }
      .note {
        margin: 0;
        color: var(--tc-muted);
        font-weight: 600;
      }
      :host([sound='blocked']) .note {
        color: var(--tc-warn);
      }
      .mark {
        display: inline-block;
        margin-inline-end: 0.3em;
      }
    `,
  ];

  @property({ attribute: false }) phase: Phase | null = null;
  /** The café's chime setting (the facilitator mutes it from the console). */
  @property({ type: Boolean }) enabled = true;
  /** The server's present time. */
  @property({ type: Number }) now = 0;
  /** Where the audio comes from; a test hands in its own. */
  @property({ attribute: false }) audioContextFactory: AudioContextFactory = browserAudioContext;
  @property({ reflect: true }) sound: WallSound = 'blocked';

  @state() private audioReady = false;
  private chime: Chime | null = null;
  private readonly bell = new DeadlineBell();
  private reported: WallSound | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Any interaction counts: the person enabling the sound may click, tap or press a key.
    window.addEventListener('pointerdown', this.unlock, true);
    window.addEventListener('keydown', this.unlock, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pointerdown', this.unlock, true);
    window.removeEventListener('keydown', this.unlock, true);
    this.chime?.stop();
    this.chime = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.chime || changed.has('audioContextFactory')) {
      this.chime?.stop();
      this.chime = new Chime(this.audioContextFactory, () => (this.audioReady = this.chime?.playable ?? false));
      this.chime.start();
      this.audioReady = this.chime.playable;
    }
    this.sound = !this.enabled ? 'muted' : this.audioReady ? 'on' : 'blocked';
    // Marked as rung even when muted or blocked: a deadline is never rung late.
    if (this.phase && this.bell.due(this.phase, this.now) && this.enabled) this.chime.ring();
  }

  protected override updated(): void {
    if (this.sound === this.reported) return;
    this.reported = this.sound;
    this.dispatchEvent(new CustomEvent('sound-change', { detail: { sound: this.sound }, bubbles: true, composed: true }));
  }

  private readonly unlock = () => {
    void this.chime?.unlock();
  };

  override render() {
    // After the rounds no deadline is left to ring: an invitation to click would only puzzle the room.
    if (this.phase?.kind === 'harvest' || this.phase?.kind === 'closed') return nothing;
    const text = {
      on: msg('Chime on', { id: 'wall.chimeOn' }),
      muted: msg('Chime muted', { id: 'wall.chimeMuted' }),
      blocked: msg('Click anywhere to enable the chime', { id: 'wall.chimeBlocked' }),
    }[this.sound];
    // The mark repeats the state in shape, not only in colour: a note, or a struck-through note.
    return html`<p class="note" role="status"><span class="mark" aria-hidden="true">${this.sound === 'on' ? '\u266A' : '\u2715'}</span>${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-chime': TcWallChime;
  }
  interface HTMLElementEventMap {
    'sound-change': SoundChangeEvent;
  }
}
