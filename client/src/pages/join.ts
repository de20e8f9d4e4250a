/** The participant phone: `/j/CODE`, or `/j/CODE?t=TABLE` from a table's QR code. */
import { normalizeJoinCode } from '../lib/join-code.js';
import '../join/tc-join-face.js';
import locales from 'virtual:tablecloth-locales/join';
import { configureLocales } from '../i18n.js';

configureLocales(locales);

const code = normalizeJoinCode(decodeURIComponent(window.location.pathname.replace(/^\/j\/?/, '').split('/')[0] ?? ''));
const table = new URLSearchParams(window.location.search).get('t');

if (code === '') {
  // No code in the address: the start page is where people type one.
  window.location.replace('/');
} else {
  const face = document.createElement('tc-join-face');
  face.code = code;
  face.tableParam = table && /^[A-Za-z0-9_-]{1,32}$/.test(table) ? table : null;
  document.body.append(face);
}
