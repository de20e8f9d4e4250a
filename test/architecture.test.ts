import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.ts$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1]!,
  );
}

/**
 * Packages shared/ may use: plain JavaScript with no Node or DOM of their own. typebox types the
 * protocol; markdown-it renders a seed thread's body, so the console's preview and the targets
 * that get HTML show the very same thing.
 */
const PURE_PACKAGES = new Set(['typebox', 'markdown-it']);

describe('dependencies point one way', () => {
  it('shared/ imports nothing from server/, client/, Node or the DOM', () => {
    const files = sources('shared');
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      for (const spec of imports(file)) {
        const allowed = spec.startsWith('.') ? !relative('shared', join(file, '..', spec)).startsWith('..') : PURE_PACKAGES.has(spec);
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('client/ never imports server/', () => {
    for (const file of sources('client')) {
      for (const spec of imports(file)) expect(spec.includes('server/'), `${file} imports ${spec}`).toBe(false);
    }
  });

  it('server/app.ts builds the app and never listens; only main.ts reads the environment', () => {
    const app = readFileSync(join(root, 'server/app.ts'), 'utf8');
    expect(app).not.toMatch(/\.listen\(/);
    for (const file of sources('server').filter((f) => !f.endsWith('main.ts'))) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/process\.env/);
    }
  });

  it('code that reaches browsers uses nothing iPadOS 15.0 lacks', () => {
    // Safari 15.4 added these; the oldest tablets we support run 15.0 (see README, Browsers).
    const missing = /\bObject\.hasOwn\(|\.at\(-?\d|\bstructuredClone\(|\.findLast(Index)?\(|\.toSorted\(|\.toReversed\(/;
    const files = [...sources('shared'), ...sources('client')];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const code = readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*)/.test(line))
        .map((line) => line.replace(/\/\/.*$/, ''));
      for (const [i, line] of code.entries()) expect(missing.test(line), `${file}:${i + 1}: ${line.trim()}`).toBe(false);
    }
  });
});
