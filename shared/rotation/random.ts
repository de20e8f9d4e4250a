/**
 * A small seeded generator (sfc32, its state spread from the seed by splitmix32): the planner's
 * only source of chance, so the same input and seed give the same plan on every engine.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededRandom(seed: number): Random {
  const spread = splitmix32(seed);
  let a = spread();
  let b = spread();
  let c = spread();
  let d = spread();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next, below: (n) => Math.floor(next() * n) };
}

/** Shuffles in place (Fisher–Yates) and returns the same array. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const k = random.below(i + 1);
    [items[i], items[k]] = [items[k]!, items[i]!];
  }
  return items;
}

/**
 * The annealing temperature after `fraction` (0…1) of the budget, falling from `start` to `end`
 * along a hyperbola. Only + − × ÷, which IEEE 754 rounds alike on every engine (Math.pow and
 * Math.exp need not), so a plan is the same in a browser and on the server (P5).
 */
export function temperature(start: number, end: number, fraction: number): number {
  return (start * end) / (end + (start - end) * fraction);
}

/** Metropolis acceptance of a change that costs `delta` at `heat`, with e^−x replaced by 1 / (its Taylor polynomial to x⁴), for the same reason. */
export function accepts(delta: number, heat: number, random: Random): boolean {
  if (delta <= 0) return true;
  const x = delta / heat;
  return random.next() * (1 + x * (1 + (x * (1 + (x * (1 + x / 4)) / 3)) / 2)) < 1;
}
