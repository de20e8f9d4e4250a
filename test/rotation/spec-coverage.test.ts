/**
 * Keeps shared/rotation/SPEC.md and the planner's tests in step, as test/reducer/spec-coverage
 * does for the café's rules: every P rule has a test whose name starts with its id, and every
 * other test in test/rotation/ names a rule the spec has. (This file's tests carry no id.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const spec = readFileSync(fileURLToPath(new URL('../../shared/rotation/SPEC.md', import.meta.url)), 'utf8');
const ruleIds = [...spec.matchAll(/^- \*\*(P\d+)\*\* \S/gm)].map((m) => m[1]!);
const TEST_NAME = /\b(?:it|test)(?:\.prop\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
const testNames = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts') && f !== 'spec-coverage.test.ts')
  .flatMap((f) => [...readFileSync(`${here}/${f}`, 'utf8').matchAll(TEST_NAME)].map((m) => ({ file: f, name: m[2]! })));
const leadingIds = (name: string) => /^((?:P\d+ )+)/.exec(name)?.[1]!.trim().split(' ') ?? [];

describe('the rotation spec and its tests', () => {
  it('the spec lists its rules, each id once', () => {
    expect(ruleIds.length).toBeGreaterThanOrEqual(10);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it('every rule has a test whose name starts with its id', () => {
    const tested = new Set(testNames.flatMap((t) => leadingIds(t.name)));
    expect(ruleIds.filter((id) => !tested.has(id))).toEqual([]);
  });

  it('every other planner test starts with the id of a rule the spec has', () => {
    const known = new Set(ruleIds);
    expect(testNames.length).toBeGreaterThan(ruleIds.length);
    expect(testNames.filter((t) => leadingIds(t.name).length === 0 || leadingIds(t.name).some((id) => !known.has(id)))).toEqual([]);
  });
});
