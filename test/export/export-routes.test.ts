/**
 * The export API (server/http/export-routes.ts) on a real server on port 0 with a real SQLite
 * store, exporting to the local Discourse test server; every answer and the whole trace log are
 * searched for the targets' secrets.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import type { ExportTarget } from '../../server/export/targets.js';
import { hashSecret } from '../../server/secrets.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { FACILITATOR, hostOf, WALL } from '../helpers/cafe-factory.js';
import { startDiscourseServer, steppingClock, type DiscourseTestServer } from '../helpers/discourse-server.js';
import { harvestedCafe, storeCafe } from '../helpers/export-cafe.js';

const SECRETS = {
  discourse: 'discourse-secret-key-5f1e9c2a7b',
  consumer: 'ning-consumer-secret-83hd72',
  token: 'ning-token-secret-0c9d8e7f',
  webhook: 'webhook-secret-4a5b6c7d8e9f0a1b',
  smtp: 'smtp-password-77e6d5c4',
};
const FACILITATOR_SECRET = 'facilitator-secret-0123456789';
const HOST_SECRET = 'host-secret-0123456789abcdef';
const WALL_SECRET = 'wall-secret-0123456789abcdef';

let store: SqliteStore;
let discourse: DiscourseTestServer;
let built: App;
let url: string;
let log: string;
const answers: string[] = [];

function targets(discourseUrl: string): ExportTarget[] {
  return [
    { name: 'community', kind: 'discourse', settings: { baseUrl: discourseUrl, apiKey: SECRETS.discourse, apiUsername: 'system' } },
    { name: 'community-wrong-key', kind: 'discourse', settings: { baseUrl: discourseUrl, apiKey: `${SECRETS.discourse}-old`, apiUsername: 'system' } },
    { name: 'ning', kind: 'ning', settings: { baseUrl: 'http://127.0.0.1:9/xn/rest', subdomain: 'schule', consumerKey: 'ck', consumerSecret: SECRETS.consumer, token: 't', tokenSecret: SECRETS.token } },
    { name: 'hook', kind: 'webhook', settings: { url: 'http://127.0.0.1:9/hook', secret: SECRETS.webhook } },
    { name: 'list', kind: 'mail', settings: { host: '127.0.0.1', from: 'a@b.test', to: 'list@b.test', auth: { user: 'u', pass: SECRETS.smtp } } },
  ];
}

beforeEach(async () => {
  store = SqliteStore.open(':memory:');
  discourse = await startDiscourseServer({ apiKey: SECRETS.discourse, rateLimit: null });
  log = '';
  answers.length = 0;
  const stream = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) });
  // Exporters wait (backoff, Retry-After) on a clock that moves at once.
  built = await buildApp({ store, exportJobs: store.exportJobs, exportTargets: targets(discourse.url), exportClock: steppingClock(), logger: { level: 'trace', stream } });
  url = await built.app.listen({ port: 0, host: '127.0.0.1' });
  const cafe = harvestedCafe({ tables: 3, rounds: 1 });
  await storeCafe(store, cafe);
  for (const [secret, linkId] of [[FACILITATOR_SECRET, FACILITATOR], [HOST_SECRET, hostOf('1')], [WALL_SECRET, WALL]] as const) {
    await store.addCredential({ secretHash: hashSecret(secret), cafeId: cafe.state.id, linkId, wrappedKey: null });
  }
});
afterEach(async () => {
  await built.app.close();
  expect(discourse.violations).toEqual([]);
  await discourse.close();
  await store.close();
});

const CAFE = 'cafe-thursday';

async function call(method: string, path: string, body?: unknown, secret = FACILITATOR_SECRET): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  answers.push(text);
  return { status: response.status, body: JSON.parse(text) };
}

async function finished(jobId: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const { body } = await call('GET', `/api/cafes/${CAFE}/exports/${jobId}`);
    if (!body.running && body.progress.pending === 0) return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the export did not finish');
}

describe('the export API', () => {
  it('previews the seed threads, creates a pinned export, runs it in the background and reports each outcome', async () => {
    const preview = await call('GET', `/api/cafes/${CAFE}/threads?grouping=table`);
    expect(preview.status).toBe(200);
    expect(preview.body.threads.map((t: { id: string }) => t.id)).toEqual(['table-1', 'table-2', 'table-3']);
    expect((await call('GET', `/api/cafes/${CAFE}/threads`)).body.grouping).toBe('theme');

    const created = await call('POST', `/api/cafes/${CAFE}/exports`, {
      target: 'community', grouping: 'table', threadIds: ['table-1', 'table-3'], edits: { 'table-3': { title: 'Tisch drei und was er vorschlägt' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ target: { name: 'community', kind: 'discourse' }, running: false, progress: { total: 2, done: 0, pending: 2 } });
    expect(created.body.job.pinnedSeq).toBe(await store.head(CAFE));
    const { jobId } = created.body.job;

    expect((await call('POST', `/api/cafes/${CAFE}/exports/${jobId}/run`)).status).toBe(202);
    const done = await finished(jobId);
    expect(done.progress).toMatchObject({ total: 2, done: 2, created: 2, failed: [] });
    expect(done.threads.map((t: any) => [t.threadId, t.title, t.outcome.status])).toEqual([
      ['table-1', 'Table 1 — Netzwerktreffen Schule von morgen', 'created'],
      ['table-3', 'Tisch drei und was er vorschlägt', 'created'],
    ]);
    expect(done.threads[0].outcome.url).toMatch(new RegExp(`^${discourse.url}/t/`));
    expect(discourse.topics.map((t) => t.title)).toEqual(['Table 1 — Netzwerktreffen Schule von morgen', 'Tisch drei und was er vorschlägt']);

    const list = await call('GET', `/api/cafes/${CAFE}/exports`);
    expect(list.body.targets.map((t: { name: string }) => t.name)).toEqual(['community', 'community-wrong-key', 'ning', 'hook', 'list']);
    expect(list.body.exports.map((e: any) => [e.job.jobId, e.progress.done, e.progress.total])).toEqual([[jobId, 2, 2]]);
  });

  it('uses the café\u2019s saved seed-thread edits: the preview shows them with the generated text, an export without its own takes them, on every target', async () => {
    let n = 0;
    const op = async (patch: Record<string, unknown>) => {
      const answer = await call('POST', `/api/cafes/${CAFE}/ops`, { id: `op-seed-edit-${++n}`, op: { type: 'editSeedThread', grouping: 'table', ...patch } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    };
    const generated = (await call('GET', `/api/cafes/${CAFE}/threads?grouping=table`)).body.threads as { id: string; title: string; body: string }[];
    await op({ threadId: 'table-3', title: 'Tisch drei und was er vorschlägt', body: 'Unsere eigenen Worte.' });
    await op({ threadId: 'table-2', publish: false });
    const refusedOp = await call('POST', `/api/cafes/${CAFE}/ops`, { id: 'op-seed-edit-bad', op: { type: 'editSeedThread', grouping: 'table', threadId: 'table-1', title: 'Too short' } });
    expect([refusedOp.status, refusedOp.body.error.code]).toEqual([400, 'EXPORT_TITLE_INVALID']);

    const preview = (await call('GET', `/api/cafes/${CAFE}/threads?grouping=table`)).body.threads as any[];
    expect(preview.map((t) => [t.id, t.title, t.publish])).toEqual([
      ['table-1', generated[0]!.title, true],
      ['table-2', generated[1]!.title, false],
      ['table-3', 'Tisch drei und was er vorschlägt', true],
    ]);
    expect(preview[2]).toMatchObject({ body: 'Unsere eigenen Worte.', generatedTitle: generated[2]!.title, generatedBody: generated[2]!.body });
    // By theme nothing was edited.
    expect(((await call('GET', `/api/cafes/${CAFE}/threads`)).body.threads as any[]).every((t) => t.publish && t.title === t.generatedTitle && t.body === t.generatedBody)).toBe(true);

    for (const target of ['community', 'hook']) {
      const created = await call('POST', `/api/cafes/${CAFE}/exports`, { target, grouping: 'table' });
      expect(created.status).toBe(201);
      expect(created.body.job).toMatchObject({ threadIds: ['table-1', 'table-3'], edits: { 'table-3': { title: 'Tisch drei und was er vorschlägt', body: 'Unsere eigenen Worte.' } } });
      expect(Object.keys(created.body.job.edits)).toEqual(['table-3']);
    }
    // Explicit choices in the body still win (API users).
    const explicit = await call('POST', `/api/cafes/${CAFE}/exports`, { target: 'community', grouping: 'table', threadIds: null, edits: {} });
    expect(explicit.body.job).toMatchObject({ threadIds: null, edits: {} });
    const { jobId } = (await call('POST', `/api/cafes/${CAFE}/exports`, { target: 'community', grouping: 'table' })).body.job;
    await call('POST', `/api/cafes/${CAFE}/exports/${jobId}/run`);
    await finished(jobId);
    expect(discourse.topics.map((t) => t.title)).toEqual([generated[0]!.title, 'Tisch drei und was er vorschlägt']);
  });

  it('shows a failure with its reason, and retries it when asked', async () => {
    const { body } = await call('POST', `/api/cafes/${CAFE}/exports`, { target: 'community-wrong-key' });
    await call('POST', `/api/cafes/${CAFE}/exports/${body.job.jobId}/run`);
    const failed = await finished(body.job.jobId);
    expect(failed.progress.failed.map((f: any) => [f.code, f.retryable])).toEqual([['TARGET_AUTH', false], ['TARGET_AUTH', false], ['TARGET_AUTH', false]]);
    expect(failed.threads[0].outcome.error.message).toMatch(/403/);
    // A normal run leaves final failures alone; a retry hands them over again (and they fail again: the key is still wrong).
    await call('POST', `/api/cafes/${CAFE}/exports/${body.job.jobId}/run`);
    expect((await finished(body.job.jobId)).threads[0].outcome.attempts).toBe(1);
    await call('POST', `/api/cafes/${CAFE}/exports/${body.job.jobId}/run`, { retry: true });
    expect((await finished(body.job.jobId)).threads[0].outcome.attempts).toBe(2);
  });

  it('answers EXPORT_RUNNING while another process holds the job', async () => {
    const { body } = await call('POST', `/api/cafes/${CAFE}/exports`, { target: 'community' });
    expect(await store.exportJobs.takeLease(body.job.jobId, 'other-process', Date.now(), 60_000)).toBe(true);
    const refused = await call('POST', `/api/cafes/${CAFE}/exports/${body.job.jobId}/run`);
    expect([refused.status, refused.body.error.code, refused.body.error.retryable]).toEqual([409, 'EXPORT_RUNNING', true]);
    expect(discourse.requests).toEqual([]);
  });

  it('refuses bad input with a stable code and creates nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ target: 'nowhere' }, 404, 'EXPORT_TARGET_UNKNOWN'],
      [{ target: 'community', threadIds: ['theme-nope'] }, 404, 'EXPORT_THREAD_NOT_FOUND'],
      [{ target: 'community', edits: { 'theme-nope': { title: 'A title long enough' } } }, 404, 'EXPORT_THREAD_NOT_FOUND'],
      [{ target: 'community', grouping: 'mood' }, 400, 'INVALID_PAYLOAD'],
      [{ target: 'community', edits: { 'table-1': { colour: 'red' } } }, 400, 'INVALID_PAYLOAD'],
      [{ target: 'community', extra: 1 }, 400, 'INVALID_PAYLOAD'],
      [{ target: 'community', grouping: 'table', edits: { 'table-1': { title: 'Too short' } } }, 400, 'EXPORT_TITLE_INVALID'],
      [{ target: 'community', grouping: 'table', edits: { 'table-1': { title: '   Fourteen chars   ' } } }, 400, 'EXPORT_TITLE_INVALID'],
      [{ target: 'community', grouping: 'table', edits: { 'table-1': { title: 'Ü'.repeat(256) } } }, 400, 'TEXT_TOO_LONG'],
      // The same as another chosen thread's title, case ignored.
      [{ target: 'community', grouping: 'table', edits: { 'table-1': { title: 'TABLE 2 — netzwerktreffen Schule von morgen' } } }, 400, 'EXPORT_TITLE_INVALID'],
      [{ target: 'community', grouping: 'table', edits: { 'table-1': { title: 'One title for both tables' }, 'table-2': { title: 'one title for both tables' } } }, 400, 'EXPORT_TITLE_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call('POST', `/api/cafes/${CAFE}/exports`, body);
      expect([answer.status, answer.body.error?.code === code || JSON.stringify(body)]).toEqual([status, true]);
    }
    expect(await store.exportJobs.listJobs(CAFE)).toEqual([]);
    // A title that repeats a thread left out of this export is no clash.
    const apart = await call('POST', `/api/cafes/${CAFE}/exports`, { target: 'community', grouping: 'table', threadIds: ['table-1'], edits: { 'table-1': { title: 'Table 2 — Netzwerktreffen Schule von morgen' } } });
    expect(apart.status).toBe(201);
    const unknown = await call('GET', `/api/cafes/${CAFE}/exports/job-unknown`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'EXPORT_JOB_NOT_FOUND']);
    expect((await call('POST', `/api/cafes/${CAFE}/exports/job-unknown/run`)).body.error.code).toBe('EXPORT_JOB_NOT_FOUND');
  });

  it('is for the facilitator only', async () => {
    for (const secret of [HOST_SECRET, WALL_SECRET]) {
      const answer = await call('GET', `/api/cafes/${CAFE}/exports`, undefined, secret);
      expect([answer.status, answer.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await call('POST', `/api/cafes/${CAFE}/exports`, { target: 'community' }, secret)).body.error.code).toBe('FORBIDDEN');
    }
    expect((await call('GET', `/api/cafes/${CAFE}/threads`, undefined, 'not-a-secret-at-all-0000')).body.error.code).toBe('UNAUTHENTICATED');
    expect((await call('GET', `/api/cafes/cafe-other/exports`)).body.error.code).toBe('UNAUTHENTICATED');
    expect(await store.exportJobs.listJobs(CAFE)).toEqual([]);
  });

  it('never sends a target\u2019s secret to a browser, nor writes it to the log', async () => {
    for (const target of ['community', 'community-wrong-key', 'ning', 'hook', 'list']) {
      const { body } = await call('POST', `/api/cafes/${CAFE}/exports`, { target, threadIds: ['theme-theme-r0-t01'] });
      await call('POST', `/api/cafes/${CAFE}/exports/${body.job.jobId}/run`);
      await finished(body.job.jobId);
    }
    await call('GET', `/api/cafes/${CAFE}/exports`);
    await call('GET', `/api/cafes/${CAFE}/threads`);
    const openapi = await fetch(`${url}/docs/json`).then((r) => r.text());
    expect(log.length).toBeGreaterThan(1000);
    expect(answers.length).toBeGreaterThan(15);
    for (const secret of Object.values(SECRETS)) {
      for (const [where, text] of [['log', log], ['answers', answers.join('\n')], ['openapi', openapi]] as const) {
        expect(text.includes(secret), `${where} contains ${secret}`).toBe(false);
      }
    }
  });
});
