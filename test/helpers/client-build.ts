/** Builds the faces once per test file into a temporary folder, as `npm start` builds them into dist/client. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Manifest } from 'vite';

const root = join(import.meta.dirname, '..', '..');

export interface ClientBuild {
  dir: string;
  manifest: Manifest;
}

let pending: Promise<ClientBuild> | null = null;

export function buildClient(): Promise<ClientBuild> {
  pending ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablecloth-client-'));
    // Vitest runs with NODE_ENV=test, which would make Vite pick libraries' development builds.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: join(root, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: dir, emptyOutDir: true, manifest: 'manifest.json' },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const { readFileSync } = await import('node:fs');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return { dir, manifest };
  })();
  return pending;
}
