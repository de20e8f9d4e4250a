/**
 * Puts a face that needs its link's secret on the page, or — when the link lost its #secret —
 * says so in the person's language (there is no café yet to tell the language: their own
 * choice, else English).
 */
import { applyLocale } from '../i18n.js';
import { secretFromLocation } from './link.js';

type FaceTag = 'tc-facilitator-face' | 'tc-qr-sheet' | 'tc-host-face' | 'tc-wall';

export interface MissingSecret {
  heading: () => string;
  text: () => string;
  /** Inline style of the message (a wall's is large: it is projected). */
  style: string;
}

export function mountWithSecret(tag: FaceTag, missing: MissingSecret): void {
  const secret = secretFromLocation();
  if (secret) {
    const face = document.createElement(tag);
    face.secret = secret;
    document.body.replaceChildren(face);
    return;
  }
  void applyLocale(null).then(() => {
    const main = document.createElement('main');
    main.style.cssText = missing.style;
    const h1 = document.createElement('h1');
    h1.textContent = missing.heading();
    const p = document.createElement('p');
    p.textContent = missing.text();
    main.append(h1, p);
    document.body.replaceChildren(main);
  });
}
