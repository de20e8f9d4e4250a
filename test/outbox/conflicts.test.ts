/**
 * Conflicts between devices and time (SPEC C1–C5), played with simulated tablets running the real
 * outbox against a real server whose clock the test moves. C3 is fault drill 6: a tablet offline
 * for ten minutes while the round changes.
 */
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../server/clock.js';
import { own } from '../../shared/domain/state.js';
import { secretOf } from '../helpers/server.js';
import type { TabletOptions } from '../helpers/tablet.js';
import { sleep, useCafeInRound } from './fixture.js';
import { expectEveryIdeaOnce } from '../helpers/idea-audit.js';
const MINUTE = 60_000;

describe('conflicts', () => {
  const cafe = useCafeInRound();
  const tablet = (table?: number, extra?: Partial<TabletOptions>) => cafe.tablet(table, extra);

  async function storedIdea(id: string) {
    return own((await cafe.server.sequencer.state(cafe.links.cafeId))!.ideas, id);
  }

  it('C1 two devices edit the same idea: the last to reach the server wins, everywhere', async () => {
    const a = await tablet(0, { device: 'tablet-a' });
    const b = await tablet(0, { device: 'tablet-b' });
    const id = await a.addIdea('first words');
    await a.whenSettled();
    a.goOffline();
    await a.put({ type: 'editIdea', ideaId: id, text: 'written offline on A' });
    await b.caughtUp(await cafe.server.store.head(cafe.links.cafeId));
    await b.put({ type: 'editIdea', ideaId: id, text: 'written online on B' });
    await b.whenSettled();
    expect((await storedIdea(id))?.text).toBe('written online on B');
    a.goOnline();
    await a.whenSettled();
    const head = await cafe.server.store.head(cafe.links.cafeId);
    await b.caughtUp(head);
    await cafe.facilitator.caughtUp(head);
    for (const view of [a.state!, b.state!, cafe.facilitator.state]) expect(own(view.ideas, id)?.text).toBe('written offline on A');
    const edits = (await cafe.server.store.readSince(cafe.links.cafeId, 0)).filter((e) => e.event.type === 'ideaEdited');
    expect(edits).toHaveLength(2);
  });

  it('C2 an idea is changed after its round ended and keeps its round; once the café is closed, changes are not accepted', async () => {
    const t = await tablet();
    const id = await t.addIdea('from round one');
    await t.whenSettled();
    await cafe.facilitator.must({ type: 'nextRound' });
    await cafe.facilitator.must({ type: 'startRound' });
    await t.put({ type: 'editIdea', ideaId: id, text: 'sharpened in round two' });
    await t.put({ type: 'starIdea', ideaId: id, starred: true });
    await t.whenSettled();
    expect(t.refused()).toEqual([]);
    expect(await storedIdea(id)).toMatchObject({ round: 0, text: 'sharpened in round two', starred: true });
    await cafe.facilitator.must({ type: 'closeCafe' });
    await t.caughtUp(await cafe.server.store.head(cafe.links.cafeId));
    await t.put({ type: 'editIdea', ideaId: id, text: 'too late' });
    await t.whenSettled();
    expect(t.refused().map((o) => o.error)).toEqual(['CAFE_CLOSED']);
    expect((await storedIdea(id))?.text).toBe('sharpened in round two');
  });

  it('C3 a tablet offline for ten minutes while the round changes sends its notes afterwards, each in its own round', async () => {
    const t = await tablet();
    t.goOffline();
    const during = await t.addIdea('written in round one, Wi-Fi down');
    (cafe.server.clock as ManualClock).advance(20 * MINUTE);
    await cafe.facilitator.must({ type: 'nextRound' });
    (cafe.server.clock as ManualClock).advance(5 * MINUTE);
    await cafe.facilitator.must({ type: 'startRound' });
    (cafe.server.clock as ManualClock).advance(5 * MINUTE);
    // Still offline, the tablet shows round one: this note belongs there too.
    const stillShown = await t.addIdea('also round one, as the tablet showed it');
    t.goOnline();
    await t.whenSettled();
    const afterReturn = await t.addIdea('round two, after the tablet caught up');
    await t.whenSettled();
    expect(await storedIdea(during)).toMatchObject({ round: 0, late: true });
    expect(await storedIdea(stillShown)).toMatchObject({ round: 0, late: true });
    expect(await storedIdea(afterReturn)).toMatchObject({ round: 1, late: false });
    expect(t.refused()).toEqual([]);
    // The drill's end: every note once in the log and in every connected view.
    const log = await cafe.server.store.readSince(cafe.links.cafeId, 0);
    await cafe.facilitator.caughtUp(log.at(-1)!.seq);
    expectEveryIdeaOnce({
      log,
      written: new Map(
        [during, stillShown, afterReturn].map((id, i) => [id, ['written in round one, Wi-Fi down', 'also round one, as the tablet showed it', 'round two, after the tablet caught up'][i]!]),
      ),
      acknowledged: t.acknowledged,
      views: [
        { name: 'tablet', replica: t.replica },
        { name: 'facilitator', replica: cafe.facilitator.replica },
      ],
    });
  });

  it('C4 a host link revoked while its tablet holds unsent notes: they are listed as not accepted, the earlier ideas stay', async () => {
    const t = await tablet();
    const kept = await t.addIdea('sent before the revocation');
    await t.whenSettled();
    t.goOffline();
    await t.addIdea('unsent one');
    await t.addIdea('unsent two');
    const hostLinkId = cafe.links.tables[0]!.hostLinkId!;
    const response = await fetch(`${cafe.server.url}/api/cafes/${cafe.links.cafeId}/links/${hostLinkId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${secretOf(cafe.links.facilitator)}` },
    });
    expect(response.status).toBe(200);
    t.goOnline();
    for (let i = 0; i < 200 && t.refused().length < 2; i++) await sleep(20);
    expect(t.refusal?.code).toBe('LINK_REVOKED');
    expect(t.refused().map((o) => [o.error, o.op.type === 'addIdea' ? o.op.text : null])).toEqual([
      ['LINK_REVOKED', 'unsent one'],
      ['LINK_REVOKED', 'unsent two'],
    ]);
    const ideas = Object.values((await cafe.server.sequencer.state(cafe.links.cafeId))!.ideas);
    expect(ideas.map((i) => i.id)).toEqual([kept]);
  });

  it('C5 a change to an idea deleted meanwhile, or to one whose addition was refused, is not accepted', async () => {
    const t = await tablet();
    const id = await t.addIdea('to be deleted by the facilitator');
    await t.whenSettled();
    t.goOffline();
    await t.put({ type: 'starIdea', ideaId: id, starred: true });
    await cafe.facilitator.must({ type: 'deleteIdea', ideaId: id });
    const refusedAdd = await t.addIdea('');
    await t.put({ type: 'editIdea', ideaId: refusedAdd, text: 'a change to nothing' });
    t.goOnline();
    await t.whenSettled();
    expect(t.refused().map((o) => [o.op.type, o.error])).toEqual([
      ['starIdea', 'IDEA_DELETED'],
      ['addIdea', 'TEXT_EMPTY'],
      ['editIdea', 'IDEA_NOT_FOUND'],
    ]);
  });
});
