import { defineConfig } from 'vite';

// The faces (client/) are built into dist/client and served by the Fastify server.
export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // iPadOS 15 Safari is the oldest browser we support (see README).
    target: ['safari15', 'chrome100', 'firefox100'],
  },
});
