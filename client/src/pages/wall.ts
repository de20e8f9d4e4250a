/** The live wall (`/wall#secret`), projected for the room. */
import { msg } from '@lit/localize';
import locales from 'virtual:tablecloth-locales/wall';
import { applyLocale, configureLocales } from '../i18n.js';
import { secretFromLocation } from '../lib/link.js';
import '../wall/tc-wall.js';

configureLocales(locales);

const secret = secretFromLocation();
if (secret) {
  const wall = document.createElement('tc-wall');
  wall.secret = secret;
  document.body.replaceChildren(wall);
} else {
  // No café yet to say the language: the person's own choice, else English. Large: it is projected.
  void applyLocale(null).then(() => {
    const main = document.createElement('main');
    main.style.cssText = 'max-width:60rem;margin:8vh auto;padding:0 4vw;font-size:max(32px,3vmin);line-height:1.3';
    const h1 = document.createElement('h1');
    h1.textContent = msg('This page needs a wall link', { id: 'wall.noSecretTitle' });
    const p = document.createElement('p');
    p.textContent = msg('Open the wall link from the facilitator console (it ends in #… after /wall) on the computer connected to the projector.', {
      id: 'wall.noSecret',
    });
    main.append(h1, p);
    document.body.replaceChildren(main);
  });
}
