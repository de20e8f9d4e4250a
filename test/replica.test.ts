import { describe, expect, it } from 'vitest';
import type { WireEntry } from '../shared/domain/events.js';
import { FREE_ROTATION, NO_HARVEST, type CafeState } from '../shared/domain/state.js';
import type { Snapshot } from '../shared/protocol.js';
import { CafeReplica } from '../shared/replica.js';

function baseState(seq: number): CafeState {
  return {
    id: 'cafe',
    joinCode: 'ABC234',
    title: 'Café',
    language: 'en',
    stakeholderGroups: [],
    mode: 'single',
    travelMs: 0,
    rounds: [{ question: 'Q', tableQuestions: {}, durationMs: 60_000, returnHome: false }],
    tables: [{ id: '1', name: 'Table 1', enabled: true, capacity: null }],
    phase: { kind: 'lobby' },
    phaseChangedAt: 0,
    roundsStarted: 0,
    ...NO_HARVEST,
    publishIdeas: true,
    undo: null,
    broadcast: null,
    rehearsal: false,
    premoderation: false,
    chime: true,
    harvestPage: true,
    invitations: true,
    consentAge: 16,
    rotation: FREE_ROTATION,
    plan: null,
    ideas: {},
    participants: {},
    links: {},
    createdAt: 0,
    seq,
  };
}

const snapshot = (seq: number): Snapshot => ({ scope: { role: 'wall' }, state: baseState(seq), serverNow: 0 });
const broadcast = (seq: number, text: string): WireEntry => ({ seq, opId: `op-${seq}`, at: seq, event: { type: 'broadcastSet', broadcast: { text, at: seq } } });

describe('a client replica applies operations strictly in sequence', () => {
  it('S5 applies a message that follows on from what it has', () => {
    const r = new CafeReplica();
    r.applySnapshot(snapshot(4));
    expect(r.applyOps({ entries: [broadcast(5, 'hello')], prev: 4, upTo: 5 })).toBe('applied');
    expect(r.seq).toBe(5);
    expect(r.state?.broadcast?.text).toBe('hello');
    expect(r.state?.seq).toBe(5);
  });

  it('S5 ignores a message it already has', () => {
    const r = new CafeReplica();
    r.applySnapshot(snapshot(6));
    expect(r.applyOps({ entries: [broadcast(5, 'old')], prev: 4, upTo: 5 })).toBe('stale');
    expect(r.state?.broadcast).toBeNull();
    expect(r.seq).toBe(6);
  });

  it('S5 reports a gap when the previous message for its room is newer than what it has', () => {
    const r = new CafeReplica();
    r.applySnapshot(snapshot(4));
    expect(r.applyOps({ entries: [broadcast(9, 'later')], prev: 7, upTo: 9 })).toBe('gap');
    expect(r.seq).toBe(4);
    expect(r.state?.broadcast).toBeNull();
  });

  it('S5 does not mistake operations that were not for it for a gap', () => {
    const r = new CafeReplica();
    r.applySnapshot(snapshot(4));
    // Sequence numbers 5–8 went to other tables: the room's previous message was 4.
    expect(r.applyOps({ entries: [broadcast(9, 'mine')], prev: 4, upTo: 9 })).toBe('applied');
    expect(r.seq).toBe(9);
    expect(r.applyOps({ entries: [], prev: 9, upTo: 10 })).toBe('applied');
    expect(r.seq).toBe(10);
  });

  it('S5 fills a gap from a sync answer and then continues live, whatever the delivery order', () => {
    const r = new CafeReplica();
    r.applySnapshot(snapshot(1));
    expect(r.applyOps({ entries: [broadcast(3, 'three')], prev: 2, upTo: 3 })).toBe('gap');
    expect(r.applySync({ ok: true, kind: 'ops', entries: [broadcast(2, 'two'), broadcast(3, 'three')], upTo: 3 })).toBe('applied');
    expect(r.state?.broadcast?.text).toBe('three');
    // The late delivery of 2 changes nothing.
    expect(r.applyOps({ entries: [broadcast(2, 'two')], prev: 1, upTo: 2 })).toBe('stale');
    expect(r.state?.broadcast?.text).toBe('three');
    expect(r.applyOps({ entries: [broadcast(4, 'four')], prev: 3, upTo: 4 })).toBe('applied');
    expect(r.state?.broadcast?.text).toBe('four');
  });

  it('S5 takes a snapshot answer to sync as the new starting point', () => {
    const r = new CafeReplica();
    r.applySnapshot(snapshot(1));
    expect(r.applySync({ ok: true, kind: 'snapshot', snapshot: snapshot(40) })).toBe('applied');
    expect(r.seq).toBe(40);
  });
});
