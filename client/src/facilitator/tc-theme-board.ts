/**
 * The facilitator groups the ideas of every table into themes: create one (from the selected
 * ideas), rename, merge into another, delete; move ideas in and out by dragging them (mouse or
 * finger) or by keyboard (tick them, then "Move to"). Each move is said in a live region, and the
 * focus goes where the change happened. Read-only before the harvest (a preview).
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import { own, type CafeState, type Idea, type Theme } from '../../../shared/domain/state.js';
import { newId } from '../lib/ids.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { refusal } from './allowed.js';
import { facilitatorOp } from './events.js';
import { EVERY_IDEA, filterIdeas, harvestIdeas, unassignedIdeas, type IdeaFilter } from './harvest-ideas.js';
import { IdeaDrag } from './idea-drag.js';
import { themeBoardStyles } from './theme-board-styles.js';
import type { TcConfirm } from './tc-confirm.js';
import './tc-confirm.js';

/** Ideas in no theme are shown this many at a time: 45 tables × 3 rounds can be 700. */
export const PAGE = 50;

@customElement('tc-theme-board')
@localized()
export class TcThemeBoard extends LitElement {
  static override styles = [theme, themeBoardStyles];

  @property({ attribute: false }) state: CafeState | null = null;
  /** Before the harvest: shown, not changed. */
  @property({ type: Boolean }) readonly = false;

  @state() private selected = new Set<string>();
  @state() private filter: IdeaFilter = EVERY_IDEA;
  @state() private shown = PAGE;
  @state() private moveTarget = '';
  @state() private createError: string | null = null;
  @state() private renaming: string | null = null;
  @state() private renameError: string | null = null;
  @state() private merging: string | null = null;
  @state() private announcement = '';
  @query('tc-confirm') private confirm!: TcConfirm;
  /** What should have the focus once it is drawn (a theme just made, the list a theme left). */
  private focusNext: string | null = null;
  private readonly drag = new IdeaDrag(this, (ideaIds, themeId) => this.move(ideaIds, themeId));

  private send(op: ClientCommand): void {
    this.dispatchEvent(facilitatorOp(op));
  }

  override willUpdate(): void {
    const s = this.state;
    if (!s) return;
    // Forget selected ideas that went away (deleted, held again).
    const present = new Set(harvestIdeas(s).map((i) => i.id));
    if ([...this.selected].some((id) => !present.has(id))) this.selected = new Set([...this.selected].filter((id) => present.has(id)));
    if (this.moveTarget !== '' && this.moveTarget !== 'none' && !own(s.themes, this.moveTarget)) this.moveTarget = '';
  }

  override updated(): void {
    if (this.focusNext === null) return;
    const target = this.renderRoot.querySelector<HTMLElement>(`#${this.focusNext}`);
    if (target) {
      target.focus();
      this.focusNext = null;
    }
  }

  private toggle(ideaId: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(ideaId);
    else next.delete(ideaId);
    this.selected = next;
  }

  /** Moves ideas into a theme (null: out of every theme), leaving out those already there. */
  private move(ideaIds: string[], themeId: string | null): void {
    const s = this.state;
    if (!s || this.readonly) return;
    const there = new Set(themeId === null ? unassignedIdeas(s).map((i) => i.id) : (own(s.themes, themeId)?.ideaIds ?? []));
    const moving = ideaIds.filter((id) => !there.has(id));
    if (moving.length === 0) return;
    this.send({ type: 'moveIdeas', ideaIds: moving, themeId });
    this.selected = new Set();
    const n = moving.length;
    const name = themeId === null ? null : (own(s.themes, themeId)?.name ?? '');
    if (name === null) {
      this.announcement =
        n === 1
          ? msg('Moved 1 idea out of its theme.', { id: 'facilitator.harvest.movedOutOne' })
          : msg(str`Moved ${n} ideas out of their theme.`, { id: 'facilitator.harvest.movedOut' });
    } else {
      this.announcement =
        n === 1
          ? msg(str`Moved 1 idea to “${name}”.`, { id: 'facilitator.harvest.movedOne' })
          : msg(str`Moved ${n} ideas to “${name}”.`, { id: 'facilitator.harvest.moved' });
    }
  }

  private moveSelected(): void {
    if (this.selected.size === 0 || this.moveTarget === '') return;
    this.move([...this.selected], this.moveTarget === 'none' ? null : this.moveTarget);
  }

  private create(e: SubmitEvent): void {
    e.preventDefault();
    const s = this.state;
    const input = (e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    if (!s || this.readonly) return;
    const op: ClientCommand = { type: 'createTheme', themeId: newId(), name: input.value, ideaIds: [...this.selected] };
    const code = refusal(s, op);
    this.createError = code === null ? null : errorMessage(code);
    if (code !== null) return input.focus();
    this.send(op);
    input.value = '';
    this.selected = new Set();
    this.focusNext = `theme-${op.themeId}`;
    this.announcement = msg(str`Theme “${op.name.trim()}” created.`, { id: 'facilitator.harvest.created' });
  }

  private rename(e: SubmitEvent, t: Theme): void {
    e.preventDefault();
    const s = this.state;
    const name = ((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value;
    if (!s) return;
    const op: ClientCommand = { type: 'renameTheme', themeId: t.id, name };
    const code = refusal(s, op);
    this.renameError = code === null ? null : errorMessage(code);
    if (code !== null) return;
    this.send(op);
    this.renaming = null;
    this.focusNext = `theme-${t.id}`;
    this.announcement = msg(str`Theme renamed to “${name.trim()}”.`, { id: 'facilitator.harvest.renamed' });
  }

  private async merge(e: SubmitEvent, from: Theme): Promise<void> {
    e.preventDefault();
    const s = this.state;
    const intoId = ((e.target as HTMLFormElement).elements.namedItem('into') as HTMLSelectElement).value;
    const into = s ? own(s.themes, intoId) : undefined;
    if (!into) return;
    const yes = await this.confirm.ask({
      heading: msg(str`Merge “${from.name}” into “${into.name}”?`, { id: 'facilitator.harvest.merge.heading' }),
      message: msg('Its ideas and its dots go to the other theme, and it is removed.', { id: 'facilitator.harvest.merge.message' }),
      confirmLabel: msg('Merge the themes', { id: 'facilitator.harvest.merge.confirm' }),
    });
    if (!yes) return;
    this.send({ type: 'mergeThemes', themeId: into.id, from: from.id });
    this.merging = null;
    this.focusNext = `theme-${into.id}`;
    this.announcement = msg(str`“${from.name}” merged into “${into.name}”.`, { id: 'facilitator.harvest.merged' });
  }

  private async deleteTheme(t: Theme): Promise<void> {
    const yes = await this.confirm.ask({
      heading: msg(str`Delete the theme “${t.name}”?`, { id: 'facilitator.harvest.delete.heading' }),
      message: msg('Its ideas go back to the ideas in no theme, and its dots back to the phones.', { id: 'facilitator.harvest.delete.message' }),
      confirmLabel: msg('Delete the theme', { id: 'facilitator.harvest.delete.confirm' }),
    });
    if (!yes) return;
    this.send({ type: 'deleteTheme', themeId: t.id });
    this.focusNext = 'unassigned-heading';
    this.announcement = msg(str`Theme “${t.name}” deleted: its ideas are in no theme again.`, { id: 'facilitator.harvest.deleted' });
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const themes = Object.values(s.themes);
    const ghost = this.drag.active
      ? html`<div class="ghost" style="left:${this.drag.x}px;top:${this.drag.y}px" aria-hidden="true">
          ${this.drag.ideaIds.length === 1
            ? (own(s.ideas, this.drag.ideaIds[0]!)?.text ?? '')
            : msg(str`${this.drag.ideaIds.length} ideas`, { id: 'facilitator.harvest.dragging' })}
        </div>`
      : nothing;
    return html`
      ${this.readonly ? nothing : this.renderTools(themes)}
      <div class="board">${this.renderUnassigned(s)} ${this.renderThemes(s, themes)}</div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${ghost}
      <tc-confirm></tc-confirm>
    `;
  }

  private renderTools(themes: Theme[]) {
    const n = this.selected.size;
    const canMove = n > 0 && this.moveTarget !== '';
    return html`<div class="tools">
      <form @submit=${(e: SubmitEvent) => this.create(e)}>
        <label>${msg('New theme', { id: 'facilitator.harvest.newTheme' })}<input name="name" maxlength="80" autocomplete="off" /></label>
        <button class="create primary">
          ${n > 0 ? msg(str`Create theme with ${n} ideas`, { id: 'facilitator.harvest.createWith' }) : msg('Create theme', { id: 'facilitator.harvest.create' })}
        </button>
        ${this.createError ? html`<p class="error" role="alert">${this.createError}</p>` : nothing}
      </form>
      <div class="move" role="group" aria-label=${msg('Selected ideas', { id: 'facilitator.harvest.selection' })}>
        <span class="count" aria-live="polite">${msg(str`${n} selected`, { id: 'facilitator.harvest.selected' })}</span>
        <label
          >${msg('Move to', { id: 'facilitator.harvest.moveTo' })}
          <select class="target" .value=${this.moveTarget} @change=${(e: Event) => (this.moveTarget = (e.target as HTMLSelectElement).value)}>
            <option value="">${msg('Choose a theme …', { id: 'facilitator.harvest.choose' })}</option>
            ${themes.map((t) => html`<option value=${t.id} ?selected=${t.id === this.moveTarget}>${t.name}</option>`)}
            <option value="none" ?selected=${this.moveTarget === 'none'}>${msg('No theme', { id: 'facilitator.harvest.noTheme' })}</option>
          </select></label
        >
        <button class="move-selected" aria-disabled=${canMove ? 'false' : 'true'} @click=${() => this.moveSelected()}>
          ${msg('Move', { id: 'facilitator.harvest.move' })}
        </button>
        <button class="clear" aria-disabled=${n > 0 ? 'false' : 'true'} @click=${() => (this.selected = new Set())}>
          ${msg('Clear the selection', { id: 'facilitator.harvest.clear' })}
        </button>
      </div>
    </div>`;
  }

  private renderUnassigned(s: CafeState) {
    const all = unassignedIdeas(s);
    const matching = filterIdeas(all, this.filter);
    const page = matching.slice(0, this.shown);
    const set = (patch: Partial<IdeaFilter>) => {
      this.filter = { ...this.filter, ...patch };
      this.shown = PAGE;
    };
    const over = this.drag.active && this.drag.over === null;
    return html`<section class="column ${over ? 'over' : ''}" data-drop="none" aria-labelledby="unassigned-heading">
      <h3 id="unassigned-heading" tabindex="-1">${msg(str`Ideas in no theme (${all.length})`, { id: 'facilitator.harvest.unassigned' })}</h3>
      <div class="filters">
        <label
          >${msg('Table', { id: 'facilitator.harvest.filter.table' })}
          <select @change=${(e: Event) => set({ tableId: (e.target as HTMLSelectElement).value })}>
            <option value="">${msg('Every table', { id: 'facilitator.harvest.filter.allTables' })}</option>
            ${s.tables.map((t) => html`<option value=${t.id} ?selected=${t.id === this.filter.tableId}>${t.name}</option>`)}
          </select></label
        >
        <label
          >${msg('Round', { id: 'facilitator.harvest.filter.round' })}
          <select @change=${(e: Event) => set({ round: Number((e.target as HTMLSelectElement).value) })}>
            <option value="-1">${msg('Every round', { id: 'facilitator.harvest.filter.allRounds' })}</option>
            ${s.rounds.map((_, r) => html`<option value=${r} ?selected=${r === this.filter.round}>${this.roundName(r)}</option>`)}
          </select></label
        >
        <label class="words"
          >${msg('Words', { id: 'facilitator.harvest.filter.text' })}
          <input type="search" .value=${this.filter.text} @input=${(e: Event) => set({ text: (e.target as HTMLInputElement).value })}
        /></label>
      </div>
      <ul aria-labelledby="unassigned-heading">
        ${repeat(page, (i) => i.id, (i) => this.renderIdea(s, i, null))}
      </ul>
      ${matching.length > page.length
        ? html`<div class="more">
            <span>${msg(str`${page.length} of ${matching.length} shown`, { id: 'facilitator.harvest.shown' })}</span>
            <button @click=${() => (this.shown += PAGE)}>${msg(str`Show ${Math.min(PAGE, matching.length - page.length)} more`, { id: 'facilitator.harvest.more' })}</button>
          </div>`
        : nothing}
    </section>`;
  }

  private roundName(round: number): string {
    return msg(str`Round ${round + 1}`, { id: 'facilitator.harvest.round' });
  }

  private renderThemes(s: CafeState, themes: Theme[]) {
    if (themes.length === 0) {
      return html`<p class="empty">
        ${msg('No themes yet: name one above, or let Tablecloth suggest some.', { id: 'facilitator.harvest.themes.none' })}
      </p>`;
    }
    return html`<div class="themes">${repeat(themes, (t) => t.id, (t) => this.renderTheme(s, t, themes))}</div>`;
  }

  private renderTheme(s: CafeState, t: Theme, themes: Theme[]) {
    const ideas = t.ideaIds.map((id) => own(s.ideas, id)).filter((i): i is Idea => i !== undefined && !i.deleted);
    const over = this.drag.active && this.drag.over === t.id;
    return html`<section class="theme ${over ? 'over' : ''}" data-drop=${t.id} aria-labelledby="theme-${t.id}">
      <header>
        <h3 id="theme-${t.id}" tabindex="-1">${t.name}</h3>
        <span class="n"
          >${ideas.length === 1
            ? msg('1 idea', { id: 'facilitator.harvest.ideaCountOne' })
            : msg(str`${ideas.length} ideas`, { id: 'facilitator.harvest.ideaCount' })}</span
        >
      </header>
      ${this.readonly ? nothing : this.renderThemeActions(t, themes)}
      ${ideas.length === 0
        ? html`<p class="empty">${msg('No ideas yet: drag ideas here, or tick them and choose “Move to”.', { id: 'facilitator.harvest.theme.empty' })}</p>`
        : html`<ul aria-labelledby="theme-${t.id}">
            ${repeat(ideas, (i) => i.id, (i) => this.renderIdea(s, i, t))}
          </ul>`}
    </section>`;
  }

  private renderThemeActions(t: Theme, themes: Theme[]) {
    if (this.renaming === t.id) {
      return html`<form class="rename" @submit=${(e: SubmitEvent) => this.rename(e, t)}>
        <label>${msg('New name', { id: 'facilitator.harvest.rename.label' })}<input name="name" maxlength="80" .value=${t.name} autocomplete="off" /></label>
        ${this.renameError ? html`<p class="error" role="alert">${this.renameError}</p>` : nothing}
        <div class="row">
          <button class="primary">${msg('Save the name', { id: 'facilitator.harvest.rename.save' })}</button>
          <button type="button" @click=${() => this.closeForm(t)}>${msg('Cancel', { id: 'facilitator.harvest.cancel' })}</button>
        </div>
      </form>`;
    }
    if (this.merging === t.id) {
      const others = themes.filter((o) => o.id !== t.id);
      return html`<form class="merge" @submit=${(e: SubmitEvent) => void this.merge(e, t)}>
        <label
          >${msg(str`Merge “${t.name}” into`, { id: 'facilitator.harvest.merge.into' })}
          <select name="into">
            ${others.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
          </select></label
        >
        <div class="row">
          <button class="primary">${msg('Merge …', { id: 'facilitator.harvest.merge.go' })}</button>
          <button type="button" @click=${() => this.closeForm(t)}>${msg('Cancel', { id: 'facilitator.harvest.cancel' })}</button>
        </div>
      </form>`;
    }
    const open = (form: 'renaming' | 'merging') => {
      this.renaming = form === 'renaming' ? t.id : null;
      this.merging = form === 'merging' ? t.id : null;
      this.renameError = null;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('form.rename input, form.merge select')?.focus());
    };
    return html`<div class="actions">
      <button class="rename" aria-describedby="theme-${t.id}" @click=${() => open('renaming')}>${msg('Rename', { id: 'facilitator.harvest.rename' })}</button>
      ${themes.length > 1
        ? html`<button class="merge" aria-describedby="theme-${t.id}" @click=${() => open('merging')}>${msg('Merge into …', { id: 'facilitator.harvest.merge' })}</button>`
        : nothing}
      <button class="delete danger" aria-describedby="theme-${t.id}" @click=${() => void this.deleteTheme(t)}>${msg('Delete …', { id: 'facilitator.harvest.delete' })}</button>
    </div>`;
  }

  /** The button pressed leaves with its idea: the focus goes to the theme's name. */
  private takeOut(idea: Idea, from: Theme): void {
    this.move([idea.id], null);
    this.focusNext = `theme-${from.id}`;
  }

  private closeForm(t: Theme): void {
    this.renaming = null;
    this.merging = null;
    this.focusNext = `theme-${t.id}`;
  }

  private renderIdea(s: CafeState, idea: Idea, inTheme: Theme | null) {
    const table = s.tables.find((t) => t.id === idea.tableId)?.name ?? idea.tableId;
    const dragged = this.drag.active && this.drag.ideaIds.includes(idea.id);
    const classes = ['idea', idea.starred ? 'starred' : '', idea.hidden ? 'hidden' : '', dragged ? 'dragged' : '', this.readonly ? 'readonly' : ''].join(' ');
    const marks = html`<span class="marks" id="marks-${idea.id}">
      <span>${table} · ${this.roundName(idea.round)}</span>
      ${idea.starred ? html`<span class="star">★ ${msg('Key idea', { id: 'facilitator.harvest.starred' })}</span>` : nothing}
      ${idea.hidden ? html`<span class="off">${msg('Hidden from the wall', { id: 'facilitator.harvest.hidden' })}</span>` : nothing}
    </span>`;
    if (this.readonly) return html`<li class=${classes}><span class="text">${idea.text}</span><div class="foot">${marks}</div></li>`;
    const ids = () => (this.selected.has(idea.id) ? [...this.selected] : [idea.id]);
    return html`<li class=${classes} data-idea=${idea.id}>
      <span class="grip" aria-hidden="true" title=${msg('Drag onto a theme', { id: 'facilitator.harvest.grip' })} @pointerdown=${(e: PointerEvent) => this.drag.begin(e, ids())}
        >⠿</span
      >
      <label
        ><input type="checkbox" .checked=${this.selected.has(idea.id)} aria-describedby="marks-${idea.id}" @change=${(e: Event) => this.toggle(idea.id, (e.target as HTMLInputElement).checked)} /><span
          class="text"
          id="text-${idea.id}"
          >${idea.text}</span
        ></label
      >
      <div class="foot">
        ${marks}
        ${inTheme
          ? html`<button class="take-out" aria-describedby="text-${idea.id}" @click=${() => this.takeOut(idea, inTheme)}>
              ${msg('Take out', { id: 'facilitator.harvest.takeOut' })}
            </button>`
          : nothing}
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-theme-board': TcThemeBoard;
  }
}
