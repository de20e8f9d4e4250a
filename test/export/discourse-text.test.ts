/**
 * What the Discourse exporter writes into `raw` and titles: participants' text stays inert in
 * Discourse Markdown. Each text is parsed as Discourse would (test/helpers/discourse-server.ts,
 * `cookLikeDiscourse`: markdown-it with HTML, linkify with Discourse's TLDs, BBCode, and
 * Discourse's own mention / hashtag / emoji matchers) and must come out as exactly its text.
 */
import { describe, expect, it } from 'vitest';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import {
  cleanTitle,
  DISCOURSE_DEFAULTS,
  discourseAlt,
  discourseExternalId,
  discourseInline,
  discourseTags,
  discourseTitles,
  renderDiscourseRaw,
  ZWSP,
} from '../../server/export/discourse-text.js';
import { plainText } from '../../server/export/neutralize.js';
import { cookLikeDiscourse } from '../helpers/discourse-server.js';
import { generateThreads, HOSTILE_TEXTS } from '../helpers/seed-threads.js';

/** Beyond HOSTILE_TEXTS: every Discourse and CommonMark construct that could start inside one line. */
const MORE_HOSTILE = [
  '# Heading', '## also', '> quoted', '1. ordered', '- bullet', '* star', '+ plus', '    indented code', '```js', '~~~',
  '| a | b |', '---', '***', '===', '<https://evil.example/auto>', '![img](https://evil.example/x.png)',
  '[ref]: https://evil.example', '[x][ref]', 'www.evil.com', 'evil.com', 'evil.de/pfad', '//evil.example/x',
  'mailto:a@b.com', 'jemand@example.org', 'ftp://evil.example', 'https://evil.example/a_(b)', 'https://evil.example/ on one line',
  '[quote="admin, post:1, topic:1"]x[/quote]', '[details=Mehr]x[/details]', '[poll]\n* a\n[/poll]', '[spoiler]x[/spoiler]',
  '[b]bold[/b] [i]it[/i] [img]https://evil.example/x.png[/img] [email]a@b.com[/email]', '[wrap=x]y[/wrap]', '[grid]x[/grid]',
  ':smile: :+1: :t2:', '(tm) -- ...', '&lt;script&gt; &amp; &#60;b&#62;', '\\*not\\* \\@escaped', '~~strike~~', '==mark==',
  '$x^2$ and $$y$$', 'Footnote^[note]', '@here @group-name @user.name @ümläut', '#kategorie:unter #tag-name C# F#',
  'a\n# heading after a line break\n@mention\nhttps://evil.example/line', 'tabs\tand  spaces   ', '   leading spaces',
  '<!-- comment -->', '<details open>x</details>', '<a href="javascript:alert(1)">x</a>', '\u202Egnp.exe\u202C', 'Schüler:innen & Lehrer:innen',
  'emoji 👍🏽 🇩🇪 family 👨‍👩‍👧', '', '   ',
];

/** What a reader must see: the text on one line, without the invisible controls `plainText` removes. */
const shown = (text: string) => plainText(text).replace(/\s+/g, ' ').trim();

describe('discourseInline: participants’ text is inert in Discourse raw', () => {
  it.each([...HOSTILE_TEXTS, ...MORE_HOSTILE].map((text) => [text]))('%j', (text) => {
    const raw = discourseInline(text);
    const cooked = cookLikeDiscourse(raw);
    expect(cooked.live).toEqual([]);
    expect(cooked.texts).toEqual(shown(text) ? [shown(text)] : []);
    expect(raw).not.toContain('\n');
  });

  it.each([
    ['@admin @everyone', [`@${ZWSP}admin`, `@${ZWSP}everyone`]],
    ['#staff #announcements', [`#${ZWSP}staff`, `#${ZWSP}announcements`]],
    ['<script>x</script>', ['&lt;script&gt;x&lt;\\/script&gt;']],
    ['[url=https://evil.example]BBCode[/url]', ['\\[url\\=https\\:\\/\\/evil\\.example\\]BBCode\\[\\/url\\]']],
    ['https://evil.example/onebox-me', ['https\\:\\/\\/evil\\.example\\/onebox\\-me']],
    [':smile:', [`\\:${ZWSP}smile\\:`]],
    ['Schüler:innen', ['Schüler\\:innen']],
    ['**bold** _it_ `code`', ['\\*\\*bold\\*\\* \\_it\\_ \\`code\\`']],
  ])('%j is written as %j', (text, parts) => {
    for (const part of parts) expect(discourseInline(text)).toContain(part);
  });

  it('an alt text never carries Discourse image options (|size, |video)', () => {
    const alt = discourseAlt('Tischdecke|690x400|video');
    const cooked = cookLikeDiscourse(`![${alt}](upload://abc.jpeg)`, ['image']);
    expect(cooked.live).toEqual([]);
    expect(cooked.images).toEqual([{ src: 'upload://abc.jpeg', alt: `Tischdecke¦690x400¦video` }]);
  });
});

describe('external_id', () => {
  it('is at most 50 of [A-Za-z0-9_-], lower case, the same on every run and different for every café and thread', () => {
    const ids = new Set<string>();
    for (const cafe of ['cafe-1', 'cafe-2', '018f6b6e-3c1a-7b7e-9c55-0123456789ab']) {
      for (const thread of ['theme-1', 'theme-2', '018f6b6e-3c1a-7b7e-9c55-ba9876543210', `${'x'.repeat(200)}`]) {
        const id = discourseExternalId(cafe, thread);
        expect(id).toMatch(/^[a-z0-9_-]{1,50}$/);
        expect(discourseExternalId(cafe, thread)).toBe(id);
        ids.add(id);
      }
    }
    expect(ids.size).toBe(12);
    // No concatenation ambiguity: ("a", "bc") is not ("ab", "c").
    expect(discourseExternalId('a', 'bc')).not.toBe(discourseExternalId('ab', 'c'));
  });
});

describe('titles', () => {
  const thread = (title: string, cafeTitle = 'Netzwerktreffen Schule von morgen'): SeedThread => ({ ...generateThreads({ tables: 1, rounds: 1 })[0]!, title, cafeTitle });

  it('a short title is qualified with the café’s title; every candidate is 15–255 characters, distinct and the same on every run', () => {
    const id = discourseExternalId('c', 't');
    const titles = discourseTitles(thread('Lernen'), id);
    expect(titles[0]).toBe('Lernen – Netzwerktreffen Schule von morgen');
    expect(titles).toEqual(discourseTitles(thread('Lernen'), id));
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    for (const t of [...titles, ...discourseTitles(thread('x'.repeat(400)), id), ...discourseTitles(thread('Ab', 'C'), id)]) {
      expect(Array.from(t).length).toBeGreaterThanOrEqual(DISCOURSE_DEFAULTS.minTopicTitleLength);
      expect(Array.from(t).length).toBeLessThanOrEqual(DISCOURSE_DEFAULTS.maxTopicTitleLength);
    }
  });

  it('a title keeps one emoji, no controls, no line breaks and no emoji shortcode', () => {
    expect(cleanTitle(`Runde 1: ${'😀'.repeat(50)}`)).toBe('Runde 1: 😀');
    expect(cleanTitle('\u202Egnp.exe\u202C\nzweite Zeile')).toBe('gnp.exe zweite Zeile');
    expect(cleanTitle('Was tun :smile: jetzt')).toBe(`Was tun :${ZWSP}smile: jetzt`);
    expect(cleanTitle('Schüler:innen reden mit')).toBe('Schüler:innen reden mit');
  });
});

describe('tags', () => {
  it('are cleaned as Discourse stores them', () => {
    expect(discourseTags(['Weltcafé', 'Runde 1', 'runde-1', '#staff', 'a/b?c', 'x'.repeat(40), ''])).toEqual(['weltcafé', 'runde-1', 'staff', 'abc', 'x'.repeat(20)]);
  });
});

describe('renderDiscourseRaw', () => {
  const allowed = ['strong_open', 'strong_close', 'em_open', 'em_close', 'image'];

  it('shows the provenance, the ideas, the photos and the invitation, in the thread’s language', () => {
    const [thread] = generateThreads({ tables: 1, rounds: 1, photos: true });
    const raw = renderDiscourseRaw(thread!, new Map([['photo-0-1', 'upload://abcDEF123.jpeg']]));
    const cooked = cookLikeDiscourse(raw, allowed);
    expect(cooked.live).toEqual([]);
    const text = cooked.texts.join('\n');
    expect(text).toContain('Frage (Runde 1): Was macht Lernen bedeutsam?');
    expect(text).toContain('Runden: 1');
    expect(text).toContain('Tische: Tisch 1');
    expect(text).toMatch(/Beteiligte Gruppen: .*\(\d+ Ideen?\)/);
    expect(text).toContain('Keine Ideen aus: Verwaltung');
    expect(text).toContain('Stimmen: 1 Punkt');
    for (const idea of thread!.ideas) {
      const item = cooked.texts.find((t) => t.startsWith(idea.text));
      expect(item, idea.text).toBeDefined();
      if (idea.author) expect(item).toContain(`— ${idea.author}`);
      else expect(item).not.toContain('—');
    }
    expect(cooked.images).toEqual([{ src: 'upload://abcDEF123.jpeg', alt: 'Tischdecke von Tisch 1, Runde 1' }]);
    expect(text).toContain('Was würdest du ergänzen?');
    expect(Array.from(raw).length).toBeGreaterThanOrEqual(DISCOURSE_DEFAULTS.minFirstPostLength);

    const english = renderDiscourseRaw({ ...thread!, language: 'en', invitation: '' });
    expect(cookLikeDiscourse(english, allowed).texts.join('\n')).toMatch(/Question \(round 1\)[\s\S]*What would you add\?/);
  });

  it('hostile text everywhere (ideas, key insights, names, groups, tables, questions, captions, café title, invitation) stays inert', () => {
    const hostile = [...HOSTILE_TEXTS, ...MORE_HOSTILE];
    const base = generateThreads({ tables: 1, rounds: 1, hostile: true, photos: true })[0]!;
    const thread: SeedThread = {
      ...base,
      cafeTitle: '[quote]@admin #staff[/quote]',
      invitation: '<b>https://evil.example</b> @everyone',
      questions: [{ round: 0, text: '# @admin https://evil.example' }],
      tableNames: ['[url=https://evil.example]Tisch[/url]'],
      stakeholderMix: { contributed: [{ group: '@group #tag', ideas: 2 }], missing: ['<img src=x onerror=alert(1)>'] },
      ideas: hostile.map((text, i) => ({ ...base.ideas[0]!, id: `i${i}`, text, author: i % 2 ? hostile[(i * 7) % hostile.length]! : null, tableName: hostile[i]!, round: i % 3 })),
      insights: hostile.map((text, i) => ({ text, tableName: hostile[(i + 1) % hostile.length]!, round: i % 3 })),
      photos: [{ ...base.photos[0]!, caption: '![x](https://evil.example) | 500x500 @admin' }],
    };
    const raw = renderDiscourseRaw(thread, new Map([[base.photos[0]!.id, 'upload://xyz.jpeg']]));
    const cooked = cookLikeDiscourse(raw, allowed);
    expect(cooked.live).toEqual([]);
    for (const idea of thread.ideas) if (shown(idea.text)) expect(cooked.texts.some((t) => t.startsWith(shown(idea.text))), idea.text).toBe(true);
    for (const insight of thread.insights) if (shown(insight.text)) expect(cooked.texts.some((t) => t.startsWith(shown(insight.text))), insight.text).toBe(true);
    expect(cooked.images).toEqual([{ src: 'upload://xyz.jpeg', alt: '![x](https://evil.example) ¦ 500x500 @admin' }]);
  });

  it('a short_url that is not one is not put into raw', () => {
    const [thread] = generateThreads({ tables: 1, rounds: 1, photos: true });
    const raw = renderDiscourseRaw(thread!, new Map([['photo-0-1', 'upload://x.jpeg) [quote]']]));
    expect(raw).not.toContain('upload://');
  });

  it('stays within Discourse’s 32,000 characters, counting the ideas it cannot list', () => {
    const [thread] = generateThreads({ tables: 1, rounds: 1, ideasPerThread: 2000 });
    const raw = renderDiscourseRaw(thread!);
    expect(Array.from(raw).length).toBeLessThanOrEqual(DISCOURSE_DEFAULTS.maxPostLength);
    expect(cookLikeDiscourse(raw, allowed).texts.join('\n')).toMatch(/… und \d+ weitere Ideen aus dem Café\./);
  });
});
