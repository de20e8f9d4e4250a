/**
 * A Redis database of the bench's own. server/main.ts has no key-prefix setting (its store and
 * its Socket.IO stream always live under `tablecloth:`), so the bench claims an empty numbered
 * database (`redis://…/N`) instead: nothing it writes can meet anyone else's keys, and afterwards
 * it removes exactly what it wrote there (SCAN + UNLINK by prefix; never FLUSHDB or FLUSHALL).
 */
import { createClient } from 'redis';

const CLAIM_KEY = 'tablecloth-bench:claim';
/** Prefixes of what the bench's servers write: Tablecloth's store and stream, the relay's stream, the claim. */
const PREFIXES = ['tablecloth:*', 'tablecloth-bench:*'];
const DATABASES = 16;

export class RedisSpace {
  private constructor(
    readonly url: string,
    private readonly client: ReturnType<typeof createClient>,
  ) {}

  /** Claims the first empty database from 1 up (0 is everyone's default). */
  static async claim(baseUrl: string): Promise<RedisSpace> {
    for (let db = 1; db < DATABASES; db++) {
      const url = new URL(baseUrl);
      url.pathname = `/${db}`;
      const client = createClient({ url: url.toString(), socket: { connectTimeout: 5_000, reconnectStrategy: false } });
      client.on('error', () => undefined);
      await client.connect();
      // The claim expires by itself should the bench be killed before cleaning up.
      if ((await client.dbSize()) === 0 && (await client.set(CLAIM_KEY, String(process.pid), { NX: true, EX: 1800 })) === 'OK') {
        if ((await client.dbSize()) === 1) return new RedisSpace(url.toString(), client);
        await client.del(CLAIM_KEY);
      }
      await client.close();
    }
    throw new Error(`no empty Redis database among 1…${DATABASES - 1} at ${baseUrl}`);
  }

  /** Removes every key the bench's processes wrote here, then the claim. Returns how many. */
  async release(): Promise<number> {
    let removed = 0;
    for (const match of PREFIXES) {
      for await (const keys of this.client.scanIterator({ MATCH: match, COUNT: 1000 })) {
        if (keys.length > 0) removed += await this.client.unlink(keys);
      }
    }
    await this.client.close();
    return removed;
  }
}
