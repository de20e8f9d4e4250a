/**
 * Where a seed thread goes on a Discourse site: its category by question or theme (else the
 * target's default) and its tags (a fixed list, plus one derived from the thread when asked).
 * Read from the target's settings at config load, so a bad mapping stops the server, not an export.
 */
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { DISCOURSE_DEFAULTS, discourseTags } from './discourse-text.js';

export interface DiscourseRouting {
  categoryId: number | null;
  /** By round as the room counted it (1, 2, 3 …). */
  categoryByQuestion: ReadonlyMap<number, number>;
  /** By theme name, lower case. */
  categoryByTheme: ReadonlyMap<string, number>;
  tags: readonly string[];
  /** Add a tag made from the thread's theme name, `round-<n>` or table name. */
  tagPerThread: boolean;
}

const isCategory = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** A tag Discourse accepts from any text: lower case a–z, 0–9 and hyphens, at most 20 characters; '' when nothing is left. */
export function derivedTag(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, DISCOURSE_DEFAULTS.maxTagLength)
    .replace(/-+$/, '');
}

/** Checks the routing settings; `fail(problem)` makes the ConfigError (naming the setting, never a value). */
export function parseDiscourseRouting(settings: Record<string, unknown>, fail: (problem: string) => Error): DiscourseRouting {
  const { categoryId, categoryByQuestion = {}, categoryByTheme = {}, tags = [], tagPerThread = false } = settings;
  if (categoryId !== undefined && !isCategory(categoryId)) throw fail('setting "categoryId" must be a positive whole number');
  const map = (name: string, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(`setting "${name}" must be an object of category ids`);
    return Object.entries(value).map(([key, id]) => {
      if (!isCategory(id)) throw fail(`setting "${name}": every value must be a positive whole number`);
      return [key, id] as const;
    });
  };
  const byQuestion = map('categoryByQuestion', categoryByQuestion).map(([round, id]) => {
    if (!/^[1-9]\d{0,2}$/.test(round)) throw fail('setting "categoryByQuestion": keys must be round numbers counted from 1');
    return [Number(round), id] as const;
  });
  const byTheme = new Map<string, number>();
  for (const [name, id] of map('categoryByTheme', categoryByTheme)) {
    const key = name.trim().toLocaleLowerCase();
    if (byTheme.has(key)) throw fail('setting "categoryByTheme": a theme is named twice (names are compared without case)');
    byTheme.set(key, id);
  }
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && derivedTag(t) === t && t !== '')) {
    throw fail(`setting "tags" must be a list of tags of at most ${DISCOURSE_DEFAULTS.maxTagLength} characters a-z, 0-9 and -`);
  }
  if (typeof tagPerThread !== 'boolean') throw fail('setting "tagPerThread" must be true or false');
  return { categoryId: (categoryId as number | undefined) ?? null, categoryByQuestion: new Map(byQuestion), categoryByTheme: byTheme, tags, tagPerThread };
}

/** The theme's, else the question's (a thread of one round), else the default category, else the thread's own when a number. */
export function categoryOf(routing: DiscourseRouting, thread: SeedThread): number | null {
  const theme = thread.themeName === undefined ? undefined : routing.categoryByTheme.get(thread.themeName.trim().toLocaleLowerCase());
  const question = thread.rounds.length === 1 ? routing.categoryByQuestion.get(thread.rounds[0]! + 1) : undefined;
  const own = thread.category !== null && /^\d+$/.test(thread.category) ? Number(thread.category) : null;
  return theme ?? question ?? routing.categoryId ?? own;
}

/** The fixed tags, the thread's, then one made from it when asked for: its theme, `round-<n>` by question, its table by table. */
export function tagsOf(routing: DiscourseRouting, thread: SeedThread): string[] {
  const own = !routing.tagPerThread
    ? ''
    : thread.themeName !== undefined
      ? derivedTag(thread.themeName)
      : thread.id.startsWith('round-')
        ? `round-${thread.rounds[0]! + 1}`
        : thread.id.startsWith('table-') && thread.tableNames.length === 1
          ? derivedTag(thread.tableNames[0]!)
          : '';
  return discourseTags([...routing.tags, ...thread.tags, ...(own ? [own] : [])]);
}
