/**
 * Where tablecloth photos live: outside the operation log and outside Socket.IO messages (the log
 * holds a reference, H13). The embedded server keeps them as files under PHOTO_DIR
 * (`DATA_DIR/photos` by default); several processes need a directory they all share (docs/deploy.md).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export type PutResult = 'stored' | 'same' | 'different';

export interface PhotoStore {
  /** Stores the bytes under the id, durably; the same bytes again are 'same', other bytes 'different' (kept as they were). */
  put(cafeId: string, photoId: string, bytes: Uint8Array): Promise<PutResult>;
  get(cafeId: string, photoId: string): Promise<Uint8Array | null>;
  remove(cafeId: string, photoId: string): Promise<void>;
  /** Every photo of a café (when the café is deleted). */
  removeCafe(cafeId: string): Promise<void>;
}

/** Ids reach file names: only the characters of client ids, so no path can be built from them. */
const SAFE = /^[A-Za-z0-9_-]{1,64}$/;

export class FilePhotoStore implements PhotoStore {
  constructor(private readonly dir: string) {}

  private path(cafeId: string, photoId: string): string {
    if (!SAFE.test(cafeId) || !SAFE.test(photoId)) throw new Error('unsafe photo id');
    return join(this.dir, cafeId, `${photoId}.jpg`);
  }

  async put(cafeId: string, photoId: string, bytes: Uint8Array): Promise<PutResult> {
    const path = this.path(cafeId, photoId);
    const existing = await this.get(cafeId, photoId);
    if (existing) return digest(existing) === digest(bytes) ? 'same' : 'different';
    await mkdir(join(this.dir, cafeId), { recursive: true });
    // Written whole or not at all: a temporary file, flushed, then renamed into place.
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    const folder = await open(join(this.dir, cafeId), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return 'stored';
  }

  async get(cafeId: string, photoId: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(cafeId, photoId)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(cafeId: string, photoId: string): Promise<void> {
    await rm(this.path(cafeId, photoId), { force: true });
  }

  async removeCafe(cafeId: string): Promise<void> {
    if (!SAFE.test(cafeId)) throw new Error('unsafe café id');
    await rm(join(this.dir, cafeId), { recursive: true, force: true });
  }
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
