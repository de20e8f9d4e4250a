import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { localeSlices } from './client/build/locale-slices.js';
import { minifyTemplates } from './client/build/minify-templates.js';
import { precompress } from './client/build/precompress.js';
import { dropWebTransport } from './client/build/without-webtransport.js';

const client = resolve(import.meta.dirname, 'client');

/** Every face is its own page, so a phone loads only what the participant face needs. */
export const faces = {
  start: 'index.html',
  facilitator: 'facilitator.html',
  qr: 'qr.html',
  host: 'host.html',
  wall: 'wall.html',
  join: 'join.html',
} as const;

export default defineConfig({
  root: client,
  plugins: [localeSlices(), minifyTemplates(), dropWebTransport(), precompress()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    // iPadOS 15 Safari is the oldest browser we support (see README).
    target: ['safari15', 'chrome100', 'firefox100'],
    // Browsers without modulepreload (Safari before 17) just fetch chunks as they are imported; the polyfill would cost every phone half a kilobyte.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(Object.entries(faces).map(([name, file]) => [name, resolve(client, file)])),
      // What every face loads (Lit, localize, the theme, the error messages) in one file, not two:
      // each file is gzipped on its own, and the split cost every face about 0.4 KB.
      output: { codeSplitting: { groups: [{ name: 'every-face', minShareCount: Object.keys(faces).length }] } },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
