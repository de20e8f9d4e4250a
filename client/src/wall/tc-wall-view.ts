/**
 * The live wall, drawn from properties only: the phase and the question at the top with a
 * countdown readable across the room, the facilitator's message, the ideas as they come in, the
 * join code while people arrive or change tables, and every table's activity along the bottom.
 * In the harvest, once there are themes, the themes with their votes (and the join code while
 * the vote is open), or the table in the spotlight.
 *
 * Everything is sized in `--u`, 1/60 of the width or 1/33.75 of the height, whichever is smaller:
 * 32 px on a 1920×1080 projector (the smallest text there), and the same proportions on 1280×720
 * or a 4:3 1024×768 one. Nothing scrolls; what does not fit is left out.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { currentRound, type CafeState, type Phase } from '../../../shared/domain/state.js';
import { isHarvest } from '../../../shared/domain/visibility.js';
import type { ConnectionStatus } from '../controllers/cafe-connection.js';
import type { PhotoSource } from '../controllers/photo-urls.js';
import { phaseLabel } from '../ui/phase-label.js';
import '../ui/tc-connection-status.js';
import '../ui/tc-countdown.js';
import { theme } from '../ui/theme.js';
import { browserAudioContext, type AudioContextFactory } from './chime.js';
import { themeRows } from './harvest-themes.js';
import { newestIdeas } from './newest-ideas.js';
import { questionGroups } from './question-groups.js';
import { rememberLast } from './remember-last.js';
import { spotlightCard } from './spotlight-card.js';
import { boardRound, seatBoard, type BoardSeat } from './seat-board.js';
import { tableActivity } from './table-activity.js';
import './tc-wall-board.js';
import './tc-wall-chime.js';
import './tc-wall-ideas.js';
import './tc-wall-join.js';
import './tc-wall-mix.js';
import './tc-wall-questions.js';
import './tc-wall-spotlight.js';
import './tc-wall-tables.js';
import './tc-wall-themes.js';
import { wallLayout } from './wall-layout.js';
import { wallMix } from './wall-mix.js';

/** Up to this many people the "find your table" board shares the travel time's wall with the join code. */
export const BOARD_BESIDE_JOIN_MAX = 150;

/** Up to this many tables (a line of tiles on a projector) the room's mix stays on the wall during a round. */
export const ROUND_MIX_TABLES_MAX = 12;

/** More than ever fit on a wall; the stream hides what does not fit. */
export const IDEAS_RENDERED = 30;

@customElement('tc-wall-view')
@localized()
export class TcWallView extends LitElement {
  static override styles = [theme, wallLayout];

  @property({ attribute: false }) state: CafeState | null = null;
  /** Milliseconds left in the round or travel time (negative in overtime); null when none runs. */
  @property({ type: Number }) msLeft: number | null = null;
  /** The server's present time. */
  @property({ type: Number }) now = 0;
  @property() status: ConnectionStatus = 'connected';
  /** The participant join link (the café's code in it); shown in lobby and travel time. */
  @property() joinUrl = '';
  /** The public harvest page (H15); shown at the end: once the vote closed, and after the café closed. */
  @property() harvestUrl = '';
  /** Loads the spotlit table's photos with the wall's secret. */
  @property({ attribute: false }) photoSource: PhotoSource | null = null;
  @property({ attribute: false }) audioContextFactory: AudioContextFactory = browserAudioContext;

  // Remembered on the objects the reducer replaces when they change: the countdown re-renders
  // the wall four times a second, and 1,000 ideas must not be sorted and counted each time.
  private readonly newest = rememberLast(newestIdeas);
  private readonly activity = rememberLast(tableActivity);
  private readonly names = rememberLast((tables: CafeState['tables']) => new Map(tables.map((t) => [t.id, t.name])));
  private readonly groups = rememberLast(questionGroups);
  private readonly themes = rememberLast(themeRows);
  private readonly spotlight = rememberLast(spotlightCard);
  private readonly board = rememberLast(seatBoard);
  private readonly mix = rememberLast(wallMix);

  override render() {
    const s = this.state;
    if (!s) return html`<p class="waiting">${msg('Connecting to the café …', { id: 'wall.connecting' })}</p>`;
    const phase = s.phase;
    if ((phase.kind === 'harvest' || phase.kind === 'closed') && (s.spotlight !== null || Object.keys(s.themes).length > 0)) return this.harvest(s);
    const boardFor = boardRound(s);
    const board = boardFor === null ? [] : this.board(s.plan, s.participants, s.tables, boardFor);
    if (boardFor !== null && board.length > 0) return this.findYourTable(s, boardFor, board);
    const joining = (phase.kind === 'lobby' || phase.kind === 'travel') && s.joinCode !== '';
    const round = questionRound(phase);
    const groups = s.mode === 'pie' && round !== null ? this.groups(s, round) : [];
    // A "pie" round whose tables all share one question reads as a single question.
    const pie = groups.length > 1;
    // In lobby and travel time in "pie" mode the questions take the middle, the join code the side.
    const questionsInMain = pie && joining;
    return html`<div class="wall">
      <header>
        <div class="heading">
          <p class="phase"><strong>${phaseLabel(phase)}</strong> · ${s.title}${s.rehearsal ? html` · ${msg('Rehearsal', { id: 'wall.rehearsal' })}` : nothing}</p>
          ${this.question(s, pie)}
        </div>
        <tc-countdown .ms=${this.msLeft} ?paused=${phase.kind === 'round' && phase.paused}></tc-countdown>
      </header>
      ${s.broadcast?.text ? html`<p class="broadcast" role="status">${s.broadcast.text}</p>` : nothing}
      <main class=${joining || pie || this.takesHome(s) ? 'with-side' : ''}>
        ${questionsInMain
          ? html`<tc-wall-questions .groups=${groups} .perPage=${4}></tc-wall-questions>`
          : html`<h2 class="visually-hidden">${msg('Ideas', { id: 'wall.ideasHeading' })}</h2>
              <tc-wall-ideas .ideas=${this.newest(s.ideas, IDEAS_RENDERED, isHarvest(s) ? null : currentRound(s))} .tableNames=${this.names(s.tables)}></tc-wall-ideas>`}
        ${joining
          ? html`<tc-wall-join class="side" .url=${this.joinUrl} .code=${s.joinCode}></tc-wall-join>`
          : pie
            ? html`<tc-wall-questions class="side" .groups=${groups} .perPage=${2}></tc-wall-questions>`
            : this.takeHome(s)}
      </main>
      ${this.footer(s)}
    </div>`;
  }

  /** Planned rotation before a round: every number and its table, the question below the heading, how to join beside. */
  private findYourTable(s: CafeState, round: number, board: BoardSeat[]) {
    // In a big café's travel time the board takes the whole width: few join then, everyone moves.
    const joining = s.joinCode !== '' && (s.phase.kind === 'lobby' || board.length <= BOARD_BESIDE_JOIN_MAX);
    return html`<div class="wall">
      <header>
        <div class="heading">
          <p class="phase"><strong>${phaseLabel(s.phase)}</strong> · ${s.title}${s.rehearsal ? html` · ${msg('Rehearsal', { id: 'wall.rehearsal' })}` : nothing}</p>
          <h1 class="question find">${msg(str`Round ${round + 1} — find your table`, { id: 'wall.board.heading' })}</h1>
          ${s.mode === 'single' && s.rounds[round]?.question
            ? html`<p class="label next">${s.phase.kind === 'lobby' ? msg('First question', { id: 'wall.firstQuestion' }) : msg('Next question', { id: 'wall.nextQuestion' })}: ${s.rounds[round]!.question}</p>`
            : nothing}
        </div>
        <tc-countdown .ms=${this.msLeft}></tc-countdown>
      </header>
      ${s.broadcast?.text ? html`<p class="broadcast" role="status">${s.broadcast.text}</p>` : nothing}
      <main class=${joining ? 'with-side board' : 'board'}>
        <tc-wall-board .seats=${board}></tc-wall-board>
        ${joining ? html`<tc-wall-join class="side" .url=${this.joinUrl} .code=${s.joinCode}></tc-wall-join>` : nothing}
      </main>
      ${this.footer(s, 'board')}
    </div>`;
  }

  /** The room's mix and every table's activity. */
  private footer(s: CafeState, kind: 'board' | '' = '') {
    const mix = this.mix(s);
    // Where ideas are shown (a round, or travel time without the find-your-table board) they need the
    // room: the mix only while the tables fit on one line; in the lobby and beside the board always.
    const ideasShown = s.phase.kind === 'round' || (s.phase.kind === 'travel' && kind !== 'board');
    const shown = Object.keys(s.participants).length > 0 && (!ideasShown || s.tables.length <= ROUND_MIX_TABLES_MAX);
    return html`<footer class=${kind}>
      ${shown ? html`<tc-wall-mix .mix=${mix}></tc-wall-mix>` : nothing}
      <tc-wall-tables
        .activity=${this.activity(s.ideas, s.tables, currentRound(s))}
        .now=${this.now}
        .groups=${shown ? mix.groupsAt : null}
        .ideas=${ideasShown}
        >${this.machine(s)}</tc-wall-tables
      >
    </footer>`;
  }

  /** Whether the wall offers the harvest page: at the end (the vote closed, or the café), while the facilitator shares it. */
  private takesHome(s: CafeState): boolean {
    const end = s.phase.kind === 'closed' || (s.phase.kind === 'harvest' && s.vote !== null && !s.vote.open);
    return end && s.harvestPage && this.harvestUrl !== '';
  }

  /** The harvest page's QR code and link, to take the harvest home. */
  private takeHome(s: CafeState) {
    if (!this.takesHome(s)) return nothing;
    return html`<tc-wall-join
      class="side take-home"
      .url=${this.harvestUrl}
      .heading=${msg('The harvest on your phone', { id: 'wall.harvestPage' })}
      .qrLabel=${msg('QR code of the harvest page', { id: 'wall.harvestPageQr' })}
    ></tc-wall-join>`;
  }

  /** The wall's own state (sound, connection). */
  private machine(s: CafeState) {
    return html`<div class="machine" slot="status">
      <tc-wall-chime .phase=${s.phase} .enabled=${s.chime} .now=${this.now} .audioContextFactory=${this.audioContextFactory}></tc-wall-chime>
      ${this.status === 'connected' ? nothing : html`<tc-connection-status .status=${this.status}></tc-connection-status>`}
    </div>`;
  }

  /** The harvest once it has themes or a table in the spotlight: the vote's state above, the themes or the spotlight, the way to vote beside. */
  private harvest(s: CafeState) {
    const vote = s.vote;
    const card = this.spotlight(s);
    const heading = vote?.open
      ? vote.dots === 1
        ? msg('Vote now: 1 dot each', { id: 'wall.vote.openOne' })
        : msg(str`Vote now: ${vote.dots} dots each`, { id: 'wall.vote.open' })
      : vote
        ? msg('Vote closed', { id: 'wall.vote.closed' })
        : msg('Themes of the harvest', { id: 'wall.themes.heading' });
    const voting = vote?.open === true && s.joinCode !== '';
    const side = voting || this.takesHome(s);
    return html`<div class="wall">
      <header>
        <div class="heading">
          <p class="phase"><strong>${phaseLabel(s.phase)}</strong> · ${s.title}${s.rehearsal ? html` · ${msg('Rehearsal', { id: 'wall.rehearsal' })}` : nothing}</p>
          <h1 class="question">${heading}</h1>
        </div>
      </header>
      ${s.broadcast?.text ? html`<p class="broadcast" role="status">${s.broadcast.text}</p>` : nothing}
      <main class=${side ? 'with-side' : ''}>
        ${card
          ? html`<tc-wall-spotlight .card=${card} .photoSource=${this.photoSource} language=${s.language}></tc-wall-spotlight>`
          : html`<h2 class="visually-hidden">${msg('Themes', { id: 'wall.themes.list' })}</h2>
              <tc-wall-themes .rows=${this.themes(s)} ?votes=${vote !== null}></tc-wall-themes>`}
        ${voting
          ? html`<tc-wall-join class="side" .url=${this.joinUrl} .code=${s.joinCode} .heading=${msg('Vote on your phone', { id: 'wall.vote.join' })}></tc-wall-join>`
          : this.takeHome(s)}
      </main>
      <footer>${this.machine(s)}</footer>
    </div>`;
  }

  private question(s: CafeState, pie: boolean) {
    const round = questionRound(s.phase);
    if (round === null) return html`<h1 class="question">${s.title}</h1>`;
    if (pie) return html`<h1 class="question">${msg('Each table has its own question', { id: 'wall.pieHeading' })}</h1>`;
    const label =
      s.phase.kind === 'lobby'
        ? msg('First question', { id: 'wall.firstQuestion' })
        : s.phase.kind === 'travel'
          ? msg('Next question', { id: 'wall.nextQuestion' })
          : null;
    return html`${label ? html`<p class="label">${label}</p>` : nothing}
      <h1 class="question">${s.rounds[round]?.question ?? ''}</h1>`;
  }
}

/** The round whose question the room should see: the running one, the next one while people move, the first one while they arrive. */
function questionRound(phase: Phase): number | null {
  if (phase.kind === 'round' || phase.kind === 'travel') return phase.round;
  if (phase.kind === 'lobby') return 0;
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-wall-view': TcWallView;
  }
}
