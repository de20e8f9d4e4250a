/**
 * Ideas as TF-IDF vectors over character n-grams, and their cosine similarities through an
 * inverted index (only ideas that share an n-gram are ever compared).
 */
import { wordNgrams, type IdeaWord } from './idea-words.js';

export interface IdeaVectors {
  /** Per idea: its feature numbers, ascending, and their weights (unit length; empty for no words). */
  features: Int32Array[];
  weights: Float64Array[];
  /** Per feature: the ideas that have it, ascending, and their weights there. */
  holders: Int32Array[];
  holderWeights: Float64Array[];
}

/**
 * Each word's n-grams weighted by smoothed inverse document frequency and scaled to unit length,
 * then summed for the idea and scaled again: a long compound weighs as one word, not as its forty
 * n-grams, and shares part of that weight with each of its parts.
 */
export function ideaVectors(words: readonly IdeaWord[][]): IdeaVectors {
  const numbers = new Map<string, number>();
  const byWord = new Map<string, number[]>();
  const featuresOf = (folded: string): number[] => {
    let features = byWord.get(folded);
    if (!features) {
      features = wordNgrams(folded).map((gram) => numbers.get(gram) ?? numbers.set(gram, numbers.size).get(gram)!);
      byWord.set(folded, features);
    }
    return features;
  };
  const perIdea = words.map((list) => list.map(({ folded }) => featuresOf(folded)));
  const df = new Int32Array(numbers.size);
  const seenIn = new Int32Array(numbers.size).fill(-1);
  perIdea.forEach((perWord, i) => {
    for (const features of perWord) for (const f of features) if (seenIn[f] !== i) (seenIn[f] = i), df[f]!++;
  });
  const n = words.length;
  // Smoothed: an n-gram in every idea still counts a little, which keeps tiny inputs meaningful.
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);

  const vectors: IdeaVectors = { features: [], weights: [], holders: [], holderWeights: [] };
  const sums = new Float64Array(numbers.size);
  const holderCount = new Int32Array(numbers.size);
  for (const perWord of perIdea) {
    const touched: number[] = [];
    for (const features of perWord) {
      let norm = 0;
      for (const f of features) norm += idf[f]! * idf[f]!;
      norm = Math.sqrt(norm);
      for (const f of features) {
        if (sums[f] === 0) touched.push(f);
        sums[f]! += idf[f]! / norm;
      }
    }
    touched.sort((a, b) => a - b);
    let norm = 0;
    for (const f of touched) norm += sums[f]! * sums[f]!;
    norm = Math.sqrt(norm);
    vectors.features.push(Int32Array.from(touched));
    vectors.weights.push(Float64Array.from(touched, (f) => sums[f]! / norm));
    for (const f of touched) (sums[f] = 0), holderCount[f]!++;
  }
  for (let f = 0; f < numbers.size; f++) {
    vectors.holders.push(new Int32Array(holderCount[f]!));
    vectors.holderWeights.push(new Float64Array(holderCount[f]!));
  }
  const filled = new Int32Array(numbers.size);
  vectors.features.forEach((features, i) =>
    features.forEach((f, k) => {
      vectors.holders[f]![filled[f]!] = i;
      vectors.holderWeights[f]![filled[f]!++] = vectors.weights[i]![k]!;
    }),
  );
  return vectors;
}

/**
 * The cosine similarity of idea i with every later idea j (j > i) that shares an n-gram with it and,
 * when `part` is given, has `part[j] === part[i]`. Writes them into `sums[j]` and the js, ascending,
 * into `found`; returns how many. The caller reads the sums and sets them back to 0.
 */
export function laterSimilarities(vectors: IdeaVectors, i: number, part: Int32Array | null, sums: Float64Array, found: Int32Array): number {
  const features = vectors.features[i]!;
  const weights = vectors.weights[i]!;
  const own = part ? part[i]! : 0;
  let count = 0;
  for (let k = 0; k < features.length; k++) {
    const holders = vectors.holders[features[k]!]!;
    const holderWeights = vectors.holderWeights[features[k]!]!;
    const w = weights[k]!;
    for (let p = holders.length - 1; p >= 0; p--) {
      const j = holders[p]!;
      if (j <= i) break;
      if (part && part[j] !== own) continue;
      if (sums[j] === 0) found[count++] = j;
      sums[j]! += w * holderWeights[p]!;
    }
  }
  found.subarray(0, count).sort();
  return count;
}
