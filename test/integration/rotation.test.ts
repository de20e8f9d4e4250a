/**
 * Planned rotation over the wire (issue 6): a real server on port 0, real Socket.IO phones. The
 * server plans when planned rotation is switched on, when the café opens, at every change of round
 * and when people or tables change; each phone learns only its own seats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeState } from '../../shared/domain/state.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

const GENEROUS = { max: 1_000_000, timeWindow: 60_000 };
const GROUPS = ['teachers', 'students', 'parents', 'administration', 'universities', 'unions'];
const PHONES = 40;
const TABLES = 8;

let server: TestServer;
let facilitator: TestClient;
let host: TestClient;
const phones: { id: string; client: TestClient }[] = [];

beforeAll(async () => {
  server = await startServer({ rateLimits: { ops: GENEROUS, requests: GENEROUS, joinsPerCode: GENEROUS } });
}, 20_000);

afterAll(async () => {
  for (const c of [facilitator, host, ...phones.map((p) => p.client)]) c?.close();
  await server.rotation.idle();
  await server.close();
});

/** The facilitator's state once every plan being made has been recorded and has arrived. */
async function settled(): Promise<CafeState> {
  await server.rotation.idle();
  const seq = (await server.sequencer.state(facilitator.state.id))!.seq;
  await facilitator.caughtUp(seq);
  return facilitator.state;
}

/** How many people the plan seats at each table in round `round`. */
function sizes(state: CafeState, round: number): Map<string, number> {
  const plan = state.plan!;
  const count = new Map<string, number>();
  for (const seats of Object.values(plan.seats)) {
    const t = seats[round - plan.fromRound]!;
    count.set(t, (count.get(t) ?? 0) + 1);
  }
  return count;
}

describe('planned rotation in a café of 40 phones at 8 tables over 3 rounds', () => {
  it('every phone learns its own table for every round, no table over its share, the host sees who comes', async () => {
    const links = await createCafe(server, {
      title: 'Network meeting, planned',
      stakeholderGroups: GROUPS,
      travelMs: 5 * 60_000,
      tables: TABLES,
      rounds: [0, 1, 2].map((i) => ({ question: `Question ${i + 1}`, durationMs: 20 * 60_000 })),
    });
    facilitator = await connect(server.url, secretOf(links.facilitator));
    host = await connect(server.url, secretOf(links.tables[2]!.host));
    await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
    for (let i = 0; i < PHONES; i++) {
      const joined = await joinCafe(server, links, { group: GROUPS[i % GROUPS.length]! });
      phones.push({ id: joined.participantId, client: await connect(server.url, joined.secret) });
    }
    await facilitator.must({ type: 'openCafe' });
    const state = await settled();
    expect(state.rotation).toEqual({ planned: true, hostsStay: true, homeLastRound: false });
    const plan = state.plan!;
    expect(plan.fromRound).toBe(0);
    expect(Object.keys(plan.seats)).toHaveLength(PHONES);
    for (let r = 0; r < 3; r++) {
      const count = sizes(state, r);
      expect([...count.values()].every((n) => n <= PHONES / TABLES), `round ${r}`).toBe(true);
      expect(count.size).toBe(TABLES);
    }
    expect(plan.quality).toMatchObject({ repeatedPairs: 0, tableSize: { overCapacity: 0 } });
    for (const { id, client } of phones) {
      // Two plans may be made within one millisecond: wait for the facilitator's last one (by seq).
      await client.caughtUp(state.seq);
      expect(client.state.plan!.seats).toEqual({ [id]: plan.seats[id] });
      expect(client.state.plan!.quality).toBeNull();
      expect(client.state.plan!.arrivals).toEqual({});
    }
    // The host of table 3 sees how many come and from which groups, and no one's seats.
    await host.caughtUp(state.seq);
    expect(host.state.plan!.seats).toEqual({});
    expect(host.state.plan!.arrivals['3']![0]!.count).toBe(sizes(state, 0).get('3'));
    expect(host.state.plan!.quality).toBeNull();
  }, 60_000);

  it('a late arrival gets a seat without moving anyone who has sat down; a closed table\u2019s people are seated elsewhere', async () => {
    let state = await settled();
    // Round 1 (index 0): everyone sits where the plan says.
    await facilitator.must({ type: 'startRound' });
    for (const { id, client } of phones) await client.must({ type: 'takeSeat', tableId: state.plan!.seats[id]![0]! });
    await facilitator.must({ type: 'nextRound' });
    state = await settled();
    expect(state.phase).toMatchObject({ kind: 'travel', round: 1 });
    expect(state.plan!.fromRound).toBe(1);
    // Half of the room has sat down at its round-2 table.
    const seatedAt = new Map<string, string>();
    for (const { id, client } of phones.slice(0, PHONES / 2)) {
      const table = state.plan!.seats[id]![0]!;
      await client.must({ type: 'takeSeat', tableId: table });
      seatedAt.set(id, table);
    }
    const before = await settled();
    const links = { joinCode: before.joinCode } as Parameters<typeof joinCafe>[1];
    const late = await joinCafe(server, links, { group: 'unions' });
    const lateClient = await connect(server.url, late.secret);
    phones.push({ id: late.participantId, client: lateClient });
    state = await settled();
    expect(state.plan!.seats[late.participantId]).toHaveLength(2);
    for (const [id, table] of seatedAt) expect(state.plan!.seats[id]![0]).toBe(table);
    await lateClient.until(() => lateClient.state.plan?.seats[late.participantId] !== undefined, 'the late arrival\u2019s seats');
    expect(lateClient.state.plan!.seats[late.participantId]).toEqual(state.plan!.seats[late.participantId]);
    const share = Math.ceil((PHONES + 1) / TABLES);
    for (const round of [1, 2]) expect(Math.max(...sizes(state, round).values())).toBeLessThanOrEqual(share);

    // Table 5 closes: no one who has not sat down there is sent to it any more.
    await facilitator.must({ type: 'editTable', tableId: '5', enabled: false });
    state = await settled();
    const stay = [...seatedAt].filter(([, t]) => t === '5').map(([id]) => id);
    for (const [id, seats] of Object.entries(state.plan!.seats)) {
      expect(seats[0] === '5', id).toBe(stay.includes(id));
      expect(seats[1], id).not.toBe('5');
      if (seatedAt.has(id)) expect(seats[0]).toBe(seatedAt.get(id));
    }
    const open = Math.ceil((PHONES + 1) / (TABLES - 1));
    expect(Math.max(...[...sizes(state, 2).values()])).toBeLessThanOrEqual(open);
  }, 60_000);

  it('people who leave free their later seats, a named host stays at their table, and a table whose host left is planned like any other', async () => {
    let state = await settled();
    const seatedNow = new Map(phones.filter(({ id }) => state.participants[id]!.seats.some((seat) => seat.round === 1)).map(({ id }) => [id, state.plan!.seats[id]![0]!]));
    // A phone says it leaves; the facilitator marks another as gone.
    const [leaver, marked, host] = phones.filter(({ id }) => !seatedNow.has(id));
    await leaver!.client.must({ type: 'setLeft', left: true });
    await facilitator.must({ type: 'setLeft', participantId: marked!.id, left: true });
    // M9: the phone marked as gone hears of it (and can say it is back); its neighbours do not.
    await marked!.client.until(() => marked!.client.state.participants[marked!.id]?.left === true, 'the mark on the phone');
    expect(leaver!.client.state.participants[marked!.id]).toBeUndefined();
    // Another is named host of table 2: while hosts stay, the plan keeps them there.
    await facilitator.must({ type: 'setHost', participantId: host!.id, tableId: '2' });
    state = await settled();
    expect(state.plan!.seats[leaver!.id]).toBeUndefined();
    expect(state.plan!.seats[marked!.id]).toBeUndefined();
    expect(state.plan!.seats[host!.id]).toEqual(['2', '2']);
    for (const [id, table] of seatedNow) expect(state.plan!.seats[id]![0], id).toBe(table);
    expect(state.plan!.quality).toMatchObject({ hosts: { inPlace: 2, expected: 2 }, tableSize: { overCapacity: 0 } });
    // The host leaves: table 2 is planned like any other, and the one who left stays out.
    await host!.client.must({ type: 'setLeft', left: true });
    state = await settled();
    expect(state.plan!.seats[host!.id]).toBeUndefined();
    expect(state.plan!.quality!.hosts.expected).toBe(0);
    expect(sizes(state, 2).get('2')).toBeGreaterThan(0);
    // The phone that left comes back by taking a seat: planned again.
    await leaver!.client.must({ type: 'takeSeat', tableId: '1' });
    state = await settled();
    expect(state.participants[leaver!.id]!.left).toBe(false);
    expect(state.plan!.seats[leaver!.id]![0]).toBe('1');
  }, 60_000);

  it('refusals have stable codes and change nothing: no plan under free movement, no plan from a client', async () => {
    const links = await createCafe(server);
    const free = await connect(server.url, secretOf(links.facilitator));
    try {
      const seq = free.state.seq;
      const off = await free.send({ type: 'planRotation' });
      expect(off).toMatchObject({ ok: false, error: { code: 'ROTATION_OFF' } });
      const forged = await free.send({ type: 'setRotationPlan', fromRound: 0, seed: 1, seats: {}, quality: {} } as never);
      expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      await server.rotation.idle();
      expect((await server.sequencer.state(free.state.id))!.seq).toBe(seq);
      expect((await server.sequencer.state(free.state.id))!.plan).toBeNull();
    } finally {
      free.close();
    }
  });
});
