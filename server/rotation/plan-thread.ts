/**
 * The worker thread's side of PlanWorker (plan-worker.ts): plans each café it is sent, one after
 * another, with the same pure planner the main thread would run (P5: the same plan).
 */
import { parentPort } from 'node:worker_threads';
import { planRotation, type RotationInput, type RotationResult } from '../../shared/rotation/index.js';

export interface PlanRequest {
  id: number;
  input: RotationInput;
}

/** The plan, or the message of what the planner threw (the main thread rethrows it). */
export type PlanReply = { id: number; result: RotationResult } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('plan-thread.ts runs as a worker thread started by PlanWorker');
port.on('message', ({ id, input }: PlanRequest) => {
  let reply: PlanReply;
  try {
    reply = { id, result: planRotation(input) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
