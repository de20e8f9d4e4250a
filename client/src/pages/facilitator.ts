/** The facilitator's console: `/facilitator#<secret>`. */
import { msg } from '@lit/localize';
import { secretFromLocation } from '../lib/link.js';
import '../facilitator/tc-facilitator-face.js';
import locales from 'virtual:tablecloth-locales/facilitator';
import { applyLocale, configureLocales } from '../i18n.js';

configureLocales(locales);

/** Without a secret there is no café to run: say so in the person's language. */
async function showMissingSecret(): Promise<void> {
  await applyLocale(null);
  const main = document.createElement('main');
  main.style.cssText = 'max-width:36rem;margin:15vh auto;padding:0 1.5rem;font-family:system-ui,sans-serif';
  const h1 = document.createElement('h1');
  h1.textContent = msg('This page needs the facilitator link', { id: 'facilitator.noSecret.heading' });
  const p = document.createElement('p');
  p.textContent = msg('Open the complete link you received when the café was created; it ends with # and a long code.', {
    id: 'facilitator.noSecret.text',
  });
  main.append(h1, p);
  document.body.replaceChildren(main);
}

const secret = secretFromLocation();
if (secret) {
  const face = document.createElement('tc-facilitator-face');
  face.secret = secret;
  document.body.replaceChildren(face);
} else {
  void showMissingSecret();
}
