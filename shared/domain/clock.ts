import type { Phase } from './state.js';

/**
 * Time left in the current round or travel time, in ms, computed from the server's deadline
 * and the server's present time. Negative means overtime. Null when no countdown runs.
 */
export function timeLeft(phase: Phase, serverNow: number): number | null {
  if (phase.kind === 'round') return phase.paused ? phase.remainingMs : phase.deadline - serverNow;
  if (phase.kind === 'travel') return phase.deadline - serverNow;
  return null;
}

/** "12:05", or "−0:42" in overtime. Seconds are rounded up so 0:00 shows only at the deadline. */
export function formatTimeLeft(ms: number): string {
  const s = ms < 0 ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const over = ms < 0 && s > 0;
  const m = Math.floor(s / 60);
  const body = `${m}:${String(s % 60).padStart(2, '0')}`;
  return over ? `\u2212${body}` : body;
}

export interface ClockSample {
  /** Client time when the request left. */
  sentAt: number;
  /** Server time in the answer. */
  serverNow: number;
  /** Client time when the answer arrived. */
  receivedAt: number;
}

/**
 * Estimates how far the server's clock is ahead of this device's. Keeps the sample with the
 * lowest round trip (the least distorted by queues), as NTP does; `reset` starts afresh, e.g.
 * when a page becomes visible again after the device slept.
 */
export class ClockOffset {
  private best: { rtt: number; offset: number } | null = null;
  private stale = false;

  add(sample: ClockSample): void {
    const rtt = Math.max(0, sample.receivedAt - sample.sentAt);
    const offset = sample.serverNow + rtt / 2 - sample.receivedAt;
    if (this.best === null || this.stale || rtt <= this.best.rtt) this.best = { rtt, offset };
    this.stale = false;
  }

  /**
   * Starts afresh (the device slept, its clock may have jumped): the next sample replaces the
   * current estimate whatever its round trip. Until it arrives the old estimate stays in use.
   */
  reset(): void {
    if (this.best) this.stale = true;
  }

  get known(): boolean {
    return this.best !== null;
  }

  /** Milliseconds to add to the device's clock to get the server's. */
  get offset(): number {
    return this.best?.offset ?? 0;
  }

  get roundTrip(): number | null {
    return this.best?.rtt ?? null;
  }

  serverNow(deviceNow: number): number {
    return deviceNow + this.offset;
  }
}
