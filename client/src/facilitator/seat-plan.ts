/**
 * The plan in use, read for people (issue 6): who sits where in each planned round, for the
 * printed seat plan and name badges, and how many people and stakeholder groups each table gets
 * per round, for the console's preview. Pure: computed from the facilitator's state only.
 */
import { comingRound, plannedMix } from '../../../shared/domain/room-mix.js';
import { own, type CafeState, type SeatPlan } from '../../../shared/domain/state.js';

/** One participant on the printed plan: `tables[i]` is their table in round `plan.fromRound + i`. */
export interface PlannedPerson {
  id: string;
  number: number;
  name: string | null;
  group: string | null;
  /** Has a working link of their own (a phone that says where to go); people added by the facilitator have none. */
  phone: boolean;
  hostOf: string | null;
  tables: readonly string[];
}

export type SeatPlanOrder = 'number' | 'name';

/** The rounds a plan covers, 0-based: `fromRound` to the café's last. */
export function plannedRounds(plan: SeatPlan): number[] {
  const length = Math.max(0, ...Object.values(plan.seats).map((s) => s.length));
  return Array.from({ length }, (_, i) => plan.fromRound + i);
}

/** Per table, how many people the plan sends there for the coming round and of how many groups (people without a group not counted). */
export function plannedArrivals(state: CafeState): { round: number; perTable: Record<string, { people: number; groups: number }> } | null {
  const round = comingRound(state);
  return round === null ? null : { round, perTable: plannedMix(state, round) };
}

/** Whether a participant can be told by their own phone where to go. */
export function hasPhone(state: CafeState, participantId: string): boolean {
  const link = own(state.links, participantId);
  return link !== undefined && !link.revoked;
}

const byNumber = (a: PlannedPerson, b: PlannedPerson) => a.number - b.number;

/** Everyone the plan seats, by number or by name (people without a name after, by number). */
export function plannedPeople(state: CafeState, options: { order?: SeatPlanOrder; withoutPhoneOnly?: boolean } = {}): PlannedPerson[] {
  const plan = state.plan;
  if (!plan) return [];
  const people: PlannedPerson[] = [];
  for (const [id, tables] of Object.entries(plan.seats)) {
    const p = own(state.participants, id);
    if (!p) continue;
    const phone = hasPhone(state, id);
    if (options.withoutPhoneOnly && phone) continue;
    people.push({ id, number: p.number, name: p.displayName, group: p.group, phone, hostOf: p.hostOf, tables });
  }
  if (options.order !== 'name') return people.sort(byNumber);
  const collator = new Intl.Collator(state.language, { sensitivity: 'base', numeric: true });
  return people.sort((a, b) => {
    if (a.name === null || b.name === null) return a.name === b.name ? byNumber(a, b) : a.name === null ? 1 : -1;
    return collator.compare(a.name, b.name) || byNumber(a, b);
  });
}

/** How a table is named on paper: its number, and its name when the name does not already say it. */
export function tableLabel(state: CafeState, tableId: string): string {
  const name = state.tables.find((t) => t.id === tableId)?.name;
  if (!name || name === tableId) return tableId;
  return new RegExp(`(^|\\D)${tableId}(\\D|$)`).test(name) ? name : `${tableId} · ${name}`;
}

/** One table in one planned round. */
export interface TableRound {
  people: number;
  /** Distinct stakeholder groups among them (people without a group not counted). */
  groups: number;
  /** The most groups the table could hold: min(people with a group there, groups present in the plan). */
  bound: number;
}

export interface PlanGrid {
  rounds: number[];
  /** Open tables, and closed ones the plan still seats someone at, in the café's order. */
  tables: { id: string; label: string; capacity: number | null; cells: TableRound[] }[];
  /** Distinct groups among everyone planned. */
  groupsPresent: number;
  people: number;
  withoutPhone: number;
}

/** Rounds × tables: how many people and how many groups the plan puts at each table in each round. */
export function planGrid(state: CafeState): PlanGrid | null {
  const plan = state.plan;
  if (!plan) return null;
  const rounds = plannedRounds(plan);
  const count = new Map<string, { people: number; grouped: number; groups: Set<string> }[]>();
  const present = new Set<string>();
  let people = 0;
  let withoutPhone = 0;
  for (const [id, tables] of Object.entries(plan.seats)) {
    const p = own(state.participants, id);
    if (!p) continue;
    people++;
    if (!hasPhone(state, id)) withoutPhone++;
    if (p.group) present.add(p.group);
    for (const [i, tableId] of tables.entries()) {
      let cells = count.get(tableId);
      if (!cells) count.set(tableId, (cells = rounds.map(() => ({ people: 0, grouped: 0, groups: new Set<string>() }))));
      const cell = cells[i]!;
      cell.people++;
      if (p.group) {
        cell.grouped++;
        cell.groups.add(p.group);
      }
    }
  }
  const tables = state.tables
    .filter((t) => t.enabled || count.has(t.id))
    .map((t) => ({
      id: t.id,
      label: tableLabel(state, t.id),
      capacity: t.capacity,
      cells: rounds.map((_, i) => {
        const c = count.get(t.id)?.[i];
        return c ? { people: c.people, groups: c.groups.size, bound: Math.min(c.grouped, present.size) } : { people: 0, groups: 0, bound: 0 };
      }),
    }));
  return { rounds, tables, groupsPresent: present.size, people, withoutPhone };
}

/**
 * What keeps the plan from seating everyone present: how many people the plan in use leaves out
 * (joined or came back since it was made — the server plans again by itself — or it could not be
 * made), and the seats at the open tables when every open table has a capacity (otherwise the
 * tables without one take the rest: null).
 */
export function planGaps(state: CafeState): { people: number; unplanned: number; seats: number | null } {
  const present = Object.values(state.participants).filter((p) => !p.left);
  const seats = state.plan?.seats ?? {};
  const unplanned = state.plan ? present.filter((p) => own(seats, p.id) === undefined).length : 0;
  const open = state.tables.filter((t) => t.enabled);
  const capped = open.length > 0 && open.every((t) => t.capacity !== null);
  return { people: present.length, unplanned, seats: capped ? open.reduce((n, t) => n + (t.capacity ?? 0), 0) : null };
}
