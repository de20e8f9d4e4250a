// Component tests render every face, so they get every face's messages.
import locales from 'virtual:tablecloth-locales/all';
import { configureLocales } from '../../client/src/i18n.js';

configureLocales(locales);
