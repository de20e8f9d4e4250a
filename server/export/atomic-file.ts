/** Writing a file so that a reader sees the old bytes or the new ones, never half of them. */
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Whether `path` already holds exactly these bytes. */
async function holds(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.compare(await readFile(path), bytes) === 0;
  } catch {
    return false;
  }
}

/** The temporary files this module leaves only when the process dies between write and rename. */
export const TEMP_FILE = /^\..+\.[0-9a-f-]{36}\.tmp$/;

/**
 * Writes `bytes` to `path` through a temporary file in the same folder (rename is atomic within
 * one file system), flushed before the rename so a power cut cannot leave an empty file under the
 * final name. A file that already holds the same bytes is left alone: returns whether it wrote.
 * Hand-written (15 lines) because write-file-atomic's current major needs Node 22.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<boolean> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (await holds(path, data)) return false;
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return true;
}
