/**
 * Languages of the faces, through @lit/localize in runtime mode. English is written in the
 * components; every other language is one file in ./locales/ named by its code (de.ts), found
 * here by Vite's glob: adding a language is adding that file.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';

export const sourceLocale = 'en';
const modules = import.meta.glob<LocaleModule>('./locales/*.ts');
const loaders = new Map(Object.entries(modules).map(([path, load]) => [path.replace(/^.*\/(\w+)\.ts$/, '$1'), load]));
export const targetLocales = [...loaders.keys()];
export const allLocales = [sourceLocale, ...targetLocales];

/** Each language's name in itself, for the switcher. */
export const localeNames: Record<string, string> = { en: 'English', de: 'Deutsch' };

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders.get(locale)!(),
});

export { getLocale };

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
  const locale = allLocales.includes(wanted) ? wanted : sourceLocale;
  if (locale !== getLocale()) await setLocale(locale);
  document.documentElement.lang = locale;
}

/** The person switches language: remembered on this device. */
export async function chooseLocale(locale: string): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page.
  }
  await setLocale(locale);
  document.documentElement.lang = locale;
}
