/** File names made from ids participants never see, safe on every file system and stable across runs. */
import { createHash } from 'node:crypto';
import type { SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';

/**
 * A readable, safe, stable name for an id: lower-case letters, digits and hyphens from the id
 * (at most 48), then 8 hex of its SHA-256. The hash keeps ids apart that differ only in case or
 * in characters dropped here (case-insensitive file systems), and no name is a reserved device
 * name (CON, NUL …) or starts with a dot.
 */
export function safeName(id: string): string {
  const readable = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return readable ? `${readable}-${hash}` : hash;
}

export function threadFileName(thread: SeedThread): string {
  return `${safeName(thread.id)}.md`;
}

/** The threads' sub-folder per grouping, from the id's prefix (H12: `theme-`, `round-`, `table-`). */
const GROUPING_FOLDERS: Record<string, string> = { theme: 'by-theme', round: 'by-question', table: 'by-table' };

/** The grouping folders in the order index.md lists them. */
export const THREAD_FOLDERS = ['by-theme', 'by-question', 'by-table', 'other'] as const;

/**
 * Where a thread's Markdown file lives in the files target, e.g. `threads/by-theme/<name>.md`:
 * one folder per grouping, so exports by theme and by table sit side by side and each can be
 * pruned without touching the other.
 */
export function threadFilePath(thread: SeedThread): string {
  return `threads/${GROUPING_FOLDERS[thread.id.split('-')[0]!] ?? 'other'}/${threadFileName(thread)}`;
}

export function photoFileName(photo: SeedPhoto): string {
  return `${safeName(photo.id)}.jpg`;
}
