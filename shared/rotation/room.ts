import type { ErrorCode } from '../errors.js';
import type { RotationInput, Seating } from './types.js';

/**
 * The planner's input as indexes: people 0…n−1 in the order given, tables 0…t−1. Planned rounds
 * are numbered from 0 here (planned round j is café round `fromRound + j`); −1 means "no table".
 */
export interface Room {
  ids: readonly string[];
  tableIds: readonly string[];
  /** Stakeholder group of each person as an index, −1 for none. */
  groupOf: Int32Array;
  groupCount: number;
  capacity: Int32Array;
  enabled: Uint8Array;
  rounds: number;
  fromRound: number;
  planned: number;
  /** Held rounds' tables per person (−1: not seated then or not present). */
  held: Int32Array[];
  /** Per planned round, the table a person must keep (a seat already taken, a staying host), or −1. */
  fixed: Int32Array[];
  /** The table each staying host keeps, −1 for everyone else. */
  hostTable: Int32Array;
  /** The planned round that sends everyone home (P8), or −1. */
  homeRound: number;
  /** The previous plan's table per planned round and person, when re-planning. */
  previous: Int32Array[] | null;
  /** The held rounds and the seats taken so far went as the previous plan said. */
  previousHolds: boolean;
}

export interface Refusal {
  ok: false;
  code: ErrorCode;
  field: string;
  reason: string;
}

const refuse = (code: ErrorCode, field: string, reason: string): Refusal => ({ ok: false, code, field, reason });
const isCount = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;

/** Reads the input into a Room, or says which field is wrong and why (P9). */
export function readRoom(input: RotationInput): Room | Refusal {
  if (!isCount(input.rounds, 100) || input.rounds < 1) return refuse('INVALID_PAYLOAD', 'rounds', 'rounds must be a whole number from 1 to 100');
  if (!Number.isInteger(input.seed)) return refuse('INVALID_PAYLOAD', 'seed', 'the seed must be a whole number');
  if (input.iterations !== undefined && !isCount(input.iterations, 1e9)) return refuse('INVALID_PAYLOAD', 'iterations', 'iterations must be a whole number ≥ 0');
  const history = input.history ?? [];
  const fromRound = input.fromRound ?? history.length;
  if (!isCount(fromRound, input.rounds)) return refuse('INVALID_PAYLOAD', 'fromRound', 'fromRound must be a round of the café');
  if (history.length > fromRound + 1 || history.length < fromRound) return refuse('INVALID_PAYLOAD', 'history', 'history must hold every held round and at most the round under way');

  const tableIndex = new Map<string, number>();
  for (const [t, table] of input.tables.entries()) {
    if (typeof table.id !== 'string' || table.id === '' || tableIndex.has(table.id)) return refuse('INVALID_PAYLOAD', 'tables', `table ids must be distinct and not empty (${table.id})`);
    if (!isCount(table.capacity, 10_000)) return refuse('INVALID_PAYLOAD', 'tables', `table ${table.id} needs a whole capacity ≥ 0`);
    tableIndex.set(table.id, t);
  }
  const personIndex = new Map<string, number>();
  const groupIndex = new Map<string, number>();
  const n = input.participants.length;
  const groupOf = new Int32Array(n).fill(-1);
  for (const [p, person] of input.participants.entries()) {
    if (typeof person.id !== 'string' || person.id === '' || personIndex.has(person.id)) return refuse('INVALID_PAYLOAD', 'participants', `participant ids must be distinct and not empty (${person.id})`);
    if (person.homeTable !== undefined && !tableIndex.has(person.homeTable)) return refuse('TABLE_NOT_FOUND', 'participants', `${person.id}'s home table ${person.homeTable} is not a table`);
    personIndex.set(person.id, p);
    if (person.group !== undefined) {
      if (!groupIndex.has(person.group)) groupIndex.set(person.group, groupIndex.size);
      groupOf[p] = groupIndex.get(person.group)!;
    }
  }

  const seatsOf = (seating: Seating | undefined, field: string): Int32Array | Refusal => {
    const seats = new Int32Array(n).fill(-1);
    for (const [id, tableId] of Object.entries(seating ?? {})) {
      const t = tableIndex.get(tableId);
      if (t === undefined) return refuse('TABLE_NOT_FOUND', field, `${id} sits at ${tableId}, which is not a table`);
      const p = personIndex.get(id);
      if (p !== undefined) seats[p] = t;
    }
    return seats;
  };
  const held: Int32Array[] = [];
  for (let r = 0; r < fromRound; r++) {
    const seats = seatsOf(history[r], 'history');
    if (!(seats instanceof Int32Array)) return seats;
    held.push(seats);
  }
  const current = seatsOf(history[fromRound], 'history');
  if (!(current instanceof Int32Array)) return current;

  const enabled = Uint8Array.from(input.tables, (t) => (t.enabled ? 1 : 0));
  const released = new Set(input.releasedHosts ?? []);
  const hostTable = new Int32Array(n).fill(-1);
  if (input.hostsStay !== false) {
    for (const [p, person] of input.participants.entries()) {
      const t = person.homeTable === undefined ? -1 : tableIndex.get(person.homeTable)!;
      if (person.host && t >= 0 && enabled[t] && !released.has(person.id)) hostTable[p] = t;
    }
  }
  const planned = input.rounds - fromRound;
  const fixed: Int32Array[] = [];
  for (let j = 0; j < planned; j++) fixed.push(j === 0 ? Int32Array.from(current, (t, p) => (t >= 0 ? t : hostTable[p]!)) : Int32Array.from(hostTable));

  const capacity = Int32Array.from(input.tables, (t) => t.capacity);
  for (const [j, seats] of fixed.entries()) {
    const load = new Int32Array(capacity.length);
    for (const t of seats) if (t >= 0) load[t]!++;
    const seatedNow = new Uint8Array(capacity.length);
    if (j === 0) for (const t of current) if (t >= 0) seatedNow[t] = 1;
    let free = 0;
    for (let t = 0; t < capacity.length; t++) {
      // A table may already hold more than its capacity in the round under way; no one is moved for it (P3).
      if (!seatedNow[t] && load[t]! > capacity[t]!) return refuse('INVALID_PAYLOAD', 'participants', `more hosts than seats at table ${input.tables[t]!.id}`);
      if (enabled[t]) free += Math.max(0, capacity[t]! - load[t]!);
    }
    const unseated = seats.reduce((k, t) => k + (t < 0 ? 1 : 0), 0);
    if (unseated > free) return refuse('INVALID_PAYLOAD', 'tables', `round ${fromRound + j + 1} has ${unseated} people to seat and ${free} free seats at the open tables`);
  }

  let previous: Int32Array[] | null = null;
  let previousHolds = false;
  if (input.previous) {
    previousHolds = true;
    for (let r = 0; r <= fromRound && r < input.rounds; r++) {
      const planned = input.previous.seats[r] ?? {};
      for (const [id, t] of Object.entries(history[r] ?? {})) if (personIndex.has(id) && planned[id] !== t) previousHolds = false;
      if (r < fromRound) for (const id of personIndex.keys()) if (planned[id] !== history[r]?.[id]) previousHolds = false;
    }
    previous = [];
    for (let j = 0; j < planned; j++) {
      const seats = seatsOf(input.previous.seats[fromRound + j], 'previous');
      if (!(seats instanceof Int32Array)) return seats;
      previous.push(seats);
    }
  }
  const homeRound = input.homeLastRound && input.rounds >= 2 && input.rounds - 1 >= fromRound ? input.rounds - 1 - fromRound : -1;
  return {
    ids: input.participants.map((p) => p.id),
    tableIds: input.tables.map((t) => t.id),
    groupOf,
    groupCount: groupIndex.size,
    capacity,
    enabled,
    rounds: input.rounds,
    fromRound,
    planned,
    held,
    fixed,
    hostTable,
    homeRound,
    previous,
    previousHolds,
  };
}
