/**
 * Runs the rotation planner (shared/rotation) on a worker thread, so that a large café's plan
 * (seconds of search for thousands of people) does not stall every socket of every café on the
 * event loop (issue 6). One thread, started at the first plan and reused; plans queue on it in
 * order. The plan is the one the main thread would make (P5: it depends on the input alone).
 *
 * Small cafés are planned there too: where no design fits, the search spends its whole budget
 * whatever the head-count. `npm run bench:rotation-worker` (docs/performance.md) measured stalls
 * of the main thread of 28–726 ms for 8 people and up to 892 ms for 100, while handing a plan to
 * the thread and taking its answer cost the main thread under 3 ms up to 1,000 people and 1–60 ms
 * at 5,000, and the thread's start 0.4–0.9 s once, mostly on the thread itself.
 *
 * When the thread cannot start or dies, the plans it held, and those after it, are made on the
 * main thread, with a warning in the log: a café keeps its rotation, only the loop stalls again.
 */
import { Worker } from 'node:worker_threads';
import { planRotation, type RotationInput, type RotationResult } from '../../shared/rotation/index.js';
import type { PlanReply, PlanRequest } from './plan-thread.js';

/** A thread that has made plans and then died is started again at most this many times. */
const RESTARTS = 2;

/** A JavaScript entry that registers tsx in the thread, then loads plan-thread.ts. */
const ENTRY = new URL('./plan-thread-entry.js', import.meta.url);

export interface PlanWorkerOptions {
  /** The thread's entry module; another only for a test of a thread that fails. */
  entry?: URL;
}

/** Where the thread's start and failures are told (the app's logger). */
export interface PlanLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

interface Job {
  input: RotationInput;
  resolve(result: RotationResult): void;
  reject(error: unknown): void;
}

interface Thread {
  worker: Worker;
  /** Whether it has made a plan: one that never did is not started again. */
  answered: boolean;
  startedAt: number;
}

export class PlanWorker {
  private thread: Thread | null = null;
  private readonly jobs = new Map<number, Job>();
  private readonly pending = new Set<Promise<RotationResult>>();
  private nextId = 1;
  private restarts = 0;
  private mainThreadOnly = false;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly log: PlanLog,
    private readonly options: PlanWorkerOptions = {},
  ) {}

  /** The planner's result for this input, made on the thread. */
  async plan(input: RotationInput): Promise<RotationResult> {
    if (this.mainThreadOnly || this.closing) return planRotation(input);
    let thread: Thread;
    try {
      thread = this.thread ?? this.start();
    } catch (error) {
      this.mainThreadOnly = true;
      this.log.warn({ err: error }, 'the rotation planner\u2019s thread cannot start: plans are made on the main thread');
      return planRotation(input);
    }
    const id = this.nextId++;
    const result = new Promise<RotationResult>((resolve, reject) => {
      this.jobs.set(id, { input, resolve, reject });
      // An idle thread does not keep the process alive; one making a plan does.
      if (this.jobs.size === 1) thread.worker.ref();
      try {
        thread.worker.postMessage({ id, input } satisfies PlanRequest);
      } catch (error) {
        this.jobs.delete(id); // an input that cannot be copied, which RotationInput (plain data) never is
        reject(error);
      }
    });
    this.pending.add(result);
    const forget = () => this.pending.delete(result);
    result.then(forget, forget);
    return result;
  }

  /** Waits for the plans being made on the thread, then ends it; plans asked for later are made on the main thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      const thread = this.thread;
      this.thread = null;
      await thread?.worker.terminate();
    })();
    return this.closing;
  }

  private start(): Thread {
    const worker = new Worker(this.options.entry ?? ENTRY, { name: 'rotation planner' });
    const thread: Thread = { worker, answered: false, startedAt: performance.now() };
    worker.unref();
    worker.on('message', (reply: PlanReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      this.jobs.delete(reply.id);
      if (this.jobs.size === 0) worker.unref();
      if (!thread.answered) this.log.info({ ms: Math.round(performance.now() - thread.startedAt) }, 'the rotation planner\u2019s thread made its first plan');
      thread.answered = true;
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.result);
    });
    worker.on('error', (error) => this.failed(thread, error));
    worker.on('messageerror', (error) => this.failed(thread, error));
    worker.on('exit', (code) => this.failed(thread, new Error(`the thread exited with code ${code}`)));
    this.thread = thread;
    return thread;
  }

  /** The thread died or cannot start: its plans are made here, and later ones on a new thread or here. */
  private failed(thread: Thread, error: Error): void {
    if (this.thread !== thread) return; // already handled, or ended by close()
    this.thread = null;
    void thread.worker.terminate();
    if (!thread.answered || this.restarts++ >= RESTARTS) this.mainThreadOnly = true;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    this.log.warn(
      { err: error, plans: jobs.length },
      this.mainThreadOnly
        ? 'the rotation planner\u2019s thread failed: plans are made on the main thread from now on'
        : 'the rotation planner\u2019s thread failed: its plans are made on the main thread, later ones on a new thread',
    );
    for (const job of jobs) {
      try {
        job.resolve(planRotation(job.input));
      } catch (planError) {
        job.reject(planError);
      }
    }
  }
}
