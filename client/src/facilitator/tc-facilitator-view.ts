/**
 * The facilitator's console, drawn only from its properties: the café's state, the connection,
 * the time left and who is connected. Every action leaves it as a `facilitator-op` (or
 * `reissue-host-link`) event for the face container to send. Laid out for a laptop: what runs
 * the room on the left, what is looked at now and then on the right.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { Presence } from '../../../shared/protocol.js';
import type { ConnectionStatus } from '../controllers/cafe-connection.js';
import { phaseLabel } from '../ui/phase-label.js';
import { theme } from '../ui/theme.js';
import '../ui/tc-connection-status.js';
import '../ui/tc-countdown.js';
import '../ui/tc-language-switch.js';
import { heldIdeas } from './table-activity.js';
import './tc-add-table.js';
import './tc-broadcast-form.js';
import './tc-cafe-settings.js';
import './tc-cafe-data.js';
import './tc-export-screen.js';
import './tc-harvest-screen.js';
import './tc-invitations.js';
import './tc-people.js';
import './tc-held-ideas.js';
import './tc-round-editor.js';
import './tc-run-controls.js';
import './tc-table-grid.js';
import './tc-table-panel.js';
import type { IssuedLink } from './tc-table-panel.js';

/** "Last idea 3 min ago" needs no finer clock; a coarser one spares the grid a redraw at every countdown tick. */
const ACTIVITY_STEP_MS = 15_000;

@customElement('tc-facilitator-view')
@localized()
export class TcFacilitatorView extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--tc-paper);
      }
      header {
        position: sticky;
        top: 0;
        z-index: 2;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1.5rem;
        padding: 0.75rem 1.25rem;
        background: var(--tc-card);
        border-bottom: 2px solid var(--tc-line);
      }
      .title {
        flex: 1 1 18rem;
        min-width: 0;
      }
      h1 {
        margin: 0;
        font-size: 1.4rem;
        overflow-wrap: anywhere;
      }
      .phase {
        margin: 0.1rem 0 0;
        font-weight: 700;
        color: var(--tc-accent);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
      a {
        color: var(--tc-accent);
        font-weight: 600;
      }
      .rehearsal {
        flex: 1 0 100%;
        margin: 0 -1.25rem -0.75rem;
        padding: 0.6rem 1.25rem;
        background: var(--tc-star-soft);
        border-bottom: 3px solid var(--tc-star);
        color: var(--tc-ink);
        font-weight: 700;
        letter-spacing: 0.03em;
      }
      .rehearsal strong {
        color: var(--tc-star);
        letter-spacing: 0.12em;
        margin-right: 0.5rem;
      }
      .notice {
        display: flex;
        gap: 1rem;
        align-items: center;
        justify-content: space-between;
        grid-column: 1 / -1;
        padding: 0.5rem 0.75rem;
        border: 2px solid var(--tc-danger);
        border-radius: 10px;
        background: var(--tc-danger-soft);
        color: var(--tc-danger);
        font-weight: 600;
      }
      /* Kept in the accessibility tree (not display: none), so the next refusal is announced. */
      .notice.quiet {
        position: absolute;
        width: 1px;
        height: 1px;
        padding: 0;
        border: 0;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(22rem, 30rem);
        gap: 1.25rem;
        padding: 1rem 1.25rem 2rem;
        align-items: start;
      }
      @media (max-width: 1000px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      section {
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 0.9rem 1rem 1rem;
      }
      section + section,
      .side > * + * {
        margin-top: 1rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.15rem;
      }
      .summary {
        margin: -0.3rem 0 0.6rem;
        color: var(--tc-muted);
      }
      tc-add-table {
        margin-top: 1rem;
      }
      tc-countdown {
        --tc-countdown-size: 2.2rem;
      }
      tc-harvest-screen.harvest,
      tc-export-screen.harvest {
        grid-column: 1 / -1;
      }
      details.preview {
        margin-top: 1rem;
      }
      details.preview summary {
        cursor: pointer;
        font-weight: 700;
        font-size: 1.15rem;
        padding: 0.25rem 0;
      }
      details.preview tc-harvest-screen {
        margin-top: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) state: CafeState | null = null;
  @property() status: ConnectionStatus = 'connecting';
  /** Time left in the round or travel (negative in overtime), null when none runs. */
  @property({ attribute: false }) msLeft: number | null = null;
  /** The server's present time. */
  @property({ type: Number }) now = 0;
  @property({ attribute: false }) presence: Presence | null = null;
  /** The last refusal, in words. */
  @property() notice: string | null = null;
  @property({ attribute: false }) issuedLink: IssuedLink | null = null;
  /** Where the QR sheet of this café opens (it carries the facilitator's secret). */
  @property() qrHref = '';
  /** Where the export API is and the secret it takes; the export screen shows only with it. */
  @property({ attribute: false }) exportApi: { server: string; secret: string } | null = null;
  @state() private selected: string | null = null;
  /** Before the harvest, the harvest screen is drawn only while its preview is open. */
  @state() private previewOpen = false;

  private renderTables(s: CafeState) {
    const enabled = s.tables.filter((t) => t.enabled);
    const hosted = this.presence ? enabled.filter((t) => (this.presence!.hosts[t.id] ?? 0) > 0).length : null;
    return html`<section aria-labelledby="tables-heading">
      <h2 id="tables-heading">${msg('Tables', { id: 'facilitator.tables' })}</h2>
      ${hosted === null
        ? nothing
        : html`<p class="summary">
            ${msg(str`Host connected at ${hosted} of ${enabled.length} tables`, { id: 'facilitator.tables.summary' })} ·
            ${msg(str`Phones connected: ${this.presence!.participants}`, { id: 'facilitator.tables.phones' })}
          </p>`}
      <tc-table-grid
        .state=${s}
        .presence=${this.presence}
        .now=${Math.floor(this.now / ACTIVITY_STEP_MS) * ACTIVITY_STEP_MS}
        .selected=${this.selected}
        @select-table=${(e: CustomEvent<{ tableId: string }>) => (this.selected = this.selected === e.detail.tableId ? null : e.detail.tableId)}
      ></tc-table-grid>
      <tc-add-table .state=${s}></tc-add-table>
    </section>`;
  }

  override render() {
    const s = this.state;
    if (!s) {
      return html`<header>
        <div class="title"><h1>Tablecloth</h1></div>
        <div class="tools"><tc-connection-status .status=${this.status}></tc-connection-status></div>
      </header>`;
    }
    const held = heldIdeas(s).length;
    const harvest = s.phase.kind === 'harvest' || s.phase.kind === 'closed';
    return html`
      <header>
        <div class="title">
          <h1>${s.title}</h1>
          <p class="phase">${phaseLabel(s.phase)}</p>
        </div>
        <tc-countdown .ms=${this.msLeft} ?paused=${s.phase.kind === 'round' && s.phase.paused}></tc-countdown>
        <div class="tools">
          <a href=${this.qrHref} target="_blank" rel="noopener">${msg('QR codes to print', { id: 'facilitator.qrSheet' })}</a>
          <tc-connection-status .status=${this.status}></tc-connection-status>
          <tc-language-switch></tc-language-switch>
        </div>
        ${s.rehearsal
          ? html`<p class="rehearsal">
              <strong>${msg('REHEARSAL', { id: 'facilitator.rehearsal.banner' })}</strong>
              ${msg('Nothing of this is kept: reset the rehearsal before the real café.', { id: 'facilitator.rehearsal.bannerHint' })}
            </p>`
          : nothing}
      </header>
      <main class="layout">
        <!-- Always present, so screen readers announce what appears in it. -->
        <div class=${this.notice ? 'notice' : 'notice quiet'} role="alert">${this.notice ?? ''}</div>
        ${harvest ? html`<tc-harvest-screen class="harvest" .state=${s} ?readonly=${s.phase.kind === 'closed'} .api=${this.exportApi}></tc-harvest-screen>` : nothing}
        ${harvest && this.exportApi
          ? html`<tc-export-screen class="harvest" .state=${s} .server=${this.exportApi.server} .secret=${this.exportApi.secret}></tc-export-screen>`
          : nothing}
        <div class="main">
          <section aria-labelledby="run-heading">
            <h2 id="run-heading">${msg('Run the café', { id: 'facilitator.run' })}</h2>
            <tc-run-controls .state=${s} .now=${this.now}></tc-run-controls>
          </section>
          ${this.renderTables(s)}
          <section aria-labelledby="people-heading">
            <h2 id="people-heading">${msg('People', { id: 'facilitator.people' })}</h2>
            <tc-people .state=${s}></tc-people>
          </section>
          ${harvest
            ? nothing
            : html`<details class="preview" @toggle=${(e: Event) => (this.previewOpen = (e.target as HTMLDetailsElement).open)}>
                <summary>${msg('Preview the harvest screen', { id: 'facilitator.harvest.previewOpen' })}</summary>
                ${this.previewOpen ? html`<tc-harvest-screen .state=${s} readonly></tc-harvest-screen>` : nothing}
              </details>`}
        </div>
        <div class="side">
          ${this.selected
            ? html`<section class="panel">
                <tc-table-panel .state=${s} .presence=${this.presence} .tableId=${this.selected} .issuedLink=${this.issuedLink}></tc-table-panel>
              </section>`
            : nothing}
          ${s.premoderation || held > 0
            ? html`<section aria-labelledby="held-heading">
                <h2 id="held-heading">${msg(str`Waiting for approval (${held})`, { id: 'facilitator.held' })}</h2>
                <tc-held-ideas .state=${s}></tc-held-ideas>
              </section>`
            : nothing}
          ${harvest && this.exportApi
            ? html`<section><tc-invitations .state=${s} .server=${this.exportApi.server} .secret=${this.exportApi.secret}></tc-invitations></section>`
            : nothing}
          <section aria-labelledby="broadcast-heading">
            <h2 id="broadcast-heading">${msg('Message to the room', { id: 'facilitator.broadcast' })}</h2>
            <tc-broadcast-form .broadcast=${s.broadcast} ?disabled=${s.phase.kind === 'closed'}></tc-broadcast-form>
          </section>
          <section aria-labelledby="rounds-heading">
            <h2 id="rounds-heading">${msg('Rounds', { id: 'facilitator.rounds' })}</h2>
            <tc-round-editor .state=${s}></tc-round-editor>
          </section>
          <section aria-labelledby="settings-heading">
            <h2 id="settings-heading">${msg('Settings', { id: 'facilitator.settings' })}</h2>
            <tc-cafe-settings .state=${s} .presence=${this.presence}></tc-cafe-settings>
          </section>
          ${this.exportApi
            ? html`<section aria-labelledby="data-heading">
                <h2 id="data-heading">${msg('The café’s data', { id: 'facilitator.data' })}</h2>
                <tc-cafe-data .state=${s} .server=${this.exportApi.server} .secret=${this.exportApi.secret}></tc-cafe-data>
              </section>`
            : nothing}
        </div>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-facilitator-view': TcFacilitatorView;
  }
}
