/**
 * Agglomerative clustering with average linkage, cut at a similarity threshold: two groups merge
 * while the mean similarity between their members is at least the threshold. Uses the
 * nearest-neighbour chain (O(m²) time for m items, one m × m matrix), which gives the same groups
 * as merging the most similar pair first, because average linkage never inverts.
 */

/**
 * Groups the items 0..m-1 given their pairwise similarities `similarity[i * m + j]` (symmetric;
 * overwritten). Ties go to the lower index, so callers that order their items get a stable result.
 * Returns each group's items in ascending order, groups ordered by their first item; every item
 * appears in exactly one group (alone when it joined none).
 */
export function averageLinkage(similarity: Float64Array, m: number, threshold: number): number[][] {
  const members: number[][] = Array.from({ length: m }, (_, i) => [i]);
  // Slot i holds a group while live[i]; merged-away and retired slots are dead. The group in slot i
  // always has i as its lowest member, so index order is the order of the lowest member.
  const live: boolean[] = new Array<boolean>(m).fill(true);
  const done: number[][] = [];
  let remaining = m;
  const chain: number[] = [];

  const retire = (slot: number): void => {
    done.push(members[slot]!);
    live[slot] = false;
    remaining--;
  };

  while (remaining > 0) {
    if (chain.length === 0) chain.push(live.indexOf(true));
    const top = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // The nearest live neighbour of top; on a tie the previous link of the chain wins (so the
    // chain cannot cycle), then the lowest index.
    let nearest = previous;
    let best = previous >= 0 ? similarity[top * m + previous]! : -Infinity;
    for (let k = 0; k < m; k++) {
      if (!live[k] || k === top) continue;
      const s = similarity[top * m + k]!;
      if (s > best) {
        best = s;
        nearest = k;
      }
    }
    if (nearest < 0) {
      retire(top);
      chain.pop();
      continue;
    }
    if (nearest !== previous) {
      chain.push(nearest);
      continue;
    }
    // top and previous are each other's nearest neighbours.
    chain.pop();
    chain.pop();
    if (best < threshold) {
      // Nothing is as close to either as the threshold, and merges elsewhere cannot bring a group
      // closer than its closest member: both are final.
      retire(top);
      retire(previous);
      continue;
    }
    merge(similarity, m, members, live, Math.min(top, previous), Math.max(top, previous));
    remaining--;
  }
  return done.map((group) => group.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** Merges the group in slot `b` into slot `a`, updating `a`'s similarities by Lance–Williams. */
function merge(similarity: Float64Array, m: number, members: number[][], live: boolean[], a: number, b: number): void {
  const na = members[a]!.length;
  const nb = members[b]!.length;
  for (let k = 0; k < m; k++) {
    if (!live[k] || k === a || k === b) continue;
    const s = (na * similarity[a * m + k]! + nb * similarity[b * m + k]!) / (na + nb);
    similarity[a * m + k] = s;
    similarity[k * m + a] = s;
  }
  members[a] = members[a]!.concat(members[b]!);
  live[b] = false;
}
