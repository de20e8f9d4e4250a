/**
 * Every message of the faces is translated in every language file, and nothing else is there:
 * a language is one file in client/src/locales/, and this test says what it lacks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'client', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' || name === 'locales-pending' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The ids of msg(…, { id: '…' }) calls, with the number of ${} values in their English text. */
function messageIds(): Map<string, number> {
  const ids = new Map<string, number>();
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/msg\(\s*(str`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)\s*,\s*\{\s*id:\s*'([^']+)'/g)) {
      ids.set(m[2]!, (m[1]!.match(/\$\{/g) ?? []).length);
    }
  }
  return ids;
}

function localeEntries(file: string): Map<string, number> {
  const text = readFileSync(join(src, 'locales', file), 'utf8');
  const entries = new Map<string, number>();
  for (const m of text.matchAll(/^\s*'([^']+)':\s*(str`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*')/gm)) {
    entries.set(m[1]!, (m[2]!.match(/\$\{\d+\}/g) ?? []).length);
  }
  return entries;
}

const locales = readdirSync(join(src, 'locales')).filter((f) => f.endsWith('.ts'));

describe('translations', () => {
  const ids = messageIds();

  it('finds the faces\u2019 messages and at least one other language', () => {
    expect(ids.size).toBeGreaterThan(40);
    expect(locales).toContain('de.ts');
  });

  it.each(locales)('%s translates every message, keeps its values, and has nothing else', (file) => {
    const entries = localeEntries(file);
    const missing = [...ids.keys()].filter((id) => !entries.has(id));
    const extra = [...entries.keys()].filter((id) => !ids.has(id));
    const values = [...ids].filter(([id, n]) => entries.has(id) && entries.get(id) !== n).map(([id]) => id);
    expect({ missing, extra, values }).toEqual({ missing: [], extra: [], values: [] });
  });
});
