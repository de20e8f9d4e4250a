import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import type { LogEntry } from '../../shared/domain/events.js';
import type { ExportJobStore } from '../export/job-store.js';
import { redisExportJobs } from './redis-export-jobs.js';
import type { AppendResult, CafeRecord, CafeStore, CreateResult, CredentialRecord, ImportResult, NewEntry } from './store.js';

/**
 * Key layout (all under the store's prefix, default `tablecloth:`):
 *
 *   {p}cafe:{<cafeId>}:rec    HASH   cafeId, joinCode, createdAt
 *   {p}cafe:{<cafeId>}:head   STRING the sequence number of the last entry
 *   {p}cafe:{<cafeId>}:log    HASH   seq → entry JSON (without the seq)
 *   {p}cafe:{<cafeId>}:ops    HASH   opId → seq, kept as long as the café (never expires)
 *   {p}code:<joinCode>        STRING café id
 *   {p}cred:<secretHash>      STRING credential JSON
 *
 * Deleting a café removes its record and join code first (from then on appends, credentials and
 * export jobs for it are refused), then every key with its hash tag (SCAN by pattern), then its
 * credentials, found by SCAN over `cred:*` since they are keyed by hash alone. No KEYS: SCAN
 * does not block the server. See docs/deploy.md for what AOF and RDB files still hold.
 *
 * The `{cafeId}` hash tag puts a café's keys in one cluster slot, so the append script (which
 * only touches the café's keys) is single-slot. Creating a café also claims its join code and
 * credentials, which live in other slots: that script needs a single Redis (standalone or
 * Sentinel), as does `addCredential`.
 *
 * `append` is one Lua script: the duplicate check, the head check and the write happen in one
 * atomic step on the server, so two processes appending at the same moment cannot both win, and
 * a process dying between two calls cannot leave a gap (there is only one call). When the
 * connection drops after the script was sent, the caller cannot know whether it ran; retrying with
 * the same operation id answers `duplicate` if it did.
 */

/** KEYS: rec, ops, head, log. ARGV: opId, expectedHead, entry JSON. */
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.error_reply('ERR tablecloth: unknown cafe')
end
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if existing then
  return {'duplicate', existing, redis.call('HGET', KEYS[4], existing)}
end
local head = tonumber(redis.call('GET', KEYS[3]) or '0')
if head ~= tonumber(ARGV[2]) then
  return {'conflict', tostring(head)}
end
local seq = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[4], seq, ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], seq)
return {'appended', tostring(seq)}
`;

/**
 * KEYS: rec, code, head, log, ops, cred 1..n.
 * ARGV: cafeId, joinCode, createdAt, first opId, first entry JSON, credential JSON 1..n.
 */
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then
  return 'id_taken'
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 'code_taken'
end
for i = 6, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return redis.error_reply('ERR tablecloth: credential exists')
  end
end
redis.call('HSET', KEYS[1], 'cafeId', ARGV[1], 'joinCode', ARGV[2], 'createdAt', ARGV[3])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SET', KEYS[3], 1)
redis.call('HSET', KEYS[4], 1, ARGV[5])
redis.call('HSET', KEYS[5], ARGV[4], 1)
for i = 6, #KEYS do
  redis.call('SET', KEYS[i], ARGV[i])
end
return 'created'
`;

/** KEYS: rec, cred. ARGV: credential JSON. */
const ADD_CREDENTIAL = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.error_reply('ERR tablecloth: unknown cafe')
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX') then
  return 'ok'
end
return redis.error_reply('ERR tablecloth: credential exists')
`;

/**
 * KEYS: rec, code, head, log, ops, cred 1..n.
 * ARGV: cafeId, joinCode, createdAt, expectedHead, entry count, then seq/opId/entry JSON per entry, then credential JSON 1..n.
 */
const IMPORT = `
local head = tonumber(redis.call('GET', KEYS[3]) or '0')
local expected = tonumber(ARGV[4])
if expected == 0 then
  if redis.call('EXISTS', KEYS[1]) == 1 or head ~= 0 then
    return 'conflict'
  end
  if redis.call('EXISTS', KEYS[2]) == 1 then
    return 'code_taken'
  end
  redis.call('HSET', KEYS[1], 'cafeId', ARGV[1], 'joinCode', ARGV[2], 'createdAt', ARGV[3])
  redis.call('SET', KEYS[2], ARGV[1])
elseif redis.call('HGET', KEYS[1], 'joinCode') ~= ARGV[2] or head ~= expected then
  return 'conflict'
end
local count = tonumber(ARGV[5])
local last = head
for i = 0, count - 1 do
  local seq = ARGV[6 + i * 3]
  redis.call('HSET', KEYS[4], seq, ARGV[8 + i * 3])
  redis.call('HSET', KEYS[5], ARGV[7 + i * 3], seq)
  last = tonumber(seq)
end
redis.call('SET', KEYS[3], last)
for i = 6, #KEYS do
  redis.call('SET', KEYS[i], ARGV[6 + count * 3 + i - 6], 'NX')
end
return 'imported'
`;

interface Script { source: string; sha: string }
const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const SCRIPTS = { append: script(APPEND), create: script(CREATE), addCredential: script(ADD_CREDENTIAL), import: script(IMPORT) };

/** How many entries one HMGET asks for. */
const READ_BATCH = 500;

type Client = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  /** Prefix of every key this store touches; default 'tablecloth:'. */
  prefix?: string;
  /** Called with connection errors (the client reconnects by itself once connected). */
  onError?: (err: Error) => void;
}

/** The entry as stored: the fields of a log entry without its seq, `digest` only when present. */
function entryJson(e: NewEntry): string {
  const stored: NewEntry = { opId: e.opId, actor: e.actor, at: e.at, event: e.event };
  if (e.digest !== undefined) stored.digest = e.digest;
  return JSON.stringify(stored);
}

function parseEntry(seq: number, json: string): LogEntry {
  const e = JSON.parse(json) as NewEntry;
  const entry: LogEntry = { seq, opId: e.opId, actor: e.actor, at: e.at, event: e.event };
  if (e.digest !== undefined) entry.digest = e.digest;
  return entry;
}

function credentialJson(c: CredentialRecord): string {
  return JSON.stringify({ secretHash: c.secretHash, cafeId: c.cafeId, linkId: c.linkId, wrappedKey: c.wrappedKey });
}

/** Escapes the glob characters of a SCAN MATCH pattern. */
const globEscape = (s: string): string => s.replace(/[*?[\]\\]/g, '\\$&');

export class RedisStore implements CafeStore {
  private closed = false;
  /** Export jobs, their outcomes, intents and leases (server/store/redis-export-jobs.ts has the keys). */
  readonly exportJobs: ExportJobStore;

  private constructor(private readonly client: Client, private readonly prefix: string) {
    this.exportJobs = redisExportJobs(client, prefix, (s, keys, args) => this.run(s, keys, args));
  }

  /** Connects to `url`; rejects if Redis does not answer (no endless retrying on the first connect). */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    let connected = false;
    const client = createClient({
      url,
      // While Redis is away, commands fail at once (the caller answers STORE_UNAVAILABLE, /readyz 503)
      // instead of waiting in a queue that a tablet's acknowledgement timeout gives up on first.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5_000,
        // Before the first successful connect, fail fast; afterwards, reconnect with backoff.
        reconnectStrategy: (retries, cause) => (connected ? Math.min(50 * 2 ** retries, 2_000) : cause),
      },
    });
    client.on('error', (err: Error) => options.onError?.(err));
    await client.connect();
    connected = true;
    return new RedisStore(client, options.prefix ?? 'tablecloth:');
  }

  private cafeKey(cafeId: string, part: 'rec' | 'head' | 'log' | 'ops'): string {
    return `${this.prefix}cafe:{${cafeId}}:${part}`;
  }

  private codeKey(joinCode: string): string {
    return `${this.prefix}code:${joinCode}`;
  }

  private credKey(secretHash: string): string {
    return `${this.prefix}cred:${secretHash}`;
  }

  /** EVALSHA, falling back to EVAL when the server does not know the script (yet, or after a restart). */
  private async run(s: Script, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.client.evalSha(s.sha, { keys, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return await this.client.eval(s.source, { keys, arguments: args });
    }
  }

  async createCafe(cafe: CafeRecord, first: NewEntry, credentials: CredentialRecord[]): Promise<CreateResult> {
    const id = cafe.cafeId;
    const keys = [
      this.cafeKey(id, 'rec'), this.codeKey(cafe.joinCode), this.cafeKey(id, 'head'), this.cafeKey(id, 'log'), this.cafeKey(id, 'ops'),
      ...credentials.map((c) => this.credKey(c.secretHash)),
    ];
    const args = [id, cafe.joinCode, String(cafe.createdAt), first.opId, entryJson(first), ...credentials.map(credentialJson)];
    const reply = await this.run(SCRIPTS.create, keys, args);
    if (reply === 'created' || reply === 'id_taken' || reply === 'code_taken') return reply;
    throw new Error(`unexpected reply from the create script: ${String(reply)}`);
  }

  async getCafe(cafeId: string): Promise<CafeRecord | null> {
    const h = await this.client.hGetAll(this.cafeKey(cafeId, 'rec'));
    if (h.cafeId === undefined || h.joinCode === undefined || h.createdAt === undefined) return null;
    return { cafeId: h.cafeId, joinCode: h.joinCode, createdAt: Number(h.createdAt) };
  }

  async findCafeByJoinCode(joinCode: string): Promise<CafeRecord | null> {
    const cafeId = await this.client.get(this.codeKey(joinCode));
    return cafeId === null ? null : this.getCafe(cafeId);
  }

  async addCredential(c: CredentialRecord): Promise<void> {
    await this.run(SCRIPTS.addCredential, [this.cafeKey(c.cafeId, 'rec'), this.credKey(c.secretHash)], [credentialJson(c)]);
  }

  async findCredential(secretHash: string): Promise<CredentialRecord | null> {
    const json = await this.client.get(this.credKey(secretHash));
    if (json === null) return null;
    const c = JSON.parse(json) as CredentialRecord;
    return { secretHash: c.secretHash, cafeId: c.cafeId, linkId: c.linkId, wrappedKey: c.wrappedKey ?? null };
  }

  async append(cafeId: string, expectedHead: number, entry: NewEntry): Promise<AppendResult> {
    const keys = [this.cafeKey(cafeId, 'rec'), this.cafeKey(cafeId, 'ops'), this.cafeKey(cafeId, 'head'), this.cafeKey(cafeId, 'log')];
    const reply = (await this.run(SCRIPTS.append, keys, [entry.opId, String(expectedHead), entryJson(entry)])) as unknown[];
    const [status, seq, json] = reply;
    if (status === 'appended') return { status, seq: Number(seq) };
    if (status === 'conflict') return { status, head: Number(seq) };
    if (status === 'duplicate' && typeof json === 'string') return { status, entry: parseEntry(Number(seq), json) };
    throw new Error(`unexpected reply from the append script: ${JSON.stringify(reply)}`);
  }

  async findByOpId(cafeId: string, opId: string): Promise<LogEntry | null> {
    const seq = await this.client.hGet(this.cafeKey(cafeId, 'ops'), opId);
    if (seq === null || seq === undefined) return null;
    const json = await this.client.hGet(this.cafeKey(cafeId, 'log'), seq);
    if (json === null || json === undefined) throw new Error(`log entry ${seq} of café ${cafeId} is missing`);
    return parseEntry(Number(seq), json);
  }

  async readSince(cafeId: string, since: number, limit?: number): Promise<LogEntry[]> {
    const head = await this.head(cafeId);
    const from = Math.max(Math.floor(since), 0) + 1;
    const to = limit === undefined ? head : Math.min(head, from - 1 + Math.max(Math.floor(limit), 0));
    const out: LogEntry[] = [];
    // Entries are never changed once written and sequence numbers have no gaps, so reading the
    // head and then the entries up to it in batches sees a consistent prefix of the log.
    for (let start = from; start <= to; start += READ_BATCH) {
      const seqs = Array.from({ length: Math.min(READ_BATCH, to - start + 1) }, (_, i) => String(start + i));
      const values = await this.client.hmGet(this.cafeKey(cafeId, 'log'), seqs);
      values.forEach((json, i) => {
        if (json === null || json === undefined) throw new Error(`log entry ${seqs[i]} of café ${cafeId} is missing`);
        out.push(parseEntry(start + i, json));
      });
    }
    return out;
  }

  async head(cafeId: string): Promise<number> {
    const head = await this.client.get(this.cafeKey(cafeId, 'head'));
    return head === null ? 0 : Number(head);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async importCafe(cafe: CafeRecord, expectedHead: number, entries: LogEntry[], credentials: CredentialRecord[]): Promise<ImportResult> {
    const id = cafe.cafeId;
    const keys = [
      this.cafeKey(id, 'rec'), this.codeKey(cafe.joinCode), this.cafeKey(id, 'head'), this.cafeKey(id, 'log'), this.cafeKey(id, 'ops'),
      ...credentials.map((c) => this.credKey(c.secretHash)),
    ];
    const args = [
      id, cafe.joinCode, String(cafe.createdAt), String(expectedHead), String(entries.length),
      ...entries.flatMap((e) => [String(e.seq), e.opId, entryJson(e)]),
      ...credentials.map((c) => credentialJson({ ...c, cafeId: id })),
    ];
    const reply = await this.run(SCRIPTS.import, keys, args);
    if (reply === 'imported' || reply === 'conflict' || reply === 'code_taken') return reply;
    throw new Error(`unexpected reply from the import script: ${String(reply)}`);
  }

  async credentialsOf(cafeId: string): Promise<CredentialRecord[]> {
    const found: CredentialRecord[] = [];
    for await (const [, c] of this.credentialKeysOf(cafeId)) found.push(c);
    return found.sort((a, b) => (a.linkId < b.linkId ? -1 : a.linkId > b.linkId ? 1 : a.secretHash < b.secretHash ? -1 : 1));
  }

  async deleteCafe(cafeId: string): Promise<void> {
    const code = this.codeKey((await this.getCafe(cafeId))?.joinCode ?? '');
    const unlinkFirst = [this.cafeKey(cafeId, 'rec')];
    if ((await this.client.get(code)) === cafeId) unlinkFirst.push(code);
    await this.client.unlink(unlinkFirst);
    await this.exportJobs.deleteCafe(cafeId);
    for await (const keys of this.client.scanIterator({ MATCH: `${globEscape(this.prefix)}cafe:{${globEscape(cafeId)}}:*`, COUNT: 500 })) {
      if (keys.length > 0) await this.client.unlink(keys);
    }
    const credentials: string[] = [];
    for await (const [key] of this.credentialKeysOf(cafeId)) credentials.push(key);
    for (let i = 0; i < credentials.length; i += READ_BATCH) await this.client.unlink(credentials.slice(i, i + READ_BATCH));
  }

  /** The café's credentials with their keys: a SCAN over every credential (they are keyed by hash alone). */
  private async *credentialKeysOf(cafeId: string): AsyncGenerator<[string, CredentialRecord]> {
    for await (const keys of this.client.scanIterator({ MATCH: `${globEscape(this.prefix)}cred:*`, COUNT: 500 })) {
      if (keys.length === 0) continue;
      const values = await this.client.mGet(keys);
      for (const [i, json] of values.entries()) {
        if (json === null || json === undefined) continue;
        const c = JSON.parse(json) as CredentialRecord;
        if (c.cafeId === cafeId) yield [keys[i]!, { secretHash: c.secretHash, cafeId: c.cafeId, linkId: c.linkId, wrappedKey: c.wrappedKey ?? null }];
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  /** Removes every key under this store's prefix (SCAN + UNLINK; for tests). Returns how many. */
  async deletePrefix(): Promise<number> {
    let removed = 0;
    for await (const keys of this.client.scanIterator({ MATCH: `${globEscape(this.prefix)}*`, COUNT: 500 })) {
      if (keys.length > 0) removed += await this.client.unlink(keys);
    }
    return removed;
  }
}
