/**
 * Devices whose clocks are minutes wrong, some on slow links, show the same countdown: each
 * estimates the server's clock from `time` samples and derives the countdown from the deadline.
 * The server runs on the real system clock here, so a device's own clock (real time + skew) means
 * something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimeLeft, timeLeft } from '../../shared/domain/clock.js';
import { systemClock, type Clock } from '../../server/clock.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real clock, which the test can move forward at once (the café "has been running" longer). */
class JumpingClock implements Clock {
  private jumped = 0;
  now(): number {
    return Date.now() + this.jumped;
  }
  jump(ms: number): void {
    this.jumped += ms;
  }
}

/** What a face shows now: the countdown from its replica's phase and its estimate of the server's time. */
function shownBy(client: TestClient): number {
  const left = timeLeft(client.state.phase, client.clock.serverNow(client.deviceNow()));
  if (left === null) throw new Error('no countdown');
  return left;
}

describe('a countdown on devices with wrong clocks', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const stop = async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
  };

  /** A running café with a facilitator and three devices: +7 min on a 40 ms link, −3 min on a 120 ms link, and an exact one. */
  async function runningCafe(clock: Clock) {
    server = await startServer({ clock });
    const links = await createCafe(server);
    const fac = await connect(server.url, secretOf(links.facilitator));
    clients.push(fac);
    await fac.must({ type: 'openCafe' });
    const phone = await joinCafe(server, links, { tableId: '2' });
    const devices = await Promise.all([
      connect(server.url, secretOf(links.wall[0]!), { skewMs: 7 * MINUTE, latencyMs: 40 }),
      connect(server.url, secretOf(links.tables[0]!.host), { skewMs: -3 * MINUTE, latencyMs: 120 }),
      connect(server.url, phone.secret, { skewMs: 0 }),
    ]);
    clients.push(...devices);
    await Promise.all(devices.map((d) => d.syncClock(4)));
    const startSeq = await fac.must({ type: 'startRound' });
    await Promise.all(devices.map((d) => d.caughtUp(startSeq)));
    const cafeId = links.cafeId;
    /** What the server itself would show now. */
    const serverShows = async () => timeLeft((await server.sequencer.state(cafeId))!.phase, clock.now())!;
    return { fac, devices: devices as [TestClient, TestClient, TestClient], serverShows };
  }

  describe('on the real clock', () => {
    let cafe: Awaited<ReturnType<typeof runningCafe>>;
    beforeAll(async () => {
      cafe = await runningCafe(systemClock);
    });
    afterAll(stop);

    it('R10 R11 devices +7 min, −3 min and exact, two on slow links, show a running countdown within ±1 s of each other and of the server', async () => {
      const { devices, serverShows } = cafe;
      const [fast, slow, exact] = devices;
      // The skew is real: a device that trusted its own clock would be minutes off.
      const naive = timeLeft(fast.state.phase, fast.deviceNow())!;
      expect(Math.abs(naive - (await serverShows()))).toBeGreaterThan(6 * MINUTE);
      expect(slow.clock.roundTrip).toBeGreaterThanOrEqual(240);

      const server = await serverShows();
      const shown = devices.map(shownBy);
      for (const left of shown) expect(Math.abs(left - server)).toBeLessThanOrEqual(1000);
      expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(1000);
      expect(server).toBeGreaterThan(19 * MINUTE);
      expect(server).toBeLessThanOrEqual(20 * MINUTE);
      expect(formatTimeLeft(shownBy(exact))).toMatch(/^(19:5\d|20:00)$/);
    });

    it('R9 a running round sends no tick messages: nothing arrives in 2 s while nobody acts', async () => {
      const everyone = [cafe.fac, ...cafe.devices];
      const events: string[] = [];
      for (const c of everyone) c.socket.onAny((name: string) => events.push(name));
      const before = everyone.map((c) => c.received.length + c.snapshots.length);
      await sleep(2000);
      expect(events).toEqual([]);
      expect(everyone.map((c) => c.received.length + c.snapshots.length)).toEqual(before);
      // The listener does hear messages when something happens.
      const seq = await cafe.fac.must({ type: 'broadcast', text: 'Five minutes left' });
      await Promise.all(everyone.map((c) => c.caughtUp(seq)));
      expect(events.filter((e) => e === 'ops')).toHaveLength(everyone.length);
    });

    it('R4 R5 pausing freezes the same time on every device, and "+1 min" adds exactly a minute everywhere', async () => {
      const { fac, devices, serverShows } = cafe;
      const paused = await fac.must({ type: 'pauseRound' });
      await Promise.all(devices.map((d) => d.caughtUp(paused)));
      const frozen = devices.map(shownBy);
      expect(new Set(frozen).size).toBe(1);
      expect(frozen[0]).toBe(await serverShows());
      await sleep(300);
      expect(devices.map(shownBy)).toEqual(frozen);

      const extended = await fac.must({ type: 'extendRound', ms: MINUTE });
      await Promise.all(devices.map((d) => d.caughtUp(extended)));
      expect(devices.map(shownBy)).toEqual(frozen.map((ms) => ms + MINUTE));

      const resumed = await fac.must({ type: 'resumeRound' });
      await Promise.all(devices.map((d) => d.caughtUp(resumed)));
      await sleep(200);
      const server = await serverShows();
      for (const left of devices.map(shownBy)) expect(Math.abs(left - server)).toBeLessThanOrEqual(1000);
      expect(server).toBeLessThan(frozen[0]! + MINUTE);
      expect(server).toBeGreaterThan(frozen[0]! + MINUTE - 2000);
    });
  });

  describe('past the deadline', () => {
    afterAll(stop);

    it('R9 at and after the deadline the round keeps running and every device shows the same overtime', async () => {
      const clock = new JumpingClock();
      const { devices, serverShows } = await runningCafe(clock);
      clock.jump(21 * MINUTE);
      // The devices notice on their next estimate (e.g. when the page becomes visible again).
      await Promise.all(
        devices.map(async (d) => {
          d.clock.reset();
          await d.syncClock(3);
        }),
      );
      const server = await serverShows();
      expect(server).toBeLessThanOrEqual(-MINUTE);
      expect(server).toBeGreaterThan(-MINUTE - 5000);
      for (const d of devices) {
        expect(d.state.phase).toMatchObject({ kind: 'round', round: 0, paused: false });
        const left = shownBy(d);
        expect(left).toBeLessThan(0);
        expect(Math.abs(left - server)).toBeLessThanOrEqual(1000);
        expect(formatTimeLeft(left)).toMatch(/^\u22121:0\d$/);
      }
    });
  });
});
