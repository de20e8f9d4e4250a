/**
 * A suggested theme's label: the word of its ideas with the highest summed TF-IDF over the group,
 * where an idea counts as having a word also when one of its compounds contains it, so
 * "Fortbildung" is found in "Lehrkräftefortbildung" and "Fortbildungsbudget".
 */
import type { IdeaWord } from './idea-words.js';

/** Words this long or longer are looked for inside compounds; shorter ones only as whole words. */
const PART_MIN = 5;
/** A second word joins the label when it scores at least this share of the first's. */
const SECOND_WORD_SHARE = 0.6;

/** Returns a function that labels a group of ideas (numbers into `words`, one list per idea). */
export function themeLabeller(words: readonly IdeaWord[][]): (group: readonly number[]) => string {
  const n = words.length;
  // Every folded word, with the ideas it occurs in as a whole word.
  const whole = new Map<string, Set<number>>();
  words.forEach((list, i) => list.forEach(({ folded }) => (whole.get(folded) ?? whole.set(folded, new Set()).get(folded)!).add(i)));
  const vocabulary = [...whole.keys()];
  const containing = new Map<string, Set<number>>();
  const ideasWith = (word: string): Set<number> => {
    let ideas = containing.get(word);
    if (ideas) return ideas;
    ideas = new Set(whole.get(word));
    if (word.length >= PART_MIN) for (const other of vocabulary) if (other.length > word.length && other.includes(word)) for (const i of whole.get(other)!) ideas.add(i);
    containing.set(word, ideas);
    return ideas;
  };

  return (group) => {
    const surfaces = new Map<string, Map<string, number>>();
    for (const i of group) {
      for (const { folded, surface } of words[i]!) {
        const forms = surfaces.get(folded) ?? surfaces.set(folded, new Map()).get(folded)!;
        forms.set(surface, (forms.get(surface) ?? 0) + 1);
      }
    }
    const ranked = [...surfaces.keys()]
      .map((word) => {
        const ideas = ideasWith(word);
        const inGroup = group.reduce((count, i) => count + (ideas.has(i) ? 1 : 0), 0);
        return { word, score: inGroup * Math.log(1 + n / ideas.size) };
      })
      .sort((a, b) => b.score - a.score || a.word.length - b.word.length || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    const [first, second] = ranked;
    if (!first) return '';
    const chosen = [first];
    if (second && second.score >= SECOND_WORD_SHARE * first.score && !sameStem(first.word, second.word)) chosen.push(second);
    return chosen.map(({ word }) => commonestForm(surfaces.get(word)!)).join(' · ');
  };
}

/** "Fortbildung" and "Lehrkräftefortbildung", "beteiligen" and "Beteiligung": one word would do. */
function sameStem(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a) || a.slice(0, PART_MIN) === b.slice(0, PART_MIN);
}

/** The spelling used most often; on a tie the first in code-unit order, which puts "Eltern" before "eltern". */
function commonestForm(forms: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [form, count] of forms) if (count > bestCount || (count === bestCount && form < best)) [best, bestCount] = [form, count];
  return best;
}
