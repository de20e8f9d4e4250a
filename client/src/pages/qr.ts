/** The QR sheet to print: `/qr#<facilitator secret>`. */
import { msg } from '@lit/localize';
import { secretFromLocation } from '../lib/link.js';
import '../qr/print.css';
import '../qr/tc-qr-sheet.js';
import locales from 'virtual:tablecloth-locales/qr';
import { applyLocale, configureLocales } from '../i18n.js';

configureLocales(locales);

/** Without the facilitator's secret there are no links to print: say so in the person's language. */
async function showMissingSecret(): Promise<void> {
  await applyLocale(null);
  const main = document.createElement('main');
  main.style.cssText = 'max-width:36rem;margin:15vh auto;padding:0 1.5rem;font-family:system-ui,sans-serif';
  const h1 = document.createElement('h1');
  h1.textContent = msg('This page needs the facilitator link', { id: 'facilitator.noSecret.heading' });
  const p = document.createElement('p');
  p.textContent = msg('Open the QR sheet from the facilitator console.', { id: 'qr.noSecret.text' });
  main.append(h1, p);
  document.body.replaceChildren(main);
}

const secret = secretFromLocation();
if (secret) {
  const sheet = document.createElement('tc-qr-sheet');
  sheet.secret = secret;
  document.body.replaceChildren(sheet);
} else {
  void showMissingSecret();
}
