import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, escapeHtml, escapeMarkdown, headerText, plainText } from '../../server/export/neutralize.js';
import { HOSTILE_TEXTS } from '../helpers/seed-threads.js';

/** Hostile texts of this suite on top of the shared ones: line starts, entities, whitespace tricks. */
const MORE_HOSTILE = [
  '# heading', '## also', '- item', '* item', '+ item', '1. item', '1) item', '> quote', '    indented code',
  '```js\nfenced\n```', '~~~\nfence\n~~~', '---', '***', 'a\n===', 'a\n---', 'trailing  \nhard break', 'back\\\nslash',
  '&amp; &lt;b&gt; &#60;script&#62;', '<https://evil.example>', '<evil@example.com>', 'www.evil.example', '[ref]\n\n[ref]: https://evil.example',
  '![img](https://evil.example/x.png)', '| a | b |\n| - | - |\n| c | d |', '~~strike~~', '[^1]\n\n[^1]: note', '<!-- comment -->', '<div onclick=x>',
  '\\*not emphasis\\*', '"quoted" \'single\'', 'tab\tinside', '\u00A0leading nbsp', 'trailing ideographic\u3000',
];
const ALL_HOSTILE = [...HOSTILE_TEXTS, ...MORE_HOSTILE];

const md = new MarkdownIt('commonmark');
/** markdown-it with HTML, GFM tables/strikethrough and bare-URL linkify on: the most permissive renderer we know. */
const mdLoose = new MarkdownIt({ html: true, linkify: true });

const decodeHtml = (html: string) =>
  html.replace(/<\/?p>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** Paragraph breaks are the one thing Markdown keeps only as structure: compare text with runs of line ends as one. */
const lines = (text: string) => text.replace(/\n+/g, '\n').replace(/^\n|\n$/g, '');

function renderedText(renderer: typeof md, text: string): { html: string; text: string } {
  const html = renderer.render(escapeMarkdown(text));
  return { html, text: decodeHtml(html) };
}

/** Text made of the characters that matter to the syntaxes here, plus any Unicode. */
const trickyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'<>&"\'`*_[]()!#-+=.:/\\|~@{}^$%;,?\n\t \u00A0\u202E\u2066\u0000\r'),
    fc.constantFrom('javascript:', 'http://', 'www.', '&amp;', '&#60;', '<script>', '1.', '```'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
  ),
  maxLength: 60,
});

describe('plainText', () => {
  it('removes bidi embedding, override and isolate controls but keeps the visible text and marks', () => {
    expect(plainText('\u202Egnp.exe\u202C and more text')).toBe('gnp.exe and more text');
    expect(plainText('\u2067שלום\u2069 \u200Fok')).toBe('שלום \u200Fok');
  });

  it('makes every line end a line feed and drops other control characters', () => {
    expect(plainText('a\r\nb\rc\u2028d\u0085e\u000Bf')).toBe('a\nb\nc\nd\ne\nf');
    expect(plainText('nul\u0000 bell\u0007 esc\u001B del\u007F c1\u009B tab\t')).toBe('nul bell esc del c1 tab\t');
  });
});

describe('headerText', () => {
  it('makes a Subject that tries to start a header of its own one line', () => {
    expect(headerText('Hello\r\nBcc: victim@example.com')).toBe('Hello Bcc: victim@example.com');
    expect(headerText('a\u2028b\u0085c\n\nd')).toBe('a b c d');
  });

  it('cuts long text at a code point, never inside an emoji', () => {
    const cut = headerText('😀'.repeat(50), 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut).toBe(`${'😀'.repeat(9)}…`);
  });

  it('never yields a line break, a bidi control or more than max code points (property)', () => {
    fc.assert(
      fc.property(trickyText, fc.integer({ min: 1, max: 40 }), (text, max) => {
        const header = headerText(text, max);
        expect(header).not.toMatch(/[\r\n\u0085\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
        expect(Array.from(header).length).toBeLessThanOrEqual(max);
        expect(header).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
    );
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<script>window.pwned = 1</script>', '&lt;script&gt;window.pwned = 1&lt;/script&gt;'],
    ['<img src=x onerror="window.pwned = 1">', '&lt;img src=x onerror=&quot;window.pwned = 1&quot;&gt;'],
    ["it's & \"that\"", 'it&#39;s &amp; &quot;that&quot;'],
    ['&amp;', '&amp;amp;'],
    ['Grüße 😀', 'Grüße 😀'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it('gives an HTML parser back the same text in content and in attributes of either quote (property)', () => {
    fc.assert(
      fc.property(trickyText, (raw) => {
        const text = plainText(raw);
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        const fragment = parseFragment(`<p title="${escaped}" data-x='${escaped}'>${escaped}</p>`);
        const p = fragment.childNodes[0] as DefaultTreeAdapterTypes.Element;
        expect(fragment.childNodes).toHaveLength(1);
        expect(p.attrs).toEqual([{ name: 'title', value: text }, { name: 'data-x', value: text }]);
        const content = p.childNodes.map((n) => ('value' in n ? n.value : '<element>')).join('');
        expect(content).toBe(text);
      }),
    );
  });
});

describe('escapeMarkdown', () => {
  it.each(ALL_HOSTILE)('renders %j as its literal text, with no tag but a paragraph', (raw) => {
    const text = plainText(raw);
    for (const renderer of [md, mdLoose]) {
      const { html, text: rendered } = renderedText(renderer, text);
      expect(html.match(/<[^>]*>/g)?.filter((tag) => tag !== '<p>' && tag !== '</p>') ?? []).toEqual([]);
      expect(lines(rendered)).toBe(lines(text));
    }
  });

  it('escapes the starts of lines that would make headings, lists and quotes', () => {
    expect(escapeMarkdown('# a\n- b\n1. c\n> d')).toBe('\\# a\n\\- b\n1\\. c\n\\> d');
  });

  it('keeps leading indentation and trailing spaces as characters, not as a code block or hard break', () => {
    expect(escapeMarkdown('    code\nx  \ny')).toBe('&#x20;&#x20;&#x20;&#x20;code\nx&#x20;&#x20;\ny');
  });

  it('renders any text literally in CommonMark and in markdown-it with HTML and linkify on (property)', () => {
    fc.assert(
      fc.property(trickyText, (raw) => {
        const text = plainText(raw);
        for (const renderer of [md, mdLoose]) {
          const { html, text: rendered } = renderedText(renderer, text);
          expect(html).not.toMatch(/<(?!\/?p>)/);
          expect(lines(rendered)).toBe(lines(text));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","click")', `"'=HYPERLINK(""https://evil.example"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-3-4', "'-3-4"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['Grüße', 'Grüße'],
    ['', ''],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, booleans and null as they are', () => {
    expect([csvCell(-3), csvCell(0), csvCell(true), csvCell(null)]).toEqual(['-3', '0', 'true', '']);
  });

  it('joins a row with commas and ends it with CRLF', () => {
    expect(csvRow(['a', 1, '=x', null])).toBe("a,1,'=x,\r\n");
  });

  it('never lets a spreadsheet see a formula, and unquotes to the text it was given (property)', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const cell = csvCell(text);
        const quoted = cell.startsWith('"');
        const inner = quoted ? cell.slice(1, -1) : cell;
        if (quoted) expect(inner.replace(/""/g, '')).not.toContain('"');
        else expect(cell).not.toMatch(/[",\r\n]/);
        const value = quoted ? inner.replace(/""/g, '"') : inner;
        expect(value).not.toMatch(/^[=+\-@\t\r]/);
        expect(value === text || value === `'${text}`).toBe(true);
      }),
    );
  });
});
