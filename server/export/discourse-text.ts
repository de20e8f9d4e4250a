/**
 * A seed thread as Discourse wants it: its `external_id`, its title candidates, its tags and its
 * post `raw` (Markdown with Discourse's extensions), with every text that came from people made
 * inert. Pure functions, no I/O: `discourse.ts` does the HTTP.
 *
 * What Discourse does with `raw` (discourse-markdown-it, on markdown-it 13 or later) and what
 * stops each of them here:
 * - Markdown and HTML: every ASCII punctuation character is backslash-escaped (`escapeMarkdown`),
 *   `<` and `>` become `&lt;` / `&gt;`. An escape makes the character literal text.
 * - Bare URLs (linkify, then a onebox when alone on a line; an inline onebox otherwise): markdown-it
 *   turns an escaped character into its own token that linkify never sees, so with `:`, `/`, `.`
 *   and `@` escaped no scheme, host or e-mail address survives in one piece.
 * - `@mentions` and `#hashtags` are matched on the text *after* escapes are resolved (the
 *   "text-post-process" rule: `@(\w…)`, `#([\w:-]…)`), so escaping is not enough: a zero-width
 *   space (U+200B, not a word character, not whitespace) follows every `@` and `#`. Nobody is
 *   notified, no category or tag is linked, and the text reads the same.
 * - `:emoji:` shortcodes: the same zero-width space after a `:` that could open one.
 * - BBCode (`[quote]`, `[url]`, `[details]`, `[poll]`, …) starts at a literal `[`: it is escaped.
 * - An image's alt text is split at `|` by Discourse (`![alt|690x400]`) even when escaped, so
 *   captions get `¦` instead.
 */
import { createHash } from 'node:crypto';
import type { SeedIdea, SeedThread } from '../../shared/harvest/seed-thread.js';
import { escapeMarkdown, headerText, plainText } from './neutralize.js';
import { withoutHtml } from './thread-markdown.js';

/** Zero-width space: breaks a mention, a hashtag or a shortcode without changing what a reader sees. */
export const ZWSP = '\u200B';

/** Discourse's default site settings that the exporter must fit (and the test server enforces). */
export const DISCOURSE_DEFAULTS = {
  minTopicTitleLength: 15,
  maxTopicTitleLength: 255,
  minFirstPostLength: 20,
  maxPostLength: 32_000,
  maxEmojisInTitle: 1,
  titleMaxWordLength: 30,
  maxTagLength: 20,
  externalIdMaxLength: 50,
} as const;

/**
 * The topic's `external_id`: the same for the same café and thread on every run, different for any
 * other. `tc-` and 128 bits of SHA-256 in lowercase hex (35 characters; Discourse allows 50 of
 * `[A-Za-z0-9_-]`). Hex, not base64url: Discourse compares external ids case-insensitively, and a
 * case-folded base64url id would collide more often than its length suggests.
 */
export function discourseExternalId(cafeId: string, threadId: string): string {
  const digest = createHash('sha256').update(`tablecloth/discourse/v1\u0000${cafeId}\u0000${threadId}`).digest('hex');
  return `tc-${digest.slice(0, 32)}`;
}

/**
 * A `:` that could open an emoji shortcode: at the start or after a space or punctuation, before
 * a word (Discourse's rule). `Schüler:innen` keeps its colon untouched.
 */
const SHORTCODE_START = /(?<![\p{L}\p{N}_]):(?=[\p{L}\p{N}_+-])/gu;

/** One line of people's text for `raw`: renders as exactly that text (plus invisible zero-width spaces), inert. */
export function discourseInline(text: string): string {
  const line = plainText(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[@#]/g, `$&${ZWSP}`)
    .replace(SHORTCODE_START, `$&${ZWSP}`);
  return escapeMarkdown(line).replace(/\\</g, '&lt;').replace(/\\>/g, '&gt;');
}

/** Text for an image's alt text: inert, and without `|`, which Discourse reads as size or class options. */
export function discourseAlt(text: string): string {
  return discourseInline(plainText(text).replace(/\|/g, '¦'));
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Code points, as Discourse (Ruby) counts a title's length. */
function length(text: string): number {
  return Array.from(text).length;
}

function cut(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * A title as plain text for Discourse (titles are not Markdown): one line, no controls, at most
 * one emoji (Discourse's `max_emojis_in_title`; later emoji are dropped), `:shortcode:`s broken.
 */
export function cleanTitle(text: string): string {
  let emojis = 0;
  let out = '';
  for (const { segment } of segmenter.segment(headerText(text, 10_000))) {
    if (EMOJI.test(segment) && ++emojis > DISCOURSE_DEFAULTS.maxEmojisInTitle) continue;
    out += segment;
  }
  return out.replace(SHORTCODE_START, `:${ZWSP}`).replace(/\s+/g, ' ').trim();
}

/**
 * The titles to try, in order, all derived from the thread alone (so every run tries the same):
 * the thread's title (qualified with the café's title when it is shorter than Discourse's
 * minimum), then qualified with the café's title, then with a short code from the external id.
 * Titles are unique on the whole site: a 422 "has already been used" moves to the next one.
 */
export function discourseTitles(thread: SeedThread, externalId: string): string[] {
  const max = DISCOURSE_DEFAULTS.maxTopicTitleLength;
  const base = cleanTitle(thread.title);
  const cafe = cleanTitle(thread.cafeTitle) || 'World Café';
  const code = externalId.replace(/^tc-/, '').slice(0, 6);
  const qualified = (suffix: string) => `${cut(base, max - length(suffix))}${suffix}`;
  const withCafe = qualified(` – ${cut(cafe, 120)}`);
  let first = base;
  if (length(first) < DISCOURSE_DEFAULTS.minTopicTitleLength) first = withCafe;
  if (length(first) < DISCOURSE_DEFAULTS.minTopicTitleLength) first = qualified(` – ${cut(cafe, 120)} (Tablecloth)`);
  const candidates = [cut(first, max), withCafe, qualified(` – ${cut(cafe, 120)} (${code})`)];
  return candidates.filter((title, i) => length(title) >= DISCOURSE_DEFAULTS.minTopicTitleLength && candidates.indexOf(title) === i);
}

/**
 * Tags as Discourse stores them: lower case, no spaces or the characters it strips, at most 20
 * characters, no duplicates.
 */
export function discourseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const clean = Array.from(
      plainText(tag)
        .toLowerCase()
        .trim()
        .replace(/\s+/g, '-')
        .replace(/[/?#[\]@!$&'()*+,;=.%\\`^<>|"\u200B]/g, ''),
    )
      .slice(0, DISCOURSE_DEFAULTS.maxTagLength)
      .join('')
      .replace(/^-+|-+$/g, '');
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}

const LABELS = {
  en: {
    question: 'Question',
    round: 'round',
    rounds: 'Rounds',
    tables: 'Tables',
    mix: 'Stakeholder groups',
    idea: (n: number) => (n === 1 ? '1 idea' : `${n} ideas`),
    missing: 'No ideas from',
    votes: 'Votes',
    dots: (n: number) => (n === 1 ? '1 dot' : `${n} dots`),
    ideas: 'Ideas',
    insights: 'Key insights from the tables',
    key: 'key idea',
    more: (n: number) => `… and ${n} more ${n === 1 ? 'idea' : 'ideas'} from the café.`,
    photos: 'Photos',
    from: 'From the World Café',
    quote: ['“', '”'],
    invitation: 'What would you add?',
  },
  de: {
    question: 'Frage',
    round: 'Runde',
    rounds: 'Runden',
    tables: 'Tische',
    mix: 'Beteiligte Gruppen',
    idea: (n: number) => (n === 1 ? '1 Idee' : `${n} Ideen`),
    missing: 'Keine Ideen aus',
    votes: 'Stimmen',
    dots: (n: number) => (n === 1 ? '1 Punkt' : `${n} Punkte`),
    ideas: 'Ideen',
    insights: 'Kernerkenntnisse der Tische',
    key: 'Kernidee',
    more: (n: number) => `… und ${n} weitere ${n === 1 ? 'Idee' : 'Ideen'} aus dem Café.`,
    photos: 'Fotos',
    from: 'Aus dem World Café',
    quote: ['„', '“'],
    invitation: 'Was würdest du ergänzen?',
  },
} as const;

/** A bare URL (not a link's target in `](…)` or `<…>`): linkify would make it a link, alone on a line a onebox. */
const BARE_URL = /(?<![\](<\w])\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>()]+/gi;

/** `[quote]`, `[/url]`, `[details=…]`: a BBCode tag, and not a Markdown link's text (`[text](…)`). */
const BBCODE_OPEN = /(?<!\\)\[(?=\/?[A-Za-z*]+(?:=[^\]\n]*)?\](?!\())/g;

/** A Markdown link to a scheme other than http(s), mailto or Discourse's upload: its text stays text. */
const ODD_LINK_OPEN = /(?<!\\)\[(?=[^\]\n]*\]\(\s*<?(?!https?:|mailto:|upload:)[A-Za-z][A-Za-z0-9+.-]*:)/g;

/**
 * The facilitator's edited body (Markdown, left as Markdown: not escaped again) made inert in
 * the ways Discourse adds to Markdown: no mention (`@`), hashtag (`#tag`, while `# Heading`
 * stays a heading and `&#x20;` a character reference) or BBCode tag, no bare URL linked or
 * oneboxed, no link but to http(s) or mail, and no raw HTML.
 */
export function discourseMarkdown(markdown: string): string {
  return withoutHtml(markdown)
    .replace(/@(?=[\p{L}\p{N}_])/gu, `@${ZWSP}`)
    .replace(/(?<!&)#(?=[\p{L}\p{N}_:-])/gu, `#${ZWSP}`)
    .replace(BARE_URL, (url) => url.replace(/[:/.]/g, '\\$&'))
    .replace(BBCODE_OPEN, '\\[')
    .replace(ODD_LINK_OPEN, '\\[');
}

/** An edited body, then the photos (uploaded, referenced after it) and the café it came from. */
function editedRaw(thread: SeedThread, photos: UploadedPhotos, l: (typeof LABELS)['en' | 'de']): string {
  const photoLines = thread.photos.flatMap((photo) => {
    const shortUrl = photos.get(photo.id);
    return shortUrl && SHORT_URL.test(shortUrl) ? [`![${discourseAlt(photo.caption)}](${shortUrl})`] : [];
  });
  const tail = [...(photoLines.length ? [`### ${l.photos}`, photoLines.join('\n\n')] : []), '---', `*${l.from} ${l.quote[0]}${discourseInline(thread.cafeTitle)}${l.quote[1]}*`];
  const room = DISCOURSE_DEFAULTS.maxPostLength - length(tail.join('\n\n')) - 4;
  const body = Array.from(discourseMarkdown(thread.body ?? '').trim());
  return [body.length > room ? `${body.slice(0, room - 1).join('')}…` : body.join(''), ...tail].join('\n\n');
}

/** `short_url`s of the thread's uploaded photos, by photo id. */
export type UploadedPhotos = ReadonlyMap<string, string>;

/** What Discourse answers as an upload's `short_url`; anything else is not put into `raw`. */
export const SHORT_URL = /^upload:\/\/[A-Za-z0-9]+(\.[A-Za-z0-9]+)?$/;

function ideaLine(idea: SeedIdea, l: (typeof LABELS)['en' | 'de'], showWhere: boolean): string {
  const parts = [discourseInline(idea.text)];
  if (idea.author) parts.push(`— ${discourseInline(idea.author)}`);
  const notes: string[] = [];
  if (idea.starred) notes.push(l.key);
  if (showWhere) notes.push(`${discourseInline(idea.tableName)}, ${l.round} ${idea.round + 1}`);
  if (notes.length) parts.push(`*\\(${notes.join(', ')}\\)*`);
  return `- ${parts.join(' ')}`;
}

/**
 * The topic's first post: the provenance (question(s), rounds, tables, stakeholder mix as counts,
 * votes), the ideas as a list (a name only where its author opted in), the photos and the
 * invitation to continue, labelled in the thread's language. Every text from the café is inert.
 * Longer than Discourse's 32,000 characters only never: ideas beyond that are counted, not listed.
 */
export function renderDiscourseRaw(thread: SeedThread, photos: UploadedPhotos = new Map()): string {
  const l = LABELS[thread.language] ?? LABELS.en;
  if (thread.body !== undefined) return editedRaw(thread, photos, l);
  const head: string[] = [];
  for (const q of [...thread.questions].sort((a, b) => a.round - b.round)) {
    head.push(`**${l.question}** \\(${l.round} ${q.round + 1}\\): ${discourseInline(q.text)}`);
  }
  const meta: string[] = [];
  if (thread.rounds.length) meta.push(`**${l.rounds}:** ${[...thread.rounds].sort((a, b) => a - b).map((r) => r + 1).join(', ')}`);
  if (thread.tableNames.length) meta.push(`**${l.tables}:** ${thread.tableNames.map(discourseInline).join(', ')}`);
  const mix = thread.stakeholderMix.contributed.filter((g) => g.ideas > 0);
  const missing = [...thread.stakeholderMix.missing, ...thread.stakeholderMix.contributed.filter((g) => g.ideas <= 0).map((g) => g.group)];
  if (mix.length) meta.push(`**${l.mix}:** ${mix.map((g) => `${discourseInline(g.group)} \\(${l.idea(g.ideas)}\\)`).join(', ')}`);
  if (missing.length) meta.push(`**${l.missing}:** ${missing.map(discourseInline).join(', ')}`);
  if (thread.votes !== null) meta.push(`**${l.votes}:** ${l.dots(thread.votes)}`);

  const photoLines = thread.photos.flatMap((photo) => {
    const shortUrl = photos.get(photo.id);
    return shortUrl && SHORT_URL.test(shortUrl) ? [`![${discourseAlt(photo.caption)}](${shortUrl})`] : [];
  });
  const invitation = discourseInline(thread.invitation) || discourseInline(l.invitation);
  const tail = [
    ...(photoLines.length ? [`### ${l.photos}`, photoLines.join('\n\n')] : []),
    '---',
    `**${invitation}**`,
    `*${l.from} ${l.quote[0]}${discourseInline(thread.cafeTitle)}${l.quote[1]}*`,
  ];

  // Hosts' words, at most three per table and round: listed whole, before the ideas.
  const insights = thread.insights.length
    ? [`### ${l.insights}`, thread.insights.map((i) => `- ${discourseInline(i.text)} *\\(${discourseInline(i.tableName)}, ${l.round} ${i.round + 1}\\)*`).join('\n')]
    : [];
  const showWhere = new Set(thread.ideas.map((i) => `${i.tableName}\u0000${i.round}`)).size > 1;
  const lines = thread.ideas.map((idea) => ideaLine(idea, l, showWhere));
  const build = (shown: number) => {
    const list = lines.slice(0, shown).join('\n');
    const more = shown < lines.length ? discourseInline(l.more(lines.length - shown)) : '';
    const blocks = [head.join('\n\n'), meta.join('  \n'), ...insights, ...(lines.length ? [`### ${l.ideas}`, list, more] : []), ...tail];
    return blocks.filter((b) => b.length > 0).join('\n\n');
  };
  let shown = lines.length;
  let raw = build(shown);
  while (length(raw) > DISCOURSE_DEFAULTS.maxPostLength && shown > 0) {
    shown = Math.max(0, shown - Math.max(1, Math.ceil((length(raw) - DISCOURSE_DEFAULTS.maxPostLength) / 200)));
    raw = build(shown);
  }
  return raw;
}
