/**
 * The fields a participant fills in about themselves — an optional name, an optional stakeholder
 * group, and the two consent choices — shared by the join form and the profile editor so both
 * explain the choices in the same words. The consent boxes are never ticked for the person
 * (GDPR: consent must be given explicitly).
 */
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { Consent } from '../../../shared/domain/state.js';
import { DISPLAY_NAME_MAX } from '../../../shared/text.js';

export interface ProfileChoices {
  displayName: string;
  group: string | null;
  consent: Consent;
}

export const noChoices = (): ProfileChoices => ({ displayName: '', group: null, consent: { publish: false, showName: false } });

/**
 * `change` receives a function of the current choices, not a copy of the rendered ones: two taps
 * before the next render (a chip, then a box) must both count.
 */
export function profileFields(groups: readonly string[], value: ProfileChoices, change: (next: (current: ProfileChoices) => ProfileChoices) => void) {
  const set = (patch: Partial<ProfileChoices>) => change((current) => ({ ...current, ...patch }));
  const setConsent = (patch: Partial<Consent>) => change((current) => ({ ...current, consent: { ...current.consent, ...patch } }));
  const checked = (e: Event) => (e.target as HTMLInputElement).checked;
  const groupChip = (group: string | null, label: string) =>
    html`<label class="chip"
      ><input type="radio" name="group" .checked=${value.group === group} @change=${() => set({ group })} /><span>${label}</span></label
    >`;
  return html`
    <div class="field">
      <label for="name">${msg('Your name (optional)', { id: 'join.name.label' })}</label>
      <input
        id="name"
        autocomplete="nickname"
        maxlength=${DISPLAY_NAME_MAX}
        aria-describedby="name-hint"
        .value=${value.displayName}
        @input=${(e: Event) => set({ displayName: (e.target as HTMLInputElement).value })}
      />
      <p class="hint" id="name-hint">${msg('Others see it only if you allow it below.', { id: 'join.name.hint' })}</p>
    </div>
    ${groups.length === 0
      ? nothing
      : html`<fieldset>
          <legend>${msg('Which group are you part of? (optional)', { id: 'join.group.legend' })}</legend>
          <div class="chips">${groupChip(null, msg('Prefer not to say', { id: 'join.group.none' }))}${groups.map((g) => groupChip(g, g))}</div>
        </fieldset>`}
    <fieldset>
      <legend>${msg('What may happen with your ideas', { id: 'join.consent.legend' })}</legend>
      <p class="hint">
        ${msg('During the café, what you write is shown at your table and on the wall of the room.', { id: 'join.consent.intro' })}
      </p>
      <label class="check">
        <input type="checkbox" aria-describedby="publish-hint" .checked=${value.consent.publish} @change=${(e: Event) => setConsent({ publish: checked(e) })} />
        <span>${msg('My ideas may be published after the café', { id: 'join.consent.publish' })}</span>
      </label>
      <p class="hint indent" id="publish-hint">
        ${msg('For example in the report of the café or in the online community where the conversation goes on. Unticked, your ideas stay in the room.', {
          id: 'join.consent.publishHint',
        })}
      </p>
      <label class="check">
        <input type="checkbox" aria-describedby="show-name-hint" .checked=${value.consent.showName} @change=${(e: Event) => setConsent({ showName: checked(e) })} />
        <span>${msg('My name may be shown next to my ideas', { id: 'join.consent.showName' })}</span>
      </label>
      <p class="hint indent" id="show-name-hint">${msg('Unticked, your ideas appear without your name.', { id: 'join.consent.showNameHint' })}</p>
      <p class="hint">${msg('You can change these choices later on this page.', { id: 'join.consent.later' })}</p>
    </fieldset>
  `;
}

export const profileFieldStyles = css`
  .field {
    display: grid;
    gap: 0.3rem;
    margin-block: 0 1rem;
  }
  label {
    font-weight: 600;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 1rem;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-bottom: 0.4rem;
  }
  .hint {
    margin: 0.2rem 0 0.6rem;
    color: var(--tc-muted);
    font-size: 0.95rem;
  }
  .hint.indent {
    margin-inline-start: 2.4rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 44px;
    padding: 0.3rem 0.9rem 0.3rem 0.6rem;
    border: 2px solid var(--tc-line);
    border-radius: 999px;
    background: var(--tc-card);
    font-weight: 500;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .chip:has(input:checked) {
    border-color: var(--tc-accent);
    background: var(--tc-accent-soft);
    font-weight: 700;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.7rem;
    min-height: 44px;
    padding-top: 0.5rem;
  }
  input[type='radio'],
  input[type='checkbox'] {
    min-height: 0;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: var(--tc-accent);
  }
  input:not([type]) {
    width: 100%;
  }
`;
