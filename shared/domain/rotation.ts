/**
 * Planned rotation in the café (SPEC M rules): the facilitator's settings and request, and the
 * judging of a plan the server made with shared/rotation's planner. The planner itself does not
 * run here: the reducer only checks that a plan fits the café as it is now.
 */
import type { ErrorCode } from '../errors.js';
import type { Command, PlanCommand } from './commands.js';
import type { CafeEvent } from './events.js';
import { findTable, own, planRound, type Arrivals, type CafeState, type RotationSettings } from './state.js';

type Verdict = { ok: true; event: CafeEvent } | { ok: false; code: ErrorCode; path?: string };
const no = (code: ErrorCode, path?: string): Verdict => (path === undefined ? { ok: false, code } : { ok: false, code, path });

/** M1: the settings after an `editCafe`, or the refusal; the same settings when the command leaves them alone. */
export function editRotation(state: CafeState, change: Extract<Command, { type: 'editCafe' }>['rotation']): RotationSettings | { code: ErrorCode } {
  if (change === undefined) return state.rotation;
  if (state.phase.kind === 'harvest') return { code: 'WRONG_PHASE' };
  return {
    planned: change.planned ?? state.rotation.planned,
    hostsStay: change.hostsStay ?? state.rotation.hostsStay,
    homeLastRound: change.homeLastRound ?? state.rotation.homeLastRound,
  };
}

/** Why a plan cannot be made now (M2), or null. */
export function cannotPlan(state: CafeState): ErrorCode | null {
  if (state.phase.kind === 'closed') return 'CAFE_CLOSED';
  if (!state.rotation.planned) return 'ROTATION_OFF';
  if (state.phase.kind === 'harvest') return 'WRONG_PHASE';
  if (!state.tables.some((t) => t.enabled)) return 'TABLE_DISABLED';
  return null;
}

/** M2: the facilitator's request, recorded for the server to answer. */
export function decidePlanRequest(state: CafeState): Verdict {
  const why = cannotPlan(state);
  return why ? no(why) : { ok: true, event: { type: 'rotationRequested' } };
}

/** The table a participant took in `round`, if any (the last one taken). */
export function seatIn(state: CafeState, participantId: string, round: number): string | null {
  const p = own(state.participants, participantId);
  const seats = p ? p.seats.filter((s) => s.round === round) : [];
  return seats[seats.length - 1]?.tableId ?? null;
}

/** M3 M4 M6: a plan the server made, checked against the café as it is now. */
export function decidePlan(state: CafeState, cmd: PlanCommand, now: number): Verdict {
  const why = cannotPlan(state);
  if (why) return no(why);
  if (cmd.fromRound !== planRound(state)) return no('WRONG_PHASE', 'fromRound');
  if (!Number.isInteger(cmd.seed)) return no('INVALID_PAYLOAD', 'seed');
  const length = state.rounds.length - cmd.fromRound;
  const arrivals: Record<string, Arrivals[]> = {};
  for (const t of state.tables) arrivals[t.id] = Array.from({ length }, () => ({ count: 0, groups: {} }));
  const seats: Record<string, string[]> = {};
  for (const [participantId, tables] of Object.entries(cmd.seats)) {
    const p = own(state.participants, participantId);
    if (!p) return no('INVALID_PAYLOAD', `seats.${participantId}`);
    if (!Array.isArray(tables) || tables.length !== length) return no('INVALID_PAYLOAD', `seats.${participantId}`);
    const seated = seatIn(state, participantId, cmd.fromRound);
    for (const [i, tableId] of tables.entries()) {
      const path = `seats.${participantId}.${i}`;
      const table = findTable(state, tableId);
      if (!table) return no('TABLE_NOT_FOUND', path);
      // M4: the round under way keeps everyone who sits down in it where they are (P3).
      if (i === 0 && seated !== null && seated !== tableId) return no('PLAN_MOVES_SEATED', path);
      if (!table.enabled && !(i === 0 && seated === tableId)) return no('TABLE_DISABLED', path);
      const a = arrivals[tableId]![i]!;
      a.count++;
      const g = p.group ?? '';
      a.groups[g] = (a.groups[g] ?? 0) + 1;
    }
    seats[participantId] = tables.slice();
  }
  return { ok: true, event: { type: 'rotationPlanned', plan: { fromRound: cmd.fromRound, seed: cmd.seed, seats, arrivals, quality: cmd.quality, madeAt: now } } };
}
