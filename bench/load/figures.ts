/** Percentiles and the bench's printed table: each figure, its target, PASS or MISS. */
import type { LoadOptions } from './options.js';
import type { Measurement } from './run.js';

/** Nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

/** Latencies of a run; with several processes, only ideas received through another process than the one they were sent to. */
export function latencyOf(m: Measurement): Latency {
  const samples = m.processes > 1 ? m.samples.filter((s) => s.crossProcess) : m.samples;
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}

const MS_TARGET = 50;
const RATIO_TARGET = 1.25;
const KB_TARGET = 30;
const STORM_TARGET_MS = 5000;

type Row = [figure: string, measured: string, target: string, verdict: string];

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

/** The report as lines of text. Targets apply as issue 4 sets them; other rows are reported only. */
export function report(options: LoadOptions, ours: Measurement, relay: Measurement | null): string[] {
  const a = latencyOf(ours);
  const b = relay ? latencyOf(relay) : null;
  const onOneProcess = options.processes === 1;
  const latencyTargeted = onOneProcess && options.profile !== 'storm';
  const rows: Row[] = [];
  const where = options.processes > 1 ? ' (sent to one process, received via another)' : '';
  rows.push([`idea→wall latency p50 / p95 / p99${where}`, `${ms(a.p50)} / ${ms(a.p95)} / ${ms(a.p99)} (max ${ms(a.max)}, ${a.count} deliveries)`, '', '']);
  rows.push(['  p99', ms(a.p99), latencyTargeted ? `≤ ${MS_TARGET} ms` : 'reported', latencyTargeted ? verdict(a.p99 <= MS_TARGET) : '']);
  if (b) {
    const ratio = a.p99 / b.p99;
    rows.push([`bare Socket.IO relay p50 / p95 / p99`, `${ms(b.p50)} / ${ms(b.p95)} / ${ms(b.p99)} (max ${ms(b.max)}, ${b.count} deliveries)`, '', '']);
    rows.push(['  p99 ours / relay', `${ratio.toFixed(2)}×`, latencyTargeted ? `≤ ${RATIO_TARGET}×` : 'reported', latencyTargeted ? verdict(ratio <= RATIO_TARGET) : '']);
  }
  rows.push(['max event-loop delay (server)', `${ms(ours.delayMaxMs)} (p99 ${ms(ours.delayP99Ms)})`, 'reported', '']);
  if (relay) rows.push(['max event-loop delay (relay)', `${ms(relay.delayMaxMs)} (p99 ${ms(relay.delayP99Ms)})`, 'reported', '']);
  const memory = ours.memoryPerClient;
  // RSS and the collected heap each miss part of the truth (RSS grows in steps, the heap leaves out sockets' buffers): judged on the larger.
  const judged = Math.max(memory.rss, memory.heap);
  rows.push([`server memory per client, RSS / JS heap (${ours.clients} clients)`, `${kb(memory.rss)} / ${kb(memory.heap)}`, `≤ ${KB_TARGET} KB`, verdict(judged <= KB_TARGET * 1024)]);
  if (relay) rows.push(['relay memory per client, RSS / JS heap', `${kb(relay.memoryPerClient.rss)} / ${kb(relay.memoryPerClient.heap)}`, 'reported', '']);
  if (ours.storm) {
    const s = ours.storm;
    const targeted = options.processes === 1;
    rows.push([
      `storm: ${s.clients} clients drop and return within ${s.windowS} s; all caught up after the last returned`,
      s.caughtUpMs === null ? `not within 30 s (${s.behind} behind)` : `${ms(s.caughtUpMs)} (${(s.sinceDropMs! / 1000).toFixed(1)} s after the drop)`,
      targeted ? `≤ ${STORM_TARGET_MS / 1000} s` : 'reported',
      targeted ? verdict(s.caughtUpMs !== null && s.caughtUpMs <= STORM_TARGET_MS) : '',
    ]);
    rows.push(['  reconnect → caught up, per client p50 / p99 / max', `${ms(s.reconnectP50Ms)} / ${ms(s.reconnectP99Ms)} / ${ms(s.reconnectMaxMs)}`, 'reported', '']);
    rows.push(['  caught up by missed entries / by snapshot', `${s.byOps} / ${s.bySnapshot}`, 'reported', '']);
  }
  const errors = ours.errors.length + (relay?.errors.length ?? 0);
  rows.push(['errors (refusals, lost ideas, disconnects, server stderr)', String(errors), '0', verdict(errors === 0)]);

  const header: Row = ['figure', 'measured', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const lines = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  for (const m of [ours, relay]) {
    if (!m || m.errors.length === 0) continue;
    lines.push('', `${m.target} errors (${m.errors.length}, first 10):`, ...m.errors.slice(0, 10).map((e) => `  ${e}`));
  }
  return lines;
}
