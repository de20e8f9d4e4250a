/**
 * The files exporter: a folder anyone can open without Tablecloth, for the organisers' archive
 * and for communities without an API.
 *
 *   index.md            links to every thread and to the files below
 *   threads/<name>.md   one Markdown file per seed thread (name from the thread id: file-names.ts)
 *   photos/<name>.jpg   the photos, referenced from the Markdown, the report and the JSON
 *   ideas.csv           one row per idea with its provenance (UTF-8 with BOM, formulas neutralised)
 *   harvest.json        the whole harvest (docs/export-schema.json)
 *   report.html         the printable harvest report (print to PDF in the browser)
 *
 * Every file is written atomically, and the same harvest always gives the same bytes (no clock,
 * no random order), so a re-run is idempotent by construction.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { TEMP_FILE, writeFileAtomic } from './atomic-file.js';
import { ExportError, type Exporter, type PublishOutcome } from './exporter.js';
import { photoFileName, threadFileName } from './file-names.js';
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
      await mkdir(join(this.dir, 'threads'), { recursive: true });
      await mkdir(join(this.dir, 'photos'), { recursive: true });
      let wrote = false;
      for (const photo of thread.photos) wrote = (await writeFileAtomic(join(this.dir, 'photos', photoFileName(photo)), photo.bytes)) || wrote;
      const file = join(this.dir, 'threads', threadFileName(thread));
      wrote = (await writeFileAtomic(file, threadMarkdown(thread, (photo) => `../photos/${photoFileName(photo)}`))) || wrote;
      const remoteId = `threads/${threadFileName(thread)}`;
      return { status: wrote ? 'created' : 'found', remoteId, url: pathToFileURL(file).href };
    });
  }

  /**
   * The whole folder for one café: every thread, then the index, CSV, JSON and report. Files of
   * threads no longer in the harvest (and temporary files of a run that died) are removed, so
   * the folder is a function of the harvest alone. Returns the paths written, relative to the folder.
   */
  async writeHarvest(cafe: HarvestCafe, threads: readonly SeedThread[]): Promise<string[]> {
    return guarded(async () => {
      await mkdir(this.dir, { recursive: true });
      const kept = new Set<string>();
      for (const thread of threads) {
        await this.publish(thread);
        kept.add(`threads/${threadFileName(thread)}`);
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
        ['index.md', this.index(cafe, threads)],
        ['ideas.csv', ideasCsv(threads)],
        ['harvest.json', harvestJson(cafe, threads)],
        ['report.html', reportPage(cafe.title, cafe.language, threads, (photo) => `photos/${photoFileName(photo)}`)],
      ];
      await mkdir(this.dir, { recursive: true });
      for (const [name, text] of whole) await writeFileAtomic(join(this.dir, name), text);
      return whole.map(([name]) => name);
    });
  }

  private index(cafe: HarvestCafe, threads: readonly SeedThread[]): string {
    const l = labelsFor(cafe.language);
    const md = (text: string) => escapeMarkdown(plainText(text));
    return [
      `# ${md(`${l.harvestOf} ${cafe.title}`)}`,
      '',
      `## ${md(l.threads)}`,
      '',
      ...threads.map((t) => `- [${md(t.title)}](threads/${threadFileName(t)})`),
      '',
      '---',
      '',
      '[report.html](report.html) · [ideas.csv](ideas.csv) · [harvest.json](harvest.json)',
      '',
    ].join('\n');
  }

  /** Removes our own files (safe names only) that the harvest no longer has; leaves anything else alone. */
  private async prune(kept: ReadonlySet<string>): Promise<void> {
    for (const [folder, ours] of [
      ['threads', /^[a-z0-9-]+\.md$/],
      ['photos', /^[a-z0-9-]+\.jpg$/],
    ] as const) {
      for (const name of await readdir(join(this.dir, folder))) {
        if ((ours.test(name) && !kept.has(`${folder}/${name}`)) || TEMP_FILE.test(name)) await unlink(join(this.dir, folder, name));
      }
    }
  }
}
