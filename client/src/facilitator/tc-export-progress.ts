/**
 * One export as it runs and after: n of m threads there, each failure with its reason, the
 * threads "maybe sent" that a person must look for on the target, links to the created threads,
 * and the ways on: retry the failed ones, resume a run that stopped.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../ui/theme.js';
import { linkable, type ExportDetail } from './export-jobs.js';

export type RunRequest = { jobId: string; retry: boolean };

/** What a target's refusal means, in the person's language; the target's own reason is shown beside it. */
function failureText(code: string): string {
  switch (code) {
    case 'TARGET_AUTH':
      return msg('The target refused the server’s credentials.', { id: 'export.failure.auth' });
    case 'TARGET_UNREACHABLE':
      return msg('The target could not be reached; trying again later may work.', { id: 'export.failure.unreachable' });
    case 'TARGET_RATE_LIMITED':
      return msg('The target asked to slow down; try again later.', { id: 'export.failure.rateLimited' });
    case 'TARGET_REFUSED':
      return msg('The target refused this thread.', { id: 'export.failure.refused' });
    case 'TARGET_INVALID':
      return msg('The target answered something unexpected: check there by hand.', { id: 'export.failure.invalid' });
    case 'TARGET_CONFIG':
      return msg('The target is not configured correctly on the server.', { id: 'export.failure.config' });
    default:
      return msg('The export of this thread failed.', { id: 'export.failure.other' });
  }
}

@customElement('tc-export-progress')
@localized()
export class TcExportProgress extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .count {
        margin: 0 0 0.4rem;
        font-size: 1.15rem;
        font-weight: 700;
      }
      progress {
        width: 100%;
        height: 1rem;
        accent-color: var(--tc-accent);
      }
      h4 {
        margin: 0.9rem 0 0.3rem;
        font-size: 1rem;
      }
      ul {
        margin: 0;
        padding-inline-start: 1.2rem;
      }
      li {
        margin: 0.25rem 0;
        overflow-wrap: anywhere;
      }
      .failed h4,
      .reason-code {
        color: var(--tc-danger);
      }
      .maybe h4 {
        color: var(--tc-warn);
      }
      .reason {
        display: block;
        color: var(--tc-muted);
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      a {
        color: var(--tc-accent);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) detail: ExportDetail | null = null;
  /** A run is being asked for: the buttons wait. */
  @property({ type: Boolean }) busy = false;

  private run(retry: boolean): void {
    this.dispatchEvent(new CustomEvent<RunRequest>('run-export', { detail: { jobId: this.detail!.job.jobId, retry }, bubbles: true, composed: true }));
  }

  override render() {
    const d = this.detail;
    if (!d) return nothing;
    const p = d.progress;
    const titles = new Map(d.threads.map((t) => [t.threadId, t.title]));
    const links = d.threads.filter((t) => (t.outcome?.status === 'created' || t.outcome?.status === 'found') && linkable(t.outcome.url));
    const stopped = !d.running && p.pending > 0;
    return html`
      <p class="count" role="status" aria-live="polite">
        ${msg(str`${p.done} of ${p.total} threads exported`, { id: 'export.progress.count' })}
        ${d.running ? html` · ${msg('running …', { id: 'export.progress.running' })}` : nothing}
        ${stopped ? html` · ${msg('stopped', { id: 'export.progress.stopped' })}` : nothing}
      </p>
      <progress max=${Math.max(1, p.total)} .value=${p.done} aria-label=${msg('Export progress', { id: 'export.progress.label' })}></progress>
      ${p.failed.length > 0
        ? html`<div class="failed">
            <h4>${msg(str`Failed (${p.failed.length})`, { id: 'export.progress.failed' })}</h4>
            <ul>
              ${p.failed.map(
                (f) => html`<li>
                  <strong>${f.title}</strong>: ${failureText(f.code)}
                  <span class="reason">${f.message} (<span class="reason-code">${f.code}</span>)</span>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      ${p.maybeSent.length > 0
        ? html`<div class="maybe">
            <h4>${msg(str`Maybe sent: check these by hand (${p.maybeSent.length})`, { id: 'export.progress.maybe' })}</h4>
            <p class="reason">${msg('The target may have created these threads, but its answer was lost. Look for them there; they are not sent again.', { id: 'export.progress.maybeHint' })}</p>
            <ul>
              ${p.maybeSent.map((id) => html`<li>${titles.get(id) ?? id}</li>`)}
            </ul>
          </div>`
        : nothing}
      ${links.length > 0
        ? html`<h4>${msg('Threads in the community', { id: 'export.progress.links' })}</h4>
            <ul>
              ${links.map((t) => html`<li><a href=${t.outcome!.url!} target="_blank" rel="noopener noreferrer">${t.title}</a></li>`)}
            </ul>`
        : nothing}
      <div class="actions">
        ${p.failed.length > 0 && !d.running
          ? html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.run(true)}>${msg('Retry failed', { id: 'export.progress.retry' })}</button>`
          : nothing}
        ${stopped
          ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.run(false)}>${msg('Resume', { id: 'export.progress.resume' })}</button>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-export-progress': TcExportProgress;
  }
  interface HTMLElementEventMap {
    'run-export': CustomEvent<RunRequest>;
  }
}
