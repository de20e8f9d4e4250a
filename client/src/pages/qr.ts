/** The QR sheet to print: `/qr#<facilitator secret>`. */
import { msg } from '@lit/localize';
import locales from 'virtual:tablecloth-locales/qr';
import { configureLocales } from '../i18n.js';
import { mountWithSecret } from '../lib/mount-face.js';
import '../qr/print.css';
import '../qr/tc-qr-sheet.js';

configureLocales(locales);
mountWithSecret('tc-qr-sheet', {
  heading: () => msg('This page needs the facilitator link', { id: 'facilitator.noSecret.heading' }),
  text: () => msg('Open the QR sheet from the facilitator console.', { id: 'qr.noSecret.text' }),
  style: 'max-width:36rem;margin:15vh auto;padding:0 1.5rem;font-family:system-ui,sans-serif',
});
