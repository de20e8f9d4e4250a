/**
 * The rotation planner's thread (server/rotation/plan-worker.ts, issue 6): a real worker thread
 * makes the plans the main thread would make (P5), the event loop keeps running while a café of
 * 5,000 is planned, a thread that cannot start or dies leaves the plans to the main thread with a
 * warning, and a server started as `npm start` starts it (tsx registered in the thread too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanWorker, type PlanLog } from '../../server/rotation/plan-worker.js';
import { LIVE_ITERATIONS, REQUESTED_ITERATIONS } from '../../server/rotation/rotation-planner.js';
import { planRotation } from '../../shared/rotation/index.js';
import { connect, type TestClient } from '../helpers/client.js';
import { longestStall } from '../helpers/event-loop-stall.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { rotationRoom } from '../helpers/rotation-rooms.js';
import { groupedRoom, lateArrival, unevenTables } from '../helpers/rotation-variants.js';
import { createCafe, joinCafe, secretOf } from '../helpers/server.js';

const fixture = (name: string) => new URL(`../fixtures/plan-thread/${name}`, import.meta.url);

/** A log that keeps what it is told. */
function recordingLog(): PlanLog & { lines: { level: 'info' | 'warn'; message: string }[] } {
  const lines: { level: 'info' | 'warn'; message: string }[] = [];
  return { lines, info: (_details, message) => lines.push({ level: 'info', message }), warn: (_details, message) => lines.push({ level: 'warn', message }) };
}

const workers: PlanWorker[] = [];
function planWorker(log: PlanLog, entry?: URL): PlanWorker {
  const worker = new PlanWorker(log, entry ? { entry } : {});
  workers.push(worker);
  return worker;
}

afterEach(async () => {
  for (const w of workers.splice(0)) await w.close();
});

describe('plans made on the rotation planner\u2019s thread', () => {
  it('P5 are the very plans the main thread makes: fresh and re-planned cafés of 20 to 1,000 people, hosts, and a refusal', async () => {
    const log = recordingLog();
    const worker = planWorker(log);
    const hosts = { ...rotationRoom({ people: 32, size: 4, rounds: 9, hosts: 8 }), iterations: LIVE_ITERATIONS };
    const thousand = groupedRoom(1000, 5, 5, LIVE_ITERATIONS);
    const tooMany = { ...groupedRoom(20, 5, 3, LIVE_ITERATIONS), tables: [{ id: 't0', capacity: 5, enabled: true }] };
    const inputs = [groupedRoom(20, 5, 4, LIVE_ITERATIONS), hosts, thousand, lateArrival(thousand), tooMany];
    for (const input of inputs) {
      const onThread = await worker.plan(input);
      expect(onThread).toEqual(planRotation(input));
    }
    expect((await worker.plan(tooMany)).ok).toBe(false);
    expect(log.lines).toEqual([{ level: 'info', message: 'the rotation planner\u2019s thread made its first plan' }]);
  });

  it('the event loop keeps running while a café of 5,000 is planned with the requested budget; on the main thread it stalls', async () => {
    const worker = planWorker(recordingLog());
    await worker.plan(groupedRoom(20, 5, 3, 1000)); // the thread started and compiled
    // 910 tables of 5 and 6: no design fits, so the search spends its whole budget.
    const input = unevenTables(groupedRoom(5000, 5, 4, REQUESTED_ITERATIONS));
    const inline = await longestStall(async () => planRotation(input));
    const onThread = await longestStall(() => worker.plan(input));
    console.log(
      `5,000 people, ${REQUESTED_ITERATIONS.toLocaleString('en')} swaps: main thread ${Math.round(inline.ms)} ms, longest stall ${Math.round(inline.stallMs)} ms; ` +
        `thread ${Math.round(onThread.ms)} ms, longest stall ${Math.round(onThread.stallMs)} ms`,
    );
    expect(onThread.value).toEqual(inline.value);
    expect(inline.value.ok && inline.value.plan.quality.method).toBe('search');
    expect(onThread.stallMs).toBeLessThan(200);
    expect(inline.stallMs).toBeGreaterThan(onThread.stallMs);
  }, 20_000);

  it('a thread that cannot start leaves every plan to the main thread, with one warning', async () => {
    const log = recordingLog();
    const worker = planWorker(log, fixture('missing.js'));
    const input = groupedRoom(20, 5, 4, LIVE_ITERATIONS);
    expect(await worker.plan(input)).toEqual(planRotation(input));
    expect(await worker.plan(input)).toEqual(planRotation(input));
    expect(log.lines).toEqual([{ level: 'warn', message: 'the rotation planner\u2019s thread failed: plans are made on the main thread from now on' }]);
  });

  it('a thread that dies hands its plan to the main thread and is started again, at most twice', async () => {
    const log = recordingLog();
    // This thread answers its first plan with a refusal of its own and dies at the second.
    const worker = planWorker(log, fixture('answers-once.js'));
    const input = groupedRoom(20, 5, 4, LIVE_ITERATIONS);
    const fromFixture = { ok: false, code: 'INVALID_PAYLOAD', field: 'fixture', reason: 'answered by the test thread' };
    for (let thread = 1; thread <= 3; thread++) {
      expect(await worker.plan(input), `thread ${thread}`).toEqual(fromFixture);
      expect(await worker.plan(input), `thread ${thread} dies`).toEqual(planRotation(input));
    }
    // The third death: no more threads.
    expect(await worker.plan(input)).toEqual(planRotation(input));
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'the rotation planner\u2019s thread failed: its plans are made on the main thread, later ones on a new thread',
      'the rotation planner\u2019s thread failed: its plans are made on the main thread, later ones on a new thread',
      'the rotation planner\u2019s thread failed: plans are made on the main thread from now on',
    ]);
  });

  it('closing waits for the plan being made, then plans on the main thread', async () => {
    const log = recordingLog();
    const worker = planWorker(log);
    const input = groupedRoom(1000, 5, 5, LIVE_ITERATIONS);
    const order: string[] = [];
    const made = worker.plan(input);
    void made.then(() => order.push('plan made'));
    await worker.close();
    order.push('closed');
    expect(order).toEqual(['plan made', 'closed']);
    expect(await made).toEqual(planRotation(input));
    expect(await worker.plan(input)).toEqual(planRotation(input));
    expect(log.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});

describe('a server started as `npm start` starts it', () => {
  let server: ServerProcess | null = null;
  let dir: string | null = null;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plans a café on the thread when planned rotation is switched on: everyone seated, no warning', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tablecloth-plan-thread-'));
    const started = spawnServer({ DATA_DIR: dir, LOG_LEVEL: 'info', PUBLIC_URL: '', REDIS_URL: '' });
    server = started;
    await started.ready;
    const links = await createCafe(started, {
      title: 'Planned on the thread',
      stakeholderGroups: ['teachers', 'parents'],
      travelMs: 60_000,
      tables: 4,
      rounds: [1, 2, 3, 4].map((n) => ({ question: `Question ${n}`, durationMs: 60_000 })),
    });
    const people: string[] = [];
    for (let i = 0; i < 24; i++) people.push((await joinCafe(started, links, { group: i % 2 ? 'teachers' : 'parents' })).participantId);
    const facilitator = await connect(started.url, secretOf(links.facilitator));
    clients.push(facilitator);
    await facilitator.must({ type: 'editCafe', rotation: { planned: true } });
    await facilitator.until(() => Object.keys(facilitator.state.plan?.seats ?? {}).length === people.length, 'a plan for everyone', 20_000);
    const plan = facilitator.state.plan!;
    for (const id of people) expect(plan.seats[id]).toHaveLength(4);
    // The log lines reach this process through a pipe, perhaps after the plan itself.
    for (let waited = 0; !/"msg":"rotation plan"/.test(started.output()) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(started.output()).toMatch(/"msg":"rotation plan"/);
    expect(started.output()).toContain('the rotation planner\u2019s thread made its first plan');
    expect(started.output()).not.toMatch(/rotation planner.{1,3}s thread (failed|cannot start)/);
  }, 60_000);
});
