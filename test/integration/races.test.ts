/**
 * Operations that race: two facilitators pressing the same button, a device re-sending an
 * operation, many phones writing at once. The sequencer must hand out one gap-free sequence and
 * decide each operation against everything accepted before it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeSetup } from '../../shared/domain/commands.js';
import type { LogEntry } from '../../shared/domain/events.js';
import type { Phase } from '../../shared/domain/state.js';
import type { OpAck } from '../../shared/protocol.js';
import type { CafeLinks } from '../../server/reception.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, defaultSetup, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

const MINUTE = 60_000;

async function coFacilitatorSecret(server: TestServer, links: CafeLinks): Promise<string> {
  const response = await fetch(`${server.url}/api/cafes/${links.cafeId}/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretOf(links.facilitator)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'facilitator' }),
  });
  expect(response.status).toBe(201);
  return secretOf(((await response.json()) as { url: string }).url);
}

/** The log after `since`, as the store has it. */
async function logSince(server: TestServer, cafeId: string, since: number): Promise<LogEntry[]> {
  return server.store.readSince(cafeId, since, 100_000);
}

const accepted = (acks: OpAck[]) => acks.flatMap((a) => (a.ok ? [a.seq] : []));
const refusals = (acks: OpAck[]) => acks.flatMap((a) => (a.ok ? [] : [a.error.code]));

function expectContiguous(seqs: number[], from: number): void {
  const sorted = [...seqs].sort((a, b) => a - b);
  expect(new Set(sorted).size).toBe(sorted.length);
  expect(sorted).toEqual(sorted.map((_, i) => from + i));
}

describe('racing operations', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  /** A café with its founder, a co-facilitator (a second facilitator link) and a wall connected. */
  async function cafeWithTwoFacilitators(setup: CafeSetup = defaultSetup) {
    const links = await createCafe(server, setup);
    const [founder, co, wall] = await Promise.all([
      connect(server.url, secretOf(links.facilitator)),
      coFacilitatorSecret(server, links).then((secret) => connect(server.url, secret)),
      connect(server.url, secretOf(links.wall[0]!)),
    ]);
    clients.push(founder, co, wall);
    return { links, founder, co, wall };
  }

  it('S2 R15 two facilitators pressing "next round" together on the same screen: the café advances one step per pair, and nothing passes after the harvest', async () => {
    const rounds = Array.from({ length: 5 }, (_, i) => ({ question: `Question ${i + 1}`, durationMs: 20 * MINUTE }));
    const { links, founder, co, wall } = await cafeWithTwoFacilitators({ ...defaultSetup, rounds });
    const opened = await founder.must({ type: 'openCafe' });
    const start = await server.store.head(links.cafeId);
    const acks: OpAck[] = [];
    let seen = opened;
    for (let pair = 0; pair < 12; pair++) {
      // Both screens show the same phase when both facilitators press.
      await Promise.all([founder.caughtUp(seen), co.caughtUp(seen)]);
      const phase = founder.state.phase;
      const from = phase.kind === 'round' || phase.kind === 'travel' ? { kind: phase.kind, round: phase.round } : phase.kind === 'lobby' ? { kind: 'lobby' as const } : undefined;
      const press = from ? { type: 'nextRound' as const, from } : { type: 'nextRound' as const };
      const pairAcks = await Promise.all([founder.send(press), co.send(press)]);
      if (phase.kind !== 'harvest') {
        expect(accepted(pairAcks), `pair ${pair}`).toHaveLength(1);
        expect(refusals(pairAcks), `pair ${pair}`).toEqual(['WRONG_PHASE']);
      }
      acks.push(...pairAcks);
      seen = Math.max(seen, ...accepted(pairAcks));
    }

    // lobby → round 1, then travel → round k for rounds 2…5, then the harvest: ten steps in all.
    const path: Phase['kind'][] = ['round', ...Array.from({ length: 4 }, () => ['travel', 'round'] as Phase['kind'][]).flat(), 'harvest'];
    const seqs = accepted(acks);
    expect(seqs).toHaveLength(path.length);
    expect(new Set(refusals(acks))).toEqual(new Set(['WRONG_PHASE', 'NO_MORE_ROUNDS']));
    expectContiguous(seqs, start + 1);

    const log = await logSince(server, links.cafeId, start);
    expect(log.map((e) => e.seq)).toEqual([...seqs].sort((a, b) => a - b));
    const phases = log.map((e) => (e.event.type === 'phaseChanged' ? e.event.phase : null));
    expect(phases.map((p) => p?.kind)).toEqual(path);
    expect(phases.flatMap((p) => (p?.kind === 'round' ? [p.round] : []))).toEqual([0, 1, 2, 3, 4]);

    // The wall heard every step, in one unbroken chain.
    const last = Math.max(...seqs);
    await wall.caughtUp(last);
    const heard = wall.received.filter((m) => m.upTo > start);
    expect(heard.map((m) => m.upTo)).toEqual([...seqs].sort((a, b) => a - b));
    for (let i = 1; i < heard.length; i++) expect(heard[i]!.prev).toBe(heard[i - 1]!.upTo);
    expect(wall.gaps).toBe(0);
    expect(wall.state.phase).toEqual({ kind: 'harvest' });
  });

  it('S2 two facilitators pressing "next round" in the last round: the harvest opens once, the other press is refused with NO_MORE_ROUNDS', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { links, founder, co } = await cafeWithTwoFacilitators({ ...defaultSetup, rounds: defaultSetup.rounds.slice(0, 1) });
      await founder.must({ type: 'openCafe' });
      await founder.must({ type: 'startRound' });
      const head = await server.store.head(links.cafeId);
      const acks = await Promise.all([founder.send({ type: 'nextRound' }), co.send({ type: 'nextRound' })]);
      expect(accepted(acks)).toEqual([head + 1]);
      expect(refusals(acks)).toEqual(['NO_MORE_ROUNDS']);
      expect(await server.store.head(links.cafeId)).toBe(head + 1);
    }
  });

  it('S2 R7 two facilitators undoing the same "next round" together: it is undone once, the other is refused with NOTHING_TO_UNDO', async () => {
    const { links, founder, co, wall } = await cafeWithTwoFacilitators();
    await founder.must({ type: 'openCafe' });
    await founder.must({ type: 'startRound' });
    await founder.must({ type: 'nextRound' });
    const acks = await Promise.all([founder.send({ type: 'undoNextRound' }), co.send({ type: 'undoNextRound' })]);
    expect(accepted(acks)).toHaveLength(1);
    expect(refusals(acks)).toEqual(['NOTHING_TO_UNDO']);
    await wall.caughtUp(accepted(acks)[0]!);
    expect(wall.state.phase).toMatchObject({ kind: 'round', round: 0 });
    expect((await server.sequencer.state(links.cafeId))!.phase).toMatchObject({ kind: 'round', round: 0 });
  });

  describe('S3 an operation id', () => {
    let links: CafeLinks;
    let founder: TestClient;
    let co: TestClient;
    let wall: TestClient;
    const opId = `op-${randomUUID()}`;
    const idea = { type: 'addIdea' as const, ideaId: 'idea-sent-twice', tableId: '1', round: 0, text: 'Sent twice, written once' };
    let original: number;

    beforeAll(async () => {
      ({ links, founder, co, wall } = await cafeWithTwoFacilitators());
      await founder.must({ type: 'openCafe' });
      await founder.must({ type: 'startRound' });
    });

    it('sent twice at once from the same connection is applied once; the second ack says duplicate with the same sequence', async () => {
      const acks = await Promise.all([founder.send(idea, opId), founder.send(idea, opId)]);
      expect(acks.every((a) => a.ok)).toBe(true);
      const seqs = accepted(acks);
      expect(seqs[0]).toBe(seqs[1]);
      original = seqs[0]!;
      expect(acks.map((a) => a.ok && a.duplicate).sort()).toEqual([false, true]);
    });

    it('sent again after reconnecting, over the socket or HTTP, is acknowledged with its original sequence and not applied again', async () => {
      founder.close();
      const again = await connect(server.url, secretOf(links.facilitator));
      clients.push(again);
      expect(await again.send(idea, opId)).toEqual({ ok: true, seq: original, duplicate: true });
      const overHttp = await fetch(`${server.url}/api/cafes/${links.cafeId}/ops`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretOf(links.facilitator)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: opId, op: idea }),
      });
      expect(overHttp.status).toBe(200);
      expect(await overHttp.json()).toEqual({ seq: original, duplicate: true });
    });

    it('from another link is refused with OP_ID_CONFLICT', async () => {
      expect(await co.send(idea, opId)).toMatchObject({ ok: false, error: { code: 'OP_ID_CONFLICT' } });
      expect(await co.send({ type: 'broadcast', text: 'Another operation altogether' }, opId)).toMatchObject({
        ok: false,
        error: { code: 'OP_ID_CONFLICT' },
      });
    });

    it('with another operation from the same link is refused with OP_ID_CONFLICT, not taken for a re-send', async () => {
      const again = await connect(server.url, secretOf(links.facilitator));
      clients.push(again);
      expect(await again.send({ ...idea, text: 'Another text under the same id' }, opId)).toMatchObject({ ok: false, error: { code: 'OP_ID_CONFLICT' } });
      expect(await again.send({ type: 'pauseRound' }, opId)).toMatchObject({ ok: false, error: { code: 'OP_ID_CONFLICT' } });
      // The same operation with its keys in another order is still the same operation.
      const reordered = { text: idea.text, round: idea.round, tableId: idea.tableId, ideaId: idea.ideaId, type: idea.type };
      expect(await again.send(reordered, opId)).toEqual({ ok: true, seq: original, duplicate: true });
    });

    it('ends as exactly one entry in the log and one idea on the wall', async () => {
      const log = await logSince(server, links.cafeId, 0);
      expect(log.filter((e) => e.opId === opId)).toEqual([expect.objectContaining({ seq: original, event: expect.objectContaining({ type: 'ideaAdded' }) })]);
      expect(log.filter((e) => e.event.type === 'ideaAdded')).toHaveLength(1);
      expectContiguous(log.map((e) => e.seq), 1);
      await wall.caughtUp(original);
      const added = wall.received.flatMap((m) => m.entries).filter((e) => e.event.type === 'ideaAdded');
      expect(added).toHaveLength(1);
      expect(Object.keys(wall.state.ideas)).toEqual(['idea-sent-twice']);
    });
  });

  it('S1 ten phones sending fifty ideas each at once: all are acknowledged, each is in the log exactly once, and the sequence has no gaps', async () => {
    const { links, founder, wall } = await cafeWithTwoFacilitators();
    await founder.must({ type: 'openCafe' });
    await founder.must({ type: 'startRound' });
    const phones = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const tableId = String((i % 3) + 1);
        const joined = await joinCafe(server, links, { tableId });
        const client = await connect(server.url, joined.secret);
        clients.push(client);
        return { client, tableId, i };
      }),
    );
    const start = await server.store.head(links.cafeId);
    const sent = phones.flatMap(({ tableId, i }) =>
      Array.from({ length: 50 }, (_, k) => ({ phone: i, tableId, ideaId: `idea-p${i}-n${k}`, text: `Phone ${i}, idea ${k}` })),
    );
    const acks = await Promise.all(
      sent.map((s) => phones[s.phone]!.client.send({ type: 'addIdea', ideaId: s.ideaId, tableId: s.tableId, round: 0, text: s.text })),
    );

    expect(refusals(acks)).toEqual([]);
    expect(acks.every((a) => a.ok && !a.duplicate)).toBe(true);
    const seqs = accepted(acks);
    expectContiguous(seqs, start + 1);

    const log = await logSince(server, links.cafeId, start);
    expect(log).toHaveLength(sent.length);
    expectContiguous(log.map((e) => e.seq), start + 1);
    const bySeq = new Map(log.map((e) => [e.seq, e]));
    sent.forEach((s, n) => {
      const entry = bySeq.get(seqs[n]!);
      expect(entry?.event).toMatchObject({ type: 'ideaAdded', idea: { id: s.ideaId, text: s.text, tableId: s.tableId } });
    });
    const ids = log.flatMap((e) => (e.event.type === 'ideaAdded' ? [e.event.idea.id] : []));
    expect(new Set(ids).size).toBe(sent.length);

    await wall.caughtUp(start + sent.length);
    expect(Object.keys(wall.state.ideas)).toHaveLength(sent.length);
  });
});
