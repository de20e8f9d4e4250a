import { describe, expect, it } from 'vitest';
import { ClockOffset, formatTimeLeft, timeLeft } from '../../shared/domain/clock.js';
import type { Phase } from '../../shared/domain/state.js';
import { MINUTE, SECOND, T0 } from '../helpers/cafe-factory.js';

const running: Phase = { kind: 'round', round: 1, paused: false, deadline: T0 + 20 * MINUTE, remainingMs: 0 };

describe('the countdown', () => {
  it('R9 at and after the deadline the countdown shows overtime with a minus sign', () => {
    expect(timeLeft(running, T0 + 20 * MINUTE)).toBe(0);
    expect(formatTimeLeft(timeLeft(running, T0 + 20 * MINUTE)!)).toBe('0:00');
    expect(timeLeft(running, T0 + 21 * MINUTE + 5 * SECOND)).toBe(-(MINUTE + 5 * SECOND));
    expect(formatTimeLeft(-(MINUTE + 5 * SECOND))).toBe('\u22121:05');
    expect(formatTimeLeft(-(12 * MINUTE + 300))).toBe('\u221212:00');
  });

  it('R10 the time left is derived from the deadline and the server time, never counted down', () => {
    expect(timeLeft(running, T0)).toBe(20 * MINUTE);
    expect(timeLeft(running, T0 + 7 * MINUTE + 250)).toBe(13 * MINUTE - 250);
    // The same instant always gives the same answer, however often or late a face asks.
    expect(timeLeft(running, T0 + 5 * MINUTE)).toBe(timeLeft(running, T0 + 5 * MINUTE));
    const paused: Phase = { ...running, paused: true, remainingMs: 4 * MINUTE };
    expect(timeLeft(paused, T0)).toBe(4 * MINUTE);
    expect(timeLeft(paused, T0 + 60 * MINUTE)).toBe(4 * MINUTE);
    expect(timeLeft({ kind: 'travel', round: 2, deadline: T0 + 3 * MINUTE }, T0 + MINUTE)).toBe(2 * MINUTE);
    for (const phase of [{ kind: 'setup' }, { kind: 'lobby' }, { kind: 'harvest' }, { kind: 'closed' }] as Phase[]) {
      expect(timeLeft(phase, T0)).toBeNull();
    }
  });

  it('R10 seconds are rounded up before the deadline, so 0:00 shows only at it', () => {
    expect(formatTimeLeft(20 * MINUTE)).toBe('20:00');
    expect(formatTimeLeft(20 * MINUTE - 1)).toBe('20:00');
    expect(formatTimeLeft(MINUTE + 1)).toBe('1:01');
    expect(formatTimeLeft(9 * SECOND)).toBe('0:09');
    expect(formatTimeLeft(1)).toBe('0:01');
    expect(formatTimeLeft(0)).toBe('0:00');
  });
});

describe('the clock offset', () => {
  it('R11 the offset is the server time at the middle of the round trip', () => {
    const clock = new ClockOffset();
    expect(clock.known).toBe(false);
    expect(clock.offset).toBe(0);
    expect(clock.roundTrip).toBeNull();
    // The device is 7 minutes behind the server; the answer took 200 ms there and back.
    clock.add({ sentAt: 1_000_000, serverNow: 1_000_100 + 7 * MINUTE, receivedAt: 1_000_200 });
    expect(clock.known).toBe(true);
    expect(clock.roundTrip).toBe(200);
    expect(clock.offset).toBe(7 * MINUTE);
    expect(clock.serverNow(2_000_000)).toBe(2_000_000 + 7 * MINUTE);
  });

  it('R11 the sample with the lowest round trip wins, a tie takes the newer, and after a reset the next sample replaces the estimate, which stays in use until then', () => {
    const clock = new ClockOffset();
    clock.add({ sentAt: 0, serverNow: 5_000 + 150, receivedAt: 300 }); // rtt 300
    const first = clock.offset;
    clock.add({ sentAt: 1_000, serverNow: 9_999_999, receivedAt: 1_900 }); // rtt 900: distorted by a queue, ignored
    expect(clock.offset).toBe(first);
    expect(clock.roundTrip).toBe(300);
    clock.add({ sentAt: 2_000, serverNow: 7_040, receivedAt: 2_080 }); // rtt 80
    expect(clock.roundTrip).toBe(80);
    expect(clock.offset).toBe(7_040 + 40 - 2_080);
    clock.add({ sentAt: 3_000, serverNow: 8_050, receivedAt: 3_080 }); // rtt 80 again: newer wins
    expect(clock.offset).toBe(8_050 + 40 - 3_080);
    clock.reset();
    // A device waking up keeps showing the old estimate until a new sample arrives.
    expect(clock.known).toBe(true);
    expect(clock.offset).toBe(8_050 + 40 - 3_080);
    clock.add({ sentAt: 4_000, serverNow: 4_500, receivedAt: 5_000 }); // after a reset, even a slow sample counts
    expect(clock.roundTrip).toBe(1_000);
    expect(clock.offset).toBe(0);
  });

  it('R11 devices whose clocks are minutes apart show the same countdown within a second', () => {
    // Two phones, one 7 minutes fast and one 3 minutes slow, on a laggy network with uneven delays.
    const devices = [
      { skew: 7 * MINUTE, delays: [[400, 90], [120, 130], [700, 40]] },
      { skew: -3 * MINUTE, delays: [[60, 900], [250, 250], [30, 45]] },
    ];
    const serverTimeline = T0 + 3 * MINUTE;
    const phase: Phase = { kind: 'round', round: 0, paused: false, deadline: T0 + 20 * MINUTE, remainingMs: 0 };
    const shown = devices.map(({ skew, delays }) => {
      const clock = new ClockOffset();
      let server = serverTimeline;
      for (const [up, down] of delays as [number, number][]) {
        const sentAt = server + skew;
        server += up;
        const serverNow = server;
        server += down;
        clock.add({ sentAt, serverNow, receivedAt: server + skew });
        server += 5 * SECOND;
      }
      const atServer = T0 + 10 * MINUTE;
      return timeLeft(phase, clock.serverNow(atServer + skew))!;
    });
    const truth = 10 * MINUTE;
    for (const ms of shown) expect(Math.abs(ms - truth)).toBeLessThanOrEqual(SECOND);
    expect(Math.abs(shown[0]! - shown[1]!)).toBeLessThanOrEqual(SECOND);
    expect(formatTimeLeft(shown[0]!)).toBe(formatTimeLeft(shown[1]!));
  });
});
