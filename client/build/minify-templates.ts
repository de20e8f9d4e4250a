/**
 * Lit's css`…` and html`…` templates reach the bundle as written, indentation and all; the
 * phone's 40 KB budget has no room for that. This plugin squeezes the whitespace out of them.
 * - css`…` blocks of our sources (they hold no ${} values) lose comments and the spaces around
 *   braces, colons, semicolons and commas;
 * - in the final chunks every run of whitespace that contains a line break becomes one space:
 *   after minification line breaks remain only inside template literals, where a run of
 *   whitespace between tags or words means the same as one space.
 */
import type { Plugin } from 'vite';

export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/\s*>\s*/g, '>')
    .replace(/([\s:(,])0\.(\d+)(?=[a-z%)\s,;}])/g, '$1.$2')
    .replace(/;}/g, '}')
    .trim();
}

export function minifyTemplates(): Plugin {
  return {
    name: 'tablecloth-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/client\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(/\bcss`([^`$]*)`/g, (_m, body: string) => `css\`${minifyCss(body)}\``), map: null };
    },
    // After minification (renderChunk would see unminified code, with // comments ended by line breaks).
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(/[ \t]*\n\s*/g, ' ');
      }
    },
  };
}
