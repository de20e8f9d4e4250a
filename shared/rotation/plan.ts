import { construct } from './construct.js';
import { measure } from './quality.js';
import { seededRandom } from './random.js';
import { readRoom } from './room.js';
import { search } from './search.js';
import type { RotationInput, RotationQuality, RotationResult, Seating } from './types.js';

/** Swaps tried when the input names no budget: enough for the benchmark's instances well within a second each. */
export function defaultIterations(people: number, rounds: number): number {
  return Math.min(3_000_000, Math.max(1_000_000, 300 * people * rounds));
}

/**
 * Plans the rounds from `fromRound` on (SPEC.md, P1–P10): an exact design for a fresh café when
 * one fits, the local search otherwise, and the optional home round last. Pure and deterministic
 * for a given input and seed.
 */
export function planRotation(input: RotationInput): RotationResult {
  const room = readRoom(input);
  if ('ok' in room) return room;
  const random = seededRandom(input.seed);
  const n = room.ids.length;
  const core = Array.from({ length: room.planned }, (_, j) => j).filter((j) => j !== room.homeRound);
  const iterations = input.iterations ?? defaultIterations(n, core.length);
  const seats = Array.from({ length: room.planned }, () => new Int32Array(n).fill(-1));
  let method: RotationQuality['method'] = 'search';
  const built = construct(room, core.length, random, iterations);
  if (built) {
    built.seats.forEach((round, i) => seats[core[i]!]!.set(round));
    method = built.seats.length === core.length ? built.method : `${built.method}+search`;
  }
  // When a design covers only the first rounds, they count as held while the search plans the rest.
  const rest = core.slice(built?.seats.length ?? 0);
  if (rest.length > 0) search(room, seats, rest, random, iterations);

  if (room.homeRound >= 0) {
    const first = room.fromRound === 0 ? seats[0]! : room.held[0]!;
    const fixed = room.fixed[room.homeRound]!;
    const load = new Int32Array(room.capacity.length);
    for (const t of fixed) if (t >= 0) load[t]!++;
    for (let p = 0; p < n; p++) {
      const t = first[p]!;
      if (fixed[p]! < 0 && t >= 0 && room.enabled[t] && load[t]! < room.capacity[t]!) ((fixed[p] = t), load[t]!++);
    }
    search(room, seats, [room.homeRound], random, Math.ceil(iterations / Math.max(1, core.length)));
  }

  const byId = (round: Int32Array): Seating => {
    const seating: Record<string, string> = {};
    round.forEach((t, p) => {
      if (t >= 0) seating[room.ids[p]!] = room.tableIds[t]!;
    });
    return seating;
  };
  const held = (input.history ?? []).slice(0, room.fromRound).map((s) => ({ ...s }));
  return { ok: true, plan: { seats: [...held, ...seats.map(byId)], fromRound: room.fromRound, quality: measure(room, seats, method) } };
}
