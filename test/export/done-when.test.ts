/**
 * Issue 5, "Done when": a café of 45 tables × 3 rounds, generated here with hostile text in its
 * ideas, names and theme names, exports END TO END through the export API of a real server (create
 * the job, run it, poll its progress over HTTP) to each target's local test server: Discourse,
 * NING, a mailing list over SMTP, a webhook, and the files (Markdown, CSV, JSON, report page).
 * For each target, in sequence, on a clock whose waits take no time:
 *
 * 1. every thread arrives once;
 * 2. the same job run again sends nothing, and a new job of the café to the target creates nothing;
 * 3. a job (by table, 45 threads) run in a process of its own is SIGKILLed after the target took
 *    its 10th thread and before the job recorded it; the server's start step resumes it and every
 *    thread is there once (NING reports the one in doubt "maybe sent", as its contract says);
 * 4. hostile text is inert in what the target holds: Discourse `raw` cooked as Discourse would,
 *    HTML parsed with parse5, Markdown rendered by markdown-it, e-mail parsed by mailparser, CSV
 *    parsed by csv-parse.
 *
 * It prints a table of figures per target (threads, requests, time) when it ends.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { parse as parseHtml, type DefaultTreeAdapterTypes } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportClock } from '../../server/export/exporter.js';
import type { ExportTarget } from '../../server/export/targets.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { cookLikeDiscourse, startDiscourseServer } from '../helpers/discourse-server.js';
import { exportJobChild, facilitatorSecret, startExportApi, type ExportApiServer } from '../helpers/export-api.js';
import { harvestedCafe, HOSTILE_IDEAS, marker, storeCafe } from '../helpers/export-cafe.js';
import { startNingServer } from '../helpers/ning-server.js';
import { startSmtpServer } from '../helpers/smtp-server.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

type Element = DefaultTreeAdapterTypes.Element;
type Node = DefaultTreeAdapterTypes.Node;

const TABLES = 45;
const ROUNDS = 3;
const THEMES = TABLES * ROUNDS;
/** The "fails halfway" job is SIGKILLed right after the target took this many of its threads. */
const KILL_AFTER = 10;
const CR_LF_TITLE = 'Ein Betreff\r\nBcc: victim@evil.example\r\nX-Injected: yes';

/** Real time plus every wait, skipped: leases of real processes still run out, rate limits cost nothing. */
function skippingClock(): ExportClock & { advance(ms: number): void; skipped: number } {
  const clock = {
    skipped: 0,
    now: () => Date.now() + clock.skipped,
    sleep: async (ms: number) => {
      clock.skipped += Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance: (ms: number) => void (clock.skipped += ms),
  };
  return clock;
}

/** A target's test server, seen the same way for every kind. */
interface Rig {
  target: ExportTarget;
  clock: ReturnType<typeof skippingClock>;
  /** Requests (or messages) the target received, all of them. */
  requests(): Promise<number>;
  /** Creates the target received: topics, discussions, messages, deliveries, thread files written. */
  sends(): Promise<number>;
  /** Distinct threads the target holds (by external id, Message-ID, Idempotency-Key, file). */
  items(): Promise<number>;
  /** Everything live made from participants' text, in what the target holds. */
  live(): Promise<string[]>;
  /** Target-specific checks at the end. */
  extra?(): Promise<void>;
  close(): Promise<void>;
}

function elements(node: Node): Element[] {
  const own = 'tagName' in node ? [node as Element] : [];
  const children = 'childNodes' in node ? (node as Element).childNodes.flatMap((child) => elements(child)) : [];
  return [...own, ...children];
}
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? (node as Element).childNodes.map(textOf).join('') : '';
}

const EVIL = /evil\.example|javascript:|pwned/i;
const DANGEROUS = new Set(['script', 'iframe', 'object', 'embed', 'form', 'input', 'style', 'svg', 'math', 'base', 'meta', 'link']);

/**
 * What in an HTML document came alive from participants' text: a dangerous element, a handler,
 * an attribute pointing at evil.example, an image of `x`. Our own elements (head, meta and style
 * of a page we wrote) are passed as `own`.
 */
function liveInHtml(html: string, own: ReadonlySet<string> = new Set()): string[] {
  const live: string[] = [];
  for (const el of elements(parseHtml(html))) {
    if (DANGEROUS.has(el.tagName) && !own.has(el.tagName)) live.push(`<${el.tagName}>`);
    for (const a of el.attrs) {
      if (a.name.startsWith('on')) live.push(`<${el.tagName} ${a.name}>`);
      if (EVIL.test(a.value)) live.push(`<${el.tagName} ${a.name}="${a.value}">`);
      if (el.tagName === 'img' && a.name === 'src' && a.value === 'x') live.push('<img src=x>');
    }
  }
  return live;
}

/** Markdown as a renderer with HTML and bare-URL links on would show it (the most any viewer does). */
const markdown = new MarkdownIt({ html: true, linkify: true });
const liveInMarkdown = (text: string) => liveInHtml(markdown.render(text));

/** Every hostile text and every marker must still be there as text (inert, not lost). */
function expectAllText(text: string, threads = THEMES): void {
  for (let r = 0; r < ROUNDS; r++) for (let t = 1; t <= TABLES && threads === THEMES; t++) expect(text).toContain(marker(r, t, 1));
  expect(text).toContain('window.pwned = 1');
  expect(text).toContain('@everyone');
}

let dir: string;
let store: SqliteStore;
let secret: string;
const cafeId = 'cafe-thursday';
const figures: Record<string, { threads: number; requests: number; seconds: number; skippedSeconds: number; resumedAfterKill: string }> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tablecloth-done-when-'));
  store = SqliteStore.open(join(dir, 'tablecloth.db'));
  await storeCafe(store, harvestedCafe({ tables: TABLES, rounds: ROUNDS, hostile: true }));
  secret = await facilitatorSecret(store, cafeId);
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
  const rows = Object.entries(figures).map(([target, f]) => `  ${target.padEnd(10)} ${String(f.threads).padStart(7)} ${String(f.requests).padStart(8)} ${f.seconds.toFixed(1).padStart(6)} s ${String(Math.round(f.skippedSeconds)).padStart(7)} s  ${f.resumedAfterKill}`);
  console.log(['Done when (issue 5): per target', '  target     threads requests   time  waited  after the kill', ...rows].join('\n'));
});

/** The whole story for one target; `expectInDoubt` is how many threads the target may only report maybe sent after the kill. */
async function exportEndToEnd(name: string, rig: Rig, options: { expectInDoubt: number; resends: number; lookups?: boolean; edits?: Record<string, { title: string }> }) {
  const started = Date.now();
  const api: ExportApiServer = await startExportApi({ store, jobs: store.exportJobs, targets: [rig.target], secret, clock: rig.clock, leaseMs: 1_000 });
  try {
    const base = `/api/cafes/${cafeId}/exports`;
    const create = async (body: object) => {
      const created = await api.call('POST', base, { target: rig.target.name, ...body });
      expect(created.status).toBe(201);
      return created.body.job.jobId as string;
    };
    const run = async (jobId: string) => {
      expect((await api.call('POST', `${base}/${jobId}/run`)).status).toBe(202);
      return api.finished(cafeId, jobId, 60_000);
    };

    // 1. Every thread arrives once.
    const first = await create({ grouping: 'theme', edits: options.edits ?? {} });
    const done = await run(first);
    expect(done.progress).toMatchObject({ total: THEMES, done: THEMES, created: THEMES, found: 0, maybeSent: [], failed: [], pending: 0 });
    expect(await rig.sends()).toBe(THEMES);
    expect(await rig.items()).toBe(THEMES);

    // 2. The same job again sends nothing; a new job creates nothing.
    const requestsBefore = await rig.requests();
    expect((await run(first)).progress).toMatchObject({ done: THEMES, created: THEMES });
    expect(await rig.requests()).toBe(requestsBefore);
    const second = await run(await create({ grouping: 'theme' }));
    expect(second.progress).toMatchObject({ total: THEMES, done: THEMES, created: 0, found: THEMES });
    expect(await rig.sends()).toBe(THEMES);
    // Discourse is asked (one look-up per thread); the others answer from the earlier job's records.
    if (options.lookups) expect(await rig.requests()).toBeGreaterThanOrEqual(requestsBefore + THEMES);
    else expect(await rig.requests()).toBe(requestsBefore);

    // 3. Fails halfway: killed after the target took a thread, before the job recorded it.
    const halfway = await create({ grouping: 'table' });
    rig.clock.advance(61_000); // a fresh rate-limit window for the process of its own, which waits in real time
    const killed = await exportJobChild({
      JOB_DB: join(dir, 'tablecloth.db'), JOB_ID: halfway, JOB_HOLDER: `${name}-child`, LEASE_MS: '1000', EXPORT_TARGET: JSON.stringify(rig.target), KILL_AFTER_PUBLISH: String(KILL_AFTER),
    }).exited;
    expect(killed.signal).toBe('SIGKILL');
    expect((await store.exportJobs.outcomes(halfway)).size).toBe(KILL_AFTER - 1);
    expect(await rig.items()).toBe(THEMES + KILL_AFTER);
    expect(await api.resumeExports()).toEqual([halfway]);
    const resumed = await api.finished(cafeId, halfway, 60_000);
    expect(resumed.progress).toMatchObject({ total: TABLES, done: TABLES - options.expectInDoubt, failed: [], pending: 0 });
    expect(resumed.progress.maybeSent).toHaveLength(options.expectInDoubt);
    expect(await rig.items()).toBe(THEMES + TABLES);
    expect(await rig.sends()).toBe(THEMES + TABLES + options.resends);
    const inHand = resumed.threads[KILL_AFTER - 1];
    const afterKill = `${inHand.threadId}: ${inHand.outcome.status}`;
    expect(await store.exportJobs.runningJobs()).toEqual([]);

    // 4. Hostile text is inert.
    expect(await rig.live()).toEqual([]);
    await rig.extra?.();
    figures[name] = { threads: THEMES + TABLES, requests: await rig.requests(), seconds: (Date.now() - started) / 1000, skippedSeconds: rig.clock.skipped / 1000, resumedAfterKill: afterKill };
  } finally {
    await api.close();
    await rig.close();
  }
}

describe('Done when (issue 5): a café of 45 tables × 3 rounds exports end to end to every target', () => {
  it('the checks below find live text: each hostile text left as it is comes alive in HTML or Markdown', () => {
    for (const hostile of HOSTILE_IDEAS.slice(0, 3)) expect(liveInHtml(`<p>${hostile}</p>`)).not.toEqual([]);
    expect(liveInMarkdown('[click me](https://evil.example/a)')).not.toEqual([]);
    expect(liveInMarkdown('https://evil.example/onebox-me')).not.toEqual([]);
    expect(liveInMarkdown('<script>window.pwned = 1</script>')).not.toEqual([]);
    expect(cookLikeDiscourse('@everyone #staff [quote]x[/quote]').live).not.toEqual([]);
    expect(liveInHtml('<p>Marker</p>')).toEqual([]);
  });

  it('Discourse: each topic once (by external_id), a second run and a new job create nothing, a kill halfway resumes by looking up; raw is inert as Discourse cooks it', { timeout: 60_000 }, async () => {
    const clock = skippingClock();
    const apiKey = 'done-when-discourse-key-0123456789';
    const server = await startDiscourseServer({ apiKey, clock });
    const creates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/posts.json' && r.status === 200);
    await exportEndToEnd('discourse', {
      target: { name: 'community', kind: 'discourse', settings: { baseUrl: server.url, apiKey, apiUsername: 'system' } },
      clock,
      requests: async () => server.requests.length,
      sends: async () => creates().length,
      items: async () => new Set(server.topics.map((t) => t.externalId)).size,
      live: async () => server.topics.flatMap((t) => cookLikeDiscourse(t.raw, ['strong_open', 'strong_close', 'em_open', 'em_close']).live.map((l) => `${t.title}: ${l}`)),
      extra: async () => {
        expect(server.violations).toEqual([]);
        expect(server.topics).toHaveLength(THEMES + TABLES);
        expectAllText(server.topics.map((t) => cookLikeDiscourse(t.raw).texts.join('\n')).join('\n'));
        // The rate limit was met (60 a minute) and waited out on the clock, not in real time.
        expect(server.requests.some((r) => r.status === 429)).toBe(true);
      },
      close: () => server.close(),
    }, { expectInDoubt: 0, resends: 0, lookups: true });
  });

  it('NING: each discussion once, a second run and a new job send nothing, the one in doubt after a kill is "maybe sent", never sent twice; descriptions inert as HTML', { timeout: 60_000 }, async () => {
    const clock = skippingClock();
    const consumer = { consumerKey: 'done-when-key', consumerSecret: 'consumer s&cret+%' };
    const member = { email: 'harvest@example.org', password: 'pw', token: 'tok-done', tokenSecret: 'token=secret!' };
    const server = await startNingServer({ subdomain: 'schule', ...consumer, members: [member], clock });
    const creates = () => server.requests.filter((r) => r.path.endsWith('/Discussion') && r.status === 200);
    await exportEndToEnd('ning', {
      target: { name: 'ning', kind: 'ning', settings: { baseUrl: server.baseUrl, subdomain: 'schule', ...consumer, token: member.token, tokenSecret: member.tokenSecret } },
      clock,
      requests: async () => server.requests.length,
      sends: async () => creates().length,
      items: async () => server.discussions.length,
      live: async () => server.discussions.flatMap((d) => liveInHtml(d.description)),
      extra: async () => {
        expectAllText(server.discussions.map((d) => textOf(parseHtml(d.description))).join('\n'));
        expect(new Set(server.discussions.map((d) => d.title)).size).toBe(THEMES + TABLES);
      },
      close: () => server.close(),
    }, { expectInDoubt: 1, resends: 0 });
  });

  it('mail: one message per thread, a second run and a new job send none, a kill halfway sends the one in hand again with the same Message-ID; headers intact, HTML inert', { timeout: 60_000 }, async () => {
    const clock = skippingClock();
    const auth = { user: 'harvest', pass: 'smtp-pass-123' };
    const smtp = await startSmtpServer(auth);
    const list = 'weltcafe@lists.example.org';
    await exportEndToEnd('mail', {
      target: { name: 'list', kind: 'mail', settings: { host: '127.0.0.1', port: smtp.port, secure: false, auth, from: 'Tablecloth <harvest@example.org>', to: list, domain: 'cafe.example.org' } },
      clock,
      requests: async () => smtp.received.length,
      sends: async () => smtp.received.length,
      items: async () => new Set(smtp.received.map((m) => m.parsed.messageId)).size,
      live: async () => smtp.received.flatMap((m) => liveInHtml(String(m.parsed.html || ''), new Set(['meta', 'style']))),
      extra: async () => {
        expectAllText(smtp.received.map((m) => m.parsed.text ?? '').join('\n'));
        for (const m of smtp.received) {
          expect(m.envelope.to).toEqual([list]);
          expect(m.parsed.bcc).toBeUndefined();
          expect(m.parsed.headers.has('x-injected')).toBe(false);
          expect(m.parsed.subject).not.toMatch(/[\r\n]/);
        }
        const edited = smtp.received.filter((m) => m.parsed.subject?.startsWith('Ein Betreff'));
        expect(edited).toHaveLength(1);
        expect(edited[0]!.parsed.subject).toContain('Bcc: victim@evil.example');
        // The one sent twice (the kill) carries the same Message-ID both times.
        const ids = smtp.received.map((m) => m.parsed.messageId);
        expect(ids.length - new Set(ids).size).toBe(1);
      },
      close: () => smtp.close(),
    }, { expectInDoubt: 0, resends: 1, edits: { 'theme-theme-r0-t01': { title: CR_LF_TITLE } } });
  });

  it('webhook: one delivery per thread, a second run and a new job post nothing, a kill halfway posts the one in hand again with the same Idempotency-Key; renderings inert', { timeout: 60_000 }, async () => {
    const clock = skippingClock();
    const hookSecret = 'done-when-webhook-secret-0123456789';
    const receiver = await startWebhookReceiver(hookSecret, () => clock.now());
    await exportEndToEnd('webhook', {
      target: { name: 'hook', kind: 'webhook', settings: { url: `${receiver.url}`, secret: hookSecret } },
      clock,
      requests: async () => receiver.requests.length,
      sends: async () => receiver.requests.length,
      items: async () => receiver.deliveries.size,
      live: async () =>
        [...receiver.deliveries.values()].flatMap((d) => {
          const { rendered } = d as { rendered: { markdown: string; html: string } };
          return [...liveInHtml(rendered.html), ...liveInMarkdown(rendered.markdown)];
        }),
      extra: async () => {
        const bodies = [...receiver.deliveries.values()] as { thread: { ideas: { text: string }[] } }[];
        // The thread's own text is as typed (a receiver escapes it where it puts it).
        const texts = bodies.flatMap((b) => b.thread.ideas.map((i) => i.text));
        for (const hostile of HOSTILE_IDEAS) expect(texts.some((t) => t.startsWith(hostile.trim()))).toBe(true);
        const keys = receiver.requests.map((r) => r.headers['idempotency-key']);
        expect(keys.length - new Set(keys).size).toBe(1);
      },
      close: () => receiver.close(),
    }, { expectInDoubt: 0, resends: 1 });
  });

  it('files: one Markdown file per thread, a second run and a new job write nothing, a kill halfway rewrites nothing twice; Markdown, report, CSV and JSON inert', { timeout: 60_000 }, async () => {
    const clock = skippingClock();
    const folder = join(dir, 'harvest');
    /** Every file with its modification time: a write shows as a new pair. */
    const seen = new Set<string>();
    const snapshot = async () => {
      const names: string[] = [];
      for (const sub of ['', 'threads/by-theme', 'threads/by-question', 'threads/by-table']) {
        const entries = await readdir(join(folder, sub), { withFileTypes: true }).catch(() => []);
        for (const e of entries) if (e.isFile()) names.push(join(sub, e.name));
      }
      for (const n of names) seen.add(`${n}@${(await stat(join(folder, n))).mtimeMs}`);
      return names;
    };
    const threadFiles = async () => (await snapshot()).filter((n) => n.startsWith('threads'));
    const read = (name: string) => readFile(join(folder, name), 'utf8');
    await exportEndToEnd('files', {
      target: { name: 'folder', kind: 'files', settings: { dir: folder } },
      clock,
      requests: async () => (await snapshot(), seen.size),
      sends: async () => (await snapshot(), [...seen].filter((s) => s.startsWith('threads')).length),
      items: async () => (await threadFiles()).length,
      live: async () => {
        const live: string[] = [];
        for (const name of await threadFiles()) live.push(...liveInMarkdown(await read(name)).map((l) => `${name}: ${l}`));
        live.push(...liveInMarkdown(await read('index.md')).map((l) => `index.md: ${l}`));
        live.push(...liveInHtml(await read('report.html'), new Set(['style', 'meta'])).map((l) => `report.html: ${l}`));
        return live;
      },
      extra: async () => {
        const csv = await readFile(join(folder, 'ideas.csv'));
        expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const rows = parseCsv(csv, { bom: true, relax_column_count: false }) as string[][];
        expect(rows.length).toBeGreaterThan(2 * TABLES);
        const unsafe = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
        expect(unsafe).toEqual([]);
        expect(rows.flat().some((cell) => cell.includes('=HYPERLINK("https://evil.example","click")'))).toBe(true);
        const json = JSON.parse(await read('harvest.json')) as { threads: { ideas: { text: string }[] }[] };
        const texts = json.threads.flatMap((t) => t.ideas.map((i) => i.text));
        expect(texts.some((t) => t.startsWith('<script>window.pwned = 1</script>'))).toBe(true);
        expectAllText(textOf(parseHtml(await read('report.html'))), TABLES);
      },
      close: async () => {},
    }, { expectInDoubt: 0, resends: 0 });
  });
});
