import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/domain/events.js';
import { evolve } from '../../shared/domain/evolve.js';
import { decide, reduce } from '../../shared/domain/reducer.js';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { ANA, BEN, propertyCafe, steps } from '../helpers/cafe-arbitraries.js';
import { accepted, addIdea, attempt, createCafe, FACILITATOR, hostOf, join, MINUTE, startCafe, WALL } from '../helpers/cafe-factory.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function replay(log: LogEntry[], from: CafeState | null = null): CafeState {
  return log.reduce<CafeState | null>((s, e) => evolve(s, e), from)!;
}

describe('the server as sequencer', () => {
  it('S1 the sequence number given to reduce is the entry’s, the state’s and a new idea’s', () => {
    const cafe = createCafe();
    startCafe(cafe);
    const result = reduce(cafe.state, addIdea('idea-seq', '1', 0), { actor: hostOf('1'), now: cafe.now, seq: 42, opId: 'op-abcdefgh' });
    if (!result.ok) throw new Error(result.code);
    expect(result.entry).toEqual({ seq: 42, opId: 'op-abcdefgh', actor: hostOf('1'), at: cafe.now, event: expect.objectContaining({ type: 'ideaAdded' }) });
    expect(result.state.seq).toBe(42);
    expect(result.state.ideas['idea-seq']!.seq).toBe(42);
    expect(cafe.log.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('S1 replaying the log with evolve from nothing reproduces the state, from any point on', () => {
    fc.assert(
      fc.property(steps, fc.nat(), (run, cut) => {
        const cafe = propertyCafe();
        const states: CafeState[] = cafe.log.map((_, i) => replay(cafe.log.slice(0, i + 1)));
        for (const s of run) {
          cafe.now += s.dt;
          if (attempt(cafe, s.actor, s.command).ok) states.push(cafe.state);
        }
        expect(cafe.log.map((e) => e.seq)).toEqual(cafe.log.map((_, i) => i + 1));
        expect(replay(cafe.log)).toEqual(cafe.state);
        // Starting from a state the client already had (any prefix) gives the same result.
        const k = cut % cafe.log.length;
        expect(replay(cafe.log.slice(k + 1), states[k])).toEqual(cafe.state);
        // The facilitator's snapshot is the full state, so a facilitator face replays the same way.
        expect(replay(cafe.log.slice(k + 1), snapshotFor({ role: 'facilitator' }, states[k]!))).toEqual(cafe.state);
      }),
      { numRuns: 200 },
    );
  });

  it('S2 of two racing “next round” commands at the last round, the one sequenced second is refused', () => {
    const cafe = createCafe({ travelMs: 0, rounds: [{ question: 'Only', durationMs: 20 * MINUTE }] });
    startCafe(cafe);
    // Both read the same state: each alone would pass, which is why check and append are one step.
    const stale = cafe.state;
    expect(decide(stale, { type: 'nextRound' }, { actor: FACILITATOR, now: cafe.now }).ok).toBe(true);
    expect(decide(stale, { type: 'nextRound' }, { actor: FACILITATOR, now: cafe.now }).ok).toBe(true);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    const second = attempt(cafe, FACILITATOR, { type: 'nextRound' });
    expect(second).toEqual({ ok: false, code: 'NO_MORE_ROUNDS' });
  });

  it('S2 two devices sending the same idea id: the second is judged after the first and refused', () => {
    const cafe = createCafe();
    join(cafe, ANA, { tableId: '1' });
    startCafe(cafe);
    accepted(cafe, ANA, addIdea('idea-raced', '1', 0, 'From the phone'));
    expect(attempt(cafe, hostOf('1'), addIdea('idea-raced', '1', 0, 'From the tablet'))).toMatchObject({ ok: false, code: 'IDEA_EXISTS' });
    expect(cafe.state.ideas['idea-raced']!.text).toBe('From the phone');
  });

  it('S3 the reducer keeps no memory of operation ids, so a re-sent id must be caught before decide', () => {
    const cafe = createCafe({ travelMs: 0 });
    startCafe(cafe);
    const first = reduce(cafe.state, { type: 'nextRound' }, { actor: FACILITATOR, now: cafe.now, seq: cafe.state.seq + 1, opId: 'op-next-0001' });
    if (!first.ok) throw new Error(first.code);
    // The entry keeps what answering a duplicate needs: its operation id, its actor and its sequence number.
    expect(first.entry).toMatchObject({ opId: 'op-next-0001', actor: FACILITATOR, seq: cafe.state.seq + 1 });
    const again = reduce(first.state, { type: 'nextRound' }, { actor: FACILITATOR, now: cafe.now, seq: first.state.seq + 1, opId: 'op-next-0001' });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.state.phase).toMatchObject({ kind: 'round', round: 2 });
  });

  it('S4 a refused operation leaves no trace: no entry, no sequence number, nothing changed', () => {
    fc.assert(
      fc.property(steps, (run) => {
        const cafe = propertyCafe();
        for (const s of run) {
          cafe.now += s.dt;
          const before = deepFreeze(cafe.state);
          const copy = structuredClone(before);
          const logLength = cafe.log.length;
          const result = attempt(cafe, s.actor, s.command); // throws if the reducer writes to the frozen state
          expect(before).toEqual(copy);
          if (!result.ok) {
            expect(cafe.state).toBe(before);
            expect(cafe.log).toHaveLength(logLength);
            expect(result).not.toHaveProperty('state');
            expect(result).not.toHaveProperty('entry');
          } else {
            expect(cafe.state.seq).toBe(before.seq + 1);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('S4 refusals for every reason leave the café as it was', () => {
    const cafe = createCafe();
    join(cafe, BEN, { tableId: '2' });
    startCafe(cafe);
    const before = structuredClone(cafe.state);
    const tries = [
      attempt(cafe, WALL, { type: 'nextRound' }),
      attempt(cafe, BEN, addIdea('idea-bad', '1', 0)),
      attempt(cafe, hostOf('1'), addIdea('idea-empty', '1', 0, '   ')),
      attempt(cafe, FACILITATOR, { type: 'resumeRound' }),
      attempt(cafe, 'link-unknown', { type: 'pauseRound' }),
    ];
    expect(tries.map((t) => (t.ok ? 'ok' : t.code))).toEqual(['FORBIDDEN', 'NOT_YOUR_TABLE', 'TEXT_EMPTY', 'WRONG_PHASE', 'UNAUTHENTICATED']);
    expect(cafe.state).toEqual(before);
  });

  it('S5 evolve takes the entry’s sequence number and never refuses an event a filtered state cannot place', () => {
    const cafe = createCafe();
    join(cafe, ANA, { tableId: '1' });
    startCafe(cafe);
    const wallView = snapshotFor({ role: 'wall' }, cafe.state);
    const at = cafe.now;
    const next = evolve(wallView, { seq: 77, opId: 'op-x', actor: 'system', at, event: { type: 'ideaStarred', ideaId: 'idea-not-here', starred: true } });
    expect(next).toEqual({ ...wallView, seq: 77 });
    const moved = evolve(wallView, { seq: 78, opId: 'op-y', actor: 'system', at, event: { type: 'seatTaken', participantId: ANA, tableId: '2', round: 0 } });
    expect(moved).toEqual({ ...wallView, seq: 78 });
    expect(() => evolve(null, { seq: 1, opId: 'op-z', actor: 'system', at, event: { type: 'rehearsalStarted' } })).toThrow(/before cafeCreated/);
  });

  it('S5 evolve is not idempotent, so a client skips entries at or below its sequence number', () => {
    const cafe = createCafe();
    join(cafe, ANA, { tableId: '1' });
    startCafe(cafe);
    const entry = accepted(cafe, ANA, { type: 'takeSeat', tableId: '2' });
    const twice = evolve(cafe.state, entry);
    expect(twice.participants[ANA]!.seats).toHaveLength(cafe.state.participants[ANA]!.seats.length + 1);
    // Skipping what it has keeps the client right.
    const client = [entry].filter((e) => e.seq > cafe.state.seq).reduce(evolve, cafe.state);
    expect(client).toBe(cafe.state);
  });
});
