import { playwright } from '@vitest/browser-playwright';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';
import { localeSlices } from './client/build/locale-slices.js';

/** Chromium from Debian (no browser download here); flags that keep it off the closed network. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Pages are reached by a name that is not localhost, so they are not a secure context, as on a venue LAN.
  '--host-resolver-rules=MAP cafe.test 127.0.0.1',
];

/** @open-wc/testing imports a Web Test Runner file that Vite cannot resolve; an empty module stands in. */
const webTestRunnerStub: Plugin = {
  name: 'web-test-runner-stub',
  resolveId: (id) => (id.endsWith('__web-dev-server__web-socket.js') ? '\0wtr-stub' : null),
  load: (id) => (id === '\0wtr-stub' ? 'export const webSocket = undefined; export default {};' : null),
};

/**
 * Browser commands that start real servers for a browser test (run in Node). Their module, with
 * the server's code, loads when a test first calls one, and once, so its servers stay known.
 */
type ServerCommands = typeof import('./test/helpers/browser-commands.js');
let serverCommands: Promise<ServerCommands> | null = null;
const serverCommand =
  (name: keyof ServerCommands): BrowserCommand<any[]> =>
  async (context, ...args) => {
    serverCommands ??= tsImport('./test/helpers/browser-commands.ts', import.meta.url) as Promise<ServerCommands>;
    return ((await serverCommands)[name] as BrowserCommand<any[]>)(context, ...args);
  };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [webTestRunnerStub, localeSlices()],
        // Found only when a lazy import runs mid-test otherwise, which then fails to load.
        optimizeDeps: { include: ['uqr', 'socket.io-client', 'lit', '@lit/localize', 'markdown-it'] },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          setupFiles: ['test/browser/setup.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            commands: {
              ...Object.fromEntries(
                (['startExportCafe', 'failWebhook', 'loseNingAnswer', 'webhookThreads', 'stopExportCafe', 'startInvitationCafe', 'stopInvitationCafe'] as const).map((name) => [name, serverCommand(name)]),
              ),
            },
          },
        },
      },
    ],
  },
});
