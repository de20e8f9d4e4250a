/**
 * The café's stakeholder groups as removable chips, an add field (Enter adds, it does not submit
 * the café form), and a button that adds typical groups of an education network in the current
 * language. Fires `groups-change` with the new list.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { GROUP_NAME_MAX, normalizeText, textLength } from '../../../shared/text.js';
import { theme } from '../ui/theme.js';

export const MAX_GROUPS = 20;
export type GroupsChangeEvent = CustomEvent<{ groups: string[] }>;

const exampleGroups = () => [
  msg('teachers', { id: 'start.groups.teachers' }),
  msg('students', { id: 'start.groups.students' }),
  msg('parents', { id: 'start.groups.parents' }),
  msg('administration', { id: 'start.groups.administration' }),
  msg('universities', { id: 'start.groups.universities' }),
  msg('unions', { id: 'start.groups.unions' }),
];

@customElement('tc-start-groups')
@localized()
export class TcStartGroups extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin: 0 0 0.6rem;
        padding: 0;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: 0.2rem;
        padding-inline-start: 0.8rem;
        border-radius: 999px;
        background: var(--tc-accent-soft);
        font-weight: 600;
        max-width: 100%;
        overflow-wrap: anywhere;
      }
      li button {
        border: 0;
        background: transparent;
        min-width: 44px;
        padding: 0 0.6rem;
        font-size: 1.2rem;
        line-height: 1;
      }
      .add {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
      }
      .add input {
        flex: 1 1 10rem;
        min-width: 0;
      }
      .problem {
        color: var(--tc-danger);
        font-weight: 600;
        margin: 0.3rem 0 0;
      }
      .none {
        color: var(--tc-muted);
        margin: 0 0 0.6rem;
      }
    `,
  ];

  @property({ attribute: false }) groups: string[] = [];
  @state() private draft = '';
  @state() private problem: string | null = null;
  @query('#new-group') private field!: HTMLInputElement;
  /** What we last asked the form for, until it gives it back: two changes in one task both count. */
  private asked: string[] | null = null;

  private get current(): string[] {
    return this.asked ?? this.groups;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('groups')) this.asked = null;
  }

  override render() {
    return html`${this.groups.length === 0
        ? html`<p class="none">${msg('No groups: participants are not asked which group they belong to.', { id: 'start.groups.none' })}</p>`
        : html`<ul aria-label=${msg('Stakeholder groups', { id: 'start.groups.label' })}>
            ${this.groups.map(
              (g) =>
                html`<li>
                  ${g}<button type="button" aria-label=${msg(str`Remove ${g}`, { id: 'start.groups.remove' })} @click=${() => this.removeGroup(g)}>×</button>
                </li>`,
            )}
          </ul>`}
      <div class="add">
        <label for="new-group" class="visually-hidden">${msg('New group', { id: 'start.groups.new' })}</label>
        <input
          id="new-group"
          maxlength=${GROUP_NAME_MAX}
          placeholder=${msg('e.g. parents', { id: 'start.groups.placeholder' })}
          aria-describedby=${this.problem ? 'group-problem' : nothing}
          .value=${this.draft}
          @input=${(e: Event) => (this.draft = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.isComposing) {
              e.preventDefault();
              this.add();
            }
          }}
        />
        <button type="button" @click=${() => this.add()}>${msg('Add group', { id: 'start.groups.add' })}</button>
        <button type="button" @click=${() => this.addExamples()}>${msg('Use example groups', { id: 'start.groups.examples' })}</button>
      </div>
      ${this.problem ? html`<p class="problem" id="group-problem" role="alert">${this.problem}</p>` : nothing}`;
  }

  private add(): void {
    const name = normalizeText(this.draft);
    if (name === '') return;
    if (textLength(name) > GROUP_NAME_MAX) this.problem = msg('This name is too long.', { id: 'start.groups.tooLong' });
    else if (this.current.includes(name)) this.problem = msg('This group is already there.', { id: 'start.groups.duplicate' });
    else if (this.current.length >= MAX_GROUPS) this.problem = msg(str`At most ${MAX_GROUPS} groups.`, { id: 'start.groups.tooMany' });
    else {
      this.problem = null;
      this.draft = '';
      this.change([...this.current, name]);
    }
    this.field.focus();
  }

  private addExamples(): void {
    const added = exampleGroups().filter((g) => !this.current.includes(g));
    this.change([...this.current, ...added].slice(0, MAX_GROUPS));
  }

  private removeGroup(group: string): void {
    this.problem = null;
    this.change(this.current.filter((g) => g !== group));
    this.field.focus();
  }

  private change(groups: string[]): void {
    this.asked = groups;
    this.dispatchEvent(new CustomEvent('groups-change', { detail: { groups }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-start-groups': TcStartGroups;
  }
}
