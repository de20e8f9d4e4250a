/**
 * The words of an idea as theme suggestions compare them: folded so that "Lehrkräfte",
 * "LEHRKRAEFTE" and "lehrkräfte" are one word, with the commonest German and English function
 * words left out, and cut into character n-grams so that compounds ("Lehrkräftefortbildung")
 * share features with their parts ("Fortbildung").
 */

/** A word as written (NFC) and its folded form. */
export interface IdeaWord {
  surface: string;
  folded: string;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Lower case, umlauts and ß spelled out as on a keyboard without them (ä → ae, ß → ss), other
 * accents dropped (é → e), so every way of typing a word folds to the same letters.
 */
export function foldWord(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

// Folded. Function words, and the fillers ideas are written with ("mehr", "sollte", "machen",
// "need"), which would otherwise tie unrelated ideas together. "innen" is the tail of "Schüler:innen".
const STOP_WORDS = new Set(
  (
    'ab aber alle allen aller als also am an auch auf aus bei beim besser bessere bis bringen da damit dann das dass dem den der des die dies diese diesem ' +
    'dieser doch durch ein eine einem einen einer eines er es etwa fuer fuers ganz ganze geben gegen gibt hat haben ich ihr ihre im immer in ins innen ist ' +
    'ja jede jedem jeden jeder jedes kann kein keine koennen lassen machen man mal mehr mit muss muessen nach neue neuen nicht noch nur ob oder ohne pro ' +
    'schon sehr sein seine sich sie sind so soll sollen sollte sollten statt tun ueber um und uns unser unsere unter vom von vor war was weil ' +
    'weniger wenn werden wie wir wird wirklich wo zu zum zur zwischen ' +
    'a about all also an and any are as at be been better but by can could do does each every for from get has have how if in into is it its ' +
    'just less let make more must need needs new no not of on only or our should so than that the their them there these they this those to ' +
    'too us very was we were what when which who will with without would you your'
  ).split(' '),
);

/**
 * The words of a text in order, without function words, one-letter words and the `ignored`
 * (folded) words.
 */
export function ideaWords(text: string, ignored: ReadonlySet<string> = new Set()): IdeaWord[] {
  const words: IdeaWord[] = [];
  for (const surface of text.normalize('NFC').split(/[^\p{L}\p{N}\p{M}]+/u)) {
    const folded = foldWord(surface);
    if (folded.length < 2 || STOP_WORDS.has(folded) || ignored.has(folded)) continue;
    words.push({ surface, folded });
  }
  return words;
}

export const NGRAM_MIN = 3;
export const NGRAM_MAX = 5;

/**
 * The character n-grams (3 to 5) of a folded word, marked at its edges ("<eltern>"), each once.
 * N-grams never span two words: "Eltern abend" and "Elternabend" still share most of theirs.
 */
export function wordNgrams(folded: string): string[] {
  const marked = Array.from(`<${folded}>`); // code points: a letter outside the BMP stays whole
  const grams = new Set<string>();
  for (let n = NGRAM_MIN; n <= NGRAM_MAX; n++) {
    for (let i = 0; i + n <= marked.length; i++) grams.add(marked.slice(i, i + n).join(''));
  }
  return [...grams];
}
