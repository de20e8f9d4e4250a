/**
 * Text neutralisation shared by the exporters: participants' text must reach every target as
 * text, never as markup, a link, a formula or a disguised header. Each function is for one
 * target syntax; `plainText` comes first for all of them (it removes what no target should get).
 */

/**
 * Bidi embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI).
 * Invisible, and able to reorder what follows them ("\u202Egnp.exe" shows as "exe.png"); natural
 * right-to-left text needs none of them (the Unicode bidi algorithm orders Arabic or Hebrew
 * letters by itself), so removing them loses nothing a reader sees. Marks (LRM, RLM, ALM) stay:
 * they act as one strong letter and cannot reorder a run.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** C0 controls other than tab and line feed, DEL, and C1 controls: no target shows them as text. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Line ends and separators a mail client or header parser may take as a line break. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029\u000B\u000C]/g;

/**
 * What every target gets first: line ends as "\n", bidi controls and other control characters
 * removed. Stripping rather than balancing the bidi controls because an exporter cannot know
 * how a target nests them with its own markup; the visible text is unchanged.
 */
export function plainText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(BIDI_CONTROLS, '').replace(CONTROLS, '');
}

/**
 * One line for a header (an e-mail Subject, a file title): `plainText`, every line break and run
 * of whitespace made one space, so nothing can start a header of its own; at most `max` code
 * points, cut at a code point (never inside a surrogate pair).
 */
export function headerText(text: string, max = 200): string {
  const line = plainText(text).replace(/\s+/g, ' ').trim();
  const points = Array.from(line);
  return points.length <= max ? line : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML, safe as element content and inside a quoted attribute value (either quote). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and escaped it is literal. */
const MARKDOWN_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * Text for CommonMark (and GitHub-flavoured Markdown) that renders as exactly this text: every
 * ASCII punctuation character is backslash-escaped, so no emphasis, link, autolink, heading,
 * list, quote, fence, entity or HTML tag can start or end inside it. Whitespace at the start
 * or end of a line becomes character references, so it can neither indent a code block nor make
 * a hard line break, nor be trimmed away (renderers trim any Unicode space there); the text
 * itself is unchanged when rendered. Call `plainText` first.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/^[^\S\n]+|[^\S\n]+$/gm, (run) => Array.from(run, (c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''));
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted (with `"` doubled) when it holds a comma, quote or line end. Text
 * starting like a formula gets a leading `'`, which spreadsheet apps show as text; numbers and
 * booleans are written as they are (a negative number is a number, not a formula).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end (RFC 4180). */
export function csvRow(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
