/**
 * `npm run bench` still runs: the load benchmark with a tiny room for a couple of seconds (the
 * storm profile, so every part runs) prints each of its figures and stops by itself. Its speed
 * goals are checked by the bench, not here.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from './helpers/bench-process.js';

describe('the load benchmark', () => {
  it('prints every figure with its verdict for a tiny café, and stops by itself', async () => {
    const { code, output } = await runBench('load.ts', ['--profile', 'storm', '--tables', '2', '--phones', '4', '--walls', '2', '--rate', '10', '--duration', '1', '--warmup', '0', '--storm-window', '0.5']);
    expect(code, output).toBe(0);
    for (const figure of [
      /idea→wall latency p50 \/ p95 \/ p99 +\| [\d.]+ ms \/ [\d.]+ ms \/ [\d.]+ ms/,
      /bare Socket\.IO relay p50 \/ p95 \/ p99 +\| [\d.]+ ms/,
      /p99 ours \/ relay +\| [\d.]+×/,
      /max event-loop delay \(server\) +\| [\d.]+ ms/,
      /server memory per client, RSS \/ JS heap \(9 clients\) +\| -?[\d.]+ KB \/ -?[\d.]+ KB +\| ≤ 30 KB +\| (PASS|MISS)/,
      /storm: 8 clients drop and return.*\| [\d.]+ ms \([\d.]+ s after the drop\) +\| ≤ 5 s +\| (PASS|MISS)/,
      /errors \(.*\) +\| 0 +\| 0 +\| PASS/,
    ]) {
      expect(output, output).toMatch(figure);
    }
  }, 30_000);
});
