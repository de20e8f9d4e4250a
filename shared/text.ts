/** Limits and the one way of measuring text, shared by schemas, reducer and views. */
export const IDEA_TEXT_MAX = 1000;
export const BROADCAST_TEXT_MAX = 280;
export const DISPLAY_NAME_MAX = 60;
export const TITLE_MAX = 200;
export const QUESTION_MAX = 500;
export const TABLE_NAME_MAX = 60;
export const GROUP_NAME_MAX = 60;
export const THEME_NAME_MAX = 80;
/** The most people a table's capacity may name (planned rotation, M10). */
export const TABLE_CAPACITY_MAX = 50;
/** A seed thread's body as the facilitator edited it (Discourse's longest post). */
export const SEED_BODY_MAX = 32_000;

/**
 * The canonical form of user text: Unicode NFC, with whitespace and invisible format characters
 * (zero-width spaces, direction marks) removed from both ends, so an "empty" idea stays empty.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu, '');
}

/** Length in Unicode code points (an emoji counts as one, not two UTF-16 units). */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export type TextProblem = 'TEXT_EMPTY' | 'TEXT_TOO_LONG';

/** The JSON-schema format name for user text of at most `max` code points. */
export function textFormat(max: number): string {
  return `text-${max}`;
}

/**
 * The formats the schemas use for user text, checked with textLength like everything else:
 * at most `max` code points after normalisation (emptiness is the domain's to judge, since some
 * texts may be empty). The server registers them with its validators.
 */
export function textFormats(): Record<string, (value: string) => boolean> {
  const limits = [IDEA_TEXT_MAX, BROADCAST_TEXT_MAX, DISPLAY_NAME_MAX, TITLE_MAX, QUESTION_MAX, TABLE_NAME_MAX, GROUP_NAME_MAX, THEME_NAME_MAX];
  return Object.fromEntries(limits.map((max) => [textFormat(max), (value: string) => textLength(normalizeText(value)) <= max]));
}

/** Checks user text after normalisation; returns the problem, or null when it is acceptable. */
export function textProblem(text: string, max: number, min = 1): TextProblem | null {
  const n = textLength(normalizeText(text));
  if (n < min) return 'TEXT_EMPTY';
  if (n > max) return 'TEXT_TOO_LONG';
  return null;
}

/** Normalised text within its limits, or which limit it breaks and where (`path`, for the error). */
export function cleanText(text: string, max: number, path: string, min = 1): { text: string } | { code: TextProblem; path: string } {
  const problem = textProblem(text, max, min);
  return problem ? { code: problem, path } : { text: normalizeText(text) };
}
