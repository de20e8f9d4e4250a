/**
 * The durable outbox (client/src/outbox/) as tablets run it: the real class on IndexedDB
 * (fake-indexeddb in Node) over a real Socket.IO connection to a real cafe.server. Test names start
 * with the ids of shared/domain/SPEC.md's O and C rules.
 */
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../client/src/outbox/outbox.js';
import { idbLock } from '../../client/src/outbox/web-lock.js';
import { idbStorage } from '../../client/src/outbox/idb-storage.js';
import { newId } from '../../client/src/lib/ids.js';
import { own } from '../../shared/domain/state.js';
import { wireError } from '../../shared/errors.js';
import type { OpAck } from '../../shared/protocol.js';
import { secretOf } from '../helpers/server.js';
import type { TabletOptions } from '../helpers/tablet.js';
import { sleep, useCafeInRound } from './fixture.js';
import { TINY_JPEG } from '../helpers/seed-threads.js';

describe('the outbox', () => {
  const cafe = useCafeInRound();
  const tablet = (table?: number, extra?: Partial<TabletOptions>) => cafe.tablet(table, extra);

  function ideasInStore(): Promise<{ id: string; text: string; round: number; late: boolean }[]> {
    return cafe.server.sequencer.state(cafe.links.cafeId).then((state) => Object.values(state!.ideas));
  }

  it('O1 an operation is stored before it is sent, shown as pending at once, and leaves only with the acknowledgement', async () => {
    const t = await tablet();
    t.goOffline();
    const id = await t.addIdea('Kept while offline');
    expect(t.outbox.list.map((o) => o.status)).toEqual(['waiting']);
    expect(t.pendingCount()).toBe(1);
    const stored = await idbStorage(secretOf(cafe.links.tables[0]!.host)).load();
    expect(stored.map((s) => s.op)).toMatchObject([{ type: 'addIdea', ideaId: id }]);
    t.goOnline();
    await t.whenSettled();
    expect(await idbStorage(secretOf(cafe.links.tables[0]!.host)).load()).toEqual([]);
    expect(t.acknowledged.has(id)).toBe(true);
    expect(own(t.state!.ideas, id)?.text).toBe('Kept while offline');
    expect(t.outbox.list).toEqual([]);
  });

  it('O2 a reloaded page finds the stored operations and sends them once, with their own ids', async () => {
    const first = await tablet();
    first.goOffline();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await first.addIdea(`note ${i}`));
    const opIds = first.outbox.list.map((o) => o.opId);
    const sentOps = first.outbox.list.map((o, i) => ({ opId: o.opId, order: i + 1, op: o.op, createdAt: 0, refused: null }));
    first.close();
    expect((await idbStorage(secretOf(cafe.links.tables[0]!.host)).load()).map((o) => o.opId)).toEqual(opIds);
    const second = await tablet();
    await second.whenSettled();
    expect([...second.acknowledged]).toEqual(ids);
    const ideas = await ideasInStore();
    expect(ideas.filter((i) => ids.includes(i.id)).map((i) => i.text)).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
    // Sending the same ids again (a page that died before it heard the acknowledgement) adds nothing.
    const head = await cafe.server.store.head(cafe.links.cafeId);
    for (const o of sentOps) expect(await second.sendOp(o.op, o.opId)).toMatchObject({ ok: true, duplicate: true });
    expect(await cafe.server.store.head(cafe.links.cafeId)).toBe(head);
  });

  it('O3 operations go out in the order they were made: an edit and a star never overtake the addition they change', async () => {
    const t = await tablet();
    t.goOffline();
    const id = await t.addIdea('first text');
    await t.put({ type: 'editIdea', ideaId: id, text: 'second text' });
    await t.put({ type: 'starIdea', ideaId: id, starred: true });
    await t.put({ type: 'editIdea', ideaId: id, text: 'third text' });
    t.goOnline();
    await t.whenSettled();
    expect(t.refused()).toEqual([]);
    const log = await cafe.server.store.readSince(cafe.links.cafeId, 0);
    const types = log.filter((e) => 'ideaId' in e.event || e.event.type === 'ideaAdded').map((e) => e.event.type);
    expect(types).toEqual(['ideaAdded', 'ideaEdited', 'ideaStarred', 'ideaEdited']);
    expect(own(t.state!.ideas, id)).toMatchObject({ text: 'third text', starred: true });
  });

  it('O4 a retryable refusal keeps the operation at the head and waits the time the server asks; a reconnect sends at once', async () => {
    let calls = 0;
    const t = await tablet();
    let now = 1_000_000;
    const storage = idbStorage('o4-rate-limited');
    const outbox = await Outbox.open({
      storage,
      now: () => now,
      send: async (op, opId) => {
        calls++;
        if (calls === 1) return { ok: false, error: { ...wireError('RATE_LIMITED'), retryAfterMs: 60_000 } };
        return t.sendOp(op, opId);
      },
    });
    const a = await outbox.put({ type: 'addIdea', ideaId: newId(), tableId: '1', round: 0, text: 'a' });
    await outbox.put({ type: 'addIdea', ideaId: newId(), tableId: '1', round: 0, text: 'b' });
    await outbox.flush();
    expect(calls).toBe(1);
    expect(outbox.list.map((o) => [o.status, o.error])).toEqual([
      ['waiting', 'RATE_LIMITED'],
      ['waiting', null],
    ]);
    expect(outbox.list[0]!.notBefore).toBe(now + 60_000);
    await outbox.flush();
    expect(calls).toBe(1);
    now += 60_000;
    await outbox.flush();
    expect(outbox.list.map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(outbox.list[0]!.opId).toBe(a.opId);
    outbox.close();

    // Without a server's figure: a back-off from 1 s, cut short by a reconnect.
    t.goOffline();
    await t.addIdea('while the Wi-Fi is down');
    await sleep(50);
    const waiting = t.outbox.list[0]!;
    expect(waiting).toMatchObject({ status: 'waiting', error: 'STORE_UNAVAILABLE' });
    expect(waiting.notBefore).toBeGreaterThan(Date.now());
    t.goOnline();
    await t.whenSettled(3000);
  });

  it('O5 a final refusal moves the operation to the not-accepted list with its reason, the ones behind it go on, and it can be tried again or discarded', async () => {
    const t = await tablet();
    t.goOffline();
    await t.addIdea('x'.repeat(1001));
    const good = await t.addIdea('a fine idea');
    await t.put({ type: 'starIdea', ideaId: 'never-added', starred: true });
    t.goOnline();
    await t.whenSettled();
    expect(t.acknowledged.has(good)).toBe(true);
    expect(t.refused().map((o) => [o.op.type, o.error])).toEqual([
      ['addIdea', 'TEXT_TOO_LONG'],
      ['starIdea', 'IDEA_NOT_FOUND'],
    ]);
    // Kept in the storage with the reason: a reload still shows the list.
    const stored = await idbStorage(secretOf(cafe.links.tables[0]!.host)).load();
    expect(stored.map((s) => s.refused?.code)).toEqual(['TEXT_TOO_LONG', 'IDEA_NOT_FOUND']);
    const [tooLong, star] = t.refused();
    await t.outbox.discard(tooLong!.opId);
    await t.outbox.retry(star!.opId);
    await t.whenSettled();
    expect(t.refused().map((o) => o.error)).toEqual(['IDEA_NOT_FOUND']);
    expect((await idbStorage(secretOf(cafe.links.tables[0]!.host)).load()).length).toBe(1);
  });

  it('O6 two tabs of one link share the outbox: each operation is sent once, in order (the IndexedDB lease, as on plain http)', async () => {
    // Each tab has its own lock (its own holder name), as each page makes one.
    const secret = secretOf(cafe.links.tables[0]!.host);
    const tabA = await tablet(0, { lock: idbLock(secret) });
    const tabB = await tablet(0, { lock: idbLock(secret) });
    tabA.goOffline();
    tabB.goOffline();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await (i % 2 ? tabB : tabA).addIdea(`tab note ${i}`));
    const before = (await cafe.server.store.head(cafe.links.cafeId));
    tabA.goOnline();
    tabB.goOnline();
    await Promise.all([tabA.whenSettled(), tabB.whenSettled()]);
    await sleep(200);
    const log = await cafe.server.store.readSince(cafe.links.cafeId, before);
    expect(log.map((e) => (e.event.type === 'ideaAdded' ? e.event.idea.text : e.event.type))).toEqual(ids.map((_, i) => `tab note ${i}`));
    expect(await idbStorage(secretOf(cafe.links.tables[0]!.host)).load()).toEqual([]);
    // Nothing was sent twice: one tab at a time held the lease.
    expect(tabA.duplicates + tabB.duplicates).toBe(0);
  });

  it('O7 an operation can carry a binary payload, kept in the storage and handed to the transport', async () => {
    const storage = idbStorage('binary-payload-test');
    const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).buffer;
    const seen: ArrayBuffer[] = [];
    const first = await Outbox.open({ storage, send: async () => ({ ok: false, error: wireError('STORE_UNAVAILABLE') }) });
    await first.put({ type: 'addIdea', ideaId: newId(), tableId: '1', round: 0, text: 'photo of the tablecloth' }, photo);
    first.close();
    expect((await storage.load())[0]!.payload).toBeInstanceOf(ArrayBuffer);
    const second = await Outbox.open({
      storage,
      send: async (_op, _id, payload) => {
        seen.push(payload as ArrayBuffer);
        return { ok: true, seq: 1, duplicate: false } as OpAck;
      },
    });
    await second.flush();
    expect(seen.map((b) => [...new Uint8Array(b)])).toEqual([[0x89, 0x50, 0x4e, 0x47, 1, 2, 3]]);
    expect(await storage.load()).toEqual([]);
    second.close();
  });

  it('O7 a tablecloth photo waits in the outbox with its bytes and is uploaded once when the tablet is back', async () => {
    const t = await tablet();
    t.goOffline();
    const photo = Uint8Array.from(TINY_JPEG);
    await t.outbox.put({ type: 'addPhoto', photoId: 'photo-outbox-0001', tableId: '1', round: 0, bytes: photo.length, width: 1, height: 1 }, photo.buffer);
    expect(t.pendingCount()).toBe(1);
    t.goOnline();
    await t.whenSettled();
    const state = await cafe.server.sequencer.state(cafe.links.cafeId);
    expect(state!.photos['photo-outbox-0001']).toMatchObject({ tableId: '1', round: 0, width: 1, height: 1 });
    const log = await cafe.server.store.readSince(cafe.links.cafeId, 0);
    expect(log.filter((e) => e.event.type === 'photoAdded')).toHaveLength(1);
    const stored = await fetch(`${cafe.server.url}/api/cafes/${cafe.links.cafeId}/photos/photo-outbox-0001`, {
      headers: { authorization: `Bearer ${secretOf(cafe.links.facilitator)}` },
    });
    expect(new Uint8Array(await stored.arrayBuffer())).toEqual(photo);
  });
});
