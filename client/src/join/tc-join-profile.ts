/**
 * The participant's name, group and consent, shown as a short summary and changeable at any time
 * (withdrawing consent must be as easy as giving it). Fires `update-profile`.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Participant } from '../../../shared/domain/state.js';
import { theme } from '../ui/theme.js';
import { profileFields, profileFieldStyles, type ProfileChoices } from './profile-fields.js';

export interface UpdateProfileDetail {
  displayName: string | null;
  group: string | null;
  consent: { publish: boolean; showName: boolean };
}
export type UpdateProfileEvent = CustomEvent<UpdateProfileDetail>;

@customElement('tc-join-profile')
@localized()
export class TcJoinProfile extends LitElement {
  static override styles = [
    theme,
    profileFieldStyles,
    css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.8rem;
        margin: 0 0 0.8rem;
      }
      dt {
        color: var(--tc-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];

  @property({ attribute: false }) participant: Participant | null = null;
  @property({ attribute: false }) groups: string[] = [];
  /** False once the café is closed. */
  @property({ type: Boolean }) editable = true;

  @state() private choices: ProfileChoices | null = null;

  override render() {
    const p = this.participant;
    if (!p) return nothing;
    if (this.choices) return this.renderForm(this.choices);
    const yes = msg('yes', { id: 'join.profile.yes' });
    const no = msg('no', { id: 'join.profile.no' });
    return html`<dl>
        <dt>${msg('Name', { id: 'join.profile.name' })}</dt>
        <dd>${p.displayName ?? msg('none', { id: 'join.profile.none' })}</dd>
        <dt>${msg('Group', { id: 'join.profile.group' })}</dt>
        <dd>${p.group ?? msg('none', { id: 'join.profile.none' })}</dd>
        <dt>${msg('Publish my ideas', { id: 'join.profile.publish' })}</dt>
        <dd>${p.consent.publish ? yes : no}</dd>
        <dt>${msg('Show my name', { id: 'join.profile.showName' })}</dt>
        <dd>${p.consent.showName ? yes : no}</dd>
      </dl>
      ${this.editable
        ? html`<button
            @click=${() => (this.choices = { displayName: p.displayName ?? '', group: p.group, consent: { ...p.consent } })}
          >
            ${msg('Change', { id: 'join.profile.change' })}
          </button>`
        : nothing}`;
  }

  private renderForm(choices: ProfileChoices) {
    return html`<form @submit=${this.save}>
      ${profileFields(this.groups, choices, (next) => (this.choices = this.choices && next(this.choices)))}
      <div class="actions">
        <button type="submit" class="primary">${msg('Save', { id: 'join.ideas.save' })}</button>
        <button type="button" @click=${() => (this.choices = null)}>${msg('Cancel', { id: 'join.ideas.cancel' })}</button>
      </div>
    </form>`;
  }

  private save(e: Event): void {
    e.preventDefault();
    const c = this.choices;
    if (!c) return;
    const name = c.displayName.trim();
    const detail: UpdateProfileDetail = { displayName: name === '' ? null : name, group: c.group, consent: { ...c.consent } };
    this.choices = null;
    this.dispatchEvent(new CustomEvent('update-profile', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-join-profile': TcJoinProfile;
  }
}
