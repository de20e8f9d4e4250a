/**
 * The table host's tablet, drawn only from its properties: the table, the round's question, the
 * time left, the facilitator's message, the connection, the capture field, the handover panel and
 * the table's ideas. User actions leave as events (see host-events.ts); the face container sends them.
 * The connection state is a line of text and a badge: it never covers or hides the notes.
 */
import { localized, msg, str } from '@lit/localize';
import type { PhotoSource } from '../controllers/photo-urls.js';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { cardKey, currentRound, findTable, own, questionFor, type CafeState } from '../../../shared/domain/state.js';
import type { ConnectionStatus } from '../controllers/cafe-connection.js';
import { errorMessage } from '../ui/error-message.js';
import { phaseLabel } from '../ui/phase-label.js';
import '../ui/tc-connection-status.js';
import '../ui/tc-countdown.js';
import '../ui/tc-language-switch.js';
import { theme } from '../ui/theme.js';
import { hostViewStyles } from './host-view-styles.js';
import { handoverRounds, listedIdeas, seatedRound, type ListedIdea } from './host-ideas.js';
import { arrivalsAt } from './host-arrivals.js';
import './tc-arrivals-panel.js';
import type { OutgoingOp } from '../outbox/outbox.js';
import type { HandoverToggleEvent } from './tc-handover-panel.js';
import './tc-handover-panel.js';
import { cardRounds } from './tc-harvest-card.js';
import './tc-harvest-card.js';
import type { TcIdeaCapture } from './tc-idea-capture.js';
import './tc-idea-capture.js';
import './tc-host-idea.js';

/** Questions longer than this get a smaller type, so the capture field stays in view. */
const LONG_QUESTION = 160;

@customElement('tc-host-view')
@localized()
export class TcHostView extends LitElement {
  static override styles = [theme, hostViewStyles];

  @property({ attribute: false }) state!: CafeState;
  @property() tableId = '';
  @property() status: ConnectionStatus = 'connecting';
  /** Time left in the round or travel time (negative in overtime), null when none runs. */
  @property({ attribute: false }) msLeft: number | null = null;
  /** The host's operations not yet in the café state. */
  @property({ attribute: false }) outgoing: readonly OutgoingOp[] = [];
  /** Loads the table's saved photos with the host's secret. */
  @property({ attribute: false }) photoSource: PhotoSource | null = null;

  @state() private handoverOpen = true;
  /** The phase last drawn, to open the handover panel when the round changes. */
  private seenPhase: string | null = null;

  @query('tc-idea-capture') private capture?: TcIdeaCapture;

  /** Puts the cursor in the capture field. */
  focusField(): void {
    this.capture?.focusField();
  }

  override willUpdate(): void {
    const p = this.state.phase;
    const key = p.kind === 'round' || p.kind === 'travel' ? `${p.kind}:${p.round}` : p.kind;
    // Each round change opens the briefing again; the host closes it when the newcomers are welcomed.
    if (key !== this.seenPhase && (p.kind === 'travel' || p.kind === 'round')) this.handoverOpen = true;
    this.seenPhase = key;
  }

  override render() {
    const s = this.state;
    const p = s.phase;
    const round = currentRound(s);
    const items = listedIdeas(s, this.tableId, this.outgoing);
    const handover = handoverRounds(s, this.tableId);
    // At the end of a round the card comes first; during a later round it waits below the ideas
    // once saved, but stays first while the last round's card is still to be saved.
    const cardFirst = p.kind !== 'round' || !this.cardSaved(round - 1);
    // Planned rotation: before a round the people coming lead the page; during one, a line below the capture.
    const arrivals = arrivalsAt(s, this.tableId);
    const coming = arrivals
      ? html`<tc-arrivals-panel class=${arrivals.soon ? 'soon' : 'next'} .arrivals=${arrivals} ?grouped=${s.stakeholderGroups.length > 0}></tc-arrivals-panel>`
      : nothing;
    const harvestCard =
      cardRounds(s).length > 0
        ? html`<tc-harvest-card .state=${s} .tableId=${this.tableId} .outgoing=${this.outgoing} .photoSource=${this.photoSource} ?readonly=${p.kind === 'closed'}></tc-harvest-card>`
        : nothing;
    return html`
      <div class="top">${this.renderHeader()} ${this.renderNetwork()}</div>
      <main>
        ${arrivals?.soon ? coming : nothing}
        <section class="capture" aria-labelledby="question">
          ${this.renderQuestion()}
          ${p.kind === 'travel'
            ? html`<p class="travel-note">${msg(str`Ideas added now still count for round ${round + 1}.`, { id: 'host.travelNote' })}</p>`
            : nothing}
          <tc-idea-capture .groups=${s.stakeholderGroups} .blocked=${this.blockedReason()}></tc-idea-capture>
          ${arrivals && !arrivals.soon ? coming : nothing}
        </section>
        <div class="side">
          ${cardFirst ? harvestCard : nothing}
          ${handover.length > 0
            ? html`<tc-handover-panel
                .rounds=${handover}
                ?open=${this.handoverOpen}
                @handover-toggle=${(e: HandoverToggleEvent) => (this.handoverOpen = e.detail.open)}
              ></tc-handover-panel>`
            : nothing}
          ${this.renderIdeas(items, round)} ${cardFirst ? nothing : harvestCard}
        </div>
      </main>
      <footer><tc-language-switch></tc-language-switch></footer>
    `;
  }

  /** Whether the host saved the card of that round, or is sending it. */
  private cardSaved(round: number): boolean {
    return (
      own(this.state.harvestCards, cardKey(this.tableId, round)) !== undefined ||
      this.outgoing.some((o) => o.op.type === 'setHarvestCard' && o.op.tableId === this.tableId && o.op.round === round)
    );
  }

  private renderHeader() {
    const s = this.state;
    const p = s.phase;
    return html`<header>
        <div class="where">
          <h1>${findTable(s, this.tableId)?.name ?? this.tableId}</h1>
          <p class="phase">
            ${phaseLabel(p)}${s.rehearsal ? html`<span class="rehearsal">${msg('Rehearsal', { id: 'host.rehearsal' })}</span>` : nothing}
          </p>
        </div>
        <tc-countdown .ms=${this.msLeft} ?paused=${p.kind === 'round' && p.paused}></tc-countdown>
        <tc-connection-status .status=${this.status}></tc-connection-status>
      </header>
      ${s.broadcast
        ? html`<p class="notice broadcast" role="status">
            <strong>${msg('Message from the facilitator:', { id: 'host.broadcast' })}</strong>${s.broadcast.text}
          </p>`
        : nothing}`;
  }

  private renderIdeas(items: ListedIdea[], round: number) {
    const closed = this.state.phase.kind === 'closed';
    return html`<section class="ideas" aria-labelledby="ideas-title">
      <h2 id="ideas-title">
        ${round >= 0 ? msg(str`Ideas of round ${round + 1}`, { id: 'host.ideasTitle' }) : msg('Ideas', { id: 'host.ideasTitleNoRound' })}
        <span class="count">(${items.length})</span>
      </h2>
      ${items.length === 0 ? html`<p class="empty">${msg('No ideas captured in this round yet.', { id: 'host.noIdeas' })}</p>` : nothing}
      <ul @delete-idea=${() => this.focusField()}>
        ${repeat(
          items,
          (i) => i.idea.id,
          (i) =>
            html`<li>
              <tc-host-idea
                .idea=${i.idea}
                .outgoing=${i.outgoing}
                .roundNote=${i.idea.round !== round ? i.idea.round : null}
                ?unsent=${i.unsent}
                ?readonly=${closed || this.status === 'refused'}
                ?offline=${this.status !== 'connected' && this.status !== 'refused'}
              ></tc-host-idea>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderQuestion() {
    const s = this.state;
    const p = s.phase;
    const seated = seatedRound(s);
    let label: string;
    let round: number;
    if (p.kind === 'round' && seated !== null) {
      label = msg('Question', { id: 'host.questionLabel' });
      round = seated;
    } else if (p.kind === 'travel' && seated !== null) {
      label = msg(str`Next question (round ${seated + 1})`, { id: 'host.nextQuestionLabel' });
      round = seated;
    } else if (p.kind === 'setup' || p.kind === 'lobby') {
      label = msg('First question', { id: 'host.firstQuestionLabel' });
      round = 0;
    } else {
      return html`<h2 class="question" id="question">${phaseLabel(p)}</h2>`;
    }
    const question = questionFor(s, round, this.tableId);
    return html`<p class="question-label">${label}</p>
      <h2 class="question ${question.length > LONG_QUESTION ? 'long' : ''}" id="question">${question}</h2>`;
  }

  /** How many operations wait to be sent, and how many were not accepted: always in sight when not zero. */
  private renderNetwork() {
    const offline = this.status !== 'connected' && this.status !== 'refused';
    // While connected an operation is "sending" for a moment only: counted once a try has failed.
    const waiting = this.outgoing.filter((o) => o.status === 'waiting' || (offline && o.status === 'sending')).length;
    const refused = this.outgoing.filter((o) => o.status === 'refused').length;
    if (!offline && waiting === 0 && refused === 0) return nothing;
    const kept = offline
      ? msg('Not connected. Ideas you add are kept on this tablet, also if the page is closed, and sent when the connection is back.', {
          id: 'host.offlineNote',
        })
      : '';
    const unsent = waiting > 0 ? msg(str`${waiting} not sent yet.`, { id: 'host.unsentCount' }) : '';
    const notAccepted = refused > 0 ? msg(str`${refused} not accepted: see the marked cards below.`, { id: 'host.refusedCount' }) : '';
    return html`<p class="notice net" role="status">${kept} ${unsent} ${notAccepted}</p>`;
  }

  /** Why no idea can be added now, in words; null when it can. */
  private blockedReason(): string | null {
    if (this.status === 'refused') return msg('This tablet can no longer send ideas: ask the facilitator for a new host link.', { id: 'host.linkRefused' });
    switch (this.state.phase.kind) {
      case 'setup':
      case 'lobby':
        return msg('Ideas can be added once the first round starts.', { id: 'host.beforeFirstRound' });
      case 'closed':
        return errorMessage('CAFE_CLOSED');
      default:
        return null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-host-view': TcHostView;
  }
}
