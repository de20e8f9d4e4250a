/** The table host's page (`/host#secret`): the link's secret claims the table. */
import { msg } from '@lit/localize';
import locales from 'virtual:tablecloth-locales/host';
import '../host/tc-host-face.js';
import { configureLocales } from '../i18n.js';
import { mountWithSecret } from '../lib/mount-face.js';

configureLocales(locales);
mountWithSecret('tc-host-face', {
  heading: () => msg('This page needs a table host link', { id: 'host.noSecretTitle' }),
  text: () =>
    msg('Open the host link of your table (scan the host QR code on the table card), or ask the facilitator for it.', { id: 'host.noSecret' }),
  style: 'max-width:40rem;margin:3rem auto;padding:0 1.25rem;font-size:1.25rem',
});
