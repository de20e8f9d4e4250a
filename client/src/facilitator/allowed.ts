/**
 * Whether the café would accept an operation from the facilitator now, judged by the same
 * `decide` the server runs, so a button is enabled exactly when pressing it can succeed.
 */
import type { ClientCommand } from '../../../shared/domain/commands.js';
import { decide } from '../../../shared/domain/reducer.js';
import type { CafeState, Phase } from '../../../shared/domain/state.js';
import type { ErrorCode } from '../../../shared/errors.js';

/** Any facilitator link of the café stands for "me": `decide` only needs the role. */
function facilitatorLink(state: CafeState): string | null {
  return Object.values(state.links).find((l) => l.role === 'facilitator' && !l.revoked)?.id ?? null;
}

/** Acceptance never depends on the present time, only the deadlines it computes do. */
export function allowed(state: CafeState, op: ClientCommand): boolean {
  const actor = facilitatorLink(state);
  return actor !== null && decide(state, op, { actor, now: 0 }).ok;
}

/** Why the café would refuse an operation from the facilitator now, or null when it would accept it: said before sending. */
export function refusal(state: CafeState, op: ClientCommand): ErrorCode | null {
  const actor = facilitatorLink(state);
  if (actor === null) return 'FORBIDDEN';
  const d = decide(state, op, { actor, now: 0 });
  return d.ok ? null : d.code;
}

/** The phase an operation would lead to, or null when it would be refused or changes no phase. */
export function phaseAfter(state: CafeState, op: ClientCommand): Phase | null {
  const actor = facilitatorLink(state);
  if (actor === null) return null;
  const d = decide(state, op, { actor, now: 0 });
  return d.ok && d.event.type === 'phaseChanged' ? d.event.phase : null;
}

/** "Next round" names the phase it was pressed in (R15): a second press on a stale screen is refused. */
export function nextRoundFrom(phase: Phase): Extract<ClientCommand, { type: 'nextRound' }> {
  switch (phase.kind) {
    case 'round':
    case 'travel':
      return { type: 'nextRound', from: { kind: phase.kind, round: phase.round } };
    case 'setup':
    case 'lobby':
      return { type: 'nextRound', from: { kind: phase.kind } };
    case 'harvest':
    case 'closed':
      // Nothing follows; the server refuses it (NO_MORE_ROUNDS / CAFE_CLOSED) whatever it names.
      return { type: 'nextRound' };
  }
}
