/**
 * Export jobs in the Redis store (the ExportJobStore port of server/export/job-store.ts).
 *
 * Key layout (under the store's prefix), a job's keys hash-tagged by its café like the café's own:
 *
 *   {p}cafe:{<cafeId>}:exports               HASH   jobId → job JSON
 *   {p}cafe:{<cafeId>}:export:<jobId>:out    HASH   threadId → outcome JSON
 *   {p}cafe:{<cafeId>}:export:<jobId>:intent SET    thread ids with an unsettled intent
 *   {p}cafe:{<cafeId>}:export:<jobId>:lease  STRING holder and expiry; the only key that expires
 *   {p}exportjob:<jobId>                     STRING café id (to find a job's keys from its id)
 *   {p}exports:running                       SET    ids of jobs whose run is under way (resumed at start)
 *
 * The lease is one Lua script comparing the stored expiry with the caller's `now`, so tests move
 * time; the key also expires after the TTL so a dead process leaves nothing behind. Creating a job
 * claims its id in another slot, so that script needs a single Redis, like creating a café.
 */
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';
import type { ExportJob, ExportJobStore, OutcomeRecord } from '../export/job-store.js';

type Client = ReturnType<typeof createClient>;
interface Script { source: string; sha: string }
export type ScriptRunner = (script: Script, keys: string[], args: string[]) => Promise<unknown>;

const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });

/** KEYS: café rec, job index, exports hash. ARGV: jobId, cafeId, job JSON. */
const CREATE_JOB = script(`
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 'exists'
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.error_reply('ERR tablecloth: unknown cafe')
end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
return 'created'
`);

/** KEYS: lease. ARGV: holder, now, ttlMs. The value is "<expiresAt> <holder>". */
const TAKE_LEASE = script(`
local current = redis.call('GET', KEYS[1])
if current then
  local sep = string.find(current, ' ', 1, true)
  local expires = tonumber(string.sub(current, 1, sep - 1))
  local holder = string.sub(current, sep + 1)
  if holder ~= ARGV[1] and expires > tonumber(ARGV[2]) then
    return 0
  end
end
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[1], tostring(tonumber(ARGV[2]) + ttl) .. ' ' .. ARGV[1], 'PX', math.max(1, ttl))
return 1
`);

/** KEYS: lease. ARGV: holder. */
const RELEASE_LEASE = script(`
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, string.find(current, ' ', 1, true) + 1) == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 1
`);

export function redisExportJobs(client: Client, prefix: string, run: ScriptRunner): ExportJobStore {
  /** A job's café never changes, so the look-up is remembered. */
  const cafeOf = new Map<string, string>();
  const indexKey = (jobId: string) => `${prefix}exportjob:${jobId}`;
  const exportsKey = (cafeId: string) => `${prefix}cafe:{${cafeId}}:exports`;
  const runningKey = `${prefix}exports:running`;
  const jobKey = (cafeId: string, jobId: string, part: 'out' | 'intent' | 'lease') => `${prefix}cafe:{${cafeId}}:export:${jobId}:${part}`;

  async function cafeFor(jobId: string): Promise<string | null> {
    const known = cafeOf.get(jobId);
    if (known) return known;
    const cafeId = await client.get(indexKey(jobId));
    if (cafeId !== null) cafeOf.set(jobId, cafeId);
    return cafeId;
  }
  async function keysOf(jobId: string, part: 'out' | 'intent' | 'lease'): Promise<string> {
    const cafeId = await cafeFor(jobId);
    if (cafeId === null) throw new Error(`unknown export job ${jobId}`);
    return jobKey(cafeId, jobId, part);
  }

  return {
    async createJob(job: ExportJob) {
      const rec = `${prefix}cafe:{${job.cafeId}}:rec`;
      const reply = await run(CREATE_JOB, [rec, indexKey(job.jobId), exportsKey(job.cafeId)], [job.jobId, job.cafeId, JSON.stringify(job)]);
      if (reply === 'created' || reply === 'exists') return reply;
      throw new Error(`unexpected reply from the create-job script: ${String(reply)}`);
    },
    async getJob(jobId) {
      const cafeId = await cafeFor(jobId);
      if (cafeId === null) return null;
      const json = await client.hGet(exportsKey(cafeId), jobId);
      return json ? (JSON.parse(json) as ExportJob) : null;
    },
    async listJobs(cafeId) {
      const jobs = (await client.hVals(exportsKey(cafeId))).map((json) => JSON.parse(json) as ExportJob);
      return jobs.sort((a, b) => a.createdAt - b.createdAt || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
    },
    async takeLease(jobId, holder, now, ttlMs) {
      const cafeId = await cafeFor(jobId);
      if (cafeId === null) return false;
      const reply = await run(TAKE_LEASE, [jobKey(cafeId, jobId, 'lease')], [holder, String(Math.floor(now)), String(Math.max(1, Math.floor(ttlMs)))]);
      return reply === 1;
    },
    async releaseLease(jobId, holder) {
      const cafeId = await cafeFor(jobId);
      if (cafeId !== null) await run(RELEASE_LEASE, [jobKey(cafeId, jobId, 'lease')], [holder]);
    },
    async leaseHeld(jobId, now) {
      const cafeId = await cafeFor(jobId);
      const lease = cafeId === null ? null : await client.get(jobKey(cafeId, jobId, 'lease'));
      // "<expiresAt> <holder>", as TAKE_LEASE writes it.
      return lease !== null && Number(lease.slice(0, lease.indexOf(' '))) > now;
    },
    async putOutcome(jobId, threadId, record, options = {}) {
      const out = await keysOf(jobId, 'out');
      const multi = client.multi().hSet(out, threadId, JSON.stringify(record));
      if (options.settlesIntent) multi.sRem(await keysOf(jobId, 'intent'), threadId);
      await multi.exec();
    },
    async outcomes(jobId) {
      const cafeId = await cafeFor(jobId);
      if (cafeId === null) return new Map();
      const all = await client.hGetAll(jobKey(cafeId, jobId, 'out'));
      return new Map(Object.entries(all).map(([threadId, json]) => [threadId, JSON.parse(json) as OutcomeRecord]));
    },
    async recordIntent(jobId, threadId) {
      await client.sAdd(await keysOf(jobId, 'intent'), threadId);
    },
    async hadIntent(jobId, threadId) {
      const cafeId = await cafeFor(jobId);
      return cafeId !== null && (await client.sIsMember(jobKey(cafeId, jobId, 'intent'), threadId)) === 1;
    },
    async deleteCafe(cafeId) {
      const jobIds = await client.hKeys(exportsKey(cafeId));
      const parts = ['out', 'intent', 'lease'] as const;
      const keys = [exportsKey(cafeId), ...jobIds.flatMap((jobId) => [indexKey(jobId), ...parts.map((part) => jobKey(cafeId, jobId, part))])];
      await client.unlink(keys);
      for (const jobId of jobIds) cafeOf.delete(jobId);
    },
    async setRunning(jobId, running) {
      if (!running) await client.sRem(runningKey, jobId);
      else if ((await cafeFor(jobId)) !== null) await client.sAdd(runningKey, jobId);
    },
    async runningJobs() {
      const ids = (await client.sMembers(runningKey)).sort();
      // A job removed with its café since it was marked is no longer resumed (nor listed again).
      const known = await Promise.all(
        ids.map(async (id) => {
          const cafeId = await cafeFor(id);
          return cafeId !== null && (await client.hGet(exportsKey(cafeId), id)) != null ? id : null;
        }),
      );
      const gone = ids.filter((_, i) => known[i] === null);
      if (gone.length > 0) await client.sRem(runningKey, gone);
      return known.filter((id): id is string => id !== null);
    },
  };
}
