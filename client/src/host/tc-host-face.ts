/**
 * The table host's page: owns the connection made from the host link's secret, the countdown,
 * the durable outbox and the screen wake lock, and turns the view's events into operations.
 * Tested end to end against a real server; the view is what the component tests render.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { currentRound } from '../../../shared/domain/state.js';
import { CafeConnection } from '../controllers/cafe-connection.js';
import { CountdownController } from '../controllers/countdown.js';
import { ScreenWakeLock } from '../controllers/screen-wake-lock.js';
import { applyLocale } from '../i18n.js';
import { newId } from '../lib/ids.js';
import { preparePhoto } from '../lib/photo.js';
import { PhotoSources } from '../controllers/photo-urls.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { OutboxController, uploadPhoto } from '../outbox/outbox-controller.js';
import type { AddIdeaDetail, AddPhotoDetail, DeleteIdeaDetail, EditIdeaDetail, HostOp, OutgoingDetail, SetHarvestCardDetail, StarIdeaDetail } from './host-events.js';
import './tc-host-view.js';
import './tc-unsent-notes.js';

@customElement('tc-host-face')
@localized()
export class TcHostFace extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .message {
        max-width: 40rem;
        margin: 3rem auto;
        padding: 0 1.25rem;
        font-size: 1.25rem;
      }
      .refused {
        margin: 0;
        padding: 0.75rem 1.25rem;
        background: var(--tc-danger-soft);
        color: var(--tc-danger);
        font-weight: 700;
      }
    `,
  ];

  /** The secret from the host link's #fragment. */
  @property() secret = '';
  /** The server's address; the page's own origin when empty. */
  @property() server = '';

  private connection!: CafeConnection;
  private countdown!: CountdownController;
  private readonly wakeLock = new ScreenWakeLock(this);
  private outbox!: OutboxController;
  private language: string | null = null;
  /** The last photo taken could not be read as an image. */
  private photoProblem = false;

  override connectedCallback(): void {
    // The connection needs the secret, which is set as a property before the element is attached.
    if (!this.connection) {
      this.connection = new CafeConnection(this, { secret: this.secret, ...(this.server ? { url: this.server } : {}) });
      this.countdown = new CountdownController(this, this.connection);
      this.outbox = new OutboxController(this, this.connection, this.secret, uploadPhoto);
    }
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection.close();
  }

  override willUpdate(): void {
    const state = this.connection.state;
    if (state && state.language !== this.language) {
      this.language = state.language;
      void applyLocale(state.language);
    }
    // The screen stays on while tables work and change: in a round and in the travel time, when
    // the host briefs the newcomers from the handover panel.
    const kind = state?.phase.kind;
    this.wakeLock.keepAwake(kind === 'round' || kind === 'travel');
  }

  override render() {
    const state = this.connection.state;
    const scope = this.connection.scope;
    const refusal = this.connection.refusal;
    const refusalText = refusal ? errorMessage(refusal.code) : null;
    if (!state || !scope) {
      // A withdrawn link's page opened again: the café is gone for it, its unsent notes are not (C4).
      return html`<p class="message" role="status">${refusalText ?? msg('Connecting to the café …', { id: 'host.connecting' })}</p>
        ${refusal ? html`<tc-unsent-notes .notes=${this.outbox.list.filter((o) => o.status !== 'sent')}></tc-unsent-notes>` : nothing}`;
    }
    if (scope.role !== 'host') {
      return html`<p class="message" role="alert">${msg('This is not a table host link.', { id: 'host.notHostLink' })}</p>`;
    }
    return html`
      ${refusalText
        ? html`<p class="refused" role="alert">
            ${refusalText} ${msg('Copy the ideas that were not sent before closing this page.', { id: 'host.refusedNote' })}
          </p>`
        : nothing}
      ${this.photoProblem ? html`<p class="refused" role="alert">${errorMessage('PHOTO_INVALID')}</p>` : nothing}
      <tc-host-view
        .state=${state}
        .tableId=${scope.tableId}
        .status=${this.connection.status}
        .msLeft=${this.countdown.msLeft}
        .outgoing=${this.outbox.list}
        .photoSource=${this.photoSources.for(state.id, this.secret, this.server)}
        @add-idea=${(e: CustomEvent<AddIdeaDetail>) =>
          this.queue({
            type: 'addIdea',
            ideaId: newId(),
            tableId: scope.tableId,
            // The round as this device knows it when the host pressed Enter; never re-stamped later.
            round: currentRound(state),
            text: e.detail.text,
            group: e.detail.group,
          })}
        @star-idea=${(e: CustomEvent<StarIdeaDetail>) => this.queue({ type: 'starIdea', ideaId: e.detail.ideaId, starred: e.detail.starred })}
        @edit-idea=${(e: CustomEvent<EditIdeaDetail>) => this.queue({ type: 'editIdea', ideaId: e.detail.ideaId, text: e.detail.text })}
        @delete-idea=${(e: CustomEvent<DeleteIdeaDetail>) => this.queue({ type: 'deleteIdea', ideaId: e.detail.ideaId })}
        @set-harvest-card=${(e: CustomEvent<SetHarvestCardDetail>) =>
          this.queue({ type: 'setHarvestCard', tableId: scope.tableId, round: e.detail.round, insights: e.detail.insights })}
        @add-photo=${(e: CustomEvent<AddPhotoDetail>) => void this.addPhoto(scope.tableId, e.detail)}
        @retry-op=${(e: CustomEvent<OutgoingDetail>) => this.outbox.retry(e.detail.opId)}
        @discard-op=${(e: CustomEvent<OutgoingDetail>) => this.outbox.discard(e.detail.opId)}
      ></tc-host-view>
    `;
  }

  private readonly photoSources = new PhotoSources();

  /** Scales and re-encodes the photo on the tablet (no Exif, no GPS), then queues its upload in the outbox. */
  private async addPhoto(tableId: string, { round, file }: AddPhotoDetail): Promise<void> {
    try {
      const photo = await preparePhoto(file);
      this.photoProblem = false;
      await this.outbox.put(
        { type: 'addPhoto', photoId: newId(), tableId, round, bytes: photo.bytes.size, width: photo.width, height: photo.height },
        photo.bytes,
      );
    } catch {
      // A file the browser cannot read as an image: say so where the host looks.
      this.photoProblem = true;
      this.requestUpdate();
    }
  }

  private queue(op: HostOp): void {
    void this.outbox.put(op);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-host-face': TcHostFace;
  }
}
