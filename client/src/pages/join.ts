/** The participant phone: `/j/CODE`, or `/j/CODE?t=TABLE` from a table's QR code. */
import { normalizeJoinCode } from '../lib/join-code.js';
import '../join/tc-join-face.js';
// German is in the phone's own file, not fetched when needed: a lazy import brings Vite's preload
// helper (0.7 KB gzipped) and a second request on venue Wi-Fi, which kept the phone over its
// 40 KB budget once it could vote. An English phone loads 2 KB it does not use. A new language
// file needs its line here.
import { templates as de } from 'virtual:tablecloth-locale/join/de';
import { configureLocales } from '../i18n.js';

configureLocales({ de: () => Promise.resolve({ templates: de }) });

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
