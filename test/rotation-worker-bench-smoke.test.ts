/**
 * `npm run bench:rotation-worker` still runs: its quick run plans each café on the main thread and
 * on the planner's thread, prints a row of figures for each, and every plan is the same on both
 * (P5). Its timings are the bench's to report (docs/performance.md), not this test's to judge.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from './helpers/bench-process.js';

describe('the rotation thread benchmark', () => {
  it('prints, for 20 and 300 people and each kind of café, the time and longest stall on both threads, every plan the same', async () => {
    const { code, output } = await runBench('rotation-worker.ts', ['--quick']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^Rotation planner's thread: started and made a first small plan in [\d.]+ ms\.$/m);
    const rows = output.split('\n').filter((l) => /^\| (fresh|late arrival|tables of 5 and 6) \|/.test(l));
    expect(rows, output).toHaveLength(6);
    for (const row of rows) {
      const cells = row.split('|').slice(1, -1).map((c) => c.trim());
      expect(cells, row).toHaveLength(7);
      const [, budget, people, inline, thread, difference, same] = cells;
      expect(budget).toBe('100,000');
      expect(people, row).toMatch(/^(20|300)$/);
      for (const pair of [inline, thread]) expect(pair, row).toMatch(/^[\d.]+ \/ [\d.]+ ms$/);
      expect(difference, row).toMatch(/^-?[\d.]+ ms$/);
      expect(same, row).toBe('yes');
    }
  }, 30_000);
});
