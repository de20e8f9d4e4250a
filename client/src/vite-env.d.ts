/// <reference types="vite/client" />

/** Each page's languages, see client/build/locale-slices.ts. */
declare module 'virtual:tablecloth-locales/*' {
  import type { LocaleModule } from '@lit/localize';
  const loaders: Record<string, () => Promise<LocaleModule>>;
  export default loaders;
}
