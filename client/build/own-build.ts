/**
 * The participant phone is built on its own, after the other faces, into one file and its German
 * slice, which only a German phone loads (with a plain `import()`: plain-dynamic-imports.ts).
 * Sharing chunks with the laptop faces cost the phone 3 KB of gzip: each chunk is compressed alone,
 * so Lit, Socket.IO and the phone's views could not borrow each other's words. A phone that
 * scanned a QR code loads nothing else; one that typed its code on the start page loads Lit a
 * second time.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig, type Manifest, type Plugin, type ResolvedConfig } from 'vite';
import { plainDynamicImports } from './plain-dynamic-imports.js';
import { GZIP_LEVEL } from './precompress.js';

const OWN_MANIFEST = '.own-build-manifest.json';

/** Both builds' manifests as one: the pages of the first and the page built on its own. */
export function mergeManifests(faces: Manifest, own: Manifest): Manifest {
  const clash = Object.keys(own).filter((key) => key in faces);
  if (clash.length > 0) throw new Error(`both builds wrote ${clash.join(', ')}`);
  return { ...faces, ...own };
}

/** After this build, builds `page` alone with `config` into the same folder (and manifest). */
export function ownBuild(page: string, config: () => InlineConfig): Plugin {
  let resolved: ResolvedConfig;
  return {
    name: 'tablecloth-own-build',
    apply: 'build',
    configResolved(c) {
      resolved = c;
    },
    async writeBundle() {
      const { outDir, manifest } = resolved.build;
      const manifestFile = manifest === false ? null : typeof manifest === 'string' ? manifest : '.vite/manifest.json';
      const base = config();
      await build({
        ...base,
        configFile: false,
        mode: resolved.mode,
        logLevel: resolved.logLevel,
        plugins: [...(base.plugins ?? []), plainDynamicImports()],
        build: { ...base.build, outDir, emptyOutDir: false, manifest: manifestFile ? OWN_MANIFEST : false, rollupOptions: { input: page } },
      });
      if (!manifestFile) return;
      const read = (file: string) => JSON.parse(readFileSync(join(outDir, file), 'utf8')) as Manifest;
      const merged = JSON.stringify(mergeManifests(read(manifestFile), read(OWN_MANIFEST)), null, 2);
      writeFileSync(join(outDir, manifestFile), merged);
      // The gzip copies were written before the merge (precompress.ts).
      if (existsSync(join(outDir, `${manifestFile}.gz`))) writeFileSync(join(outDir, `${manifestFile}.gz`), gzipSync(merged, { level: GZIP_LEVEL }));
      rmSync(join(outDir, OWN_MANIFEST));
      rmSync(join(outDir, `${OWN_MANIFEST}.gz`), { force: true });
    },
  };
}
