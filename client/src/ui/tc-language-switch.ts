/** Lets a person read the face in another language than the café's. */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { allLocales, chooseLocale, getLocale, localeNames } from '../i18n.js';
import { theme } from './theme.js';

@customElement('tc-language-switch')
@localized()
export class TcLanguageSwitch extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: inline-block;
      }
      select {
        min-height: 36px;
        padding: 0.2em 0.4em;
      }
    `,
  ];

  override render() {
    return html`<label
      ><span class="visually-hidden">${msg('Language', { id: 'language.label' })}</span>
      <select @change=${(e: Event) => void chooseLocale((e.target as HTMLSelectElement).value)}>
        ${allLocales.map((l) => html`<option value=${l} ?selected=${l === getLocale()} lang=${l}>${localeNames[l] ?? l}</option>`)}
      </select></label
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tc-language-switch': TcLanguageSwitch;
  }
}
