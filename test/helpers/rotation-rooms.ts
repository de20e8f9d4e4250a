/**
 * Cafés for the rotation planner's tests and benchmark, and an independent check of a plan: it
 * recounts from the returned seats what P1, P3, P4 and P8 promise, without the planner's code.
 */
import type { RotationInput, RotationParticipant, RotationPlan, RotationTable, Seating } from '../../shared/rotation/index.js';

export interface RoomShape {
  people: number;
  /** Seats per table; the number of tables is ⌈people / size⌉ unless given. */
  size: number;
  rounds: number;
  tables?: number;
  /** Head-counts of the stakeholder groups, in order; people past their sum have no group. */
  groups?: readonly number[];
  /** The first `hosts` people host tables t0, t1, … and stay there. */
  hosts?: number;
  seed?: number;
}

export function rotationRoom(shape: RoomShape): RotationInput {
  const tableCount = shape.tables ?? Math.ceil(shape.people / shape.size);
  const tables: RotationTable[] = Array.from({ length: tableCount }, (_, t) => ({ id: `t${t}`, capacity: shape.size, enabled: true }));
  const groupOf = (i: number): string | undefined => {
    let k = i;
    for (const [g, heads] of (shape.groups ?? []).entries()) {
      if (k < heads) return `group-${g}`;
      k -= heads;
    }
    return undefined;
  };
  const participants: RotationParticipant[] = Array.from({ length: shape.people }, (_, i) => {
    const person: RotationParticipant = { id: `p${i}` };
    const group = groupOf(i);
    if (group) person.group = group;
    if (i < (shape.hosts ?? 0)) Object.assign(person, { host: true, homeTable: `t${i}` });
    return person;
  });
  return { participants, tables, rounds: shape.rounds, seed: shape.seed ?? 1 };
}

/** What a plan breaks of P1 (seats, capacity, even sizes), P3 (seated kept), P4 (hosts) and P8 (home round), in words; empty when valid. */
export function planViolations(input: RotationInput, plan: RotationPlan): string[] {
  const problems: string[] = [];
  const history = input.history ?? [];
  const from = input.fromRound ?? history.length;
  const tables = new Map(input.tables.map((t) => [t.id, t]));
  const current: Seating = history[from] ?? {};
  const released = new Set(input.releasedHosts ?? []);
  const staying = (p: RotationParticipant) => input.hostsStay !== false && p.host && p.homeTable !== undefined && tables.get(p.homeTable)?.enabled && !released.has(p.id);
  if (plan.seats.length !== input.rounds) problems.push(`${plan.seats.length} rounds returned for ${input.rounds}`);
  for (let r = 0; r < from; r++) if (JSON.stringify(plan.seats[r]) !== JSON.stringify(history[r])) problems.push(`held round ${r} changed`);
  for (let r = from; r < input.rounds; r++) {
    const seats = plan.seats[r] ?? {};
    const load = new Map<string, number>();
    const movable = new Set<string>();
    for (const person of input.participants) {
      const t = seats[person.id];
      if (t === undefined || !tables.has(t)) {
        problems.push(`round ${r}: ${person.id} has no seat`);
        continue;
      }
      load.set(t, (load.get(t) ?? 0) + 1);
      const fixed = r === from && current[person.id] !== undefined;
      if (fixed && current[person.id] !== t) problems.push(`round ${r}: ${person.id} was moved from the seat taken`);
      if (staying(person) && !(r === from && current[person.id] !== undefined) && t !== person.homeTable) problems.push(`round ${r}: host ${person.id} not at ${person.homeTable}`);
      if (!fixed && !staying(person) && !(input.homeLastRound && r === input.rounds - 1)) movable.add(t);
    }
    if (Object.keys(seats).length !== input.participants.length) problems.push(`round ${r}: seats for people not taking part`);
    const seatedNow = new Set(r === from ? Object.values(current) : []);
    for (const [id, table] of tables) {
      const n = load.get(id) ?? 0;
      if (!table.enabled && n > 0 && !seatedNow.has(id)) problems.push(`round ${r}: ${n} at disabled table ${id}`);
      if (n > table.capacity && !seatedNow.has(id)) problems.push(`round ${r}: ${n} at ${id}, capacity ${table.capacity}`);
    }
    if (input.homeLastRound && r === input.rounds - 1) continue;
    for (const [a, big] of tables) {
      for (const [b, small] of tables) {
        const gap = (load.get(a) ?? 0) - (load.get(b) ?? 0);
        if (big.enabled && small.enabled && gap >= 2 && movable.has(a) && (load.get(b) ?? 0) < small.capacity) problems.push(`round ${r}: ${a} has ${gap} more than ${b}, which has room`);
      }
    }
  }
  if (input.homeLastRound && input.rounds >= 2 && input.rounds - 1 >= from) {
    const first = plan.seats[0] ?? {};
    const last = plan.seats[input.rounds - 1] ?? {};
    const back = input.participants.filter((p) => first[p.id] !== undefined && tables.get(first[p.id]!)?.enabled && last[p.id] !== first[p.id]);
    // Only a table left too small for everyone who sat there first may turn someone away.
    for (const p of back) {
      const t = first[p.id]!;
      const returning = input.participants.filter((q) => first[q.id] === t).length;
      if (returning <= tables.get(t)!.capacity) problems.push(`home round: ${p.id} not back at ${t}`);
    }
  }
  return problems;
}

/** Pair meetings over every round of a plan among the listed participants, counted afresh; home-round reunions left out when `home`. */
export function recount(input: RotationInput, plan: RotationPlan): { repeatedPairs: number; mostMeetings: number } {
  const present = new Set(input.participants.map((p) => p.id));
  const met = new Map<string, number>();
  plan.seats.forEach((seats, r) => {
    const byTable = new Map<string, string[]>();
    for (const [id, t] of Object.entries(seats)) if (present.has(id)) byTable.set(t, [...(byTable.get(t) ?? []), id]);
    for (const people of byTable.values()) {
      for (const a of people) {
        for (const b of people) {
          if (a >= b) continue;
          const reunion = input.homeLastRound && r >= 1 && r === input.rounds - 1 && plan.seats[0]![a] !== undefined && plan.seats[0]![a] === plan.seats[0]![b];
          if (!reunion) met.set(`${a} ${b}`, (met.get(`${a} ${b}`) ?? 0) + 1);
        }
      }
    }
  });
  const counts = [...met.values()];
  return { repeatedPairs: counts.filter((m) => m > 1).length, mostMeetings: Math.max(0, ...counts) };
}

/**
 * Planned seats at a table the person sat at in an earlier round, counted afresh (P2, P10): a
 * seat already taken in the round under way, a staying host at home and the home round's return
 * to the round-0 table are not counted (but are visits).
 */
export function returnsToTables(input: RotationInput, plan: RotationPlan): number {
  const history = input.history ?? [];
  const from = input.fromRound ?? history.length;
  const open = new Set(input.tables.filter((t) => t.enabled).map((t) => t.id));
  const released = new Set(input.releasedHosts ?? []);
  const homeRound = input.homeLastRound && input.rounds >= 2 && input.rounds - 1 >= from ? input.rounds - 1 : -1;
  let returns = 0;
  for (const person of input.participants) {
    const staysAt = input.hostsStay !== false && person.host && person.homeTable && open.has(person.homeTable) && !released.has(person.id) ? person.homeTable : undefined;
    const seen = new Set<string>();
    plan.seats.forEach((seats, r) => {
      const t = seats[person.id];
      if (t === undefined || t === staysAt || (r === homeRound && t === plan.seats[0]![person.id])) return;
      const taken = r === from && history[from]?.[person.id] !== undefined;
      if (r >= from && !taken && seen.has(t)) returns++;
      seen.add(t);
    });
  }
  return returns;
}
