/**
 * The files exporter: a folder anyone can open without Tablecloth, for the organisers' archive
 * and for communities without an API.
 *
 *   index.md            links to every thread file in the folder, per grouping, and to the files below
 *   threads/by-theme/<name>.md, threads/by-question/…, threads/by-table/…
 *                       one Markdown file per seed thread (name from the thread id: file-names.ts);
 *                       an export by table leaves the files of an export by theme in place
 *   photos/<name>.jpg   the photos, referenced from the Markdown, the report and the JSON
 *   ideas.csv           one row per idea with its provenance (UTF-8 with BOM, formulas neutralised)
 *   harvest.json        the whole harvest (docs/export-schema.json)
 *   report.html         the printable harvest report (print to PDF in the browser)
 *
 * Every file is written atomically, and the same harvest always gives the same bytes (no clock,
 * no random order), so a re-run is idempotent by construction.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { TEMP_FILE, writeFileAtomic } from './atomic-file.js';
import { ExportError, type Exporter, type PublishOutcome } from './exporter.js';
import { photoFileName, THREAD_FOLDERS, threadFilePath } from './file-names.js';
import { harvestJson, type HarvestCafe } from './harvest-json.js';
import { ideasCsv } from './ideas-csv.js';
import { labelsFor } from './labels.js';
import { escapeMarkdown, plainText } from './neutralize.js';
import { reportPage } from './report-page.js';
import { threadMarkdown } from './thread-markdown.js';

/** What a file-system failure means for the job: a full or failing disk may recover, a refused folder will not. */
function exportError(error: unknown): ExportError {
  const code = (error as NodeJS.ErrnoException).code;
  const message = `Could not write the export folder (${code ?? String(error)})`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ExportError('TARGET_AUTH', message, false);
  if (code === 'ENOSPC' || code === 'EIO' || code === 'EBUSY' || code === 'EMFILE') return new ExportError('TARGET_UNREACHABLE', message, true);
  return new ExportError('TARGET_INVALID', message, false);
}

const THREAD_FILE = /^[a-z0-9-]+\.md$/;
const PHOTO_FILE = /^[a-z0-9-]+\.jpg$/;

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof ExportError ? error : exportError(error);
  }
}

export class FilesExporter implements Exporter {
  readonly target = 'files';
  readonly guarantee =
    'Each file is written to a temporary name and renamed, and the same harvest gives the same bytes: a re-run replaces every file with an identical one.';

  constructor(private readonly dir: string) {}

  /** Writes the thread's Markdown file and its photos; `found` when they were already there, byte for byte. */
  async publish(thread: SeedThread): Promise<PublishOutcome> {
    return guarded(async () => {
      const remoteId = threadFilePath(thread);
      const file = join(this.dir, remoteId);
      await mkdir(dirname(file), { recursive: true });
      await mkdir(join(this.dir, 'photos'), { recursive: true });
      let wrote = false;
      for (const photo of thread.photos) wrote = (await writeFileAtomic(join(this.dir, 'photos', photoFileName(photo)), photo.bytes)) || wrote;
      wrote = (await writeFileAtomic(file, threadMarkdown(thread, (photo) => `../../photos/${photoFileName(photo)}`))) || wrote;
      return { status: wrote ? 'created' : 'found', remoteId, url: pathToFileURL(file).href };
    });
  }

  /**
   * The whole folder for one café: every thread, then the index, CSV, JSON and report. Files of
   * threads no longer in the harvest in the groupings written now (and temporary files of a run
   * that died) are removed; other groupings' folders stay, and the index lists them too. Returns the paths written, relative to the folder.
   */
  async writeHarvest(cafe: HarvestCafe, threads: readonly SeedThread[]): Promise<string[]> {
    return guarded(async () => {
      await mkdir(this.dir, { recursive: true });
      const kept = new Set<string>();
      for (const thread of threads) {
        await this.publish(thread);
        kept.add(threadFilePath(thread));
        for (const photo of thread.photos) kept.add(`photos/${photoFileName(photo)}`);
      }
      await this.prune(kept);
      return [...(await this.complete(cafe, threads)), ...[...kept].sort()];
    });
  }

  /** The files of the whole export (the export job calls this once every thread's file is written); returns their names. */
  async complete(cafe: HarvestCafe, threads: readonly SeedThread[]): Promise<string[]> {
    return guarded(async () => {
      const whole: [string, string][] = [
        ['index.md', await this.index(cafe)],
        ['ideas.csv', ideasCsv(threads, cafe.ideas)],
        ['harvest.json', harvestJson(cafe, threads)],
        ['report.html', reportPage(cafe.title, cafe.language, threads, (photo) => `photos/${photoFileName(photo)}`, cafe.insights)],
      ];
      await mkdir(this.dir, { recursive: true });
      for (const [name, text] of whole) await writeFileAtomic(join(this.dir, name), text);
      return whole.map(([name]) => name);
    });
  }

  /**
   * Every thread file in the folder, per grouping, titled by its own first line (its heading,
   * already escaped Markdown): what other exports left is listed too, never orphaned.
   */
  private async index(cafe: HarvestCafe): Promise<string> {
    const l = labelsFor(cafe.language);
    const md = (text: string) => escapeMarkdown(plainText(text));
    const out = [`# ${md(`${l.harvestOf} ${cafe.title}`)}`, ''];
    for (const folder of THREAD_FOLDERS) {
      const names = (await this.ours(join('threads', folder), THREAD_FILE)).sort();
      if (names.length === 0) continue;
      out.push(`## ${md(l.threads)} (${md(l.groupings[folder])})`, '');
      for (const name of names) {
        const heading = (await readFile(join(this.dir, 'threads', folder, name), 'utf8')).match(/^# (.*)$/m)?.[1] ?? name;
        out.push(`- [${heading}](threads/${folder}/${name})`);
      }
      out.push('');
    }
    out.push('---', '', '[report.html](report.html) · [ideas.csv](ideas.csv) · [harvest.json](harvest.json)', '');
    return out.join('\n');
  }

  /** Our own file names in a sub-folder (none when it is not there). */
  private async ours(folder: string, pattern: RegExp): Promise<string[]> {
    const names = await readdir(join(this.dir, folder)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return names.filter((name) => pattern.test(name));
  }

  /**
   * Removes our own files (safe names only) that the harvest no longer has, in the groupings being
   * written and the flat `threads/` of earlier versions; leaves anything else alone.
   */
  private async prune(kept: ReadonlySet<string>): Promise<void> {
    const groupings = new Set([...kept].filter((p) => p.startsWith('threads/')).map((p) => dirname(p)));
    const prune = async (folder: string, ours: RegExp, keep: ReadonlySet<string>) => {
      for (const name of await this.ours(folder, /./)) {
        if ((ours.test(name) && !keep.has(`${folder}/${name}`)) || TEMP_FILE.test(name)) await unlink(join(this.dir, folder, name));
      }
    };
    for (const folder of ['threads', ...groupings]) await prune(folder, THREAD_FILE, kept);
    // A photo stays while any thread file left in the folder shows it, whichever grouping wrote it.
    const shown = new Set(kept);
    for (const folder of THREAD_FOLDERS) {
      for (const name of await this.ours(join('threads', folder), THREAD_FILE)) {
        const text = await readFile(join(this.dir, 'threads', folder, name), 'utf8');
        for (const m of text.matchAll(/\(\.\.\/\.\.\/(photos\/[a-z0-9-]+\.jpg)\)/g)) shown.add(m[1]!);
      }
    }
    await prune('photos', PHOTO_FILE, shown);
  }
}
