/** EXPORT_TARGETS_FILE (server/export/targets.ts): checked at start, its problems named without quoting a value. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.js';
import { loadExportTargets, parseExportTargets, publicTarget } from '../../server/export/targets.js';

const SECRET = 'very-secret-api-key-1234567890';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tablecloth-targets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export targets', () => {
  it('reads a file of targets; a browser sees their names and kinds only', async () => {
    const path = join(dir, 'targets.json');
    await writeFile(path, JSON.stringify({ targets: [{ name: 'community', kind: 'discourse', settings: { baseUrl: 'https://c.test', apiKey: SECRET, apiUsername: 'system' } }] }));
    const [target] = loadExportTargets(path);
    expect(target!.settings.apiKey).toBe(SECRET);
    expect(publicTarget(target!)).toEqual({ name: 'community', kind: 'discourse' });
    expect(loadExportTargets(null)).toEqual([]);
  });

  it.each([
    ['no targets array', { targets: { community: {} } }, /"targets" array/],
    ['a bad name', { targets: [{ name: 'a b', kind: 'files', settings: { dir: '/x' } }] }, /name/],
    ['a name twice', { targets: [{ name: 'a', kind: 'files', settings: { dir: '/x' } }, { name: 'a', kind: 'files', settings: { dir: '/y' } }] }, /named twice/],
    ['an unknown kind', { targets: [{ name: 'a', kind: 'myspace', settings: {} }] }, /kind/],
    ['a missing secret', { targets: [{ name: 'a', kind: 'webhook', settings: { url: SECRET } }] }, /"secret"/],
    ['a setting of the wrong type', { targets: [{ name: 'a', kind: 'discourse', settings: { baseUrl: 'x', apiKey: 42, apiUsername: SECRET } }] }, /"apiKey"/],
  ])('refuses %s, naming the variable and never a value', (_name, json, problem) => {
    let error: unknown;
    try {
      parseExportTargets(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^EXPORT_TARGETS_FILE: /);
    expect((error as ConfigError).message).toMatch(problem);
    expect((error as ConfigError).message).not.toContain(SECRET);
  });

  it('refuses a file that is not JSON without quoting it, and a file that is not there', async () => {
    const path = join(dir, 'targets.json');
    await writeFile(path, `{ "targets": [{ "apiKey": "${SECRET}" ]`);
    expect(() => loadExportTargets(path)).toThrow(/^EXPORT_TARGETS_FILE: .* is not valid JSON$/);
    expect(() => loadExportTargets(path)).not.toThrow(new RegExp(SECRET));
    expect(() => loadExportTargets(join(dir, 'missing.json'))).toThrow(/cannot read .*ENOENT/);
  });
});
