/** The facilitator's console: `/facilitator#<secret>`. */
import { msg } from '@lit/localize';
import locales from 'virtual:tablecloth-locales/facilitator';
import '../facilitator/tc-facilitator-face.js';
import { configureLocales } from '../i18n.js';
import { mountWithSecret } from '../lib/mount-face.js';

configureLocales(locales);
mountWithSecret('tc-facilitator-face', {
  heading: () => msg('This page needs the facilitator link', { id: 'facilitator.noSecret.heading' }),
  text: () =>
    msg('Open the complete link you received when the café was created; it ends with # and a long code.', { id: 'facilitator.noSecret.text' }),
  style: 'max-width:36rem;margin:15vh auto;padding:0 1.5rem;font-family:system-ui,sans-serif',
});
