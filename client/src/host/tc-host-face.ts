/**
 * The table host's page: owns the connection made from the host link's secret, the countdown,
 * the outgoing operations and the screen wake lock, and turns the view's events into operations.
 * Tested end to end against a real server; the view is what the component tests render.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { currentRound } from '../../../shared/domain/state.js';
import { CafeConnection, type ConnectionStatus } from '../controllers/cafe-connection.js';
import { CountdownController } from '../controllers/countdown.js';
import { ScreenWakeLock } from '../controllers/screen-wake-lock.js';
import { applyLocale } from '../i18n.js';
import { newId } from '../lib/ids.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import type { AddIdeaDetail, DeleteIdeaDetail, EditIdeaDetail, OutgoingDetail, StarIdeaDetail } from './host-events.js';
import { HostOutbox, type HostOp } from './host-outbox.js';
import './tc-host-view.js';

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
  private readonly outbox = new HostOutbox();
  private language: string | null = null;
  private lastStatus: ConnectionStatus = 'connecting';
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  override connectedCallback(): void {
    // The connection needs the secret, which is set as a property before the element is attached.
    if (!this.connection) {
      this.connection = new CafeConnection(this, { secret: this.secret, ...(this.server ? { url: this.server } : {}) });
      this.countdown = new CountdownController(this, this.connection);
    }
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onLeave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onLeave);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.connection.close();
  }

  /** Notes not yet acknowledged live in this page only (until the durable outbox): ask before leaving it. */
  private readonly onLeave = (event: BeforeUnloadEvent) => {
    if (this.outbox.list.length === 0) return;
    event.preventDefault();
    event.returnValue = '';
  };

  override willUpdate(): void {
    const state = this.connection.state;
    if (state && state.language !== this.language) {
      this.language = state.language;
      void applyLocale(state.language);
    }
    const status = this.connection.status;
    if (status === 'connected' && this.lastStatus !== 'connected') this.outbox.reconnected();
    this.lastStatus = status;
    this.outbox.prune(this.connection.replica.seq);
    // The screen stays on while tables work and change: in a round and in the travel time, when
    // the host briefs the newcomers from the handover panel.
    const kind = state?.phase.kind;
    this.wakeLock.keepAwake(kind === 'round' || kind === 'travel');
  }

  override updated(): void {
    void this.flush();
  }

  override render() {
    const state = this.connection.state;
    const scope = this.connection.scope;
    const refusal = this.connection.refusal;
    const refusalText = refusal ? errorMessage(refusal.code) : null;
    if (!state || !scope) {
      return html`<p class="message" role="status">${refusalText ?? msg('Connecting to the café …', { id: 'host.connecting' })}</p>`;
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
      <tc-host-view
        .state=${state}
        .tableId=${scope.tableId}
        .status=${this.connection.status}
        .msLeft=${this.countdown.msLeft}
        .outgoing=${this.outbox.list}
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
        @retry-op=${(e: CustomEvent<OutgoingDetail>) => this.change(() => this.outbox.retry(e.detail.opId))}
        @discard-op=${(e: CustomEvent<OutgoingDetail>) => this.change(() => this.outbox.discard(e.detail.opId))}
      ></tc-host-view>
    `;
  }

  private queue(op: HostOp): void {
    this.change(() => this.outbox.put(op));
  }

  private change(apply: () => void): void {
    apply();
    this.requestUpdate();
  }

  /**
   * Sends what is due, one operation at a time and in order. A retryable failure (no connection,
   * no answer, server busy) stops the round so later changes do not overtake earlier ones.
   */
  private async flush(): Promise<void> {
    if (this.flushing || this.connection.status === 'refused') return;
    this.flushing = true;
    try {
      for (let next = this.outbox.due(Date.now())[0]; next; next = this.outbox.due(Date.now())[0]) {
        this.outbox.sending(next.opId);
        this.requestUpdate();
        const ack = await this.connection.send(next.op, next.opId);
        const goOn = this.outbox.settle(next.opId, ack, Date.now());
        this.requestUpdate();
        if (!goOn) break;
      }
    } finally {
      this.flushing = false;
    }
    this.scheduleRetry();
  }

  /** Wakes the flush when the earliest backed-off operation is due again. */
  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const waiting = this.outbox.list.filter((o) => o.status === 'waiting');
    if (waiting.length === 0) return;
    const at = Math.min(...waiting.map((o) => o.notBefore));
    this.retryTimer = setTimeout(() => void this.flush(), Math.max(0, at - Date.now()));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-host-face': TcHostFace;
  }
}
