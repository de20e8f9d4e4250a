/**
 * Deleting a café and everything personal in it (issue 5, "the way back"): over the real API, on
 * SQLite and on Redis. A café whose every text carries a marker is deleted; then the SQLite files
 * (main, -wal, -shm, as raw bytes), the Redis keys and values under the test's prefix, and the
 * photo directory are searched for every marker: none is left, while a second café's markers in
 * the same store all still are (so the search can find what is there).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type CafeRig } from '../helpers/cafe-rig.js';
import { connect } from '../helpers/client.js';
import { markedCafe, type MarkedCafe } from '../helpers/marked-cafe.js';
import { filesUnder, found, redisContents, sqliteFiles } from '../helpers/stored-bytes.js';

function remove(rig: CafeRig, cafe: MarkedCafe, body: unknown, secret = cafe.facilitator) {
  return fetch(`${rig.url}/api/cafes/${cafe.links.cafeId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function stored(rig: CafeRig): Promise<Buffer> {
  const store = rig.dbPath ? sqliteFiles(rig.dbPath) : await redisContents(rig.prefix!);
  return Buffer.concat([store, filesUnder(rig.photoDir)]);
}

const allMarkers = (cafe: MarkedCafe) => [...cafe.markers, cafe.photoMarker];

describe.each(['sqlite', 'redis'] as const)('deleting a café (%s)', (kind) => {
  const rigs: CafeRig[] = [];
  afterEach(async () => {
    for (const rig of rigs.splice(0).reverse()) await rig.close();
  });

  it('removes every trace of its text from the store and the photos, and leaves a second café whole', async () => {
    const rig = await startRig({ kind });
    rigs.push(rig);
    const doomed = await markedCafe(rig.url, rig.store.exportJobs, 'Doomed');
    const kept = await markedCafe(rig.url, rig.store.exportJobs, 'Kept');
    const phone = await connect(rig.url, doomed.host);
    const before = await stored(rig);
    expect(found(before, allMarkers(doomed))).toHaveLength(allMarkers(doomed).length);

    const response = await remove(rig, doomed, { joinCode: doomed.links.joinCode.toLowerCase() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ cafeId: doomed.links.cafeId, deleted: true });

    // Its devices are told, then disconnected.
    await phone.until(() => phone.revokedWith !== null && !phone.socket.connected, 'the deletion to reach the host');
    expect(phone.revokedWith?.code).toBe('CAFE_DELETED');
    await doomed.client.until(() => doomed.client.revokedWith?.code === 'CAFE_DELETED', 'the deletion to reach the facilitator');

    const after = await stored(rig);
    expect(found(after, allMarkers(doomed))).toEqual([]);
    expect(found(after, allMarkers(kept))).toHaveLength(allMarkers(kept).length);
    expect(existsSync(join(rig.photoDir, doomed.links.cafeId))).toBe(false);
    if (rig.dbPath) expect(existsSync(`${rig.dbPath}-wal`) ? sqliteFiles(`${rig.dbPath}-wal`).length : 0).toBe(0);

    // Nothing answers for it any more; the other café still does.
    const byCode = await fetch(`${rig.url}/api/join/${doomed.links.joinCode}`);
    expect(byCode.status).toBe(404);
    expect(((await byCode.json()) as { error: { code: string } }).error.code).toBe('CAFE_NOT_FOUND');
    const snapshot = await fetch(`${rig.url}/api/cafes/${doomed.links.cafeId}/snapshot`, { headers: { authorization: `Bearer ${doomed.facilitator}` } });
    expect(snapshot.status).toBe(401);
    expect(await rig.sequencer.state(doomed.links.cafeId)).toBeNull();
    expect(await rig.store.exportJobs.getJob(doomed.jobId)).toBeNull();
    const keptSnapshot = await fetch(`${rig.url}/api/cafes/${kept.links.cafeId}/snapshot`, { headers: { authorization: `Bearer ${kept.facilitator}` } });
    expect(keptSnapshot.status).toBe(200);
    expect(JSON.stringify(await keptSnapshot.json())).toContain(kept.markers[0]);
    expect(await rig.store.exportJobs.getJob(kept.jobId)).not.toBeNull();
    const photo = await fetch(`${rig.url}/api/cafes/${kept.links.cafeId}/photos/${kept.photoId}`, { headers: { authorization: `Bearer ${kept.host}` } });
    expect(photo.status).toBe(200);
    for (const c of [phone, doomed.client, kept.client]) c.close();
  });

  it('refuses without the join code, from another role, and while an export runs, deleting nothing', async () => {
    const rig = await startRig({ kind });
    rigs.push(rig);
    const cafe = await markedCafe(rig.url, rig.store.exportJobs, 'Stays');
    const code = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;

    const wrong = await remove(rig, cafe, { joinCode: 'WRONG1' });
    expect([wrong.status, await code(wrong)]).toEqual([400, 'CONFIRMATION_MISMATCH']);
    const missing = await remove(rig, cafe, {});
    expect([missing.status, await code(missing)]).toEqual([400, 'INVALID_PAYLOAD']);
    const host = await remove(rig, cafe, { joinCode: cafe.links.joinCode }, cafe.host);
    expect([host.status, await code(host)]).toEqual([403, 'FORBIDDEN']);
    const stranger = await remove(rig, cafe, { joinCode: cafe.links.joinCode }, 'x'.repeat(43));
    expect([stranger.status, await code(stranger)]).toEqual([401, 'UNAUTHENTICATED']);
    // A run holds the job's lease: the deletion waits for it rather than racing its writes.
    expect(await rig.store.exportJobs.takeLease(cafe.jobId, 'another-process', Date.now(), 60_000)).toBe(true);
    const running = await remove(rig, cafe, { joinCode: cafe.links.joinCode });
    expect([running.status, await code(running)]).toEqual([409, 'EXPORT_RUNNING']);

    expect(found(await stored(rig), allMarkers(cafe))).toHaveLength(allMarkers(cafe).length);
    expect(cafe.client.revokedWith).toBeNull();
    expect(await rig.store.getCafe(cafe.links.cafeId)).not.toBeNull();
    cafe.client.close();
  });
});

describe('deleting a café on one of two processes sharing Redis', () => {
  let a: CafeRig | null = null;
  let b: CafeRig | null = null;
  afterEach(async () => {
    await b?.close();
    await a?.close();
  });

  it('disconnects its devices on the other process too, and that process forgets the café', async () => {
    a = await startRig({ kind: 'redis' });
    b = await startRig({ kind: 'redis', shared: { prefix: a.prefix!, photoDir: a.photoDir } });
    const cafe = await markedCafe(a.url, a.store.exportJobs, 'Shared');
    const onB = await connect(b.url, cafe.host);
    expect(await b.sequencer.state(cafe.links.cafeId)).not.toBeNull();

    const response = await remove(a, cafe, { joinCode: cafe.links.joinCode });
    expect(response.status).toBe(200);
    await onB.until(() => onB.revokedWith !== null && !onB.socket.connected, 'the deletion to reach the other process');
    expect(onB.revokedWith?.code).toBe('CAFE_DELETED');
    // B held the café's state in memory: it is dropped, not served from there any more.
    const deadline = Date.now() + 5000;
    while ((await b.sequencer.state(cafe.links.cafeId)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await b.sequencer.state(cafe.links.cafeId)).toBeNull();
    expect(found(await redisContents(a.prefix!), allMarkers(cafe))).toEqual([]);
    onB.close();
    cafe.client.close();
  });
});
