/**
 * Writes a gzip -9 copy beside every built text file; the server sends it to browsers that
 * accept gzip (@fastify/static `preCompressed`). Phones on venue Wi-Fi download a third of the
 * bytes, compressed once at build time instead of on every request. (Browsers offer brotli only
 * over https, and a café laptop serves plain http.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const GZIP_LEVEL = 9;

export function precompress(): Plugin {
  return {
    name: 'tablecloth-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const path = join(dir, file);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: GZIP_LEVEL }));
      }
    },
  };
}
