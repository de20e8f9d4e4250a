/** One language's slice of a page, as client/build/locale-slices.ts serves it (the phone imports its German directly). */
declare module 'virtual:tablecloth-locale/*' {
  import type { LocaleModule } from '@lit/localize';
  export const templates: LocaleModule['templates'];
}
