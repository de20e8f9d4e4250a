/**
 * How well suggested groups agree with hand labels. Ideas left out of every suggestion count as
 * groups of one, as the facilitator would first see them.
 */

/** For each item, the number of the group it is in (suggested, or its own when left out). */
export function assignment(ids: readonly string[], groups: readonly (readonly string[])[]): Map<string, string> {
  const of = new Map<string, string>();
  groups.forEach((group, g) => group.forEach((id) => of.set(id, `group-${g}`)));
  for (const id of ids) if (!of.has(id)) of.set(id, `alone-${id}`);
  return of;
}

function contingency(ids: readonly string[], a: Map<string, string>, b: Map<string, string>): Map<string, Map<string, number>> {
  const table = new Map<string, Map<string, number>>();
  for (const id of ids) {
    const row = table.get(a.get(id)!) ?? table.set(a.get(id)!, new Map()).get(a.get(id)!)!;
    row.set(b.get(id)!, (row.get(b.get(id)!) ?? 0) + 1);
  }
  return table;
}

const pairs = (k: number): number => (k * (k - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie): 1 for the same partition, about 0 for a random one. */
export function adjustedRandIndex(ids: readonly string[], truth: Map<string, string>, found: Map<string, string>): number {
  const table = contingency(ids, truth, found);
  let both = 0;
  const foundSizes = new Map<string, number>();
  let truthPairs = 0;
  for (const row of table.values()) {
    let size = 0;
    for (const [col, count] of row) {
      both += pairs(count);
      size += count;
      foundSizes.set(col, (foundSizes.get(col) ?? 0) + count);
    }
    truthPairs += pairs(size);
  }
  let foundPairs = 0;
  for (const size of foundSizes.values()) foundPairs += pairs(size);
  const expected = (truthPairs * foundPairs) / pairs(ids.length);
  const max = (truthPairs + foundPairs) / 2;
  return max === expected ? 1 : (both - expected) / (max - expected);
}

/** Share of items that are in the majority label of their group (1 when every group is one label). */
export function purity(ids: readonly string[], truth: Map<string, string>, found: Map<string, string>): number {
  let majority = 0;
  for (const row of contingency(ids, found, truth).values()) majority += Math.max(...row.values());
  return majority / ids.length;
}
