/**
 * The café as a participant's phone shows it, top to bottom in the order a person needs it: their
 * table large, the phase and time left, the question; in travel time where to go next; the field
 * to add an idea; in the harvest the themes and the phone's dots on them; their table's ideas;
 * their name and consent. Renders only from properties; the children fire `add-idea`,
 * `edit-idea`, `take-seat`, `update-profile`, `discard-pending`, and this view fires `cast-dot`
 * for a dot put on or taken back from a theme and `rejoin` when the phone's place in the café is
 * no longer valid.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tablesDuring } from '../../../shared/domain/state.js';
import { currentRound, findTable, own, plannedTable, questionFor, tableOf, type CafeState, type Participant, type Theme } from '../../../shared/domain/state.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { ConnectionStatus } from '../controllers/cafe-connection.js';
import { phoneErrorMessage as errorMessage } from '../ui/error-message.js';
import { phaseLabel } from '../ui/phase-label.js';
import '../ui/tc-connection-status.js';
import '../ui/tc-countdown.js';
import '../ui/tc-language-switch.js';
import { theme } from '../ui/theme.js';
import type { PendingIdea } from './pending-ideas.js';

/** A dot put on a theme (`add`) or taken back from it. */
export type CastDotEvent = CustomEvent<{ themeId: string; add: boolean }>;
import { joinViewStyles } from './join-view-styles.js';
import './tc-join-composer.js';
import './tc-join-profile.js';
import './tc-join-seat-picker.js';
import './tc-join-ideas.js';
import './tc-join-invite.js';

@customElement('tc-join-view')
@localized()
export class TcJoinView extends LitElement {
  static override styles = [theme, joinViewStyles];

  @property({ attribute: false }) state: CafeState | null = null;
  @property() participantId = '';
  /** The phone's link secret, for its invitation (sent over HTTP, never shown). */
  @property() secret = '';
  @property() status: ConnectionStatus = 'connecting';
  /** Why the server refuses this phone (its link withdrawn, unknown …). */
  @property({ attribute: false }) refusal: ErrorCode | null = null;
  @property({ attribute: false }) msLeft: number | null = null;
  @property({ attribute: false }) pending: readonly PendingIdea[] = [];
  /** Set after a move (a scanned QR code or the picker): "You are now at Table 7". */
  @property() movedTo: string | null = null;
  /** The last refusal of a seat or profile change, or of a dot. */
  @property({ attribute: false }) error: ErrorCode | null = null;
  /** Dots on their way to the server, by theme (+1 put, −1 taken back): counted as if already there. */
  @property({ attribute: false }) dotsOnTheWay: ReadonlyMap<string, number> = new Map();

  override render() {
    const s = this.state;
    return html`<header>
        <span class="cafe">${s?.title ?? ''}</span>
        <tc-connection-status .status=${this.status}></tc-connection-status>
        <tc-language-switch></tc-language-switch>
      </header>
      <main>${this.refusal ? this.renderRefusal(this.refusal) : s ? this.renderCafe(s) : html`<p class="wait">${msg('Loading the café …', { id: 'join.loading' })}</p>`}</main>`;
  }

  private renderRefusal(code: ErrorCode) {
    if (code === 'LINK_REVOKED')
      return html`<section class="card plain" role="alert">
        <h1>${msg('You are no longer part of this café', { id: 'join.revoked.title' })}</h1>
        <p>${msg('The facilitator has withdrawn this phone’s access. If you think this is a mistake, ask one of the organisers.', { id: 'join.revoked.body' })}</p>
      </section>`;
    return html`<section class="card plain" role="alert">
      <h1>${msg('This phone’s place in the café is no longer valid', { id: 'join.invalid.title' })}</h1>
      <p>${errorMessage(code)}</p>
      <button class="primary big" @click=${() => this.dispatchEvent(new CustomEvent('rejoin', { bubbles: true, composed: true }))}>
        ${msg('Join again', { id: 'join.invalid.rejoin' })}
      </button>
    </section>`;
  }

  private renderCafe(s: CafeState) {
    const me = own(s.participants, this.participantId) ?? null;
    const tableId = me ? tableOf(me) : null;
    const table = tableId === null ? undefined : findTable(s, tableId);
    const moved = this.movedTo === null ? undefined : findTable(s, this.movedTo);
    const closed = s.phase.kind === 'closed';
    const move = this.move(s, me, tableId);
    return html`
      ${closed
        ? html`<section class="card plain" role="status">
            <p class="plain-title">${msg('This café is closed', { id: 'join.closed.title' })}</p>
            <p>${msg('Thank you for taking part! Nothing more can be added, but you can still read your table’s ideas here.', { id: 'join.closed.body' })}</p>
          </section>`
        : nothing}
      ${s.broadcast && !closed
        ? html`<aside class="broadcast" role="status" aria-label=${msg('Message from the facilitator', { id: 'join.broadcast' })}>
            <span class="broadcast-label">${msg('Message from the facilitator', { id: 'join.broadcast' })}</span>
            <p>${s.broadcast.text}</p>
          </aside>`
        : nothing}
      ${moved ? html`<p class="notice" role="status">${msg(str`You are now at ${moved.name}`, { id: 'join.movedTo' })}</p>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${this.renderSeat(s, me, tableId, table?.name ?? null)} ${s.phase.kind === 'harvest' ? this.renderVote(s) : nothing}
      ${closed || s.phase.kind === 'harvest' ? this.renderWayBack(s) : nothing}
      ${closed || move.kind === 'quiet' ? nothing : this.renderMove(s, move, tableId)}
      ${table && !closed ? this.renderComposer(s, me!, table.id, table.name) : nothing}
      ${table
        ? html`<section>
            <h2>${msg(str`Ideas at ${table.name}`, { id: 'join.ideas.title' })}</h2>
            <tc-join-ideas
              .ideas=${this.tableIdeas(s, table.id)}
              .pending=${this.pending}
              .participantId=${this.participantId}
              .editable=${!closed}
              @restore-draft=${(e: CustomEvent<{ opId: string; text: string }>) => this.restoreDraft(e.detail.text)}
            ></tc-join-ideas>
          </section>`
        : nothing}
      ${closed || move.kind !== 'quiet' ? nothing : this.renderMove(s, move, tableId)}
      <section>
        <h2>${msg('Your name and choices', { id: 'join.profile.title' })}</h2>
        <tc-join-profile .participant=${me} .groups=${s.stakeholderGroups} .editable=${!closed}></tc-join-profile>
      </section>
      ${me && s.rotation.planned && !closed ? this.renderLeave(me.left) : nothing}
    `;
  }

  /** M9: in planned rotation, telling the planner you left frees your seats for the others (and you can come back). */
  private renderLeave(left: boolean) {
    return html`<p>
      ${left ? msg('You are marked as gone.', { id: 'join.left' }) : nothing}
      <button @click=${() => this.dispatchEvent(new CustomEvent('set-left', { detail: !left, bubbles: true, composed: true }))}>
        ${left ? msg('I am back', { id: 'join.back' }) : msg('I am leaving early', { id: 'join.leave' })}
      </button>
    </p>`;
  }

  /** After the café: the public harvest page (when the facilitator offers it) and the invitation to the community (H16). */
  private renderWayBack(s: CafeState) {
    // The QR code is an image the server draws: a neighbour scans it, and the phone carries no QR library.
    // It repeats the link beside it, so it is decorative to a screen reader (and costs the phone no message).
    return html`${s.harvestPage
      ? html`<p><a href="/h/${s.joinCode}">${msg('See the harvest', { id: 'join.harvestPage' })}</a></p>
          <img class="qr" src="/api/harvest/${s.joinCode}/qr.svg" width="160" height="160" alt="" />`
      : nothing}
    ${s.invitations
      ? html`<section>
          <h2>${msg('Invite me to the community', { id: 'join.invite.title' })}</h2>
          <tc-join-invite .cafeId=${s.id} .secret=${this.secret} .cafe=${s.title} .age=${s.consentAge}></tc-join-invite>
        </section>`
      : nothing}`;
  }

  private renderSeat(s: CafeState, me: Participant | null, tableId: string | null, tableName: string | null) {
    const p = s.phase;
    const round = p.kind === 'round' || p.kind === 'travel' ? p.round : null;
    const question = round === null ? '' : questionFor(s, round, tableId);
    // Planned rotation (issue 6): where the plan sends this phone, as the largest line until it sits there.
    const plan = this.planned(s, me);
    const name = plan ? (findTable(s, plan.tableId)?.name ?? '') : '';
    // "Table 4 — Table 4" says it twice: a default name adds nothing to the number.
    const named = name === plan?.tableId || name.endsWith(` ${plan?.tableId}`) ? '' : ` — ${name}`;
    return html`<section class="card seat">
      <h1>
        <span class="label">${plan ? msg('Go to', { id: 'join.plan.go' }) : msg('Your table', { id: 'join.seat.yours' })}</span>
        ${plan
          ? html`<span class="table plan">${msg(str`Round ${plan.round + 1}: table ${plan.tableId}${named}`, { id: 'join.plan' })}</span>`
          : html`<span class="table">${tableName ?? msg('Not chosen yet', { id: 'join.seat.none' })}</span>`}
      </h1>
      <div class="phase">
        <span>${phaseLabel(p)}</span>
        <tc-countdown .ms=${this.msLeft} ?paused=${p.kind === 'round' && p.paused}></tc-countdown>
      </div>
      ${me && s.rotation.planned ? html`<p>${msg(str`Your number: ${me.number}`, { id: 'join.number' })}</p>` : nothing}
      ${question
        ? html`<p class="question-label">
              ${p.kind === 'travel' ? msg('Next question', { id: 'join.question.next' }) : msg('The question', { id: 'join.question.now' })}
            </p>
            <p class="question">${question}</p>`
        : nothing}
      ${p.kind === 'setup' || p.kind === 'lobby'
        ? html`<p>${msg('Welcome! The café starts soon; the first question will appear here.', { id: 'join.lobby' })}</p>`
        : nothing}
      ${p.kind === 'harvest' ? html`<p>${msg('Harvest: the whole room now listens together for patterns and insights.', { id: 'join.harvest' })}</p>` : nothing}
    </section>`;
  }

  /**
   * The themes; while the vote is open a dot button each way per theme, with the phone's dots on it
   * and how many it has left; once closed the room's totals (the phone's own dots alone read as
   * "nobody voted").
   */
  private renderVote(s: CafeState) {
    const themes = Object.values(s.themes);
    const vote = s.vote;
    if (themes.length === 0) return nothing;
    const ballot = own(s.ballots, this.participantId) ?? {};
    const mine = (id: string) => (own(ballot, id) ?? 0) + (this.dotsOnTheWay.get(id) ?? 0);
    const left = vote ? vote.dots - themes.reduce((n, t) => n + mine(t.id), 0) : 0;
    const button = (t: Theme, add: boolean, label: string) =>
      html`<button class="dot" ?disabled=${add ? left < 1 : mine(t.id) < 1} aria-label=${label}
        @click=${() => this.dispatchEvent(new CustomEvent('cast-dot', { detail: { themeId: t.id, add }, bubbles: true, composed: true }))}>${add ? '+' : '−'}</button>`;
    return html`<section class="card vote">
      <h2>${msg('Themes', { id: 'join.vote.title' })}</h2>
      ${vote
        ? html`<p>
            ${vote.open
              ? msg(str`Your dots: ${left} of ${vote.dots} left`, { id: 'join.vote.left' })
              : `${errorMessage('VOTE_CLOSED')} ${msg('Votes of the whole room:', { id: 'join.vote.totals' })}`}
          </p>`
        : nothing}
      <ul>
        ${themes.map(
          (t) => html`<li>
            <span>${t.name}</span>
            ${vote?.open ? button(t, false, msg(str`Take a dot back from ${t.name}`, { id: 'join.vote.less' })) : nothing} ${vote ? html`<b>${vote.open ? mine(t.id) : t.phoneDots + t.paperDots}</b>` : nothing}
            ${vote?.open ? button(t, true, msg(str`Put a dot on ${t.name}`, { id: 'join.vote.more' })) : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /**
   * Where to go: prominent without a seat, in travel time (until the participant has taken a seat
   * for the coming round) and in a round that sends everyone home; otherwise a quiet way to correct
   * a wrong table, below the ideas.
   */
  private move(s: CafeState, me: Participant | null, tableId: string | null) {
    const p = s.phase;
    const homeId = me?.seats[0]?.tableId;
    const upcoming = p.kind === 'round' || p.kind === 'travel' ? s.rounds[p.round] : undefined;
    // Planned rotation: the plan's table is the one button (the last round home is part of the plan, M10).
    const plan = this.planned(s, me);
    const planned = plan ? (findTable(s, plan.tableId) ?? null) : null;
    const home = planned ?? (upcoming?.returnHome && !s.rotation.planned && homeId !== undefined && homeId !== tableId ? (findTable(s, homeId) ?? null) : null);
    const seatedForNext = p.kind === 'travel' && me?.seats[me.seats.length - 1]?.round === p.round;
    const kind =
      me?.left ? 'quiet' : tableId === null ? 'pick' : planned ? 'travel' : home ? 'home' : p.kind === 'travel' && !seatedForNext ? 'travel' : 'quiet';
    return { kind, home, planned: planned !== null } as const;
  }

  /**
   * Where the plan sends this phone, until it sits there: round 1's table in the lobby, the next
   * one in travel time, and in a round one it has not sat down in (it came late, or stayed put).
   */
  private planned(s: CafeState, me: Participant | null): { round: number; tableId: string } | null {
    const p = s.phase;
    const round = p.kind === 'lobby' ? 0 : p.kind === 'travel' || p.kind === 'round' ? p.round : -1;
    const tableId = round < 0 || me?.left ? null : plannedTable(s, this.participantId, round);
    const seated = me?.seats.filter((x) => x.round === round) ?? [];
    // Sat down there, or (once the round runs) anywhere in it: the plan is done, or the person chose.
    if (tableId === null || seated.some((x) => x.tableId === tableId) || (p.kind === 'round' && seated.length > 0)) return null;
    return { round, tableId };
  }

  private renderMove(s: CafeState, move: ReturnType<TcJoinView['move']>, tableId: string | null) {
    const picker = html`<tc-join-seat-picker .tables=${s.tables} .currentTableId=${tableId} .homeTable=${move.home} ?planned=${move.planned}></tc-join-seat-picker>`;
    switch (move.kind) {
      case 'pick':
        return html`<section class="card move">
          <h2>${msg('Pick your table', { id: 'join.move.pick' })}</h2>
          <p>${msg('Scan the QR code on your table, or pick it here.', { id: 'join.move.pickHint' })}</p>
          ${picker}
        </section>`;
      case 'home':
        return html`<section class="card move">
          <h2>${msg('This round, everyone goes back to their first table', { id: 'join.move.homeTitle' })}</h2>
          ${picker}
        </section>`;
      case 'travel':
        return html`<section class="card move">
          <h2>${msg('Move to your next table: scan its QR code or pick it', { id: 'join.move.title' })}</h2>
          ${picker}
        </section>`;
      case 'quiet':
        return html`<details class="change">
          <summary>${msg('Sitting at another table?', { id: 'join.move.change' })}</summary>
          ${picker}
        </details>`;
    }
  }

  private renderComposer(s: CafeState, me: Participant, tableId: string, tableName: string) {
    const round = currentRound(s);
    const p = s.phase;
    let reason: string | null = null;
    if (p.kind === 'setup' || p.kind === 'lobby') reason = msg('You can add ideas once the first round starts.', { id: 'join.compose.notYet' });
    // Moved during travel time: the new table's round has not started yet.
    else if (!tablesDuring(me, round).includes(tableId))
      reason = msg(str`You can add ideas at ${tableName} once the next round starts.`, { id: 'join.compose.afterMove' });
    return html`<section class="card compose">
      <h2 class="visually-hidden">${msg('Add an idea', { id: 'join.compose.title' })}</h2>
      <tc-join-composer .tableId=${tableId} .round=${round} .closedReason=${reason}></tc-join-composer>
    </section>`;
  }

  /** The table's ideas the participant may see, newest first. */
  private tableIdeas(s: CafeState, tableId: string) {
    return Object.values(s.ideas)
      .filter((i) => i.tableId === tableId && !i.deleted && (!i.hidden || i.author.participantId === this.participantId))
      .sort((a, b) => b.seq - a.seq || b.createdAt - a.createdAt);
  }

  private restoreDraft(text: string): void {
    const composer = this.renderRoot.querySelector('tc-join-composer');
    if (!composer) return;
    composer.draft = composer.draft ? `${composer.draft}\n${text}` : text;
    composer.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-view': TcJoinView;
  }
}
