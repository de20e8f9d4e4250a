/**
 * The participant phone: joins the café once per device (the credentials are kept per join code,
 * so a reload or a re-scan never makes a second participant), then holds the connection and turns
 * the views' events into operations. A scanned QR code of another table (`?t=`) moves the
 * participant there at once: that is how people change tables between rounds.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import { own, tableOf } from '../../../shared/domain/state.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { CafeConnection } from '../controllers/cafe-connection.js';
import { CountdownController } from '../controllers/countdown.js';
import { applyLocale } from '../i18n.js';
import { newId } from '../lib/ids.js';
import { phoneErrorMessage as errorMessage } from '../ui/error-message.js';
import '../ui/tc-language-switch.js';
import { theme } from '../ui/theme.js';
import { fetchIntro, forgetCredentials, loadCredentials, postJoin, saveCredentials, type CafeIntro, type JoinChoices, type JoinCredentials } from './join-api.js';
import { OutboxController } from '../outbox/outbox-controller.js';
import { dotsOnTheWay, pendingIdeas } from './pending-ideas.js';
import type { AddIdeaEvent } from './tc-join-composer.js';
import './tc-join-form.js';
import './tc-join-view.js';
import type { CastDotEvent } from './tc-join-view.js';
import type { UpdateProfileEvent } from './tc-join-profile.js';
import type { TakeSeatEvent } from './tc-join-seat-picker.js';
import type { EditIdeaEvent, PendingEvent } from './tc-join-ideas.js';

interface Live {
  credentials: JoinCredentials;
  connection: CafeConnection;
  countdown: CountdownController;
  pending: OutboxController;
}

@customElement('tc-join-face')
@localized()
export class TcJoinFace extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .page {
        max-width: 40rem;
        margin: 0 auto;
        padding: 0.6rem 0.8rem 2rem;
      }
      header {
        display: flex;
        justify-content: flex-end;
        margin-bottom: 0.5rem;
      }
      .message {
        font-size: 1.15rem;
      }
      a {
        color: var(--tc-accent);
      }
    `,
  ];

  /** The join code from the address (`/j/CODE`), normalised. */
  @property() code = '';
  /** The table of the scanned QR code (`?t=`). */
  @property() tableParam: string | null = null;

  @state() private intro: CafeIntro | null = null;
  @state() private introError: ErrorCode | null = null;
  @state() private joining = false;
  @state() private joinError: ErrorCode | null = null;
  @state() private movedTo: string | null = null;
  @state() private actionError: ErrorCode | null = null;
  private live: Live | null = null;
  private seatHandled = false;
  private language: string | null = null;
  /** The phase the last notice belongs to: "You are now at Table 7" goes when the phase moves on. */
  private phaseKey: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.live) return;
    const stored = loadCredentials(this.code);
    if (stored) this.connect(stored);
    else void this.loadIntro();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disconnect();
  }

  private async loadIntro(): Promise<void> {
    this.introError = null;
    const result = await fetchIntro(this.code);
    if (!result.ok) {
      this.introError = result.error.code;
      return;
    }
    this.intro = result.value;
    document.title = `${result.value.title} — Tablecloth`;
    await applyLocale(result.value.language);
  }

  private connect(credentials: JoinCredentials): void {
    const connection = new CafeConnection(this, { secret: credentials.secret });
    this.live = { credentials, connection, countdown: new CountdownController(this, connection), pending: new OutboxController(this, connection, credentials.secret) };
    this.requestUpdate();
  }

  private disconnect(): void {
    const live = this.live;
    if (!live) return;
    live.connection.close();
    live.pending.hostDisconnected();
    for (const controller of [live.connection, live.countdown, live.pending]) this.removeController(controller);
    this.live = null;
  }

  override updated(): void {
    const state = this.live?.connection.state;
    if (!this.live || !state) return;
    if (state.language !== this.language) {
      this.language = state.language;
      document.title = `${state.title} — Tablecloth`;
      void applyLocale(state.language);
    }
    const phaseKey = JSON.stringify([state.phase.kind, 'round' in state.phase ? state.phase.round : null]);
    if (phaseKey !== this.phaseKey) {
      if (this.phaseKey !== null) this.movedTo = null;
      this.phaseKey = phaseKey;
    }
    // A refused dot is said in words and forgotten: tapping again is how to try again.
    for (const o of this.live.pending.list) {
      if (o.op.type !== 'castDot' || o.status !== 'refused') continue;
      this.actionError = o.error;
      this.live.pending.discard(o.opId);
    }
    const me = own(state.participants, this.live.credentials.participantId);
    if (me && !this.seatHandled) {
      this.seatHandled = true;
      const wanted = this.tableParam;
      if (wanted !== null && wanted !== tableOf(me) && state.phase.kind !== 'closed') void this.takeSeat(wanted);
      this.forgetTableParam();
    }
  }

  /** A reload must not move the participant back to the table of the QR code they scanned earlier. */
  private forgetTableParam(): void {
    if (this.tableParam === null) return;
    this.tableParam = null;
    const url = new URL(window.location.href);
    url.searchParams.delete('t');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  override render() {
    const live = this.live;
    if (live)
      return html`<tc-join-view
        .state=${live.connection.state}
        .participantId=${live.credentials.participantId}
        .secret=${live.credentials.secret}
        .status=${live.connection.status}
        .refusal=${live.connection.refusal?.code ?? null}
        .msLeft=${live.countdown.msLeft}
        .pending=${pendingIdeas(live.pending.list)}
        .movedTo=${this.movedTo}
        .error=${this.actionError}
        .dotsOnTheWay=${dotsOnTheWay(live.pending.list)}
        @add-idea=${(e: AddIdeaEvent) => void live.pending.put({ type: 'addIdea', ideaId: newId(), ...e.detail })}
        @edit-idea=${(e: EditIdeaEvent) => void live.pending.put({ type: 'editIdea', ...e.detail })}
        @discard-pending=${(e: PendingEvent) => live.pending.discard(e.detail.opId)}
        @restore-draft=${(e: PendingEvent) => live.pending.discard(e.detail.opId)}
        @cast-dot=${(e: CastDotEvent) => {
          this.actionError = null;
          void live.pending.put({ type: 'castDot', ...e.detail });
        }}
        @take-seat=${(e: TakeSeatEvent) => void this.takeSeat(e.detail.tableId)}
        @update-profile=${(e: UpdateProfileEvent) => void this.act({ type: 'updateProfile', ...e.detail })}
        @set-left=${(e: CustomEvent<boolean>) => void this.act({ type: 'setLeft', left: e.detail })}
        @rejoin=${this.rejoin}
      ></tc-join-view>`;
    return html`<div class="page">
      <header><tc-language-switch></tc-language-switch></header>
      <main>${this.renderBeforeJoining()}</main>
    </div>`;
  }

  private renderBeforeJoining() {
    if (this.introError === 'STORE_UNAVAILABLE' || this.introError === 'RATE_LIMITED' || this.introError === 'INTERNAL')
      return html`<p class="message" role="alert">${msg('The café cannot be reached right now. Check that you are on the venue’s Wi-Fi.', { id: 'join.unreachable' })}</p>
        <button class="primary" @click=${() => void this.loadIntro()}>${msg('Try again', { id: 'join.retry' })}</button>`;
    if (this.introError)
      return html`<p class="message" role="alert">${errorMessage(this.introError)}</p>
        <p><a href="/">${msg('Type the café code again', { id: 'join.retypeCode' })}</a></p>`;
    if (!this.intro) return html`<p class="message">${msg('Loading the café …', { id: 'join.loading' })}</p>`;
    return html`<tc-join-form
      .intro=${this.intro}
      .tableId=${this.tableParam}
      .busy=${this.joining}
      .error=${this.joinError}
      @join-cafe=${(e: CustomEvent<JoinChoices>) => void this.join(e.detail)}
    ></tc-join-form>`;
  }

  private async join(choices: JoinChoices): Promise<void> {
    this.joining = true;
    this.joinError = null;
    const result = await postJoin(this.code, choices);
    this.joining = false;
    if (!result.ok) {
      this.joinError = result.error.code;
      return;
    }
    saveCredentials(this.code, result.value);
    // The table of the QR code was part of the join.
    this.seatHandled = true;
    this.forgetTableParam();
    this.connect(result.value);
  }

  private async takeSeat(tableId: string): Promise<void> {
    if (await this.act({ type: 'takeSeat', tableId })) this.movedTo = tableId;
  }

  private async act(op: ClientCommand): Promise<boolean> {
    const live = this.live;
    if (!live) return false;
    const ack = await live.connection.send(op);
    this.actionError = ack.ok ? null : ack.error.code;
    if (ack.ok && op.type !== 'takeSeat') this.movedTo = null;
    return ack.ok;
  }

  private readonly rejoin = () => {
    forgetCredentials(this.code);
    this.disconnect();
    this.seatHandled = false;
    this.movedTo = null;
    this.actionError = null;
    void this.loadIntro();
    this.requestUpdate();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-face': TcJoinFace;
  }
}
