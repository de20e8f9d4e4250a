/**
 * How long theme suggestions take for a large café: 1,000 ideas (and 3,000), made from the labelled
 * ideas by recombining their words with a fixed seed, so the vocabulary is realistic and repeats
 * as it does in a real harvest. Prints the median of several runs, in wall-clock time and in CPU
 * time (which other work on a shared machine disturbs less). Run: npx tsx bench/suggest.ts
 */
import { suggestThemes } from '../shared/harvest/suggest.js';
import { LABELLED_IDEAS } from '../test/harvest/suggest-labelled.js';

/** mulberry32: a small seeded generator, so every run measures the same ideas. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ideas(count: number): { id: string; text: string }[] {
  const random = seeded(count);
  const words = LABELLED_IDEAS.map((idea) => idea.text.split(/\s+/));
  return Array.from({ length: count }, (_, i) => {
    const base = words[Math.floor(random() * words.length)]!;
    const other = words[Math.floor(random() * words.length)]!;
    const text = [...base, ...other.slice(0, Math.floor(random() * 4))].join(' ');
    return { id: `bench-${i.toString(36).padStart(4, '0')}`, text };
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

for (const count of [1000, 3000]) {
  const input = ideas(count);
  const wall: number[] = [];
  const cpu: number[] = [];
  let themes: ReturnType<typeof suggestThemes> = [];
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    themes = suggestThemes(input);
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const placed = themes.reduce((n, theme) => n + theme.ideaIds.length, 0);
  console.log(
    `${count} ideas: median ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU, fastest ${Math.min(...wall).toFixed(0)} ms` +
      ` (${themes.length} themes suggested, ${placed} ideas placed, largest ${themes[0]?.ideaIds.length ?? 0})`,
  );
}
