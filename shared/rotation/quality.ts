import { PairMeetings, tablesOf } from './meetings.js';
import type { Room } from './room.js';
import type { RotationQuality } from './types.js';
import { TableVisits } from './visits.js';

/**
 * Measures a plan against the known bounds (P10): repeated meetings against a lower bound for
 * these table sizes, groups per table against min(table size, groups present), table sizes
 * against capacity, hosts at their tables, returns to a table against a lower bound. Reunions of
 * the home round (P8) are not repeats, nor is its return to the round-0 table a return.
 */
export function measure(room: Room, seats: Int32Array[], method: RotationQuality['method']): RotationQuality {
  const n = room.ids.length;
  const rounds = [...room.held, ...seats];
  const home = room.homeRound >= 0 ? room.fromRound + room.homeRound : -1;
  const meetings = new PairMeetings(n);
  const met = new Int32Array(n);
  // Every meeting that counts, as pairs, so repeats are found without looking at all n² pairs.
  const occurrences: [number, number][] = [];
  for (const [r, round] of rounds.entries()) {
    for (const table of tablesOf(round)) {
      for (let a = 0; a < table.length; a++) {
        for (let b = a + 1; b < table.length; b++) {
          const p = table[a]!;
          const q = table[b]!;
          if (r === home && rounds[0]![p]! >= 0 && rounds[0]![p] === rounds[0]![q]) continue;
          meetings.add(p, q, 1);
          occurrences.push([p, q]);
          met[p]!++;
          met[q]!++;
        }
      }
    }
  }
  let repeatedPairs = 0;
  let repeatMeetings = 0;
  let mostMeetings = 0;
  for (const [p, q] of occurrences) {
    const m = meetings.get(p, q);
    mostMeetings = Math.max(mostMeetings, m);
    if (m >= 2) ((repeatedPairs += 1 / m), (repeatMeetings += (m - 1) / m));
  }
  return {
    method,
    repeatedPairs: Math.round(repeatedPairs),
    repeatMeetings: Math.round(repeatMeetings),
    repeatBound: repeatBound(room, met),
    mostMeetings,
    groupsPerTable: groupMix(room, seats),
    tableSize: sizes(room, seats),
    hosts: hostsInPlace(room, seats),
    changedSeats: changed(room, seats),
    ...returns(room, seats),
  };
}

/**
 * Someone who meets more people than there are to meet meets some again: half the sum of those
 * excesses is a lower bound for repeated meetings. Staying hosts never meet each other, so in a
 * café planned from its start their excesses add up without halving.
 */
function repeatBound(room: Room, met: Int32Array): number {
  const n = room.ids.length;
  const hosts = room.hostTable.filter((t) => t >= 0).length;
  let all = 0;
  let ofHosts = 0;
  for (let p = 0; p < n; p++) {
    const host = room.hostTable[p]! >= 0;
    all += Math.max(0, met[p]! - (n - 1));
    if (host && room.fromRound === 0) ofHosts += Math.max(0, met[p]! - (n - hosts));
  }
  return Math.max(Math.ceil(all / 2), ofHosts);
}

/**
 * Groups per table against their bounds. A table holds at most min(its grouped people, groups
 * present); a round's tables together at most what each group's head-count can reach, so the
 * worst table of a round holds at most the round's bound spread evenly (rounded down): the
 * worst bound never exceeds the mean bound. Tables below the worst bound are what a plan could
 * still mend; a table below its own bound may be one no plan could fill together with the others.
 */
function groupMix(room: Room, seats: Int32Array[]): RotationQuality['groupsPerTable'] {
  let tables = 0;
  let sum = 0;
  let worst = Infinity;
  let boundSum = 0;
  let boundWorst = Infinity;
  const distinctAt: number[] = [];
  for (const round of seats) {
    const headCount = new Map<number, number>();
    for (let p = 0; p < round.length; p++) if (round[p]! >= 0 && room.groupOf[p]! >= 0) headCount.set(room.groupOf[p]!, (headCount.get(room.groupOf[p]!) ?? 0) + 1);
    const occupied = tablesOf(round);
    if (occupied.length === 0) continue;
    // A group sits at no more tables than it has people: the round's tables can hold no more distinct groups than that.
    const reachable = [...headCount.values()].reduce((sum, heads) => sum + Math.min(heads, occupied.length), 0);
    let roundBound = 0;
    for (const table of occupied) {
      const grouped = table.filter((p) => room.groupOf[p]! >= 0);
      const distinct = new Set(grouped.map((p) => room.groupOf[p]!)).size;
      const bound = Math.min(grouped.length, headCount.size);
      tables++;
      sum += distinct;
      distinctAt.push(distinct);
      roundBound += bound;
      worst = Math.min(worst, distinct);
      boundWorst = Math.min(boundWorst, bound);
    }
    const reach = Math.min(roundBound, reachable);
    boundSum += reach;
    boundWorst = Math.min(boundWorst, Math.floor(reach / occupied.length));
  }
  if (tables === 0) return { mean: 0, worst: 0, boundMean: 0, boundWorst: 0, tablesBelowBound: 0 };
  const mean = (x: number) => Math.round((x / tables) * 100) / 100;
  const below = distinctAt.filter((d) => d < boundWorst).length;
  return { mean: mean(sum), worst, boundMean: mean(boundSum), boundWorst, tablesBelowBound: below };
}

function sizes(room: Room, seats: Int32Array[]): RotationQuality['tableSize'] {
  let min = Infinity;
  let max = 0;
  let overCapacity = 0;
  for (const round of seats) {
    const load = new Int32Array(room.capacity.length);
    for (const t of round) if (t >= 0) load[t]!++;
    for (let t = 0; t < load.length; t++) {
      overCapacity = Math.max(overCapacity, load[t]! - room.capacity[t]!);
      if (!room.enabled[t] || load[t] === 0) continue;
      min = Math.min(min, load[t]!);
      max = Math.max(max, load[t]!);
    }
  }
  return { min: min === Infinity ? 0 : min, max, overCapacity };
}

function hostsInPlace(room: Room, seats: Int32Array[]): RotationQuality['hosts'] {
  let inPlace = 0;
  let expected = 0;
  for (const round of seats) {
    for (let p = 0; p < round.length; p++) {
      if (room.hostTable[p]! < 0) continue;
      expected++;
      if (round[p] === room.hostTable[p]) inPlace++;
    }
  }
  return { inPlace, expected };
}

function changed(room: Room, seats: Int32Array[]): number {
  let count = 0;
  for (const [j, round] of seats.entries()) {
    const before = room.previous?.[j];
    // Seats that are fixed (taken already, or a host's) were not the planner's to change.
    if (before) for (let p = 0; p < round.length; p++) if (before[p]! >= 0 && room.fixed[j]![p]! < 0 && before[p] !== round[p]) count++;
  }
  return count;
}

/**
 * Seats the planner chose at a table the person had sat at in an earlier round (held, taken or
 * planned; P2), and a lower bound: someone with f seats left to choose and u open tables not yet
 * visited returns at least f − u times. Seats already taken, staying hosts at home and the home
 * round's return to the round-0 table (P8) are not the planner's choice and not counted.
 */
function returns(room: Room, seats: Int32Array[]): { revisits: number; revisitBound: number } {
  const visits = new TableVisits(room, seats);
  let openTables = 0;
  for (let t = 0; t < room.enabled.length; t++) if (room.enabled[t] && room.capacity[t]! > 0) openTables++;
  let revisits = 0;
  let revisitBound = 0;
  const seen = new Set<number>();
  const bound = new Set<number>();
  for (let p = 0; p < room.ids.length; p++) {
    seen.clear();
    bound.clear();
    let free = 0;
    for (const held of room.held) if (held[p]! >= 0 && held[p] !== room.hostTable[p]) (seen.add(held[p]!), bound.add(held[p]!));
    for (const [j, round] of seats.entries()) {
      const t = round[p]!;
      const chosen = room.fixed[j]![p]! < 0;
      // The home round's free seat might be the round-0 table, which is no return: left out of the bound.
      if (chosen && j !== room.homeRound) free++;
      if (!visits.counts(j, p, t)) continue;
      if (chosen && seen.has(t)) revisits++;
      seen.add(t);
      if (!chosen) bound.add(t);
    }
    let unvisited = openTables;
    for (const t of bound) if (room.enabled[t] && room.capacity[t]! > 0) unvisited--;
    revisitBound += Math.max(0, free - unvisited);
  }
  return { revisits, revisitBound };
}
