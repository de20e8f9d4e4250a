/**
 * `npm run bench:rotation` still runs: its quick run plans the small instances with a small
 * budget, prints a row of every figure for each, and every plan is valid. Its speed and quality
 * targets are the bench's to judge, not this test's.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from './helpers/bench-process.js';

describe('the rotation benchmark', () => {
  it('prints people, tables, rounds, time, repeats, their bound, the groups per table and returns to a table for each quick instance, every plan valid', async () => {
    const { code, output } = await runBench('rotation.ts', ['--quick']);
    expect(code, output).toBe(0);
    const rows = output.split('\n').filter((l) => /^\| (20|golfer|220|150) /.test(l));
    expect(rows, output).toHaveLength(5);
    for (const row of rows) {
      const cells = row.split('|').slice(1, -1).map((c) => c.trim());
      expect(cells, row).toHaveLength(15);
      const [, seed, people, tables, rounds, time, method, repeats, most, bound, groups, groupBound, returns, plan] = cells;
      expect(seed).toBe('1');
      for (const n of [people, tables, rounds, repeats, most, bound]) expect(n, row).toMatch(/^\d+$/);
      expect(time, row).toMatch(/^[\d.]+ ms$/);
      expect(method, row).toMatch(/^(modular|affine|search)(\+search)?$/);
      expect(groups, row).toMatch(/^(—|[\d.]+ \/ \d+)$/);
      expect(groupBound, row).toMatch(/^(—|[\d.]+ \/ \d+)$/);
      expect(returns, row).toMatch(/^\d+ \/ \d+$/);
      expect(plan, row).toBe('valid');
    }
    expect(output).toMatch(/\| golfer 32 \/ 8×4 \/ 9 +\| 1 +\| 32 +\| 8 +\| 9 +\| [\d.]+ ms +\| affine +\| 0 /);
  }, 30_000);
});
