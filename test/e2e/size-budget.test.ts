/**
 * The size budget of each face: every JavaScript file a page loads, lazy chunks included,
 * gzipped. Phones on venue Wi-Fi load the participant page; the wall runs on whatever laptop
 * drives the projector. The figures are printed so the README can quote them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { faces } from '../../vite.config.js';
import { buildClient, type ClientBuild } from '../helpers/client-build.js';

const BUDGET_KB: Partial<Record<keyof typeof faces, number>> = { join: 40, wall: 60 };

/** Every JS file reachable from a page's entry: static imports and dynamic (lazy) ones. */
function filesOf(manifest: Manifest, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit(entry);
  return [...seen].filter((f) => f.endsWith('.js'));
}

describe('size budget', () => {
  let client: ClientBuild;
  const sizes = new Map<string, number>();
  beforeAll(async () => {
    client = await buildClient();
    for (const [face, html] of Object.entries(faces)) {
      const files = filesOf(client.manifest, html);
      const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(client.dir, f))).length, 0);
      sizes.set(face, gzip);
    }
    console.log(
      ['face | JavaScript loaded (gzip, lazy chunks included)', ...[...sizes].map(([face, bytes]) => `${face} | ${(bytes / 1024).toFixed(1)} KB`)].join('\n'),
    );
  }, 120_000);

  it('builds every face with its JavaScript', () => {
    for (const face of Object.keys(faces)) expect(sizes.get(face), face).toBeGreaterThan(1000);
  });

  it.each(Object.entries(BUDGET_KB))('keeps the %s face within %d KB of gzipped JavaScript', (face, kb) => {
    expect(sizes.get(face)! / 1024).toBeLessThanOrEqual(kb);
  });
});
