/** Everything a store and the photo directory hold, as raw bytes, to search for text that must be gone. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { REDIS_URL } from './cafe-rig.js';

/** The database file with its -wal and -shm, byte for byte (not through SQLite). */
export function sqliteFiles(dbPath: string): Buffer {
  return Buffer.concat([dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

/** Every key under the prefix and every value in it, read by type (DUMP would compress). */
export async function redisContents(prefix: string): Promise<Buffer> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const parts: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        parts.push(key);
        const type = await client.type(key);
        if (type === 'string') parts.push((await client.get(key)) ?? '');
        else if (type === 'hash') parts.push(JSON.stringify(await client.hGetAll(key)));
        else if (type === 'set') parts.push(...(await client.sMembers(key)));
        else if (type === 'list') parts.push(...(await client.lRange(key, 0, -1)));
        else if (type === 'zset') parts.push(...(await client.zRange(key, 0, -1)));
        else if (type === 'stream') parts.push(JSON.stringify(await client.xRange(key, '-', '+')));
        else parts.push(`(unread type ${type})`);
      }
    }
    return Buffer.from(parts.join('\n'));
  } finally {
    await client.close();
  }
}

/** Every file under `dir`, concatenated. */
export function filesUnder(dir: string): Buffer {
  if (!existsSync(dir)) return Buffer.alloc(0);
  const out: Buffer[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(readFileSync(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(out);
}

/** The markers found in `haystack`. */
export function found(haystack: Buffer, markers: readonly (string | Buffer)[]): (string | Buffer)[] {
  return markers.filter((m) => haystack.includes(typeof m === 'string' ? Buffer.from(m) : m));
}
