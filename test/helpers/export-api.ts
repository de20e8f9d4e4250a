/**
 * A real Tablecloth server serving the export API on port 0 over a store the test owns (so a
 * second server can start on it after the first stopped), and the facilitator's calls to it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildApp, type App } from '../../server/app.js';
import type { ExportClock } from '../../server/export/exporter.js';
import type { ExportJobStore } from '../../server/export/job-store.js';
import type { ExportTarget } from '../../server/export/targets.js';
import { hashSecret } from '../../server/secrets.js';
import type { CafeStore } from '../../server/store/store.js';
import { FACILITATOR } from './cafe-factory.js';

export interface ExportApiServer extends App {
  url: string;
  /** The facilitator's call: JSON in, status and parsed JSON out. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Polls the job over HTTP until it no longer runs and has nothing pending. */
  finished(cafeId: string, jobId: string, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

/** Gives the café a facilitator link with a new secret, as creating it over HTTP would; returns the secret. */
export async function facilitatorSecret(store: CafeStore, cafeId: string): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  await store.addCredential({ secretHash: hashSecret(secret), cafeId, linkId: FACILITATOR, wrappedKey: null });
  return secret;
}

export async function startExportApi(options: {
  store: CafeStore;
  jobs: ExportJobStore;
  targets: ExportTarget[];
  secret: string;
  clock?: ExportClock;
  leaseMs?: number;
}): Promise<ExportApiServer> {
  const built = await buildApp({
    store: options.store,
    exportJobs: options.jobs,
    exportTargets: options.targets,
    exportClock: options.clock,
    exportLeaseMs: options.leaseMs,
    // The console polls progress often; these tests do too.
    rateLimits: { requests: { max: 100_000, timeWindow: 60_000 } },
  });
  const url = await built.app.listen({ port: 0, host: '127.0.0.1' });
  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  }
  return {
    ...built,
    url,
    call,
    async finished(cafeId, jobId, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { status, body } = await call('GET', `/api/cafes/${cafeId}/exports/${jobId}`);
        if (status !== 200) throw new Error(`progress: ${status} ${JSON.stringify(body)}`);
        if (!body.running && body.progress.pending === 0) return body;
        if (Date.now() > until) throw new Error(`the export did not finish: ${JSON.stringify(body.progress)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await built.app.close();
      await built.sequencer.idle();
    },
  };
}

const root = join(import.meta.dirname, '..', '..');

/** Runs test/helpers/export-job-child.ts with this environment; resolves with its exit and its output lines. */
export function exportJobChild(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/helpers/export-job-child.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; lines: Record<string, unknown>[]; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) =>
      resolve({ code, signal, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: err }),
    ),
  );
  return { proc, exited };
}
