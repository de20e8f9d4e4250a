/**
 * The start page: join a café by its code, reopen a café created on this device, or create one.
 * Turns the views' events into HTTP requests; after creating, shows the links and remembers the
 * café on this device.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CafeSetup } from '../../../shared/domain/commands.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { fetchIntro } from '../join/join-api.js';
import { apiRequest } from '../lib/api-request.js';
import '../ui/tc-language-switch.js';
import { theme } from '../ui/theme.js';
import { forgetCafe, loadMyCafes, rememberCafe, type MyCafe } from './my-cafes.js';
import './tc-start-cafes.js';
import type { ForgetCafeEvent } from './tc-start-cafes.js';
import './tc-start-form.js';
import type { CreateCafeEvent } from './tc-start-form.js';
import './tc-start-join.js';
import type { JoinCodeEvent } from './tc-start-join.js';
import './tc-start-links.js';
import type { CreatedCafe } from './tc-start-links.js';

/** The parts of POST /api/cafes' answer (server/http/schemas.ts CafeLinksBody) the start page uses. */
interface CafeLinks {
  cafeId: string;
  joinCode: string;
  facilitator: string | null;
  wall: string[];
  join: string;
}

@customElement('tc-start-face')
@localized()
export class TcStartFace extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        max-width: 72rem;
        margin: 0 auto;
        padding: 0.8rem 1rem 3rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      h1 {
        margin: 0;
        font-size: 1.8rem;
      }
      .tagline {
        flex: 1 1 14rem;
        margin: 0;
        color: var(--tc-muted);
      }
      main {
        display: grid;
        gap: 1.2rem;
        align-items: start;
      }
      /* On a laptop the form takes the left column; on a phone joining comes first (the DOM order). */
      @media (min-width: 60rem) {
        main {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        }
        .join,
        .mine {
          grid-column: 2;
        }
        .create {
          grid-column: 1;
          grid-row: 1 / span 3;
        }
      }
      section {
        background: var(--tc-card);
        border: 1px solid var(--tc-line);
        border-radius: var(--tc-radius);
        padding: 1rem 1.1rem 1.2rem;
        min-width: 0;
      }
      h2 {
        margin: 0 0 0.8rem;
        font-size: 1.35rem;
      }
    `,
  ];

  @state() private cafes: MyCafe[] = loadMyCafes();
  @state() private created: CreatedCafe | null = null;
  @state() private creating = false;
  @state() private createError: ErrorCode | null = null;
  @state() private checkingCode = false;
  @state() private codeError: ErrorCode | null = null;

  override render() {
    return html`<header>
        <h1>Tablecloth</h1>
        <p class="tagline">${msg('Your World Café, live: rounds, tables, ideas and the harvest.', { id: 'start.tagline' })}</p>
        <tc-language-switch></tc-language-switch>
      </header>
      <main>
        <section class="join" aria-labelledby="join-title">
          <h2 id="join-title">${msg('Join a café', { id: 'start.join.title' })}</h2>
          <tc-start-join .busy=${this.checkingCode} .error=${this.codeError} @join-code=${(e: JoinCodeEvent) => void this.joinByCode(e.detail.code)}></tc-start-join>
        </section>
        ${this.cafes.length > 0
          ? html`<section class="mine" aria-labelledby="mine-title">
              <h2 id="mine-title">${msg('Your cafés on this device', { id: 'start.cafes.title' })}</h2>
              <tc-start-cafes .cafes=${this.cafes} @forget-cafe=${(e: ForgetCafeEvent) => (this.cafes = forgetCafe(e.detail.cafeId))}></tc-start-cafes>
            </section>`
          : nothing}
        <section class="create" aria-labelledby=${this.created ? nothing : 'create-title'}>
          ${this.created
            ? html`<tc-start-links .cafe=${this.created} @new-cafe=${() => (this.created = null)}></tc-start-links>`
            : html`<h2 id="create-title">${msg('Create a café', { id: 'start.create.title' })}</h2>
                <tc-start-form .busy=${this.creating} .error=${this.createError} @create-cafe=${(e: CreateCafeEvent) => void this.create(e.detail)}></tc-start-form>`}
        </section>
      </main>`;
  }

  private async joinByCode(code: string): Promise<void> {
    this.checkingCode = true;
    this.codeError = null;
    const intro = await fetchIntro(code);
    this.checkingCode = false;
    if (intro.ok) window.location.assign(`/j/${code}`);
    else this.codeError = intro.error.code;
  }

  private async create(setup: CafeSetup): Promise<void> {
    this.creating = true;
    this.createError = null;
    const result = await apiRequest<CafeLinks>('POST', '/api/cafes', { body: setup });
    this.creating = false;
    if (!result.ok) {
      this.createError = result.error.code;
      return;
    }
    const links = result.value;
    const facilitator = links.facilitator ?? '';
    this.created = { title: setup.title, facilitator, wall: links.wall[0] ?? null, joinCode: links.joinCode, join: links.join };
    this.cafes = rememberCafe({ cafeId: links.cafeId, title: setup.title, facilitator, wall: this.created.wall, joinCode: links.joinCode, createdAt: Date.now() });
    await this.updateComplete;
    const links$ = this.renderRoot.querySelector('tc-start-links');
    await links$?.updateComplete;
    links$?.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    links$?.scrollIntoView({ block: 'start' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-face': TcStartFace;
  }
}
