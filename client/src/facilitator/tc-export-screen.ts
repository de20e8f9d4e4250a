/**
 * The console's export screen (harvest and closed phases): the seed threads by theme, question or
 * table, each previewed as it will appear and edited or left out; a target configured on the
 * server; the export started and watched live (n of m, failures with their reasons, "maybe
 * sent"), retried or resumed; and the café's earlier exports. Talks to the export API with the
 * facilitator's secret (docs/export.md). Each edit is saved in the café as the facilitator types
 * (`editSeedThread` over the console's connection; the body after a pause), so a closed tab, a
 * second target and the hosted server after an archive all see it.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { ErrorCode, WireError } from '../../../shared/errors.js';
import type { ThreadGrouping } from '../../../shared/harvest/threads.js';
import { getLocale } from '../i18n.js';
import { apiRequest, type ApiResult } from '../lib/api-request.js';
import { errorMessage } from '../ui/error-message.js';
import { theme } from '../ui/theme.js';
import { facilitatorOp } from './events.js';
import { chosen, exportRequest, generated, isSaved, savedDrafts, saveOp, titleProblems, type Drafts, type PreviewThread, type ServedThread } from './export-drafts.js';
import { cafePath, type ExportDetail, type ExportList, type ExportSummary } from './export-jobs.js';
import './tc-export-progress.js';
import type { RunRequest } from './tc-export-progress.js';
import './tc-seed-thread.js';
import type { DraftChange } from './tc-seed-thread.js';

/** How often a running export is asked for its progress. */
export const POLL_MS = 1000;
/** How long typing pauses before a title or body is saved in the café. */
export const SAVE_AFTER_MS = { title: 400, body: 800 };

/** What the seed threads are made of; an edit of them (seedEdits) changes none of it. */
const harvestOf = (s: CafeState) => JSON.stringify([s.ideas, s.themes, s.harvestCards, s.photos, s.participants, s.tables, s.rounds, s.title, s.language, s.publishIdeas, s.vote]);
const fingerprints = new WeakMap<CafeState, string>();
function fingerprint(s: CafeState): string {
  let f = fingerprints.get(s);
  if (f === undefined) fingerprints.set(s, (f = harvestOf(s)));
  return f;
}

@customElement('tc-export-screen')
@localized()
export class TcExportScreen extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      section.export {
        position: relative;
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.9rem 1rem 1rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.15rem;
      }
      h3 {
        margin: 1.25rem 0 0.5rem;
        font-size: 1.05rem;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: end;
      }
      .controls label {
        display: grid;
        gap: 0.2rem;
        font-size: 0.85rem;
        font-weight: 600;
      }
      .note,
      .stale {
        margin: 0.6rem 0;
        padding: 0.5rem 0.75rem;
        border-radius: 10px;
        background: var(--tc-star-soft);
        color: var(--tc-ink);
      }
      .notice {
        margin: 0.6rem 0;
        padding: 0.5rem 0.75rem;
        border: 2px solid var(--tc-danger);
        border-radius: 10px;
        background: var(--tc-danger-soft);
        color: var(--tc-danger);
        font-weight: 600;
      }
      /* Kept in the accessibility tree (not display: none), so the next refusal is announced. */
      .notice:empty {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: 0;
        padding: 0;
        border: 0;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      code {
        font-size: 0.95em;
      }
      .summary {
        margin: 0.6rem 0;
        color: var(--tc-muted);
      }
      .threads {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr));
        gap: 0.75rem;
        align-items: start;
      }
      .start {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
        margin-top: 1rem;
      }
      .start p {
        margin: 0;
        color: var(--tc-danger);
        font-weight: 600;
      }
      .current {
        margin-top: 1rem;
        padding: 0.75rem 0.9rem;
        border: 2px solid var(--tc-accent);
        border-radius: var(--tc-radius);
      }
      .current h3 {
        margin-top: 0;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.92rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.35rem 0.3rem;
        border-bottom: 1px solid var(--tc-line);
        vertical-align: middle;
        overflow-wrap: anywhere;
      }
      td.num {
        font-variant-numeric: tabular-nums;
      }
      @media (max-width: 560px) {
        .earlier thead {
          display: none;
        }
        .earlier tr {
          display: grid;
          grid-template-columns: 1fr auto;
          border-bottom: 1px solid var(--tc-line);
          padding: 0.3rem 0;
        }
        .earlier td {
          border: 0;
          padding: 0.1rem 0.3rem;
        }
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  /** The server's address ('' for this page's own). */
  @property() server = '';
  /** The facilitator link's secret. */
  @property() secret = '';

  @state() private grouping: ThreadGrouping = 'theme';
  @state() private preview: { seq: number; threads: PreviewThread[]; harvest: string | null } | null = null;
  /** Typed here and not yet (known to be) saved in the café, by thread id. */
  @state() private local: Drafts = {};
  private saving = new Map<string, ReturnType<typeof setTimeout>>();
  @state() private list: ExportList | null = null;
  @state() private target = '';
  @state() private current: ExportDetail | null = null;
  @state() private busy = false;
  @state() private error: string | null = null;
  private poll: ReturnType<typeof setTimeout> | null = null;
  private loadedFor: string | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.saveAll();
    this.stopPolling();
    this.loadedFor = null;
  }

  override updated(): void {
    const cafeId = this.state?.id;
    if (cafeId && this.secret && this.loadedFor !== cafeId) {
      this.loadedFor = cafeId;
      void this.loadPreview();
      void this.loadList();
    }
  }

  private path(rest: string): string {
    return cafePath(this.server, this.state!.id, rest);
  }

  /** The answer's value, or null with the refusal said in words. */
  private said<T>(result: ApiResult<T>): T | null {
    if (result.ok) {
      this.error = null;
      return result.value;
    }
    this.error = this.words(result.error);
    return null;
  }

  private words(error: WireError): string {
    return errorMessage(error.code as ErrorCode);
  }

  private async loadPreview(): Promise<void> {
    const grouping = this.grouping;
    const value = this.said(await apiRequest<{ seq: number; threads: ServedThread[] }>('GET', this.path(`/threads?grouping=${grouping}`), { secret: this.secret }));
    if (!value || grouping !== this.grouping) return;
    this.preview = { seq: value.seq, threads: value.threads.map(generated), harvest: this.state ? fingerprint(this.state) : null };
  }

  /** The café's saved edits of this grouping. */
  private saved(): Drafts {
    return this.state ? savedDrafts(this.state, this.grouping) : {};
  }

  /** What each thread shows: the saved edit, or what was typed since. */
  private drafts(): Drafts {
    return { ...this.saved(), ...this.local };
  }

  private async loadList(): Promise<void> {
    const value = this.said(await apiRequest<ExportList>('GET', this.path('/exports'), { secret: this.secret }));
    if (!value) return;
    this.list = value;
    if (!value.targets.some((t) => t.name === this.target)) this.target = value.targets[0]?.name ?? '';
    const running = value.exports.find((e) => e.running);
    if (!this.current && running) void this.show(running.job.jobId);
  }

  private changeDraft(change: DraftChange): void {
    const before = this.drafts()[change.threadId] ?? {};
    this.local = { ...this.local, [change.threadId]: change.draft };
    const typed = change.draft.body !== before.body ? SAVE_AFTER_MS.body : change.draft.title !== before.title ? SAVE_AFTER_MS.title : 0;
    clearTimeout(this.saving.get(change.threadId));
    this.saving.set(change.threadId, setTimeout(() => this.save(change.threadId), typed));
  }

  /** Sends what the café does not hold yet of one thread's draft. */
  private save(threadId: string, others = true): void {
    this.saving.delete(threadId);
    const draft = this.local[threadId];
    if (!draft || !this.preview) return;
    const saved = this.saved();
    const problems = titleProblems(this.preview.threads, this.drafts());
    const op = saveOp(this.grouping, threadId, draft, saved[threadId], problems.has(threadId));
    if (op) this.dispatchEvent(facilitatorOp(op));
    if (!others) return;
    // A title that clashed with this thread's may be free now: it waited for no timer of its own.
    for (const [id, d] of Object.entries(this.local)) {
      if (id !== threadId && !this.saving.has(id) && !problems.has(id) && !isSaved(d, saved[id])) this.save(id, false);
    }
  }

  private saveAll(): void {
    for (const [threadId, timer] of [...this.saving]) {
      clearTimeout(timer);
      this.save(threadId);
    }
  }

  private changeGrouping(grouping: ThreadGrouping): void {
    this.saveAll();
    this.local = {};
    this.grouping = grouping;
    this.preview = null;
    void this.loadPreview();
  }

  private stopPolling(): void {
    if (this.poll) clearTimeout(this.poll);
    this.poll = null;
  }

  /** Shows one export and, while it runs, asks for its progress every second. */
  private async show(jobId: string): Promise<void> {
    this.stopPolling();
    const value = this.said(await apiRequest<ExportDetail>('GET', this.path(`/exports/${encodeURIComponent(jobId)}`), { secret: this.secret }));
    // An answer that arrives after the console closed starts nothing more.
    if (!value || !this.isConnected) return;
    this.current = value;
    if (value.running) this.poll = setTimeout(() => void this.show(jobId), POLL_MS);
    else void this.loadList();
  }

  private async run({ jobId, retry }: RunRequest): Promise<void> {
    this.busy = true;
    const started = this.said(await apiRequest<ExportSummary>('POST', this.path(`/exports/${encodeURIComponent(jobId)}/run`), { secret: this.secret, body: retry ? { retry } : {} }));
    this.busy = false;
    if (started || this.current?.job.jobId === jobId) await this.show(jobId);
  }

  private async start(): Promise<void> {
    if (!this.preview) return;
    this.saveAll();
    this.busy = true;
    const body = exportRequest(this.target, this.grouping, this.preview.threads, this.drafts());
    const created = this.said(await apiRequest<ExportSummary>('POST', this.path('/exports'), { secret: this.secret, body }));
    this.busy = false;
    if (created) await this.run({ jobId: created.job.jobId, retry: false });
  }

  private renderTargets() {
    const targets = this.list?.targets ?? [];
    if (this.list && targets.length === 0) return nothing;
    return html`<label>
      <span>${msg('Export to', { id: 'export.target' })}</span>
      <select class="target" .value=${this.target} ?disabled=${this.busy} @change=${(e: Event) => (this.target = (e.target as HTMLSelectElement).value)}>
        ${targets.map((t) => html`<option value=${t.name} ?selected=${t.name === this.target}>${t.name}${t.kind ? ` (${t.kind})` : ''}</option>`)}
      </select>
    </label>`;
  }

  private renderThreads() {
    const p = this.preview;
    if (!p) return html`<p class="summary">${msg('Loading the seed threads …', { id: 'export.loading' })}</p>`;
    if (p.threads.length === 0) {
      return html`<p class="note">${msg('No seed threads yet: nothing in this grouping has ideas that may be published. Form themes in the harvest, or group by question or table.', { id: 'export.empty' })}</p>`;
    }
    const drafts = this.drafts();
    const saved = this.saved();
    const problems = titleProblems(p.threads, drafts);
    const count = chosen(p.threads, drafts).length;
    const noTarget = !this.target;
    return html`
      <p class="summary">${msg(str`${count} of ${p.threads.length} threads will be published.`, { id: 'export.chosen' })}</p>
      <div class="threads">
        ${p.threads.map(
          (t) => html`<tc-seed-thread
            .thread=${t}
            .draft=${drafts[t.id] ?? {}}
            .problem=${problems.get(t.id) ?? null}
            .saveState=${this.local[t.id] === undefined ? null : isSaved(this.local[t.id]!, saved[t.id]) ? 'saved' : 'saving'}
            ?disabled=${this.busy}
            @draft-change=${(e: CustomEvent<DraftChange>) => this.changeDraft(e.detail)}
          ></tc-seed-thread>`,
        )}
      </div>
      <div class="start">
        <button type="button" class="primary" ?disabled=${this.busy || problems.size > 0 || count === 0 || noTarget} @click=${() => void this.start()}>
          ${msg(str`Export ${count} threads`, { id: 'export.start' })}
        </button>
        ${problems.size > 0 ? html`<p>${msg('Fix the titles marked above first.', { id: 'export.fixTitles' })}</p>` : nothing}
      </div>
    `;
  }

  private renderEarlier() {
    const exports = this.list?.exports ?? [];
    if (exports.length === 0) return nothing;
    const when = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'short' });
    return html`<h3>${msg('Earlier exports', { id: 'export.earlier' })}</h3>
      <table class="earlier">
        <thead>
          <tr>
            <th>${msg('Started', { id: 'export.earlier.when' })}</th>
            <th>${msg('Target', { id: 'export.earlier.target' })}</th>
            <th>${msg('Exported', { id: 'export.earlier.done' })}</th>
            <th><span class="visually-hidden">${msg('Details', { id: 'export.earlier.details' })}</span></th>
          </tr>
        </thead>
        <tbody>
          ${[...exports].reverse().map(
            (e) => html`<tr>
              <td>${when.format(e.job.createdAt)}</td>
              <td>${e.target.name}</td>
              <td class="num">
                ${msg(str`${e.progress.done} of ${e.progress.total}`, { id: 'export.earlier.count' })}${e.progress.failed.length > 0
                  ? html` · ${msg(str`${e.progress.failed.length} failed`, { id: 'export.earlier.failed' })}`
                  : nothing}${e.running ? html` · ${msg('running', { id: 'export.earlier.running' })}` : nothing}
              </td>
              <td><button type="button" @click=${() => void this.show(e.job.jobId)}>${msg('Show', { id: 'export.earlier.show' })}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    // Edits of the threads move the café's seq too: only a change of what the threads are made of makes the preview stale.
    const stale = this.preview !== null && s.seq > this.preview.seq && this.preview.harvest !== null && fingerprint(s) !== this.preview.harvest;
    return html`<section class="export" aria-labelledby="export-heading">
      <h2 id="export-heading">${msg('Export to the community', { id: 'export.heading' })}</h2>
      <div class="controls">
        <label>
          <span>${msg('One thread per', { id: 'export.grouping' })}</span>
          <select class="grouping" .value=${this.grouping} ?disabled=${this.busy} @change=${(e: Event) => this.changeGrouping((e.target as HTMLSelectElement).value as ThreadGrouping)}>
            <option value="theme" ?selected=${this.grouping === 'theme'}>${msg('theme', { id: 'export.grouping.theme' })}</option>
            <option value="question" ?selected=${this.grouping === 'question'}>${msg('question', { id: 'export.grouping.question' })}</option>
            <option value="table" ?selected=${this.grouping === 'table'}>${msg('table', { id: 'export.grouping.table' })}</option>
          </select>
        </label>
        ${this.renderTargets()}
      </div>
      ${this.list && this.list.targets.length === 0
        ? html`<p class="note">
            ${msg('No export target is configured on this server. Whoever runs the server lists the targets in the file named by', { id: 'export.noTargets' })}
            <code>EXPORT_TARGETS_FILE</code> ${msg('(see docs/export.md, “Targets and secrets”).', { id: 'export.noTargets.docs' })}
          </p>`
        : nothing}
      <div class="notice" role="alert">${this.error ?? ''}</div>
      ${stale
        ? html`<p class="stale">
            ${msg('The harvest has changed since this preview.', { id: 'export.stale' })}
            <button type="button" @click=${() => void this.loadPreview()}>${msg('Show the changes', { id: 'export.refresh' })}</button>
          </p>`
        : nothing}
      ${this.renderThreads()}
      ${this.current
        ? html`<div class="current">
            <h3>${msg(str`Export to ${this.current.target.name}`, { id: 'export.current' })}</h3>
            <tc-export-progress .detail=${this.current} ?busy=${this.busy} @run-export=${(e: CustomEvent<RunRequest>) => void this.run(e.detail)}></tc-export-progress>
          </div>`
        : nothing}
      ${this.renderEarlier()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-export-screen': TcExportScreen;
  }
}
