/**
 * Vite wraps every `import()` of a page in its preload helper, which first adds <link> tags for
 * the chunks the imported one needs, so they download side by side. The phone, built on its own
 * (own-build.ts), imports one thing later: its German, a chunk that needs only the file already
 * running. The helper had nothing to preload there, yet cost the phone 0.7 KB of gzip, so in the
 * phone's build it is a plain call of the import. (Its `vite:preloadError` event goes with it:
 * a German that fails to load leaves the page in English, as @lit/localize does on any error.)
 */
import type { Plugin } from 'vite';

/** Vite's id for the module of its preload helper (vite's importAnalysisBuild.ts). */
export const PRELOAD_HELPER = '\0vite/preload-helper.js';

/** The helper as this plugin serves it: the import, called, without preloading anything. */
export const PLAIN_PRELOAD = 'export const __vitePreload = (load) => load();\n';

export function plainDynamicImports(): Plugin {
  return {
    name: 'tablecloth-plain-dynamic-imports',
    apply: 'build',
    // Before Vite's own plugin serves the helper.
    enforce: 'pre',
    load: {
      filter: { id: /^\0vite\/preload-helper\.js$/ },
      handler: () => PLAIN_PRELOAD,
    },
  };
}
