/** The public harvest page: `/h/CODE`, opened from the wall's QR code, the participant phone or a shared link. */
import locales from 'virtual:tablecloth-locales/harvest';
import { configureLocales } from '../i18n.js';
import { normalizeJoinCode } from '../lib/join-code.js';
import '../harvest/tc-harvest-face.js';

configureLocales(locales);

const code = normalizeJoinCode(decodeURIComponent(window.location.pathname.replace(/^\/h\/?/, '').split('/')[0] ?? ''));
if (code === '') {
  window.location.replace('/');
} else {
  const face = document.createElement('tc-harvest-face');
  face.code = code;
  document.body.append(face);
}
