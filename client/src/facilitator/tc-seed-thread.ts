/**
 * One seed thread on the export screen: whether it is published, its title (checked as the
 * targets check it), its body rendered as it will appear or edited as Markdown with a way back
 * to the generated text, and what it carries (ideas, photos, votes, stakeholder mix).
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { theme } from '../ui/theme.js';
import { TITLE_MAX, TITLE_MIN, type TitleProblem } from '../../../shared/export-api.js';
import { BODY_MAX, type PreviewThread, type ThreadDraft } from './export-drafts.js';

type Render = (markdown: string) => string;
/** markdown-it is loaded with the first preview, not with the console. */
let renderer: Promise<Render> | null = null;
const loadRenderer = () => (renderer ??= import('../../../shared/harvest/body-html.js').then((m) => m.bodyHtml));

export type DraftChange = { threadId: string; draft: ThreadDraft };

@customElement('tc-seed-thread')
@localized()
export class TcSeedThread extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.75rem 0.9rem 0.9rem;
      }
      :host([skipped]) {
        background: var(--tc-paper);
        border-style: dashed;
      }
      .publish {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 700;
        min-height: 44px;
      }
      .publish input {
        width: 1.3rem;
        height: 1.3rem;
        min-height: 0;
        margin: 0;
      }
      label.field {
        display: grid;
        gap: 0.2rem;
        margin-top: 0.4rem;
        font-size: 0.85rem;
        font-weight: 600;
      }
      input[type='text'],
      textarea {
        width: 100%;
        font-weight: 400;
      }
      input[aria-invalid='true'] {
        border-color: var(--tc-danger);
      }
      .problem {
        margin: 0.2rem 0 0;
        color: var(--tc-danger);
        font-weight: 600;
        font-size: 0.9rem;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 1rem;
        margin: 0.5rem 0;
        padding: 0;
        list-style: none;
        color: var(--tc-muted);
        font-size: 0.9rem;
      }
      .facts li {
        overflow-wrap: anywhere;
      }
      .facts strong {
        color: var(--tc-ink);
      }
      .body {
        max-height: 18rem;
        overflow: auto;
        padding: 0 0.75rem;
        border: 1px solid var(--tc-line);
        border-radius: 8px;
        background: var(--tc-paper);
        overflow-wrap: anywhere;
        font-size: 0.92rem;
      }
      .body h2 {
        font-size: 1.05rem;
      }
      textarea {
        min-height: 14rem;
        font-family: ui-monospace, 'Cascadia Mono', Menlo, monospace;
        font-size: 0.88rem;
        resize: vertical;
      }
      .hint {
        margin: 0.3rem 0 0;
        color: var(--tc-muted);
        font-size: 0.85rem;
      }
      .edited {
        color: var(--tc-star);
        font-weight: 700;
      }
      .save-state {
        align-self: center;
        color: var(--tc-muted);
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) thread: PreviewThread | null = null;
  @property({ attribute: false }) draft: ThreadDraft = {};
  @property({ attribute: false }) problem: TitleProblem | null = null;
  /** Whether what was typed here is saved in the café yet; null when nothing was typed. */
  @property({ attribute: false }) saveState: 'saving' | 'saved' | null = null;
  /** Nothing can be changed while an export is being started. */
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean, reflect: true }) skipped = false;
  @state() private editing = false;
  @state() private toHtml: Render | null = null;
  private cache = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    void loadRenderer().then((render) => (this.toHtml = render));
  }

  override willUpdate(): void {
    this.skipped = Boolean(this.draft.skip);
  }

  private change(draft: ThreadDraft): void {
    this.dispatchEvent(new CustomEvent<DraftChange>('draft-change', { detail: { threadId: this.thread!.id, draft }, bubbles: true, composed: true }));
  }

  private rendered(markdown: string) {
    if (!this.toHtml) return html`<p>${msg('Loading the preview …', { id: 'export.thread.loading' })}</p>`;
    let out = this.cache.get(markdown);
    if (out === undefined) {
      // markdown-it with raw HTML off (shared/harvest/body-html.ts): what it writes is its own markup, the text escaped.
      out = this.toHtml(markdown);
      if (this.cache.size > 20) this.cache.clear();
      this.cache.set(markdown, out);
    }
    return unsafeHTML(out);
  }

  private problemText(problem: TitleProblem): string {
    switch (problem) {
      case 'short':
        return msg(str`A title needs at least ${TITLE_MIN} characters.`, { id: 'export.title.short' });
      case 'long':
        return msg(str`A title may have at most ${TITLE_MAX} characters.`, { id: 'export.title.long' });
      case 'taken':
        return msg('Another thread has this title: each needs its own.', { id: 'export.title.taken' });
    }
  }

  override render() {
    const t = this.thread;
    if (!t) return nothing;
    const id = `thread-${t.id}`;
    const title = this.draft.title ?? t.title;
    const body = this.draft.body ?? t.body;
    const mix = t.stakeholderMix.contributed.map((g) => `${g.group} (${g.ideas})`).join(', ');
    const missing = t.stakeholderMix.missing.join(', ');
    const photos = t.photoIds?.length ?? 0;
    const off = this.disabled;
    return html`
      <label class="publish">
        <input type="checkbox" .checked=${!this.draft.skip} ?disabled=${off} @change=${(e: Event) => this.change({ ...this.draft, skip: !(e.target as HTMLInputElement).checked })} />
        <span>${msg('Publish this thread', { id: 'export.thread.publish' })}</span>
      </label>
      <label class="field">
        <span>${msg('Title', { id: 'export.thread.title' })}</span>
        <input
          type="text"
          .value=${title}
          maxlength=${TITLE_MAX + 50}
          ?disabled=${off || Boolean(this.draft.skip)}
          aria-invalid=${this.problem ? 'true' : 'false'}
          aria-describedby=${this.problem ? `${id}-problem` : nothing}
          @input=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value;
            this.change({ ...this.draft, title: value === t.title ? undefined : value });
          }}
        />
      </label>
      ${this.problem ? html`<p class="problem" id="${id}-problem">${this.problemText(this.problem)}</p>` : nothing}
      <ul class="facts">
        <li><strong>${t.ideas.length}</strong> ${t.ideas.length === 1 ? msg('idea', { id: 'export.thread.idea' }) : msg('ideas', { id: 'export.thread.ideas' })}</li>
        <li><strong>${photos}</strong> ${photos === 1 ? msg('photo', { id: 'export.thread.photo' }) : msg('photos', { id: 'export.thread.photos' })}</li>
        ${t.votes === null
          ? nothing
          : html`<li><strong>${t.votes}</strong> ${t.votes === 1 ? msg('vote', { id: 'export.thread.vote' }) : msg('votes', { id: 'export.thread.votes' })}</li>`}
        ${mix ? html`<li>${msg('Groups:', { id: 'export.thread.groups' })} ${mix}</li>` : nothing}
        ${missing ? html`<li>${msg('No ideas from:', { id: 'export.thread.missing' })} ${missing}</li>` : nothing}
      </ul>
      ${this.editing
        ? html`<label class="field">
            <span>${msg('Text (Markdown)', { id: 'export.thread.bodyLabel' })}</span>
            <textarea
              .value=${body}
              maxlength=${BODY_MAX}
              aria-describedby="${id}-hint"
              ?disabled=${off}
              @input=${(e: Event) => {
                const value = (e.target as HTMLTextAreaElement).value;
                this.change({ ...this.draft, body: value === t.body ? undefined : value });
              }}
            ></textarea>
          </label>
          <p class="hint" id="${id}-hint">
            ${msg('The backslashes keep what participants wrote as plain text on every target; take one away only where you mean Markdown.', { id: 'export.thread.bodyHint' })}
          </p>`
        : html`<div class="body" role="region" tabindex="0" aria-label=${msg(str`Text of “${title}” as it will appear`, { id: 'export.thread.bodyRegion' })}>
            ${this.rendered(body)}
          </div>`}
      <div class="actions">
        <button type="button" aria-pressed=${this.editing ? 'true' : 'false'} ?disabled=${off} @click=${() => (this.editing = !this.editing)}>
          ${this.editing ? msg('Show as it will appear', { id: 'export.thread.showPreview' }) : msg('Edit the text', { id: 'export.thread.edit' })}
        </button>
        ${this.draft.body !== undefined || this.draft.title !== undefined
          ? html`<button type="button" ?disabled=${off} @click=${() => this.change({ skip: this.draft.skip })}>
                ${msg('Reset to generated', { id: 'export.thread.reset' })}
              </button>
              <span class="edited">${msg('Edited', { id: 'export.thread.edited' })}</span>`
          : nothing}
        <span class="save-state" role="status">${this.saveState === 'saved'
          ? msg('Saved', { id: 'export.thread.saved' })
          : this.saveState === 'saving'
            ? this.problem
              ? msg('Not saved until the title is fixed', { id: 'export.thread.unsaved' })
              : msg('Saving …', { id: 'export.thread.saving' })
            : ''}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-seed-thread': TcSeedThread;
  }
  interface HTMLElementEventMap {
    'draft-change': CustomEvent<DraftChange>;
  }
}
