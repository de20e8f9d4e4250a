/**
 * The table's harvest card (H9): at the end of a round the host picks up to 3 key insights from
 * the round's ideas, or writes one; the starred ideas are chosen to begin with. Saved through the
 * tablet's outbox like every note, shown once saved, and changed again until the café closes.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardKey, own, type CafeState, type Idea } from '../../../shared/domain/state.js';
import { IDEA_TEXT_MAX } from '../../../shared/text.js';
import type { OutgoingOp } from '../outbox/outbox.js';
import { errorMessage } from '../ui/error-message.js';
import { PhotoUrls, type PhotoSource } from '../controllers/photo-urls.js';
import { theme } from '../ui/theme.js';
import { harvestCardStyles } from './harvest-card-styles.js';
import { fire, type SetHarvestCardDetail } from './host-events.js';

/** A card holds at most this many insights (H9). */
export const MAX_INSIGHTS = 3;

type Insights = SetHarvestCardDetail['insights'];

/** The rounds whose card the host can write now: those that have ended, the latest last. */
export function cardRounds(state: CafeState): number[] {
  const p = state.phase;
  const upTo = p.kind === 'round' || p.kind === 'travel' ? p.round : p.kind === 'harvest' || p.kind === 'closed' ? state.roundsStarted : 0;
  return Array.from({ length: upTo }, (_, r) => r);
}

@customElement('tc-harvest-card')
@localized()
export class TcHarvestCard extends LitElement {
  static override styles = [theme, harvestCardStyles];

  @property({ attribute: false }) state!: CafeState;
  @property() tableId = '';
  /** The host's operations not yet in the café state. */
  @property({ attribute: false }) outgoing: readonly OutgoingOp[] = [];
  @property({ type: Boolean }) readonly = false;
  /** Loads a saved photo with the host's secret, to show it on the card. */
  @property({ attribute: false }) photoSource: PhotoSource | null = null;

  readonly photos = new PhotoUrls(this, () => this.photoSource);

  /** The round shown; null: the latest that ended. */
  @state() private chosenRound: number | null = null;
  /** The insights being chosen, while the card is edited. */
  @state() private draft: { ideaIds: string[]; texts: string[] } | null = null;
  /** Rounds whose card opened at the choice once already: after that only "Change" opens it. */
  private readonly opened = new Set<number>();
  /** What was saved here, until the outbox lists it (a moment later). */
  private readonly justSaved = new Map<number, Insights>();

  private get round(): number {
    const rounds = cardRounds(this.state);
    return this.chosenRound !== null && rounds.includes(this.chosenRound) ? this.chosenRound : (rounds[rounds.length - 1] ?? 0);
  }

  /** The round's ideas a host may choose from: not deleted, not taken off the wall. */
  private ideas(round: number): Idea[] {
    return Object.values(this.state.ideas)
      .filter((i) => i.tableId === this.tableId && i.round === round && !i.deleted && !i.hidden)
      .sort((a, b) => a.seq - b.seq);
  }

  /** The card as the host last saved it: on its way, else as the café holds it. */
  private current(round: number): { insights: Insights; sending: OutgoingOp | null } | null {
    const mine = this.outgoing.filter((o) => o.op.type === 'setHarvestCard' && o.op.tableId === this.tableId && o.op.round === round);
    const last = mine[mine.length - 1];
    if (last && last.op.type === 'setHarvestCard') return { insights: last.op.insights, sending: last };
    const card = own(this.state.harvestCards, cardKey(this.tableId, round));
    if (!card) {
      const saved = this.justSaved.get(round);
      return saved ? { insights: saved, sending: null } : null;
    }
    return { insights: card.insights.map((i) => (i.ideaId !== null ? { ideaId: i.ideaId } : { text: i.text })), sending: null };
  }

  private edit(round: number): void {
    const current = this.current(round);
    const ideas = this.ideas(round);
    if (current && current.insights.length > 0) {
      const ideaIds = current.insights.flatMap((i) => ('ideaId' in i ? [i.ideaId] : []));
      const texts = current.insights.flatMap((i) => ('text' in i ? [i.text] : []));
      this.draft = { ideaIds, texts };
    } else {
      this.draft = { ideaIds: ideas.filter((i) => i.starred).slice(0, MAX_INSIGHTS).map((i) => i.id), texts: [] };
    }
  }

  private pickRound(round: number): void {
    this.chosenRound = round;
    this.draft = null;
  }

  private toggle(ideaId: string, on: boolean): void {
    const d = this.draft!;
    const ideaIds = on ? [...d.ideaIds, ideaId] : d.ideaIds.filter((id) => id !== ideaId);
    if (ideaIds.length + d.texts.length > MAX_INSIGHTS) return;
    this.draft = { ...d, ideaIds };
  }

  private async write(): Promise<void> {
    const d = this.draft!;
    if (d.ideaIds.length + d.texts.length >= MAX_INSIGHTS) return;
    this.draft = { ...d, texts: [...d.texts, ''] };
    await this.updateComplete;
    [...this.renderRoot.querySelectorAll('textarea')].pop()?.focus();
  }

  private save(round: number): void {
    const d = this.draft!;
    const texts = d.texts.map((t) => t.trim()).filter((t) => t !== '');
    const insights: Insights = [...d.ideaIds.map((ideaId) => ({ ideaId })), ...texts.map((text) => ({ text }))];
    fire(this, 'set-harvest-card', { round, insights });
    this.justSaved.set(round, insights);
    this.draft = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  override willUpdate(): void {
    const round = this.round;
    // A round without a card opens straight at the choice, the starred ideas chosen.
    if (this.readonly || this.draft || this.opened.has(round) || cardRounds(this.state).length === 0) return;
    this.opened.add(round);
    if (!this.current(round)) this.edit(round);
  }

  override render() {
    const rounds = cardRounds(this.state);
    if (rounds.length === 0) return nothing;
    const round = this.round;
    const current = this.current(round);
    return html`
      <h2 id="card-heading" tabindex="-1">${msg(str`Harvest card for round ${round + 1}`, { id: 'host.harvest.title' })}</h2>
      ${rounds.length > 1
        ? html`<div class="rounds" role="group" aria-label=${msg('Round of the card', { id: 'host.harvest.rounds' })}>
            ${rounds.map(
              (r) =>
                html`<button aria-pressed=${r === round ? 'true' : 'false'} @click=${() => this.pickRound(r)}>
                  ${msg(str`Round ${r + 1}`, { id: 'host.harvest.round' })}
                </button>`,
            )}
          </div>`
        : nothing}
      ${this.draft && !this.readonly ? this.renderEditor(round) : this.renderSaved(round, current)} ${this.renderPhotos(round)}
    `;
  }

  private renderSaved(round: number, current: { insights: Insights; sending: OutgoingOp | null } | null) {
    const text = (i: Insights[number]) => ('text' in i ? i.text : (own(this.state.ideas, i.ideaId)?.text ?? ''));
    const starred = this.ideas(round).filter((i) => i.starred);
    const sending = current?.sending;
    return html`
      ${current && current.insights.length > 0
        ? html`<ul class="saved" aria-labelledby="card-heading">
            ${current.insights.map((i) => html`<li>${text(i)}</li>`)}
          </ul>`
        : html`<p class="empty">
              ${msg('No insights chosen: the card shows the starred ideas.', { id: 'host.harvest.default' })}
            </p>
            ${starred.length > 0
              ? html`<ul class="saved">
                  ${starred.map((i) => html`<li>${i.text}</li>`)}
                </ul>`
              : nothing}`}
      ${sending?.status === 'refused'
        ? html`<p class="refused" role="alert">
            ${msg('Card not saved:', { id: 'host.harvest.refused' })} ${sending.error ? errorMessage(sending.error) : ''}
          </p>`
        : sending
          ? html`<p class="state" role="status">${msg('Not sent yet: kept on this tablet.', { id: 'host.harvest.waiting' })}</p>`
          : nothing}
      ${this.readonly
        ? nothing
        : html`<div class="buttons">
            <button class="change" @click=${() => this.edit(round)}>${msg('Change the card', { id: 'host.harvest.change' })}</button>
          </div>`}
    `;
  }

  /** H13: photos of the tablecloth for this round — how many the café has, how many wait on the tablet, and the camera. */
  private renderPhotos(round: number) {
    const savedPhotos = Object.values(this.state.photos).filter((p) => p.tableId === this.tableId && p.round === round && !p.hidden);
    const saved = savedPhotos.length;
    const waiting = this.outgoing.filter((o) => o.op.type === 'addPhoto' && o.op.round === round && o.status !== 'sent').length;
    return html`<div class="photos">
      <p class="photo-count" role="status">
        ${msg(str`Photos of the tablecloth: ${saved}`, { id: 'host.harvest.photos' })}
        ${waiting > 0 ? msg(str`(${waiting} not sent yet)`, { id: 'host.harvest.photosWaiting' }) : ''}
      </p>
      ${this.photoSource && saved > 0
        ? html`<ul class="thumbnails">
            ${savedPhotos.map((p, i) => {
              const url = this.photos.url(p.id);
              const alt = msg(str`Photo ${i + 1} of the tablecloth, round ${round + 1}`, { id: 'host.harvest.photo' });
              return html`<li>${url ? html`<img src=${url} alt=${alt} width=${p.width} height=${p.height} />` : html`<span class="loading" role="img" aria-label=${alt}>…</span>`}</li>`;
            })}
          </ul>`
        : nothing}
      ${this.readonly
        ? nothing
        : html`<label class="camera">
            ${msg('Take a photo of the tablecloth', { id: 'host.harvest.takePhoto' })}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              @change=${(e: Event) => {
                const input = e.target as HTMLInputElement;
                for (const file of input.files ?? []) fire(this, 'add-photo', { round, file });
                input.value = '';
              }}
            />
          </label>`}
    </div>`;
  }

  private renderEditor(round: number) {
    const d = this.draft!;
    const ideas = this.ideas(round);
    const used = d.ideaIds.length + d.texts.length;
    const full = used >= MAX_INSIGHTS;
    const setText = (k: number, value: string) => (this.draft = { ...d, texts: d.texts.map((t, j) => (j === k ? value : t)) });
    const dropText = (k: number) => (this.draft = { ...d, texts: d.texts.filter((_, j) => j !== k) });
    return html`
      <p>${msg('Choose up to 3 key insights from the table’s ideas, or write one. The starred ideas are chosen to begin with.', { id: 'host.harvest.hint' })}</p>
      <p class="count" aria-live="polite">
        ${msg(str`${used} of ${MAX_INSIGHTS} chosen`, { id: 'host.harvest.count' })}${full
          ? html` – ${msg('take one out to choose another.', { id: 'host.harvest.full' })}`
          : nothing}
      </p>
      ${ideas.length === 0
        ? html`<p class="empty">${msg('No ideas from this round.', { id: 'host.harvest.noIdeas' })}</p>`
        : html`<ul aria-label=${msg('Ideas of the round', { id: 'host.harvest.ideas' })}>
            ${ideas.map((i) => {
              const on = d.ideaIds.includes(i.id);
              const blocked = !on && full;
              return html`<li>
                <label class="choice ${on ? 'on' : ''} ${blocked ? 'off' : ''}">
                  <input type="checkbox" .checked=${on} ?disabled=${blocked} @change=${(e: Event) => this.toggle(i.id, (e.target as HTMLInputElement).checked)} />
                  <span>${i.text} ${i.starred ? html`<span class="star">★ ${msg('Key idea', { id: 'host.harvest.starred' })}</span>` : nothing}</span>
                </label>
              </li>`;
            })}
          </ul>`}
      ${d.texts.map(
        (t, k) => html`<div class="written">
          <label for="insight-${k}">${msg(str`Insight in your words (${k + 1})`, { id: 'host.harvest.written' })}</label>
          <div class="row">
            <textarea id="insight-${k}" maxlength=${IDEA_TEXT_MAX} .value=${t} @input=${(e: Event) => setText(k, (e.target as HTMLTextAreaElement).value)}></textarea>
            <button class="remove-text danger" aria-label=${msg(str`Remove insight ${k + 1}`, { id: 'host.harvest.removeText' })} @click=${() => dropText(k)}>✕</button>
          </div>
        </div>`,
      )}
      <div class="buttons">
        <button class="write" ?disabled=${full} @click=${() => void this.write()}>${msg('Write an insight', { id: 'host.harvest.write' })}</button>
        <button class="save primary" @click=${() => this.save(round)}>${msg('Save the card', { id: 'host.harvest.save' })}</button>
        ${this.current(round) ? html`<button class="cancel" @click=${() => (this.draft = null)}>${msg('Cancel', { id: 'host.harvest.cancel' })}</button>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-harvest-card': TcHarvestCard;
  }
}
