import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { ExportError } from '../../server/export/exporter.js';
import { safeName } from '../../server/export/file-names.js';
import { FilesExporter } from '../../server/export/files.js';
import { cafeIdeas, IDEAS_CSV_COLUMNS } from '../../server/export/ideas-csv.js';
import { publishable, seedThreads, writtenInsights } from '../../shared/harvest/threads.js';
import { accepted, FACILITATOR } from '../helpers/cafe-factory.js';
import { harvestedCafe, themeId } from '../helpers/export-cafe.js';
import { plainText } from '../../server/export/neutralize.js';
import { chromiumAvailable, launchChromium } from '../helpers/browser.js';
import { generateThreads, TINY_JPEG } from '../helpers/seed-threads.js';

const CAFE = { id: 'cafe-export-test', title: 'Netzwerktreffen <b>Schule</b> von morgen', language: 'de' as const };
const threads = generateThreads({ hostile: true, photos: true });
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tablecloth-files-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file below `dir` with its bytes, by relative path. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), await readFile(path));
    }
  }
  return files;
}

async function exportTo(name: string, list: readonly SeedThread[] = threads) {
  const dir = join(root, name);
  await new FilesExporter(dir).writeHarvest(CAFE, list);
  return dir;
}

describe('files exporter: the folder', () => {
  it('writes one Markdown file per thread, its photos, an index linking them, CSV, JSON and the report', async () => {
    const dir = await exportTo('layout');
    const files = await tree(dir);
    const markdown = [...files.keys()].filter((p) => p.startsWith('threads/'));
    expect(markdown).toHaveLength(135);
    expect(markdown.every((p) => /^threads\/by-table\/[a-z0-9-]+\.md$/.test(p))).toBe(true);
    expect([...files.keys()].filter((p) => p.startsWith('photos/'))).toHaveLength(135);
    for (const name of ['index.md', 'ideas.csv', 'harvest.json', 'report.html']) expect(files.has(name)).toBe(true);

    const index = new MarkdownIt().render(files.get('index.md')!.toString('utf8'));
    const links = [...index.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links.filter((href) => href!.startsWith('threads/')).sort()).toEqual(markdown.sort());
    expect(index).not.toContain('<b>');
    expect(index).toContain('Netzwerktreffen &lt;b&gt;Schule&lt;/b&gt; von morgen');
  });

  it('names files from the thread id, safely and without collisions of case or punctuation', () => {
    expect(safeName('table-1-round-0')).toMatch(/^table-1-round-0-[0-9a-f]{8}$/);
    expect(safeName('Theme/A')).not.toBe(safeName('theme-a'));
    expect(safeName('../../etc/passwd')).toMatch(/^etc-passwd-[0-9a-f]{8}$/);
    expect(safeName('CON')).not.toBe('con');
    expect(safeName('日本')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keeps hostile text inert in every Markdown file: the ideas render as their literal text, the photos as the only images', async () => {
    const files = await tree(join(root, 'layout'));
    const md = new MarkdownIt({ html: true, linkify: true });
    for (const thread of threads) {
      const html = md.render(files.get(`threads/by-table/${safeName(thread.id)}.md`)!.toString('utf8'));
      expect(html).not.toMatch(/<(script|a|iframe|div)\b/);
      const images = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
      expect(images).toEqual(thread.photos.map((p) => `../../photos/${safeName(p.id)}.jpg`));
      const decoded = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      for (const idea of thread.ideas) expect(decoded).toContain(plainText(idea.text));
      for (const insight of thread.insights) expect(decoded).toContain(plainText(insight.text));
      expect(decoded).toContain(`<h1>${plainText(thread.title)}</h1>`);
    }
  });

  it('writes the photos byte for byte', async () => {
    const photo = await readFile(join(root, 'layout', 'photos', `${safeName(threads[0]!.photos[0]!.id)}.jpg`));
    expect(Buffer.compare(photo, TINY_JPEG)).toBe(0);
  });
});

describe('files exporter: CSV', () => {
  it('has a UTF-8 byte-order mark, a header and one row per idea with its provenance', async () => {
    const bytes = await readFile(join(root, 'layout', 'ideas.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(bytes, { bom: true, relaxColumnCount: false });
    expect(rows[0]).toEqual([...IDEAS_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + threads.reduce((n, t) => n + t.ideas.length, 0));
    const col = (name: (typeof IDEAS_CSV_COLUMNS)[number]) => IDEAS_CSV_COLUMNS.indexOf(name);
    const first = rows[1]!;
    const thread = threads[0]!;
    const idea = thread.ideas[0]!;
    expect(first[col('thread_id')]).toBe(thread.id);
    expect(first[col('question')]).toBe('Was macht Lernen bedeutsam?');
    expect(first[col('round')]).toBe('1');
    expect(first[col('table')]).toBe('Tisch 1');
    expect(first[col('group')]).toBe(idea.group);
    expect(first[col('author')]).toBe(idea.author ?? '');
    expect(first[col('starred')]).toBe('true');
    expect(first[col('votes')]).toBe(String(thread.votes));
    expect(rows.some((r) => r[col('group')] === 'Schüler:innen')).toBe(true);
  });

  it('H11 written by an export job: one row per publishable idea of the café, with its theme’s thread where it has one, whichever grouping was exported', async () => {
    const cafe = harvestedCafe({ tables: 2, rounds: 1 });
    accepted(cafe, FACILITATOR, { type: 'deleteTheme', themeId: themeId(0, 2) });
    const dir = join(root, 'cafe-ideas');
    const state = cafe.state;
    await new FilesExporter(dir).writeHarvest({ ...CAFE, ideas: cafeIdeas(state) }, seedThreads(state, 'question'));
    const rows: string[][] = parseCsv(await readFile(join(dir, 'ideas.csv')), { bom: true });
    const col = (name: (typeof IDEAS_CSV_COLUMNS)[number]) => IDEAS_CSV_COLUMNS.indexOf(name);
    const publishableIds = Object.values(state.ideas).filter((i) => publishable(state, i)).map((i) => i.id);
    expect(publishableIds).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[col('idea_id')]).sort()).toEqual(publishableIds.sort());
    const threadOf = Object.fromEntries(rows.slice(1).map((r) => [r[col('idea_id')], r[col('thread_id')]]));
    expect(threadOf['idea-r0-t1-0']).toBe(`theme-${themeId(0, 1)}`);
    // Table 2's theme was dissolved: its ideas are there, in no theme.
    expect(threadOf['idea-r0-t2-0']).toBe('');
    expect(rows[1]![col('question')]).toBe('Was macht Lernen bedeutsam?');
  });

  it('H18 written by an export job by theme: harvest.json and the report carry every key insight the hosts wrote, once, text as text', async () => {
    const cafe = harvestedCafe({ tables: 2, rounds: 1 });
    accepted(cafe, 'host-link-2', { type: 'setHarvestCard', tableId: '2', round: 0, insights: [{ text: '<script>window.pwned=1</script> Zeit' }] });
    const dir = join(root, 'cafe-insights');
    const state = cafe.state;
    await new FilesExporter(dir).writeHarvest({ ...CAFE, ideas: cafeIdeas(state), insights: writtenInsights(state) }, seedThreads(state, 'theme'));
    const schema = JSON.parse(await readFile(new URL('../../docs/export-schema.json', import.meta.url), 'utf8'));
    const harvest = JSON.parse(await readFile(join(dir, 'harvest.json'), 'utf8'));
    expect(new Ajv2020({ strict: true, allErrors: true }).validate(schema, harvest)).toBe(true);
    expect(harvest.insights.map((i: { text: string }) => i.text)).toEqual(['Erkenntnis Marker0x1x9', '<script>window.pwned=1</script> Zeit']);
    const report = await readFile(join(dir, 'report.html'), 'utf8');
    expect(report).toContain('<h2>Kernerkenntnisse der Tische</h2>');
    expect(report).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt; Zeit');
    expect(report).not.toContain('<script>');
  });

  it('neutralises every cell that a spreadsheet would read as a formula', async () => {
    const rows: string[][] = parseCsv(await readFile(join(root, 'layout', 'ideas.csv')), { bom: true });
    const ideaCells = rows.slice(1).map((r) => r[IDEAS_CSV_COLUMNS.indexOf('idea')]!);
    expect(ideaCells).toContain(`'=HYPERLINK("https://evil.example","click")`);
    expect(ideaCells).toContain(`'@SUM(A1:A2)`);
    expect(ideaCells).toContain(`'-3-4`);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('files exporter: JSON', () => {
  it('validates against docs/export-schema.json and references files that exist with their hashes', async () => {
    const schema = JSON.parse(await readFile(new URL('../../docs/export-schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const dir = join(root, 'layout');
    const harvest = JSON.parse(await readFile(join(dir, 'harvest.json'), 'utf8'));
    expect(validate(harvest), JSON.stringify(validate.errors)).toBe(true);
    expect(harvest.threads).toHaveLength(135);
    expect(harvest.threads[1].ideas[0].text).toBe(threads[1]!.ideas[0]!.text);
    for (const thread of harvest.threads) {
      await expect(readFile(join(dir, thread.markdownFile))).resolves.toBeInstanceOf(Buffer);
      for (const photo of thread.photos) {
        const bytes = await readFile(join(dir, photo.file));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.sha256);
        expect(bytes.byteLength).toBe(photo.size);
      }
    }
  });

  it('is refused by the schema when a field is missing or mistyped (the schema is not vacuous)', async () => {
    const schema = JSON.parse(await readFile(new URL('../../docs/export-schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: true }).compile(schema);
    const harvest = JSON.parse(await readFile(join(root, 'layout', 'harvest.json'), 'utf8'));
    delete harvest.threads[0].ideas[0].starred;
    expect(validate(harvest)).toBe(false);
    harvest.threads[0].ideas[0].starred = 'yes';
    expect(validate(harvest)).toBe(false);
  });
});

describe('files exporter: idempotent by construction', () => {
  it('gives identical bytes in two folders and on a re-run into the same one', async () => {
    const a = await tree(await exportTo('run-a'));
    const b = await tree(await exportTo('run-b'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(Buffer.compare(bytes, b.get(path)!), path).toBe(0);
    await exportTo('run-a');
    const again = await tree(join(root, 'run-a'));
    expect([...again.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(Buffer.compare(bytes, again.get(path)!), path).toBe(0);
  });

  it('reports a thread already there as found, and rewrites one changed by hand', async () => {
    const dir = await exportTo('rerun');
    const exporter = new FilesExporter(dir);
    expect(await exporter.publish(threads[3]!)).toMatchObject({ status: 'found', remoteId: `threads/by-table/${safeName(threads[3]!.id)}.md` });
    const file = join(dir, 'threads', 'by-table', `${safeName(threads[3]!.id)}.md`);
    const original = await readFile(file);
    await writeFile(file, 'truncated');
    expect(await exporter.publish(threads[3]!)).toMatchObject({ status: 'created' });
    expect(Buffer.compare(await readFile(file), original)).toBe(0);
  });

  it('removes the files of threads gone from the harvest and temporary files of a dead run, and leaves other files alone', async () => {
    const dir = await exportTo('prune', threads.slice(0, 5));
    await writeFile(join(dir, 'threads', 'NOTES.txt'), 'mine');
    await writeFile(join(dir, 'threads', 'by-table', `.x.md.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.tmp`), 'half');
    await exportTo('prune', threads.slice(0, 3));
    const files = [...(await tree(dir)).keys()];
    expect(files.filter((p) => p.startsWith('threads/')).sort()).toEqual(
      [...threads.slice(0, 3).map((t) => `threads/by-table/${safeName(t.id)}.md`), 'threads/NOTES.txt'].sort(),
    );
    expect(files.filter((p) => p.startsWith('photos/'))).toHaveLength(3);
  });

  it('keeps an export by theme and one by table side by side, each in its folder, the index listing every thread file present', async () => {
    const byTable = threads.slice(0, 4);
    // The same café's harvest by theme: other ids, so other files, and a photo only these show.
    const byTheme = threads.slice(4, 6).map((t, i) => ({ ...t, id: `theme-${i}`, title: `Thema ${i} <b>fett</b>`, photos: [{ ...t.photos[0]!, id: `photo-theme-${i}` }] }));
    const dir = await exportTo('two-groupings', byTheme);
    await exportTo('two-groupings', byTable);
    const files = [...(await tree(dir)).keys()];
    expect(files.filter((p) => p.startsWith('threads/')).sort()).toEqual(
      [...byTheme.map((t) => `threads/by-theme/${safeName(t.id)}.md`), ...byTable.map((t) => `threads/by-table/${safeName(t.id)}.md`)].sort(),
    );
    // The theme threads' photos stay: their files still show them.
    expect(files).toContain(`photos/${safeName('photo-theme-0')}.jpg`);
    const index = new MarkdownIt().render(await readFile(join(dir, 'index.md'), 'utf8'));
    const links = [...index.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]!).filter((href) => href.startsWith('threads/'));
    expect(links.sort()).toEqual(files.filter((p) => p.startsWith('threads/')).sort());
    expect(index).toContain('Themen für die Community (nach Thema)');
    expect(index).toContain('Thema 0 &lt;b&gt;fett&lt;/b&gt;');
    expect(index).not.toContain('<b>');
    // A later export by theme without theme 1 removes only that file.
    await exportTo('two-groupings', byTheme.slice(0, 1));
    const after = [...(await tree(dir)).keys()].filter((p) => p.startsWith('threads/'));
    expect(after).not.toContain(`threads/by-theme/${safeName('theme-1')}.md`);
    expect(after.filter((p) => p.startsWith('threads/by-table/'))).toHaveLength(4);
    expect(await readFile(join(dir, 'index.md'), 'utf8')).not.toContain(safeName('theme-1'));
  });

  it('refuses an unwritable folder with TARGET_AUTH or TARGET_INVALID, never a raw error', async () => {
    const blocker = join(root, 'a-file');
    await writeFile(blocker, 'not a folder');
    await expect(new FilesExporter(join(blocker, 'export')).writeHarvest(CAFE, threads.slice(0, 1))).rejects.toMatchObject({
      constructor: ExportError,
      code: expect.stringMatching(/^TARGET_(AUTH|INVALID)$/),
      retryable: false,
    });
  });
});

describe.runIf(chromiumAvailable())('files exporter: the printable report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows hostile text literally, runs no script and shows every photo', async () => {
    const dir = join(root, 'layout');
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    const seen = await page.evaluate(() => ({
      pwned: (window as unknown as { pwned?: unknown }).pwned,
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      links: document.querySelectorAll('a').length,
      images: [...document.images].map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth })),
      ideas: [...document.querySelectorAll('section.thread')].map((s) => [...s.querySelectorAll('.idea')].map((i) => i.textContent)),
      titles: [...document.querySelectorAll('section.thread h2')].map((h) => h.textContent),
      h1: document.querySelector('h1')!.textContent,
    }));
    expect(seen.pwned).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(seen.scripts).toBe(0);
    expect(seen.handlers).toBe(0);
    expect(seen.links).toBe(0);
    expect(seen.images).toHaveLength(135);
    expect(seen.images.every((img) => img.width === 1 && /^photos\/[a-z0-9-]+\.jpg$/.test(img.src!))).toBe(true);
    expect(seen.ideas).toEqual(threads.map((t) => t.ideas.map((i) => plainText(i.text))));
    expect(seen.titles).toEqual(threads.map((t) => plainText(t.title)));
    expect(seen.h1).toBe('Ernte von Netzwerktreffen <b>Schule</b> von morgen');
  });

  it('prints to PDF with each thread on a page of its own', async () => {
    const dir = await exportTo('print', threads.slice(0, 4));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(4);
  });
});
