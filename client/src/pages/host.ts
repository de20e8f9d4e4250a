/** The table host's page (`/host#secret`): the link's secret claims the table. */
import { msg } from '@lit/localize';
import '../host/tc-host-face.js';
import { secretFromLocation } from '../lib/link.js';
import locales from 'virtual:tablecloth-locales/host';
import { applyLocale, configureLocales } from '../i18n.js';

configureLocales(locales);

const secret = secretFromLocation();
if (secret) {
  const face = document.createElement('tc-host-face');
  face.secret = secret;
  document.body.append(face);
} else {
  // No café yet to say the language: the person's own choice, else English.
  void applyLocale(null).then(() => {
    const main = document.createElement('main');
    main.style.cssText = 'max-width:40rem;margin:3rem auto;padding:0 1.25rem;font-size:1.25rem';
    const h1 = document.createElement('h1');
    h1.textContent = msg('This page needs a table host link', { id: 'host.noSecretTitle' });
    const p = document.createElement('p');
    p.textContent = msg('Open the host link of your table (scan the host QR code on the table card), or ask the facilitator for it.', {
      id: 'host.noSecret',
    });
    main.append(h1, p);
    document.body.append(main);
  });
}
