/**
 * A language is one file, client/src/locales/<code>.ts, holding every face's messages. A phone
 * should not download the facilitator's: this Vite plugin serves each page only its slice —
 * `virtual:tablecloth-locales/<face>` is a map from language code to a lazy import of
 * `virtual:tablecloth-locale/<face>/<code>`, which holds the entries of that face and the shared ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const LOCALES_DIR = join(import.meta.dirname, '..', 'src', 'locales');

/** Message id prefixes used by every face (shared components). */
const SHARED = ['connection', 'countdown', 'language', 'phase', 'error'];

/**
 * Each page's own prefixes; `all` (tests) gets everything. `refusal` holds the refusals a phone
 * never gets (client/src/ui/error-message.ts), so the phone's slice leaves them out.
 */
export const FACE_PREFIXES: Record<string, string[] | null> = {
  start: ['start', 'refusal'],
  facilitator: ['facilitator', 'qr', 'refusal'],
  qr: ['qr', 'refusal'],
  host: ['host', 'refusal'],
  wall: ['wall', 'refusal'],
  join: ['join'],
  harvest: ['harvest', 'refusal'],
  all: null,
};

const MAP = 'virtual:tablecloth-locales/';
const ONE = 'virtual:tablecloth-locale/';

/** Whether a module is one language's slice of a page (after `resolveId`). */
export const isSlice = (id: string): boolean => id.startsWith(`\0${ONE}`);

/** The codes of the language files, `de` for de.ts. */
export function languages(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((f) => /^[a-z]{2}\.ts$/.test(f))
    .map((f) => f.slice(0, 2));
}

/** The entries of a locale file whose id starts with one of `prefixes`, in the file's own syntax. */
export function slice(source: string, prefixes: string[] | null): string {
  const start = source.indexOf('templates = {');
  const end = source.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('a locale file must export `templates = { … }`');
  const body = source.slice(start + 'templates = {'.length, end);
  // Each entry starts on its own line with its quoted id; it runs until the next entry.
  const entries = body.split(/\n(?=\s*'[^']+':)/).filter((e) => /^\s*'[^']+':/.test(e));
  const kept = entries.filter((e) => {
    const id = /^\s*'([^']+)':/.exec(e)![1]!;
    const prefix = id.split('.')[0]!;
    return prefixes === null || SHARED.includes(prefix) || prefixes.includes(prefix);
  });
  const header = source.slice(0, start).replace(/export const\s*$/, '');
  return `${header}export const templates = {\n${kept.map((e) => e.replace(/\s+$/, '')).join('\n')}\n};\n`;
}

export function localeSlices(): Plugin {
  return {
    name: 'tablecloth-locale-slices',
    resolveId(id) {
      return id.startsWith(MAP) || id.startsWith(ONE) ? `\0${id}` : null;
    },
    load(id) {
      if (id.startsWith(`\0${MAP}`)) {
        const face = id.slice(MAP.length + 1);
        if (!(face in FACE_PREFIXES)) throw new Error(`unknown face ${face}`);
        const entries = languages().map((code) => `  ${code}: () => import('${ONE}${face}/${code}'),`);
        return `export default {\n${entries.join('\n')}\n};\n`;
      }
      if (id.startsWith(`\0${ONE}`)) {
        const [face, code] = id.slice(ONE.length + 1).split('/') as [string, string];
        const file = join(LOCALES_DIR, `${code}.ts`);
        this.addWatchFile(file);
        return slice(readFileSync(file, 'utf8'), FACE_PREFIXES[face] ?? null);
      }
      return null;
    },
  };
}
