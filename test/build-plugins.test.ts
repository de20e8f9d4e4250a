import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACE_PREFIXES, slice } from '../client/build/locale-slices.js';
import { minifyCss } from '../client/build/minify-templates.js';
import { mergeManifests } from '../client/build/own-build.js';
import { withoutWebTransport } from '../client/build/without-webtransport.js';

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
});
