/**
 * Tablecloth photos over HTTP against a real server: checked by content, metadata (Exif, GPS)
 * removed, stored outside the log, idempotent by photo id, recorded as `addPhoto` with the
 * uploader as actor, fetched only by links that may see them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkJpeg } from '../../server/photos/jpeg.js';
import type { CafeLinks } from '../../server/reception.js';
import { connect, type TestClient } from '../helpers/client.js';
import { TINY_JPEG } from '../helpers/seed-threads.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

/** A JPEG of `width` × `height` (the frame header says so) with an Exif segment holding a GPS position. */
function jpegWithExif(width = 1200, height = 900): Uint8Array {
  const exif = new TextEncoder().encode('Exif\0\0GPS 52.5200N 13.4050E camera: Tablet 7');
  const app1 = new Uint8Array([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff, ...exif]);
  const base = Uint8Array.from(TINY_JPEG);
  // The frame header (SOF2) of the tiny JPEG: FF C2, length, precision, height, width.
  const sof = base.findIndex((b, i) => b === 0xff && base[i + 1] === 0xc2);
  base[sof + 5] = height >> 8;
  base[sof + 6] = height & 0xff;
  base[sof + 7] = width >> 8;
  base[sof + 8] = width & 0xff;
  return new Uint8Array([...base.subarray(0, 2), ...app1, ...base.subarray(2)]);
}

describe('tablecloth photos', () => {
  let server: TestServer;
  let links: CafeLinks;
  let facilitator: TestClient;
  const host = (table = 0) => secretOf(links.tables[table]!.host);

  beforeEach(async () => {
    server = await startServer();
    links = await createCafe(server);
    facilitator = await connect(server.url, secretOf(links.facilitator));
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
  });

  afterEach(async () => {
    facilitator.close();
    await server.close();
  });

  function upload(secret: string, photoId: string, body: Uint8Array, query = 'tableId=1&round=0', type = 'image/jpeg') {
    return fetch(`${server.url}/api/cafes/${links.cafeId}/photos/${photoId}?${query}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': type },
      body: Buffer.from(body),
    });
  }

  function download(secret: string, photoId: string) {
    return fetch(`${server.url}/api/cafes/${links.cafeId}/photos/${photoId}`, { headers: { authorization: `Bearer ${secret}` } });
  }

  it('H13 stores the photo without its metadata, records it once, and answers a re-send with the same result', async () => {
    const photo = jpegWithExif();
    const first = await upload(host(), 'photo-table-1-r0', photo);
    expect(first.status).toBe(201);
    const ack = (await first.json()) as { seq: number; duplicate: boolean; width: number; height: number };
    expect(ack).toMatchObject({ duplicate: false, width: 1200, height: 900 });
    const again = await upload(host(), 'photo-table-1-r0', photo);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ seq: ack.seq, duplicate: true });
    await facilitator.caughtUp(ack.seq);
    expect(facilitator.state.photos['photo-table-1-r0']).toMatchObject({ tableId: '1', round: 0, width: 1200, height: 900, hidden: false });

    const stored = new Uint8Array(await (await download(host(), 'photo-table-1-r0')).arrayBuffer());
    expect(new TextDecoder('latin1').decode(stored)).not.toContain('GPS');
    expect(stored.length).toBeLessThan(photo.length);
    expect(checkJpeg(stored)).toMatchObject({ width: 1200, height: 900 });
    // The log holds only the reference.
    const log = await server.store.readSince(links.cafeId, 0);
    expect(JSON.stringify(log).length).toBeLessThan(20_000);
  });

  it('H13 refuses what is not a JPEG, too big, another table, a future round, a phone, and the same id with other bytes — and keeps nothing of it', async () => {
    const cases: [string, Promise<Response>, number, string][] = [
      ['png', upload(host(), 'photo-png-0001', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), undefined, 'image/png'), 400, 'PHOTO_INVALID'],
      ['text as jpeg', upload(host(), 'photo-text-001', new TextEncoder().encode('<script>alert(1)</script>')), 400, 'PHOTO_INVALID'],
      ['2000 px', upload(host(), 'photo-wide-001', jpegWithExif(2000, 1000)), 400, 'PHOTO_INVALID'],
      ['4 MB', upload(host(), 'photo-huge-001', new Uint8Array(4 * 1024 * 1024)), 413, 'PHOTO_TOO_LARGE'],
      ['other table', upload(host(), 'photo-table-2a', jpegWithExif(), 'tableId=2&round=0'), 403, 'NOT_YOUR_TABLE'],
      ['future round', upload(host(), 'photo-round-1a', jpegWithExif(), 'tableId=1&round=1'), 409, 'ROUND_NOT_STARTED'],
      ['no secret', upload('not-a-real-secret-at-all', 'photo-nosecret', jpegWithExif()), 401, 'UNAUTHENTICATED'],
    ];
    for (const [name, response, status, code] of cases) {
      const r = await response;
      expect([name, r.status, ((await r.json()) as { error: { code: string } }).error.code]).toEqual([name, status, code]);
    }
    const phone = await joinCafe(server, links, { tableId: '1' });
    const byPhone = await upload(phone.secret, 'photo-phone-01', jpegWithExif());
    expect(byPhone.status).toBe(403);
    expect(((await byPhone.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    // Nothing of the refused uploads was kept: the ids are free, and no photo is in the café.
    expect(await server.sequencer.state(links.cafeId).then((s) => Object.keys(s!.photos))).toEqual([]);
    expect((await upload(host(), 'photo-table-2a', jpegWithExif(), 'tableId=1&round=0')).status).toBe(201);
    const conflict = await upload(host(), 'photo-table-2a', jpegWithExif(800, 600), 'tableId=1&round=0');
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('OP_ID_CONFLICT');
  });

  it('H14 a hidden photo is fetched only by the facilitator and its table host', async () => {
    expect((await upload(host(), 'photo-hidden-1', jpegWithExif())).status).toBe(201);
    const wall = secretOf(links.wall[0]!);
    expect((await download(wall, 'photo-hidden-1')).status).toBe(200);
    await facilitator.must({ type: 'hidePhoto', photoId: 'photo-hidden-1', hidden: true });
    const answers = await Promise.all([download(wall, 'photo-hidden-1'), download(host(1), 'photo-hidden-1'), download(host(), 'photo-hidden-1'), download(secretOf(links.facilitator), 'photo-hidden-1')]);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 200, 200]);
    expect(answers[3]!.headers.get('content-type')).toBe('image/jpeg');
  });
});
