import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FACE_PREFIXES, slice } from '../client/build/locale-slices.js';
import { minifyCss } from '../client/build/minify-templates.js';
import { mergeManifests } from '../client/build/own-build.js';
import { PLAIN_PRELOAD, plainDynamicImports, PRELOAD_HELPER } from '../client/build/plain-dynamic-imports.js';
import { shortenMessageIds, shortenSliceKeys, shortIds } from '../client/build/short-message-ids.js';
import { withoutMessageHashing } from '../client/build/without-message-hashing.js';
import { withoutWebTransport } from '../client/build/without-webtransport.js';
import { buildClient } from './helpers/client-build.js';

const src = join(import.meta.dirname, '..', 'client', 'src');

/** The faces' TypeScript sources, the language files left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('build plugins', () => {
  it('squeezes CSS without changing what it means', () => {
    const css = `
      /* a comment */
      :host { display: block; padding: 0.5rem 1rem; }
      ul > li + li { margin: calc(1rem + 0.25em) 0 0; }
      a:hover::before { content: '→ 0.5'; }
    `;
    const out = minifyCss(css);
    expect(out).toBe(":host{display:block;padding:.5rem 1rem}ul>li + li{margin:calc(1rem + .25em) 0 0}a:hover::before{content:'→ 0.5'}");
    expect(out).toContain('calc(1rem + .25em)'); // calc needs its spaces
    expect(out).toContain("'→ 0.5'"); // text in quotes is left alone
  });

  it('gives each page only its own messages and the shared ones', () => {
    const source = `import { str } from '@lit/localize';\n\nexport const templates = {\n  'join.a': 'A',\n  'host.b': str\`B \${0}\`,\n  'error.C': 'C',\n  'wall.d':\n    'D',\n};\n`;
    const join = slice(source, FACE_PREFIXES.join!);
    expect(join).toContain("'join.a': 'A'");
    expect(join).toContain("'error.C': 'C'");
    expect(join).not.toContain('host.b');
    expect(join).not.toContain('wall.d');
    expect(join).toContain("import { str } from '@lit/localize';");
    expect(slice(source, null)).toContain("'wall.d':\n    'D'");
  });

  it('leaves the refusals a phone never gets (refusal.*) out of its slice, and gives them to every other page', () => {
    const source = `export const templates = {\n  'error.A': 'A',\n  'refusal.B': 'B',\n};\n`;
    expect(slice(source, FACE_PREFIXES.join!)).not.toContain('refusal.B');
    for (const [face, prefixes] of Object.entries(FACE_PREFIXES)) {
      if (face !== 'join') expect(slice(source, prefixes), face).toContain("'refusal.B': 'B'");
    }
  });

  it("leaves WebTransport out of engine.io-client's transports and keeps WebSocket and long-polling", () => {
    const packageDir = join(createRequire(import.meta.url).resolve('engine.io-client/package.json'), '..');
    for (const build of ['esm', 'esm-debug']) {
      const out = withoutWebTransport(readFileSync(join(packageDir, 'build', build, 'transports', 'index.js'), 'utf8'));
      expect(out).not.toMatch(/webtransport/i);
      expect(out).not.toMatch(/\bWT\b/);
      expect(out).toMatch(/^import \{ XHR \} from "\.\/polling-xhr\.node\.js";$/m);
      expect(out).toMatch(/^import \{ WS \} from "\.\/websocket\.node\.js";$/m);
      expect(out).toMatch(/export const transports = \{\s*websocket: WS,\s*polling: XHR,\s*\};/);
    }
    // An engine.io-client that moved things around stops the build instead of shipping unchanged.
    expect(() => withoutWebTransport('export const transports = {};')).toThrow(/changed shape/);
  });

  it('lists the page built on its own in the manifest beside the faces built together, and never lets one overwrite the other', () => {
    const faces = { 'wall.html': { file: 'assets/wall-1.js', isEntry: true }, '_every-face-2.js': { file: 'assets/every-face-2.js' } };
    const own = { 'join.html': { file: 'assets/join-3.js', isEntry: true, dynamicImports: ['de'] }, de: { file: 'assets/de-4.js' } };
    expect(mergeManifests(faces, own)).toEqual({ ...faces, ...own });
    expect(() => mergeManifests(faces, { 'wall.html': { file: 'assets/wall-5.js' } })).toThrow(/both builds wrote wall\.html/);
  });

  it('gives every message id a short one, the same in the msg() calls and in the language slices', () => {
    const de = `export const templates = {\n  'join.a': 'A',\n  'host.b': str\`B \${0}\`,\n  'error.C':\n    'C',\n};\n`;
    const ids = shortIds([de, `export const templates = {\n  'join.a': 'Ä',\n  'wall.z': 'Z',\n};\n`]);
    expect([...ids]).toEqual([['error.C', 'a'], ['host.b', 'b'], ['join.a', 'c'], ['wall.z', 'd']]);
    const code = `msg('A', { id: 'join.a' }); msg(str\`B \${n}\`, {\n  id: "host.b",\n}); msg('new', { id: 'join.notYetTranslated' }); const t = { id: 'T1' };`;
    expect(shortenMessageIds(code, ids)).toBe(`msg('A', { id: 'c' }); msg(str\`B \${n}\`, {\n  id: "b",\n}); msg('new', { id: 'join.notYetTranslated' }); const t = { id: 'T1' };`);
    expect(shortenSliceKeys(slice(de, FACE_PREFIXES.join!), ids)).toBe(`export const templates = {\n  'c': 'A',\n  'a':\n    'C',\n};\n`);
    // Past 52 ids two letters; never a dot, so a short id is never a long one.
    const many = shortIds([Array.from({ length: 60 }, (_, n) => `  'join.m${String(n).padStart(2, '0')}': '',`).join('\n')]);
    expect([...many.values()].slice(50, 54)).toEqual(['Y', 'Z', 'aa', 'ab']);
    expect(new Set(many.values()).size).toBe(60);
  });

  it('finds every msg() of the faces by its id: the build neither hashes English text nor can shorten an id it does not see', () => {
    let calls = 0;
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      const all = text.match(/\bmsg\(/g)?.length ?? 0;
      const named = [...text.matchAll(/\bmsg\(\s*(str`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)\s*,\s*\{\s*id:\s*'[^']+'/g)].length;
      expect(named, file).toBe(all);
      calls += all;
    }
    expect(calls).toBeGreaterThan(100);
  });

  it("looks @lit/localize's messages up by their id only, without hashing the English text", () => {
    const file = join(createRequire(import.meta.url).resolve('@lit/localize/package.json'), '..', 'internal', 'runtime-msg.js');
    const out = withoutMessageHashing(readFileSync(file, 'utf8'));
    expect(out).not.toMatch(/generateMsgId|generateId|hashCache|id-generation/);
    expect(out).toContain('const id = options?.id;');
    expect(out).toContain('const localized = templates[id];');
    expect(() => withoutMessageHashing('export function runtimeMsg() {}')).toThrow(/changed shape/);
  });

  it("serves Vite's preload helper to the phone's build as a plain call of the import", async () => {
    const plugin = plainDynamicImports();
    const load = plugin.load as { filter: { id: RegExp }; handler: () => string };
    expect(load.filter.id.test(PRELOAD_HELPER)).toBe(true);
    expect(load.filter.id.test('\0vite/modulepreload-polyfill.js')).toBe(false);
    expect(load.handler()).toBe(PLAIN_PRELOAD);
    const { __vitePreload } = (await import(`data:text/javascript,${encodeURIComponent(PLAIN_PRELOAD)}`)) as { __vitePreload: (load: () => unknown) => unknown };
    expect(__vitePreload(() => 'the module')).toBe('the module');
  });

  it('builds the phone into one file that loads its German only when asked, with short message ids in both', async () => {
    const { dir, manifest } = await buildClient();
    const phone = manifest['join.html']!;
    expect(phone.imports ?? []).toEqual([]);
    expect(phone.dynamicImports).toHaveLength(1);
    const german = manifest[phone.dynamicImports![0]!]!;
    // As served: the build's gzip copies.
    const read = (file: string) => gunzipSync(readFileSync(join(dir, `${file}.gz`))).toString('utf8');
    const entry = read(phone.file);
    const de = read(german.file);
    expect(entry).not.toMatch(/modulepreload|vite:preloadError/);
    expect(entry).toContain(`import(\`./${german.file.split('/').pop()}\`)`);
    expect(entry).not.toContain('Verbunden');
    expect(de).toContain('Verbunden');
    // The ids of German's entries are short, and each is one the phone's msg() calls use.
    const keys = [...de.matchAll(/[{,]([A-Za-z]{1,2}):`/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) expect(entry, key).toContain(`id:\`${key}\``);
    expect(entry).not.toMatch(/id:`join\./);
  }, 120_000);
});
