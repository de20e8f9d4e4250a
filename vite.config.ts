import { resolve } from 'node:path';
import { defineConfig, type InlineConfig } from 'vite';
import { localeSlices } from './client/build/locale-slices.js';
import { minifyTemplates } from './client/build/minify-templates.js';
import { ownBuild } from './client/build/own-build.js';
import { precompress } from './client/build/precompress.js';
import { shortMessageIds } from './client/build/short-message-ids.js';
import { dropMessageHashing } from './client/build/without-message-hashing.js';
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
  harvest: 'harvest.html',
} as const;

/** The faces built together, sharing chunks; the participant phone is built on its own (own-build.ts). */
const shared = Object.entries(faces).filter(([name]) => name !== 'join');

/** What both builds have in common. */
function common(): InlineConfig {
  return {
    root: client,
    plugins: [localeSlices(), shortMessageIds(), dropMessageHashing(), minifyTemplates(), dropWebTransport(), precompress()],
    build: {
      outDir: resolve(import.meta.dirname, 'dist/client'),
      // iPadOS 15 Safari is the oldest browser we support (see README).
      target: ['safari15', 'chrome100', 'firefox100'],
      // Browsers without modulepreload (Safari before 17) just fetch chunks as they are imported; the polyfill would cost every phone half a kilobyte.
      modulePreload: { polyfill: false },
    },
  };
}

const base = common();

export default defineConfig({
  ...base,
  plugins: [...base.plugins!, ownBuild(resolve(client, faces.join), common)],
  build: {
    ...base.build,
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries(shared.map(([name, file]) => [name, resolve(client, file)])),
      // What all these faces load (Lit, localize, the theme, the error messages) in one file, not
      // two: each file is gzipped on its own, and the split cost every face about 0.4 KB.
      output: { codeSplitting: { groups: [{ name: 'every-face', minShareCount: shared.length }] } },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
