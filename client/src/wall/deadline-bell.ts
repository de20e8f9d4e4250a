/**
 * When the chime is due: once per round deadline, as the countdown reaches it. A wall reloaded
 * long after a deadline must not ring for it, so a deadline rings only within a few seconds of
 * passing; the deadlines already rung are remembered for the tab (sessionStorage), so a reload
 * within those seconds does not ring twice.
 */
import type { Phase } from '../../../shared/domain/state.js';

/** How late a deadline may still ring (the wall's tick, a slow frame, a reload's first render). */
export const RING_WITHIN_MS = 5000;
const STORAGE_KEY = 'tablecloth.wall.rung';

export class DeadlineBell {
  private readonly rung = new Set<string>(readRung());

  /** The deadline's key when the chime should ring now, else null. Marks it rung. */
  due(phase: Phase, serverNow: number): string | null {
    if (phase.kind !== 'round' || phase.paused) return null;
    const late = serverNow - phase.deadline;
    if (late < 0 || late > RING_WITHIN_MS) return null;
    // An extended round has a new deadline, and rings again at it.
    const key = `${phase.round}@${phase.deadline}`;
    if (this.rung.has(key)) return null;
    this.rung.add(key);
    writeRung([...this.rung].slice(-20));
    return key;
  }
}

function readRung(): string[] {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function writeRung(keys: string[]): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // Without storage a reload within five seconds of a deadline may ring it twice: harmless.
  }
}
