/**
 * The morning after (issue 5): a café made on the laptop (SQLite) is downloaded as an archive and
 * imported on a hosted server (Redis, and SQLite): the same facilitator link works there, the
 * threads, photos and invitations are the same, an export runs there. Importing again adds only
 * what is new; corrupt, truncated or tampered archives are refused with a code and store nothing.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/domain/events.js';
import { evolve } from '../../shared/domain/evolve.js';
import type { CafeState } from '../../shared/domain/state.js';
import { stateDigest } from '../../server/cafes/archive-format.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { startRig, type CafeRig } from '../helpers/cafe-rig.js';
import { markedCafe, sendOp, type MarkedCafe } from '../helpers/marked-cafe.js';
import { redisContents } from '../helpers/stored-bytes.js';

const TOKEN = 'hosted-import-token-0123456789abcdef';
const EDITED_TITLE = 'The edited title, as the facilitator saved it';

async function download(rig: CafeRig, cafe: MarkedCafe): Promise<Buffer> {
  const response = await fetch(`${rig.url}/api/cafes/${cafe.links.cafeId}/archive`, { headers: { authorization: `Bearer ${cafe.facilitator}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/gzip');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="tablecloth-[A-Z0-9]+-\d{4}-\d\d-\d\d\.ndjson\.gz"$/);
  return Buffer.from(await response.arrayBuffer());
}

function upload(rig: CafeRig, archive: Uint8Array, token: string | null = TOKEN) {
  return fetch(`${rig.url}/api/archives`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: Buffer.from(archive),
  });
}

const code = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
const get = (rig: CafeRig, path: string, secret: string) => fetch(`${rig.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });
const lines = (archive: Buffer) => gunzipSync(archive).toString('utf8').trimEnd().split('\n');

describe('the café archive', () => {
  let laptop: CafeRig;
  let cafe: MarkedCafe;
  let archive: Buffer;

  beforeAll(async () => {
    laptop = await startRig({ kind: 'sqlite' });
    cafe = await markedCafe(laptop.url, laptop.store.exportJobs, 'Moved');
    // H17: the facilitator's edit of a seed thread is in the log, so it moves with the café.
    await sendOp(laptop.url, cafe.links.cafeId, cafe.facilitator, { type: 'editSeedThread', grouping: 'theme', threadId: 'theme-theme-marked', title: EDITED_TITLE });
    archive = await download(laptop, cafe);
  });
  afterAll(async () => {
    cafe?.client.close();
    await laptop?.close();
  });

  it('is gzipped NDJSON: a versioned header, the records, and a checksum; no secret in it', async () => {
    const records = lines(archive).map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    expect(records[0]).toMatchObject({ type: 'archive', version: 1, cafe: { cafeId: cafe.links.cafeId, joinCode: cafe.links.joinCode } });
    expect(records.at(-1)).toMatchObject({ type: 'end', records: records.length - 1 });
    const kinds = new Set(records.map((r) => (r.type === 'part' ? `part:${String(r.part)}` : r.type)));
    expect([...kinds].sort()).toEqual(['archive', 'credential', 'end', 'entry', 'part:exportJob', 'part:invitation', 'part:photo']);
    const text = gunzipSync(archive).toString('utf8');
    for (const secret of [cafe.facilitator, cafe.host]) expect(text).not.toContain(secret);
    for (const marker of cafe.markers) expect(text).toContain(marker);
  });

  it('refuses imports when the server has no token, and a wrong token', async () => {
    const off = await upload(laptop, archive);
    expect([off.status, await code(off)]).toEqual([403, 'ARCHIVE_IMPORT_OFF']);
    const hosted = await startRig({ kind: 'sqlite', components: { archiveImportToken: TOKEN } });
    try {
      for (const token of [null, `${TOKEN}x`, cafe.facilitator]) {
        const refused = await upload(hosted, archive, token);
        expect([refused.status, await code(refused)]).toEqual([401, 'UNAUTHENTICATED']);
      }
      expect(await hosted.store.getCafe(cafe.links.cafeId)).toBeNull();
    } finally {
      await hosted.close();
    }
  });

  describe.each(['redis', 'sqlite'] as const)('imported on a hosted server (%s)', (kind) => {
    let hosted: CafeRig;
    beforeAll(async () => {
      hosted = await startRig({ kind, components: { archiveImportToken: TOKEN } });
    });
    afterAll(async () => {
      await hosted?.close();
    });

    it('works there with the same facilitator link: links, threads, photos, invitations, an export', async () => {
      // As the laptop is now (the other hosted server's turn may have changed it).
      const fresh = await download(laptop, cafe);
      const imported = await upload(hosted, fresh);
      expect(imported.status).toBe(201);
      const head = (JSON.parse(lines(fresh)[0]!) as { head: number }).head;
      expect(await imported.json()).toEqual({ cafeId: cafe.links.cafeId, joinCode: cafe.links.joinCode, added: head, head });

      const links = await get(hosted, `/api/cafes/${cafe.links.cafeId}/links`, cafe.facilitator);
      expect(links.status).toBe(200);
      const hostedLinks = (await links.json()) as { tables: { host: string }[] };
      // The host links are derived from the café's key, unwrapped with the facilitator's secret: the same there.
      expect(hostedLinks.tables.map((t) => new URL(t.host).hash)).toEqual(cafe.links.tables.map((t) => new URL(t.host!).hash));

      for (const path of ['threads', 'snapshot', 'invitations']) {
        const [here, there] = await Promise.all([get(laptop, `/api/cafes/${cafe.links.cafeId}/${path}`, cafe.facilitator), get(hosted, `/api/cafes/${cafe.links.cafeId}/${path}`, cafe.facilitator)]);
        expect([path, there.status]).toEqual([path, 200]);
        const strip = (body: Record<string, unknown>) => ({ ...body, serverNow: 0 });
        expect(strip((await there.json()) as Record<string, unknown>)).toEqual(strip((await here.json()) as Record<string, unknown>));
      }
      const threads = ((await (await get(hosted, `/api/cafes/${cafe.links.cafeId}/threads`, cafe.facilitator)).json()) as { threads: { id: string; title: string; generatedTitle: string }[] }).threads;
      expect(threads.find((t) => t.id === 'theme-theme-marked')).toMatchObject({ title: EDITED_TITLE });
      expect(threads.find((t) => t.id === 'theme-theme-marked')?.generatedTitle).not.toBe(EDITED_TITLE);
      const photo = await get(hosted, `/api/cafes/${cafe.links.cafeId}/photos/${cafe.photoId}`, cafe.host);
      expect(photo.status).toBe(200);
      expect(Buffer.from(await photo.arrayBuffer()).includes(cafe.photoMarker)).toBe(true);
      expect(await hosted.store.exportJobs.getJob(cafe.jobId)).toEqual(await laptop.store.exportJobs.getJob(cafe.jobId));
      expect(await hosted.store.exportJobs.outcomes(cafe.jobId)).toEqual(await laptop.store.exportJobs.outcomes(cafe.jobId));
      expect(await hosted.store.exportJobs.hadIntent(cafe.jobId, 'theme-theme-marked')).toBe(true);

      const created = await fetch(`${hosted.url}/api/cafes/${cafe.links.cafeId}/exports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cafe.facilitator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ target: 'folder' }),
      });
      expect(created.status).toBe(201);
      const { jobId, edits } = ((await created.json()) as { job: { jobId: string; edits: Record<string, { title?: string }> } }).job;
      // An export there without edits of its own goes out with the saved title.
      expect(edits['theme-theme-marked']?.title).toBe(EDITED_TITLE);
      const run = await fetch(`${hosted.url}/api/cafes/${cafe.links.cafeId}/exports/${jobId}/run`, { method: 'POST', headers: { authorization: `Bearer ${cafe.facilitator}` } });
      expect(run.status).toBe(202);
      let progress = { total: 0, done: -1 };
      for (let i = 0; i < 100 && progress.done !== progress.total; i++) {
        await new Promise((r) => setTimeout(r, 50));
        progress = ((await (await get(hosted, `/api/cafes/${cafe.links.cafeId}/exports/${jobId}`, cafe.facilitator)).json()) as { progress: typeof progress }).progress;
      }
      expect(progress.total).toBeGreaterThan(0);
      expect(progress.done).toBe(progress.total);
      expect(existsSync(hosted.exportDir) && readdirSync(hosted.exportDir, { recursive: true }).length).toBeGreaterThan(0);
    });

    it('takes the same archive again as a no-op, and a newer one adds only what is new', async () => {
      const again = await upload(hosted, await download(laptop, cafe));
      expect(again.status).toBe(200);
      expect(((await again.json()) as { added: number }).added).toBe(0);

      await sendOp(laptop.url, cafe.links.cafeId, cafe.facilitator, { type: 'renameTheme', themeId: 'theme-marked', name: `Renamed ${kind}` });
      const newer = await download(laptop, cafe);
      const added = await upload(hosted, newer);
      expect(added.status).toBe(200);
      expect(((await added.json()) as { added: number }).added).toBe(1);
      const there = (await (await get(hosted, `/api/cafes/${cafe.links.cafeId}/snapshot`, cafe.facilitator)).json()) as { state: { themes: Record<string, { name: string }> } };
      expect(there.state.themes['theme-marked']?.name).toBe(`Renamed ${kind}`);
      // An older archive is refused: its invitations or jobs could bring back what was removed here since.
      const older = await upload(hosted, archive);
      expect([older.status, await code(older)]).toEqual([409, 'ARCHIVE_CONFLICT']);
      expect(await hosted.store.head(cafe.links.cafeId)).toBe((JSON.parse(lines(newer)[0]!) as { head: number }).head);
    });

    it('refuses an archive of the café once the hosted copy went its own way, changing nothing', async () => {
      await sendOp(hosted.url, cafe.links.cafeId, cafe.facilitator, { type: 'renameTheme', themeId: 'theme-marked', name: `Hosted ${kind}` });
      await sendOp(laptop.url, cafe.links.cafeId, cafe.facilitator, { type: 'renameTheme', themeId: 'theme-marked', name: `Laptop ${kind}` });
      const headBefore = await hosted.store.head(cafe.links.cafeId);
      const diverged = await upload(hosted, await download(laptop, cafe));
      expect([diverged.status, await code(diverged)]).toEqual([409, 'ARCHIVE_CONFLICT']);
      expect(await hosted.store.head(cafe.links.cafeId)).toBe(headBefore);
    });
  });

  it('is imported by the command line too (npm run archive:import), again as a no-op, and a bad one refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablecloth-cli-'));
    try {
      const file = join(dir, 'cafe.ndjson.gz');
      writeFileSync(file, archive);
      writeFileSync(join(dir, 'bad.ndjson.gz'), archive.subarray(0, 100));
      const env = { ...process.env, DATA_DIR: join(dir, 'data'), REDIS_URL: '' };
      const run = (path: string) =>
        new Promise<{ code: number; out: string }>((resolve) => {
          execFile(process.execPath, ['--import', 'tsx', 'server/archive-import-main.ts', path], { env, timeout: 60_000 }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }));
        });
      const first = await run(file);
      expect(first).toMatchObject({ code: 0 });
      expect(first.out).toContain(`imported café ${cafe.links.cafeId} (code ${cafe.links.joinCode})`);
      expect((await run(file)).out).toContain(': 0 entries added');
      expect(await run(join(dir, 'bad.ndjson.gz'))).toEqual({ code: 1, out: 'refused: ARCHIVE_INVALID (gzip)\n' });
      const store = SqliteStore.open(join(dir, 'data', 'tablecloth.db'));
      expect(await store.getCafe(cafe.links.cafeId)).toEqual(await laptop.store.getCafe(cafe.links.cafeId));
      await store.close();
      expect(existsSync(join(dir, 'data', 'photos', cafe.links.cafeId, `${cafe.photoId}.jpg`))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bad archives', () => {
    let hosted: CafeRig;
    beforeAll(async () => {
      hosted = await startRig({ kind: 'redis', components: { archiveImportToken: TOKEN, archiveMaxBytes: 2 * 1024 * 1024 } });
    });
    afterAll(async () => {
      await hosted?.close();
    });

    const rezip = (records: string[]) => gzipSync(`${records.join('\n')}\n`);
    /** The archive with its lines changed and, when `reseal`, a correct end line for them (as a forger would write). */
    function changed(edit: (records: string[]) => string[], reseal: boolean): Buffer {
      const all = lines(archive);
      const body = edit(all.slice(0, -1));
      if (!reseal) return rezip([...body, all.at(-1)!]);
      const sha256 = createHash('sha256').update(body.map((l) => `${l}\n`).join('')).digest('hex');
      return rezip([...body, JSON.stringify({ type: 'end', records: body.length, sha256 })]);
    }
    const entryIndex = () => lines(archive).findIndex((l) => l.includes(cafe.markers[3]!) && l.startsWith('{"type":"entry"'));

    it.each([
      ['not gzip', () => Buffer.from('plain text, not an archive'), 'ARCHIVE_INVALID'],
      ['cut short', () => archive.subarray(0, Math.floor(archive.length / 2)), 'ARCHIVE_INVALID'],
      ['its last lines dropped', () => rezip(lines(archive).slice(0, -3)), 'ARCHIVE_INVALID'],
      ['an idea changed', () => changed((r) => r.map((l, i) => (i === entryIndex() ? l.replace(cafe.markers[3]!, 'Forged') : l)), false), 'ARCHIVE_INVALID'],
      ['an idea changed and the checksum made again', () => changed((r) => r.map((l, i) => (i === entryIndex() ? l.replace(cafe.markers[3]!, 'Forged') : l)), true), 'ARCHIVE_INVALID'],
      ['an entry left out, resealed', () => changed((r) => r.filter((_, i) => i !== entryIndex()), true), 'ARCHIVE_INVALID'],
      ['another version', () => changed((r) => [r[0]!.replace('"version":1', '"version":2'), ...r.slice(1)], true), 'ARCHIVE_INVALID'],
      ['a photo that is not a JPEG, resealed', () => changed((r) => r.map((l) => (l.includes('"part":"photo"') ? l.replace(/"data":"[^"]+"/, '"data":"bm90IGEgcGhvdG8="') : l)), true), 'ARCHIVE_INVALID'],
      ['larger than the server takes', () => gzipSync(Buffer.alloc(3 * 1024 * 1024, 32)), 'ARCHIVE_TOO_LARGE'],
    ])('refuses an archive %s with its code, and stores nothing', async (_what, make, expected) => {
      const response = await upload(hosted, make());
      expect([response.status, await code(response)]).toEqual([expected === 'ARCHIVE_TOO_LARGE' ? 413 : 400, expected]);
      expect(await hosted.store.getCafe(cafe.links.cafeId)).toBeNull();
      expect((await redisContents(hosted.prefix!)).length).toBe(0);
      expect(existsSync(join(hosted.photoDir, cafe.links.cafeId))).toBe(false);
    });

    it('refuses a café whose join code is taken here by another café, storing nothing of it', async () => {
      const other = await markedCafe(hosted.url, hosted.store.exportJobs, 'Other');
      other.client.close();
      // A consistent archive (replayed, digest and checksum made anew) of a café with the other's code.
      const forged = changed((r) => {
        const body = r.map((l) => l.split(cafe.links.joinCode).join(other.links.joinCode));
        let state: CafeState | null = null;
        for (const l of body.filter((x) => x.startsWith('{"type":"entry"'))) state = evolve(state, JSON.parse(l) as LogEntry);
        const header = { ...(JSON.parse(body[0]!) as object), state: stateDigest(state!) };
        return [JSON.stringify(header), ...body.slice(1)];
      }, true);
      const before = await redisContents(hosted.prefix!);
      const response = await upload(hosted, forged);
      expect([response.status, await code(response)]).toEqual([409, 'ARCHIVE_CONFLICT']);
      expect(await hosted.store.getCafe(cafe.links.cafeId)).toBeNull();
      expect((await redisContents(hosted.prefix!)).equals(before)).toBe(true);
      expect(existsSync(join(hosted.photoDir, cafe.links.cafeId))).toBe(false);
    });
  });
});
