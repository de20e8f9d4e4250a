/**
 * Keeps shared/domain/SPEC.md and the reducer tests in step: every rule has a test whose name
 * starts with its id, and no test names a rule the spec does not have. (This file's own tests
 * check the spec itself, so they carry no rule id.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const spec = readFileSync(fileURLToPath(new URL('../../shared/domain/SPEC.md', import.meta.url)), 'utf8');

/** Rule ids as the spec defines them: a list item starting with the bold id, e.g. `- **R4** Pause …`. */
const RULE = /^- \*\*([RTIASOCHM]\d+)\*\* \S/gm;
const ruleIds = [...spec.matchAll(RULE)].map((m) => m[1]!);

/** The names of the tests in test/reducer/*.test.ts and test/outbox/*.test.ts (the O and C rules), read as text. */
const TEST_NAME = /\b(?:it|test)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
const testDirs = [here, fileURLToPath(new URL('../outbox/', import.meta.url))];
const testNames = testDirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== 'spec-coverage.test.ts')
    .flatMap((f) => [...readFileSync(`${dir}/${f}`, 'utf8').matchAll(TEST_NAME)].map((m) => ({ file: f, name: m[2]! }))),
);

/** The rule ids a test name starts with ("R1 R8 any sequence…" checks R1 and R8). */
function leadingIds(name: string): string[] {
  const lead = /^((?:[RTIASOCHM]\d+ )+)/.exec(name);
  return lead ? lead[1]!.trim().split(' ') : [];
}

describe('the spec and its tests', () => {
  it('the spec lists rules in every section, each id once', () => {
    expect(ruleIds.length).toBeGreaterThan(40);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const section of ['R', 'T', 'I', 'A', 'S', 'H', 'O', 'C']) expect(ruleIds.filter((id) => id[0] === section).length, section).toBeGreaterThan(0);
  });

  it('every rule of the spec has a test whose name starts with its id', () => {
    const tested = new Set(testNames.flatMap((t) => leadingIds(t.name)));
    const untested = ruleIds.filter((id) => !tested.has(id));
    expect(untested).toEqual([]);
  });

  it('every other reducer test starts with the id of a rule the spec has', () => {
    expect(testNames.length).toBeGreaterThan(ruleIds.length);
    const known = new Set(ruleIds);
    const stray = testNames.filter((t) => leadingIds(t.name).length === 0 || leadingIds(t.name).some((id) => !known.has(id)));
    expect(stray).toEqual([]);
  });
});
