/**
 * Vitest browser commands (run in Node, called from test/browser/export-screen.test.ts): a real
 * Tablecloth server on port 0 with a harvested café and export targets — a real webhook receiver
 * that can be told to refuse, a local NING that can lose an answer, and a files folder —
 * reachable from the test page's origin.
 * Imported lazily by vitest.config.ts, so the server's code loads only when a test asks for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import type { CafeState } from '../../shared/domain/state.js';
import type { ExportTarget } from '../../server/export/targets.js';
import { hashSecret } from '../../server/secrets.js';
import { FACILITATOR } from './cafe-factory.js';
import { harvestedCafe, storeCafe } from './export-cafe.js';
import { startNingServer, type NingServer } from './ning-server.js';
import { startServer, type TestServer } from './server.js';
import { startWebhookReceiver, type TestWebhookReceiver } from './webhook-receiver.js';

const WEBHOOK_SECRET = 'whsec-export-screen-0001';
const FACILITATOR_SECRET = 'facilitator-export-screen-01';
const NING = { subdomain: 'schule', consumerKey: 'screen-key', consumerSecret: 'screen-consumer-secret' };
const NING_MEMBER = { email: 'harvest@example.org', password: 'unused', token: 'screen-token', tokenSecret: 'screen-token-secret' };

interface Running {
  server: TestServer;
  receiver: TestWebhookReceiver;
  ning: NingServer;
  dir: string;
}

/** One set at a time per test file (browser test files run one after another in this project). */
const running = new Map<string, Running>();

export interface ExportCafe {
  url: string;
  secret: string;
  state: CafeState;
}

export interface ExportCafeOptions {
  /** The test page's origin, allowed to call the API. */
  origin: string;
  tables?: number;
  /** No targets configured (the screen says where they are configured). */
  noTargets?: boolean;
}

export const startExportCafe: BrowserCommand<[ExportCafeOptions]> = async (_context, options): Promise<ExportCafe> => {
  const receiver = await startWebhookReceiver(WEBHOOK_SECRET, () => Date.now());
  const ning = await startNingServer({ ...NING, members: [NING_MEMBER], clock: { now: () => Date.now() } });
  const dir = mkdtempSync(join(tmpdir(), 'tablecloth-export-screen-'));
  const targets: ExportTarget[] = options.noTargets
    ? []
    : [
        { name: 'community-hook', kind: 'webhook', settings: { url: receiver.url, secret: WEBHOOK_SECRET, maxAttempts: 1 } },
        { name: 'folder', kind: 'files', settings: { dir } },
        { name: 'network', kind: 'ning', settings: { ...NING, token: NING_MEMBER.token, tokenSecret: NING_MEMBER.tokenSecret, baseUrl: ning.baseUrl } },
      ];
  const server = await startServer({ allowedOrigins: [options.origin], exports: { targets } });
  const cafe = harvestedCafe({ tables: options.tables ?? 4, rounds: 1 });
  await storeCafe(server.store, cafe);
  await server.store.addCredential({ secretHash: hashSecret(FACILITATOR_SECRET), cafeId: cafe.state.id, linkId: FACILITATOR, wrappedKey: null });
  running.set(server.url, { server, receiver, ning, dir });
  return { url: server.url, secret: FACILITATOR_SECRET, state: cafe.state };
};

/** The receiver refuses the next `n` deliveries with `status` (422: final, TARGET_REFUSED). */
export const failWebhook: BrowserCommand<[url: string, n: number, status: number]> = async (_context, url, n, status) => {
  running.get(url)!.receiver.failNext(n, status);
};

/** NING stores its next create and cuts the connection before answering: the exporter cannot know, "maybe sent". */
export const loseNingAnswer: BrowserCommand<[url: string]> = async (_context, url) => {
  running.get(url)!.ning.loseAnswerOfCreate(1);
};

/** What the webhook received, first delivery per thread: its id, title and edited body. */
export const webhookThreads: BrowserCommand<[url: string]> = async (_context, url) => {
  return [...running.get(url)!.receiver.deliveries.values()].map((body) => {
    const thread = (body as { thread: { id: string; title: string; body?: string } }).thread;
    return { id: thread.id, title: thread.title, body: thread.body ?? null };
  });
};

export const stopExportCafe: BrowserCommand<[url: string]> = async (_context, url) => {
  const r = running.get(url);
  if (!r) return;
  running.delete(url);
  // Bounded: on a loaded machine a connection the page left open once held the close past the hook's 30 s.
  const within = (closing: Promise<unknown>) => Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  await within(r.server.close());
  await within(r.receiver.close());
  await within(r.ning.close());
  rmSync(r.dir, { recursive: true, force: true });
};
