/**
 * The server's side of planned rotation (issue 6, SPEC M rules): it runs shared/rotation's planner
 * for a café and records the plan as `setRotationPlan`. Plans are made when the facilitator asks
 * (`rotationRequested`), when planned rotation is switched on, at every change of round or
 * travel, and when people, tables or the round under way change while the café runs — so late
 * arrivals get a seat and a closed table's people are seated elsewhere, while no one who has sat
 * down is moved (P3, M4) and the plan in use is kept where it can be (P6).
 *
 * The planner runs on a worker thread (plan-worker.ts) with a bounded budget of swaps (measured in
 * the README: ~0.1–0.4 s for 40 to 5,000 people with `LIVE_ITERATIONS`). Requests for one café are coalesced:
 * while a plan is being made, further triggers only ask for one more plan afterwards.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { LogEntry } from '../../shared/domain/events.js';
import { cannotPlan, seatIn } from '../../shared/domain/rotation.js';
import { own, plannedTable, planRound, tablesDuring, type CafeState, type Table } from '../../shared/domain/state.js';
import type { RotationInput, Seating } from '../../shared/rotation/index.js';
import { serverOpId } from '../reception.js';
import type { Appended, Sequencer } from '../sequencer.js';
import type { PlanWorker } from './plan-worker.js';

/** Swaps for a plan made while the café runs: a few hundred milliseconds at most for 5,000 people. */
export const LIVE_ITERATIONS = 100_000;
/** When the facilitator asks, the plan may take a little longer for a better result. */
export const REQUESTED_ITERATIONS = 300_000;
/** A plan refused because the café changed while it was made is made again, this many times at most. */
const ATTEMPTS = 3;

/** A seed fixed per café (P5: the same café re-plans with the same chance). */
export function seedOf(cafeId: string): number {
  let h = 2166136261;
  for (let i = 0; i < cafeId.length; i++) h = Math.imul(h ^ cafeId.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What the planner needs to know of a café now (shared/rotation/SPEC.md, how a caller describes what happened). */
export function rotationInput(state: CafeState, iterations?: number): RotationInput {
  const fromRound = planRound(state);
  // M9: people who left are not planned (their held seats are then ignored, P9).
  const people = Object.values(state.participants).filter((p) => !p.left);
  const capacity = evenShare(state.tables, people.length);
  const history: Seating[] = [];
  for (let r = 0; r <= fromRound; r++) {
    const seating: Record<string, string> = {};
    for (const p of people) {
      // Held rounds: where the person sat (the last seat before counts if they took none in it);
      // the round under way: only seats taken in it, which the plan must keep.
      const table = r < fromRound ? tablesDuring(p, r).at(-1) : seatIn(state, p.id, r);
      if (table) seating[p.id] = table;
    }
    history.push(seating);
  }
  // Before the café opens no one has been told a table: every plan is fresh (the exact designs of P7 fit best).
  const plan = state.phase.kind === 'setup' ? null : state.plan;
  const previous = plan
    ? {
        seats: Array.from({ length: state.rounds.length }, (_, r): Seating => {
          if (r < plan.fromRound) return history[r] ?? {};
          const seating: Record<string, string> = {};
          for (const [id, tables] of Object.entries(plan.seats)) {
            const table = tables[r - plan.fromRound];
            if (table && own(state.participants, id)?.left === false) seating[id] = table;
          }
          return seating;
        }),
      }
    : undefined;
  return {
    participants: people.map((p) => ({
      id: p.id,
      ...(p.group === null ? {} : { group: p.group }),
      // M8: a host stays at their table (P4) while hosts stay and the table is open.
      ...(p.hostOf === null ? {} : { host: true, homeTable: p.hostOf }),
    })),
    tables: state.tables.map((t) => ({ id: t.id, capacity: t.capacity ?? capacity, enabled: t.enabled })),
    rounds: state.rounds.length,
    history,
    fromRound,
    seed: seedOf(state.id),
    ...(previous ? { previous } : {}),
    hostsStay: state.rotation.hostsStay,
    // M10: the console's switch, or the last round's "everyone returns to their first table".
    homeLastRound: state.rotation.homeLastRound || (state.rounds.at(-1)?.returnHome ?? false),
    ...(iterations === undefined ? {} : { iterations }),
  };
}

/**
 * The capacity of an open table without its own (M10): even tables (P1) — every such table can
 * seat its share of the people the tables with a capacity cannot take.
 */
export function evenShare(tables: readonly Table[], people: number): number {
  const open = tables.filter((t) => t.enabled);
  const free = open.filter((t) => t.capacity === null).length;
  const fixed = open.reduce((sum, t) => sum + (t.capacity ?? 0), 0);
  const even = Math.ceil(people / Math.max(1, open.length));
  return Math.max(1, even, free === 0 ? 0 : Math.ceil((people - fixed) / free));
}

/** Whether an appended entry calls for a (new) plan, and with which budget. */
export function planTrigger({ entry, before, after }: Pick<Appended, 'entry' | 'before' | 'after'>): number | null {
  if (!after.rotation.planned || cannotPlan(after) !== null) return null;
  const e: LogEntry['event'] = entry.event;
  switch (e.type) {
    case 'rotationRequested':
      return REQUESTED_ITERATIONS;
    case 'cafeEdited':
      if (!before.rotation.planned) return REQUESTED_ITERATIONS;
      // Hosts released or kept, the last round home or not, groups changed: the seats change with them.
      return before.rotation.hostsStay !== after.rotation.hostsStay ||
        before.rotation.homeLastRound !== after.rotation.homeLastRound ||
        before.stakeholderGroups.join('\n') !== after.stakeholderGroups.join('\n')
        ? LIVE_ITERATIONS
        : null;
    case 'phaseChanged':
      return before.phase.kind !== after.phase.kind || planRound(before) !== planRound(after) ? LIVE_ITERATIONS : null;
    case 'seatTaken':
      // Someone sat down elsewhere than planned: the others' plan adapts around them (P3).
      return plannedTable(after, e.participantId, e.round) === e.tableId ? null : LIVE_ITERATIONS;
    case 'roundsChanged':
      // A round added or removed, or the last round's "everyone returns to their first table".
      return before.rounds.length !== after.rounds.length || before.rounds.at(-1)?.returnHome !== after.rounds.at(-1)?.returnHome ? LIVE_ITERATIONS : null;
    case 'participantJoined':
    case 'participantAdded':
    case 'hostSet':
    case 'participantLeft':
    case 'tableAdded':
    case 'tableEdited':
    case 'profileUpdated':
    case 'rehearsalReset':
      return LIVE_ITERATIONS;
    default:
      return null;
  }
}

export class RotationPlanner {
  private readonly running = new Map<string, { again: number | null; done: Promise<void> }>();

  constructor(
    private readonly sequencer: Sequencer,
    private readonly log: FastifyBaseLogger,
    private readonly plans: PlanWorker,
  ) {}

  /** Called for every appended entry: plans again when the entry calls for it. */
  notice(appended: Appended): void {
    const iterations = planTrigger(appended);
    if (iterations !== null) this.schedule(appended.cafeId, iterations);
  }

  /** Makes a plan for the café soon; while one is being made, one more follows it (with the larger budget asked for). */
  schedule(cafeId: string, iterations: number): void {
    const run = this.running.get(cafeId);
    if (run) {
      run.again = Math.max(run.again ?? 0, iterations);
      return;
    }
    const entry: { again: number | null; done: Promise<void> } = { again: null, done: Promise.resolve() };
    this.running.set(cafeId, entry);
    entry.done = (async () => {
      let budget: number | null = iterations;
      while (budget !== null) {
        entry.again = null;
        // Let the operation that triggered this plan be acknowledged and fanned out first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          await this.plan(cafeId, budget);
        } catch (error) {
          this.log.error({ err: error, cafeId }, 'could not make a rotation plan');
        }
        budget = entry.again;
      }
      this.running.delete(cafeId);
    })();
  }

  /** Resolves when no plan is being made (for tests and a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private async plan(cafeId: string, iterations: number): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const state = await this.sequencer.state(cafeId);
      if (!state || cannotPlan(state) !== null) return;
      const started = performance.now();
      const result = await this.plans.plan(rotationInput(state, iterations));
      const ms = Math.round(performance.now() - started);
      if (!result.ok) {
        this.log.warn({ cafeId, code: result.code, field: result.field, reason: result.reason }, 'the rotation planner refused the café');
        return;
      }
      const { fromRound } = result.plan;
      const seats: Record<string, string[]> = {};
      // M9: those who left are not planned (the planner was not told of them).
      for (const p of Object.values(state.participants)) {
        if (!p.left) seats[p.id] = result.plan.seats.slice(fromRound).map((round) => round[p.id] ?? '');
      }
      const submitted = await this.sequencer.submit(cafeId, 'system', serverOpId('plan', String(state.seq)), {
        type: 'setRotationPlan',
        fromRound,
        seed: seedOf(cafeId),
        seats,
        quality: result.plan.quality,
      });
      this.log.info({ cafeId, ms, people: Object.keys(seats).length, ok: submitted.ok, ...(submitted.ok ? {} : { code: submitted.code }) }, 'rotation plan');
      if (submitted.ok) return;
      // The café moved on while the plan was made (a round, a seat, a person): plan again from what it is now.
    }
  }
}
