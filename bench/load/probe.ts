/**
 * Loaded into each server process the bench starts (`node --import tsx --import bench/load/probe.ts`),
 * so the server itself carries no measuring code: it watches the event loop's delay and answers
 * the bench over the IPC channel with that and the process's memory. When the bench goes away,
 * the process stops itself, so a crashed bench leaves no server behind.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ProbeReading, ProbeRequest } from './probe-messages.js';

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (request: ProbeRequest) => {
    if (request?.probe !== 'read') return;
    if (request.collectGarbage && gc) {
      // Twice: the first pass leaves what finalizers freed for the second.
      gc();
      gc();
    }
    const memory = process.memoryUsage();
    const reading: ProbeReading = {
      probe: 'reading',
      id: request.id,
      delayMaxMs: delay.max / 1e6,
      delayP99Ms: delay.percentile(99) / 1e6,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      external: memory.external,
    };
    if (request.reset) delay.reset();
    process.send!(reading);
  });
  // The bench died or let go: don't outlive it.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
