/**
 * X-edits: a body the facilitator edited in the console reaches every target instead of the
 * generated one, rendered for that target and inert there. Each exporter against its local
 * server (Discourse, NING, SMTP, webhook) or a real folder, with hostile text in the edit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { discourseExporter } from '../../server/export/discourse.js';
import { discourseExternalId, discourseMarkdown } from '../../server/export/discourse-text.js';
import type { ExportJournal } from '../../server/export/exporter.js';
import { photoFileName, threadFilePath } from '../../server/export/file-names.js';
import { FilesExporter } from '../../server/export/files.js';
import { MailExporter } from '../../server/export/mail.js';
import { ningExporter } from '../../server/export/ning.js';
import { threadBody, withoutHtml } from '../../server/export/thread-markdown.js';
import { WebhookExporter } from '../../server/export/webhook.js';
import { cookLikeDiscourse, startDiscourseServer, steppingClock } from '../helpers/discourse-server.js';
import { startNingServer } from '../helpers/ning-server.js';
import { generateThreads } from '../helpers/seed-threads.js';
import { startSmtpServer } from '../helpers/smtp-server.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;

const LINK = 'https://community.example.org/t/welcome/1';
/** The facilitator's own Markdown (a heading, emphasis, a list, one real link) with hostile text in it. */
const EDITED = [
  '## What the room said',
  '',
  'Edited by the facilitator, **in our own words**. <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 1">',
  '',
  '- @admin please look at #staff',
  '- https://evil.example/onebox-me',
  '- [quote]quoted[/quote] and [url=https://evil.example]BBCode[/url]',
  '- Try [click me](javascript:alert(1))',
  '- =HYPERLINK("https://evil.example","x")',
  `- See [our welcome thread](${LINK}) first`,
  '',
  'What would you add?',
].join('\n');

const journal: ExportJournal = { recordIntent: async () => {}, hadIntent: async () => false };

function editedThread(): SeedThread {
  const [thread] = generateThreads({ tables: 1, rounds: 1, photos: true });
  return { ...thread!, body: EDITED };
}

function elements(node: Node): Element[] {
  const own = 'tagName' in node ? [node] : [];
  return [...own, ...('childNodes' in node ? node.childNodes.flatMap(elements) : [])];
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/**
 * What an HTML rendering of the edit must be: the facilitator's markup, the hostile text as text,
 * no script, no element with a handler, and no link but the facilitator's own.
 */
function expectInertHtml(htmlText: string): void {
  const tree = parseFragment(htmlText);
  const all = elements(tree);
  expect(all.filter((e) => ['script', 'iframe', 'object', 'form'].includes(e.tagName))).toEqual([]);
  expect(all.filter((e) => e.tagName === 'img' && e.attrs.some((a) => a.value === 'x'))).toEqual([]);
  expect(all.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on')))).toEqual([]);
  expect(all.filter((e) => e.tagName === 'a').map((a) => a.attrs.find((x) => x.name === 'href')?.value)).toEqual([LINK]);
  expect(all.some((e) => e.tagName === 'h2' && textOf(e) === 'What the room said')).toBe(true);
  expect(all.some((e) => e.tagName === 'strong' && textOf(e) === 'in our own words')).toBe(true);
  const text = textOf(tree);
  for (const hostile of ['<script>window.pwned = 1</script>', '@admin please look at #staff', '[click me](javascript:alert(1))', 'https://evil.example/onebox-me', '[quote]quoted[/quote]']) {
    expect(text).toContain(hostile);
  }
}

describe('the generated body', () => {
  it('holds the provenance, stakeholder mix, votes, ideas and invitation, every participant’s text escaped', () => {
    const [thread] = generateThreads({ tables: 1, rounds: 1, hostile: true });
    const body = threadBody({ ...thread!, votes: 7 });
    const html = new MarkdownIt({ html: true }).render(body);
    expect(elements(parseFragment(html)).filter((e) => ['script', 'img', 'a'].includes(e.tagName))).toEqual([]);
    const text = textOf(parseFragment(html));
    for (const idea of thread!.ideas) expect(text).toContain(idea.text.replace(/[\u202A-\u202E]/g, ''));
    expect(text).toContain(thread!.invitation);
    expect(text).toContain('7');
    // The groups not heard, in the words the wall and the harvest page use.
    expect(text).toMatch(/ · keine Ideen aus: \S/);
    expect(body).not.toContain(thread!.title);
  });

  it('keeps a facilitator’s Markdown but takes raw HTML out of it, also after backslashes', () => {
    expect(withoutHtml('**a** <b>x</b> \\<i> \\\\<u>')).toBe('**a** &lt;b>x&lt;/b> \\<i> \\\\&lt;u>');
    expect(discourseMarkdown('# Heading\n@admin #tag &#x20; [b]x[/b] [link](https://a.example) www.b.example')).toBe(
      '# Heading\n@\u200Badmin #\u200Btag &#x20; \\[b]x\\[/b] [link](https://a.example) www\\.b\\.example',
    );
  });
});

describe('Discourse: the edit as raw', () => {
  it('posts the edited Markdown with mentions, hashtags, oneboxes, BBCode and HTML inert, the photos uploaded and referenced after it', async () => {
    const clock = steppingClock();
    const server = await startDiscourseServer({ apiKey: 'key-0123456789abcdef', apiUsername: 'system', clock, rateLimit: null });
    try {
      const thread = editedThread();
      const outcome = await discourseExporter({ baseUrl: server.url, apiKey: 'key-0123456789abcdef', apiUsername: 'system', clock }).publish(thread, journal);
      expect(outcome.status).toBe('created');
      expect(server.violations).toEqual([]);
      const topic = server.topicByExternalId(discourseExternalId(thread.cafeId, thread.id))!;
      const cooked = cookLikeDiscourse(topic.raw, ['strong_open', 'strong_close', 'em_open', 'em_close', 'image', 'link_close']);
      expect(cooked.live).toEqual([`link: ${LINK}`]);
      for (const line of ['@admin please look at #staff', 'https://evil.example/onebox-me', '[quote]quoted[/quote] and [url=https://evil.example]BBCode[/url]', 'Try [click me](javascript:alert(1))']) {
        expect(cooked.texts).toContain(line);
      }
      expect(cooked.texts).toContain('What the room said');
      expect(topic.raw).not.toMatch(/<(script|img)\b/i);
      // Not escaped twice: the facilitator's emphasis is still emphasis, no backslash shows.
      expect(cooked.texts.join('\n')).not.toContain('\\');
      expect(topic.raw).toContain('**in our own words**');
      // The generated body is not there; the photo is uploaded and comes after the edit.
      expect(topic.raw).not.toContain(thread.ideas[0]!.text);
      expect(server.uploads).toHaveLength(1);
      expect(cooked.images.map((i) => i.src)).toEqual([server.uploads[0]!.shortUrl]);
      expect(topic.raw.indexOf('upload://')).toBeGreaterThan(topic.raw.indexOf('What would you add?'));
    } finally {
      await server.close();
    }
  });
});

describe('NING: the edit as the description’s HTML', () => {
  it('renders the edited Markdown with markdown-it, raw HTML as text, and names the photos after it', async () => {
    const member = { email: 'm@example.org', password: 'pw', token: 'tok', tokenSecret: 'tok-secret' };
    const consumer = { consumerKey: 'key', consumerSecret: 'consumer-secret' };
    const clock = steppingClock();
    const server = await startNingServer({ subdomain: 'net', ...consumer, members: [member], clock });
    try {
      const thread = editedThread();
      const exporter = ningExporter({ subdomain: 'net', ...consumer, token: member.token, tokenSecret: member.tokenSecret, baseUrl: server.baseUrl, clock });
      expect((await exporter.publish(thread, journal)).status).toBe('created');
      const [discussion] = server.discussions;
      expectInertHtml(discussion!.description);
      expect(discussion!.description).not.toContain(thread.ideas[0]!.text);
      expect(discussion!.description.indexOf(thread.photos[0]!.caption)).toBeGreaterThan(discussion!.description.indexOf('What would you add?'));
    } finally {
      await server.close();
    }
  });
});

describe('mail: the edit as the text part and, rendered, as the HTML part', () => {
  const credentials = { user: 'harvest@example.org', pass: 'secret-pass-7f3a' };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => (smtp = await startSmtpServer(credentials)));
  afterAll(async () => smtp.close());

  it('sends the Markdown as text and an HTML part with no script, handler or foreign link', async () => {
    const exporter = new MailExporter({ host: '127.0.0.1', port: smtp.port, secure: false, auth: credentials, from: 'harvest@example.org', to: 'list@example.org', timeoutMs: 2000 });
    try {
      const thread = editedThread();
      await exporter.publish(thread);
      const mail = smtp.received.at(-1)!.parsed;
      expect(mail.text).toContain(EDITED);
      expect(mail.text).not.toContain(thread.ideas[0]!.text);
      const document = parse(String(mail.html));
      expectInertHtml(String(mail.html).replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, ''));
      // The photo still goes with it, inline.
      expect(elements(document).some((e) => e.tagName === 'img' && e.attrs.some((a) => a.name === 'src' && a.value.startsWith('cid:')))).toBe(true);
    } finally {
      exporter.close();
    }
  });
});

describe('webhook: the edit as the thread’s body field', () => {
  it('sends the edit as typed in thread.body and rendered inert in rendered.markdown and rendered.html', async () => {
    const secret = 'whsec-edited-body-0001';
    const receiver = await startWebhookReceiver(secret, () => Date.now());
    try {
      const thread = editedThread();
      await new WebhookExporter({ url: receiver.url, secret }).publish(thread);
      const sent = JSON.parse(receiver.requests[0]!.body) as { thread: { body?: string }; rendered: { markdown: string; html: string } };
      expect(sent.thread.body).toBe(EDITED);
      expectInertHtml(sent.rendered.html);
      // The Markdown stays inert even for a receiver that renders it with raw HTML allowed.
      expectInertHtml(new MarkdownIt({ html: true }).render(sent.rendered.markdown));
    } finally {
      await receiver.close();
    }
  });
});

describe('files: the edit in the thread’s Markdown file', () => {
  it('writes the edited body under the title, inert for a renderer that allows raw HTML, with the photos after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablecloth-edited-'));
    try {
      const thread = editedThread();
      await new FilesExporter(dir).publish(thread);
      const file = readFileSync(join(dir, threadFilePath(thread)), 'utf8');
      expect(file).toContain('**in our own words**');
      expect(file).not.toContain(thread.ideas[0]!.text);
      const html = new MarkdownIt({ html: true }).render(file);
      const tree = parseFragment(html);
      expect(elements(tree).filter((e) => e.tagName === 'img').map((e) => e.attrs.find((a) => a.name === 'src')?.value)).toEqual([`../../photos/${photoFileName(thread.photos[0]!)}`]);
      expectInertHtml(html.replace(/<h2>Photos<\/h2>[\s\S]*$/, ''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
