/**
 * A message id such as 'join.compose.afterMove' says where a message belongs, which the sources
 * and the language files need; a browser only needs it to be unique. Written out twice on a
 * German phone (in the msg() call and in the language slice, two files gzipped apart) the ids
 * were a kilobyte of its budget. In the build this plugin gives every id one or two letters, the
 * same in the msg() calls of client/src and in the keys of the language slices (locale-slices.ts),
 * after the slices were cut by the ids' prefixes. Dev and the component tests keep the long ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { isSlice, languages, LOCALES_DIR } from './locale-slices.js';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The n-th short id: a … Z, then aa, ab … */
function shortId(n: number): string {
  let id = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / LETTERS.length)) id = LETTERS[(i - 1) % LETTERS.length]! + id;
  return id;
}

/** Each message id of the language files (entries `'prefix.name':` on their own lines) and its short id, in sorted order. */
export function shortIds(localeSources: readonly string[]): Map<string, string> {
  const ids = new Set(localeSources.flatMap((source) => [...source.matchAll(/^\s*'([^'.]+\.[^']+)':/gm)].map((m) => m[1]!)));
  return new Map([...ids].sort().map((id, n) => [id, shortId(n)]));
}

/** Source code with `id: '…'` of every known message id shortened; other ids (a message not translated yet) stay. */
export function shortenMessageIds(code: string, ids: ReadonlyMap<string, string>): string {
  return code.replace(/\bid:(\s*)(['"`])([^'"`\\]+)\2/g, (whole, space: string, quote: string, id: string) => {
    const short = ids.get(id);
    return short === undefined ? whole : `id:${space}${quote}${short}${quote}`;
  });
}

/** A language slice with its entries' keys shortened. */
export function shortenSliceKeys(slice: string, ids: ReadonlyMap<string, string>): string {
  return slice.replace(/^(\s*)'([^']+)':/gm, (whole, indent: string, id: string) => {
    const short = ids.get(id);
    return short === undefined ? whole : `${indent}'${short}':`;
  });
}

export function shortMessageIds(): Plugin {
  let ids: Map<string, string>;
  return {
    name: 'tablecloth-short-message-ids',
    apply: 'build',
    // Before TypeScript is compiled, so the ids are still written as in the sources.
    enforce: 'pre',
    buildStart() {
      ids = shortIds(languages().map((code) => readFileSync(join(LOCALES_DIR, `${code}.ts`), 'utf8')));
    },
    transform(code, id) {
      if (isSlice(id)) return { code: shortenSliceKeys(code, ids), map: null };
      if (!/\/client\/src\/(?!locales\/).*\.ts$/.test(id) || !code.includes('@lit/localize')) return null;
      return { code: shortenMessageIds(code, ids), map: null };
    },
  };
}
