/** The live wall (`/wall#secret`), projected for the room. */
import { msg } from '@lit/localize';
import locales from 'virtual:tablecloth-locales/wall';
import { configureLocales } from '../i18n.js';
import { mountWithSecret } from '../lib/mount-face.js';
import '../wall/tc-wall.js';

configureLocales(locales);
mountWithSecret('tc-wall', {
  heading: () => msg('This page needs a wall link', { id: 'wall.noSecretTitle' }),
  text: () =>
    msg('Open the wall link from the facilitator console (it ends in #… after /wall) on the computer connected to the projector.', {
      id: 'wall.noSecret',
    }),
  // Large: it is projected.
  style: 'max-width:60rem;margin:8vh auto;padding:0 4vw;font-size:max(32px,3vmin);line-height:1.3',
});
