/** The start page `/`: create a café, or join one by its code. No secret here. */
import '../start/tc-start-face.js';
import locales from 'virtual:tablecloth-locales/start';
import { applyLocale, configureLocales } from '../i18n.js';

configureLocales(locales);

// No café yet, so no café language: the person's choice, else the browser's language.
await applyLocale(navigator.language.slice(0, 2).toLowerCase());
document.body.append(document.createElement('tc-start-face'));
