/**
 * Suggested themes: groups of ideas whose words look alike, each with a label the facilitator can
 * edit, accept or reject. Deterministic: the same ideas in any order give the same suggestions,
 * with no model and no randomness, here and in the facilitator's browser. How and why: docs/themes.md.
 */
import { averageLinkage } from './average-linkage.js';
import { themeLabeller } from './theme-label.js';
import { ideaWords } from './idea-words.js';
import { ideaVectors, laterSimilarities, type IdeaVectors } from './idea-vectors.js';

export interface ThemeSuggestion {
  /** One or two characteristic words of the group, as written in its ideas ("Fortbildung · Lehrkräfte"). */
  label: string;
  /** The group's ideas, the most typical first (ties by id). */
  ideaIds: string[];
  /** How alike the group's ideas are: the mean cosine similarity of its pairs, 0 to 1, rounded to 3 places. */
  score: number;
}

export interface SuggestOptions {
  /** Groups merge while their ideas' mean similarity is at least this (0 to 1). */
  threshold?: number;
  /** The fewest ideas a suggested theme has (at least 2: a single idea is not a theme). */
  minIdeas?: number;
  /**
   * Text whose words the whole café shares, such as its questions: they say nothing about which
   * ideas belong together, so they are left out (as whole words; compounds that contain them stay).
   */
  commonText?: string;
}

/** Chosen on the labelled set in test/harvest/suggest-labelled.ts (see docs/themes.md). */
export const DEFAULT_THRESHOLD = 0.1;

/**
 * Suggests themes for ideas: groups of at least `minIdeas`, largest first (then the most alike,
 * then by first id); each idea is in at most one group. Ideas left out are the facilitator's to place.
 * Ids are expected to be unique; of two ideas with one id only the first in (id, text) order counts.
 */
export function suggestThemes(ideas: readonly { id: string; text: string }[], options: SuggestOptions = {}): ThemeSuggestion[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minIdeas = Math.max(2, options.minIdeas ?? 2);
  const sorted = canonicalOrder(ideas);
  const common = new Set(ideaWords(options.commonText ?? '').map((word) => word.folded));
  const words = sorted.map((idea) => ideaWords(idea.text, common));
  const vectors = ideaVectors(words);
  const labelFor = themeLabeller(words);

  const suggestions: (ThemeSuggestion & { first: string })[] = [];
  for (const component of components(vectors, threshold)) {
    if (component.length < minIdeas) continue;
    const m = component.length;
    const similarity = similarityMatrix(vectors, component);
    for (const group of averageLinkage(similarity, m, threshold)) {
      if (group.length < minIdeas) continue;
      const ideasOfGroup = group.map((local) => component[local]!);
      const { score, typicality } = cohesion(vectors, ideasOfGroup);
      const order = ideasOfGroup
        .map((idea, k) => ({ idea, typical: typicality[k]! }))
        .sort((a, b) => b.typical - a.typical || a.idea - b.idea)
        .map((entry) => entry.idea);
      suggestions.push({
        label: labelFor(order),
        ideaIds: order.map((i) => sorted[i]!.id),
        score: Math.round(score * 1000) / 1000,
        first: sorted[Math.min(...order)]!.id,
      });
    }
  }
  suggestions.sort((a, b) => b.ideaIds.length - a.ideaIds.length || b.score - a.score || compare(a.first, b.first));
  return suggestions.map(({ label, ideaIds, score }) => ({ label, ideaIds, score }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ideas by id (then text), one per id: every later step depends only on this order, never the input's. */
function canonicalOrder(ideas: readonly { id: string; text: string }[]): { id: string; text: string }[] {
  const sorted = [...ideas].sort((a, b) => compare(a.id, b.id) || compare(a.text, b.text));
  return sorted.filter((idea, i) => i === 0 || sorted[i - 1]!.id !== idea.id);
}

/**
 * The connected parts of the graph "similarity ≥ threshold", each as ascending idea numbers.
 * Average linkage never merges across them (a mean below the threshold cannot reach it), so each
 * part is clustered on its own, with a matrix of its own size.
 */
function components(vectors: IdeaVectors, threshold: number): number[][] {
  const n = vectors.features.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const sums = new Float64Array(n);
  const found = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const count = laterSimilarities(vectors, i, null, sums, found);
    for (let c = 0; c < count; c++) {
      const j = found[c]!;
      if (sums[j]! >= threshold) {
        const [a, b] = [root(i), root(j)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
      sums[j] = 0;
    }
  }
  const parts = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    const part = parts.get(r);
    if (part) part.push(i);
    else parts.set(r, [i]);
  }
  return [...parts.values()];
}

/** The similarities among the ideas of one component, as an m × m matrix (1 on the diagonal). */
function similarityMatrix(vectors: IdeaVectors, component: number[]): Float64Array {
  const n = vectors.features.length;
  const m = component.length;
  const part = new Int32Array(n).fill(-1);
  const local = new Int32Array(n);
  component.forEach((idea, a) => ((part[idea] = 0), (local[idea] = a)));
  const matrix = new Float64Array(m * m);
  const sums = new Float64Array(n);
  const found = new Int32Array(n);
  component.forEach((idea, a) => {
    matrix[a * m + a] = 1;
    const count = laterSimilarities(vectors, idea, part, sums, found);
    for (let c = 0; c < count; c++) {
      const j = found[c]!;
      const s = Math.min(1, sums[j]!);
      matrix[a * m + local[j]!] = s;
      matrix[local[j]! * m + a] = s;
      sums[j] = 0;
    }
  });
  return matrix;
}

/**
 * The mean similarity of the group's pairs, and each member's mean similarity to the others.
 * Computed again from the vectors, since the linkage overwrote its matrix: groups are small.
 */
function cohesion(vectors: IdeaVectors, group: number[]): { score: number; typicality: number[] } {
  const n = vectors.features.length;
  const part = new Int32Array(n).fill(-1);
  const position = new Map(group.map((idea, k) => [idea, k]));
  for (const idea of group) part[idea] = 0;
  const totals = new Float64Array(group.length);
  const sums = new Float64Array(n);
  const found = new Int32Array(n);
  group.forEach((idea, a) => {
    const count = laterSimilarities(vectors, idea, part, sums, found);
    for (let c = 0; c < count; c++) {
      const j = found[c]!;
      const s = Math.min(1, sums[j]!);
      totals[a]! += s;
      totals[position.get(j)!]! += s;
      sums[j] = 0;
    }
  });
  const typicality = Array.from(totals, (total) => total / (group.length - 1));
  const score = typicality.reduce((sum, t) => sum + t, 0) / group.length;
  return { score, typicality };
}
