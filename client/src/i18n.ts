/**
 * Languages of the faces, through @lit/localize in runtime mode. English is written in the
 * components; every other language is one file in ./locales/ named by its code (de.ts): adding a
 * language is adding that file. Each page loads only its own part of it (see
 * client/build/locale-slices.ts): the page's entry calls `configureLocales` first thing.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';

export const sourceLocale = 'en';
/** The languages this page can show, known once `configureLocales` ran. */
export let allLocales: string[] = [sourceLocale];

/** Each language's name in itself, for the switcher. */
export const localeNames: Record<string, string> = { en: 'English', de: 'Deutsch' };

let localization: { getLocale: () => string; setLocale: (locale: string) => Promise<void> } | null = null;

/** Tells @lit/localize where this page's languages are; a page does it once, before rendering. */
export function configureLocales(loaders: Record<string, () => Promise<LocaleModule>>): void {
  if (localization) return;
  const targetLocales = Object.keys(loaders);
  allLocales = [sourceLocale, ...targetLocales];
  localization = configureLocalization({ sourceLocale, targetLocales, loadLocale: (locale) => loaders[locale]!() });
}

export function getLocale(): string {
  return localization?.getLocale() ?? sourceLocale;
}

async function setLocale(locale: string): Promise<void> {
  if (localization && locale !== getLocale()) await localization.setLocale(locale);
  document.documentElement.lang = getLocale();
}

const STORAGE_KEY = 'tablecloth.language';

/** The person's own choice, if they made one on this device. */
function chosenLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Uses the person's choice, else the café's language, else English. */
export async function applyLocale(cafeLanguage: string | null): Promise<void> {
  const wanted = chosenLocale() ?? cafeLanguage ?? sourceLocale;
  await setLocale(allLocales.includes(wanted) ? wanted : sourceLocale);
}

/** The person switches language: remembered on this device. */
export async function chooseLocale(locale: string): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page.
  }
  await setLocale(locale);
}
