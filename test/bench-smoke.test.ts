/**
 * `npm run bench` still runs: the load benchmark with a tiny room for a couple of seconds (the
 * storm profile, so every part runs) prints each of its figures and stops by itself. Its speed
 * goals are checked by the bench, not here.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function runBench(args: string[]): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/load.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGINT'), 25_000);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', output });
    }),
  );
}

describe('the load benchmark', () => {
  it('prints every figure with its verdict for a tiny café, and stops by itself', async () => {
    const { code, output } = await runBench(['--profile', 'storm', '--tables', '2', '--phones', '4', '--walls', '2', '--rate', '10', '--duration', '1', '--warmup', '0', '--storm-window', '0.5']);
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
