import { PairMeetings } from './meetings.js';
import { accepts, shuffle, temperature, type Random } from './random.js';
import type { Room } from './room.js';
import { TableVisits } from './visits.js';

/**
 * Weights of the objectives, in their order (P2): a repeated meeting outweighs re-seating five
 * people, re-seating one outweighs a group's second seat at a table, which weighs as much as
 * someone's return to a table.
 */
export const WEIGHT = { meeting: 48, change: 8, group: 2, revisit: 1 } as const;

const CANDIDATES = 64;

/**
 * The local search (P7): seats everyone not yet seated in `rounds` (greedily, smallest tables
 * first), evens out table sizes, then improves the plan by simulated annealing over swaps of two
 * people between tables, trades of two people's whole schedules (when re-planning) and moves
 * that keep the sizes even, within `iterations`. Fixed seats never change (P3, P4). `seats[j]`
 * holds every planned round; those not in `rounds` count as they are.
 */
export function search(room: Room, seats: Int32Array[], rounds: readonly number[], random: Random, iterations: number): void {
  const n = room.ids.length;
  const tableCount = room.capacity.length;
  const groups = Math.max(1, room.groupCount);
  const meetings = new PairMeetings(n);
  const visits = new TableVisits(room, seats);
  for (const held of room.held) meetings.addRound(held);
  for (const [j, round] of seats.entries()) if (!rounds.includes(j)) meetings.addRound(round);

  const members: number[][][] = seats.map(() => Array.from({ length: tableCount }, () => []));
  const count = new Int32Array(seats.length * tableCount * groups);
  const at = (j: number, t: number) => (j * tableCount + t) * groups;
  const place = (j: number, p: number, t: number) => {
    seats[j]![p] = t;
    visits.moved(p, -1, t);
    members[j]![t]!.push(p);
    if (room.groupOf[p]! >= 0) count[at(j, t) + room.groupOf[p]!]!++;
    for (const x of members[j]![t]!) if (x !== p) meetings.add(p, x, 1);
  };
  const unplace = (j: number, p: number) => {
    const t = seats[j]![p]!;
    const list = members[j]![t]!;
    list.splice(list.indexOf(p), 1);
    if (room.groupOf[p]! >= 0) count[at(j, t) + room.groupOf[p]!]!--;
    for (const x of list) meetings.add(p, x, -1);
    seats[j]![p] = -1;
    visits.moved(p, t, -1);
  };
  const fixedAt = (j: number, p: number) => room.fixed[j]![p]! >= 0;
  const open = (t: number) => room.enabled[t] === 1;
  const joinCost = (j: number, p: number, t: number) => {
    let cost = 0;
    for (const x of members[j]![t]!) cost += WEIGHT.meeting * meetings.get(p, x);
    const g = room.groupOf[p]!;
    if (g >= 0) cost += WEIGHT.group * count[at(j, t) + g]!;
    if (visits.counts(j, p, t)) cost += WEIGHT.revisit * visits.elsewhere(j, p, t);
    const before = room.previous?.[j]![p] ?? -1;
    if (before >= 0 && before !== t) cost += WEIGHT.change;
    return cost;
  };
  /**
   * The open table with room that is emptiest, then cheapest for p to join among at most
   * `CANDIDATES` of them from a random start, so a café of a thousand tables seats each person
   * in time proportional to that, not to the tables.
   */
  const bestTable = (j: number, p: number) => {
    let smallest = Infinity;
    for (let t = 0; t < tableCount; t++) {
      const size = members[j]![t]!.length;
      if (open(t) && size < room.capacity[t]! && size < smallest) smallest = size;
    }
    let best = -1;
    let bestCost = Infinity;
    const first = random.below(tableCount);
    for (let k = 0, seen = 0; k < tableCount && seen < CANDIDATES; k++) {
      const t = (first + k) % tableCount;
      const size = members[j]![t]!.length;
      if (!open(t) || size !== smallest || size >= room.capacity[t]!) continue;
      seen++;
      const cost = joinCost(j, p, t);
      if (cost < bestCost) ((best = t), (bestCost = cost));
    }
    return best;
  };

  let repaired = false;
  for (const j of rounds) {
    const start = seats[j]!.slice();
    for (let p = 0; p < n; p++) (visits.moved(p, seats[j]![p]!, -1), (seats[j]![p] = -1));
    const waiting: number[] = [];
    for (let p = 0; p < n; p++) if (fixedAt(j, p)) place(j, p, room.fixed[j]![p]!);
    // Keep the previous plan's seats that are still possible, up to each table's capacity.
    for (let p = 0; p < n; p++) {
      if (fixedAt(j, p)) continue;
      const t = start[p]! >= 0 ? start[p]! : (room.previous?.[j]![p] ?? -1);
      if (t >= 0 && open(t) && members[j]![t]!.length < room.capacity[t]!) place(j, p, t);
      else waiting.push(p);
    }
    for (const p of shuffle(waiting, random)) place(j, p, bestTable(j, p));
    repaired = evenOut(j) || repaired || waiting.length > 0;
  }
  // A plan in use that still seats everyone, after rounds that went as it said, stays as it is (P6).
  if (room.previousHolds && !repaired) return;

  /** Moves travellers from the fullest to the emptiest open tables until sizes differ by at most one where capacity allows (P1); says whether anyone moved. */
  function evenOut(j: number): boolean {
    for (let moved = false; ; moved = true) {
      let small = -1;
      let large = -1;
      for (let t = 0; t < tableCount; t++) {
        const size = members[j]![t]!.length;
        if (open(t) && size < room.capacity[t]! && (small < 0 || size < members[j]![small]!.length)) small = t;
        const movable = members[j]![t]!.some((p) => !fixedAt(j, p));
        if ((movable && !open(t)) || (movable && (large < 0 || (open(large) && size > members[j]![large]!.length)))) large = t;
      }
      if (small < 0 || large < 0 || (open(large) && members[j]![large]!.length - members[j]![small]!.length < 2)) return moved;
      const candidates = members[j]![large]!.filter((p) => !fixedAt(j, p));
      let pick = candidates[0]!;
      for (const p of candidates) if (joinCost(j, p, small) < joinCost(j, pick, small)) pick = p;
      unplace(j, pick);
      place(j, pick, small);
    }
  }

  anneal(room, seats, rounds, random, iterations, { members, count, at, meetings, visits });
}


interface SearchState {
  members: number[][][];
  count: Int32Array;
  at: (j: number, t: number) => number;
  meetings: PairMeetings;
  visits: TableVisits;
}

function anneal(room: Room, seats: Int32Array[], rounds: readonly number[], random: Random, iterations: number, state: SearchState): void {
  const { members, count, at, meetings, visits } = state;
  const travellers = rounds.map((j) => {
    const list: number[] = [];
    for (let p = 0; p < room.ids.length; p++) if (room.fixed[j]![p]! < 0) list.push(p);
    return list;
  });
  const openTables: number[] = [];
  for (let t = 0; t < room.enabled.length; t++) if (room.enabled[t]) openTables.push(t);
  if (openTables.length < 2) return;
  const groupOf = room.groupOf;
  // What p's own seat costs on moving from `from` to `to`: a seat changed from the plan in use (P6), a return to a table.
  const reseat = (j: number, p: number, from: number, to: number) => {
    const before = room.previous?.[j]![p] ?? -1;
    const changed = before < 0 ? 0 : WEIGHT.change * ((before !== to ? 1 : 0) - (before !== from ? 1 : 0));
    return changed + WEIGHT.revisit * (returnsTo(j, p, to) - returnsTo(j, p, from));
  };
  const returnsTo = (j: number, p: number, t: number) => (visits.counts(j, p, t) ? visits.elsewhere(j, p, t) : 0);
  // With more rounds than tables someone must return; then returns alone do not keep the search going.
  const roundsOf = room.held.length + seats.length - (room.homeRound >= 0 ? 1 : 0);
  const returnsAvoidable = roundsOf <= room.enabled.reduce((k, e) => k + e, 0);
  const groupExchange = (base: number, out: number, into: number) =>
    out === into ? 0 : WEIGHT.group * ((out >= 0 ? 1 - count[base + out]! : 0) + (into >= 0 ? count[base + into]! : 0));
  // The cost of p leaving table `from` and joining `to`, with `skip` (the swap partner) not counted at either.
  const meetingShift = (p: number, from: number[], to: number[], skip: number) => {
    let delta = 0;
    for (const x of from) if (x !== p && x !== skip) delta -= meetings.get(p, x) - 1;
    for (const y of to) if (y !== skip) delta += meetings.get(p, y);
    return WEIGHT.meeting * delta;
  };
  // Most people sit well already: a traveller who meets someone again at the table (or shares a
  // group there, or returns to it) is picked first, as conflict-directed local searches for the social golfer do.
  const uneasy = (j: number, p: number) => {
    const table = members[j]![seats[j]![p]!]!;
    for (const x of table) if (x !== p && meetings.get(p, x) > 1) return true;
    if (returnsAvoidable && returnsTo(j, p, seats[j]![p]!) > 0) return true;
    return groupOf[p]! >= 0 && count[at(j, seats[j]![p]!) + groupOf[p]!]! > 1;
  };
  const pickTraveller = (j: number, list: number[]) => {
    let p = list[random.below(list.length)]!;
    for (let tries = 0; tries < 4 && !uneasy(j, p); tries++) p = list[random.below(list.length)]!;
    return p;
  };
  /** Swaps p and q's tables in round j and returns what it cost; swapping again undoes it. */
  const swap = (j: number, p: number, q: number): number => {
    const a = seats[j]![p]!;
    const b = seats[j]![q]!;
    if (a === b) return 0;
    const A = members[j]![a]!;
    const B = members[j]![b]!;
    const gp = groupOf[p]!;
    const gq = groupOf[q]!;
    const delta =
      meetingShift(p, A, B, q) + meetingShift(q, B, A, p) + groupExchange(at(j, a), gp, gq) + groupExchange(at(j, b), gq, gp) + reseat(j, p, a, b) + reseat(j, q, b, a);
    for (const x of A) if (x !== p) (meetings.add(p, x, -1), meetings.add(q, x, 1));
    for (const y of B) if (y !== q) (meetings.add(q, y, -1), meetings.add(p, y, 1));
    A[A.indexOf(p)] = q;
    B[B.indexOf(q)] = p;
    if (gp !== gq) {
      if (gp >= 0) (count[at(j, a) + gp]!--, count[at(j, b) + gp]!++);
      if (gq >= 0) (count[at(j, b) + gq]!--, count[at(j, a) + gq]!++);
    }
    seats[j]![p] = b;
    seats[j]![q] = a;
    visits.moved(p, a, b);
    visits.moved(q, b, a);
    return delta;
  };
  // Hot enough at first to accept a repeated meeting now and then, cold enough at the end to
  // settle a group's seat. Re-planning repairs a plan in use: starting as hot as for a fresh
  // plan would scatter seats that the cooling then has to bring back one by one.
  const start = room.previous ? WEIGHT.change * 0.75 : WEIGHT.meeting * 0.6;
  const end = WEIGHT.group * 0.3;
  // The best plan seen is kept: the start (a previous plan, P6) unless something strictly better
  // turns up; copies are taken only from a third of the budget on, where it is cool enough that
  // better plans are found and kept.
  const keepFrom = iterations / 3;
  let cost = 0;
  let bestCost = 0;
  let bestAt = 0;
  let best = rounds.map((j) => seats[j]!.slice());
  const accept = (delta: number, it: number) => {
    cost += delta;
    if (cost < bestCost && it >= keepFrom) ((bestCost = cost), (bestAt = it), (best = rounds.map((j) => seats[j]!.slice())));
  };
  // Nothing left to improve: no one meets anyone again, no table has a group twice, no one returns who need not.
  const settled = () => rounds.every((j) => members[j]!.every((table) => table.every((p) => !uneasy(j, p))));
  const checkEvery = Math.max(10_000, room.ids.length * rounds.length);
  for (let it = 0; it < iterations; it++) {
    if (it % checkEvery === 0 && cost <= bestCost && settled()) break;
    // A fifth of the budget, cool, without a better plan: the rest will not find one either.
    if (it > keepFrom && it - Math.max(bestAt, keepFrom) > iterations / 5) break;
    const k = random.below(rounds.length);
    const j = rounds[k]!;
    const list = travellers[k]!;
    if (list.length === 0) continue;
    const p = pickTraveller(j, list);
    const a = seats[j]![p]!;
    const b = openTables[random.below(openTables.length)]!;
    if (a === b) continue;
    const A = members[j]![a]!;
    const B = members[j]![b]!;
    const heat = temperature(start, end, it / iterations);
    const gp = groupOf[p]!;
    if (B.length === A.length - 1 && B.length < room.capacity[b]! && random.next() < 0.5) {
      const delta = meetingShift(p, A, B, -1) + groupExchange(at(j, a), gp, -1) + groupExchange(at(j, b), -1, gp) + reseat(j, p, a, b);
      if (!accepts(delta, heat, random)) continue;
      for (const x of A) if (x !== p) meetings.add(p, x, -1);
      for (const y of B) meetings.add(p, y, 1);
      A.splice(A.indexOf(p), 1);
      B.push(p);
      if (gp >= 0) (count[at(j, a) + gp]!--, count[at(j, b) + gp]!++);
      seats[j]![p] = b;
      visits.moved(p, a, b);
      accept(delta, it);
      continue;
    }
    if (B.length === 0) continue;
    const q = B[random.below(B.length)]!;
    if (room.fixed[j]![q]! >= 0) continue;
    // When re-planning, p and q now and then trade their whole schedules: when a round went
    // otherwise than planned, the fix is often someone taking over another's remaining rounds (P6).
    const trade = room.previous && rounds.length > 1 && random.next() < 0.05 ? rounds.filter((r) => room.fixed[r]![p]! < 0 && room.fixed[r]![q]! < 0) : [j];
    let delta = 0;
    for (const r of trade) delta += swap(r, p, q);
    if (accepts(delta, heat, random)) accept(delta, it);
    else for (const r of trade) swap(r, p, q);
  }
  // On a tie the earlier plan wins: fewer seats differ from what people were told.
  if (cost >= bestCost) rounds.forEach((j, k) => seats[j]!.set(best[k]!));
}
