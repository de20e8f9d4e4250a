import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../server/export/exporter.js';
import { MailExporter, messageIdFor, type MailTarget } from '../../server/export/mail.js';
import { headerText, plainText } from '../../server/export/neutralize.js';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { freePort } from '../helpers/redis-server.js';
import { generateThreads, TINY_JPEG } from '../helpers/seed-threads.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp-server.js';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
type Element = DefaultTreeAdapterTypes.Element;

const CREDENTIALS = { user: 'harvest@example.org', pass: 'secret-pass-7f3a' };
const clock = { now: () => Date.UTC(2026, 2, 14, 18, 30), sleep: async () => undefined };
const threads = generateThreads({ hostile: true, photos: true });
let smtp: TestSmtpServer;

function target(port: number, overrides: Partial<MailTarget> = {}): MailTarget {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    auth: CREDENTIALS,
    from: 'Tablecloth <harvest@example.org>',
    to: 'weltcafe@lists.example.org',
    domain: 'cafe.example.org',
    timeoutMs: 2_000,
    ...overrides,
  };
}

async function sendAll(exporter: MailExporter, list: readonly SeedThread[]) {
  const outcomes = [];
  for (const thread of list) outcomes.push(await exporter.publish(thread));
  return outcomes;
}

function elements(node: Node): Element[] {
  const own = 'tagName' in node ? [node as Element] : [];
  const children = 'childNodes' in node ? node.childNodes.flatMap((child) => elements(child)) : [];
  return [...own, ...children];
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if ('tagName' in node && node.tagName === 'br') return '\n';
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

beforeAll(async () => {
  smtp = await startSmtpServer(CREDENTIALS);
});
afterAll(async () => {
  await smtp.close();
});

describe('mail exporter against a real SMTP server', () => {
  let mails: ReceivedMail[];

  beforeAll(async () => {
    const exporter = new MailExporter(target(smtp.port), clock);
    try {
      const outcomes = await sendAll(exporter, threads);
      expect(outcomes.every((o) => o.status === 'created')).toBe(true);
    } finally {
      exporter.close();
    }
    mails = smtp.received.splice(0);
  }, 60_000);

  it('delivers one parseable message per thread, 135 in all, to the list address after logging in', () => {
    expect(mails).toHaveLength(135);
    expect(smtp.logins.every((user) => user === CREDENTIALS.user)).toBe(true);
    for (const mail of mails) {
      expect(mail.envelope).toEqual({ from: 'harvest@example.org', to: ['weltcafe@lists.example.org'] });
      expect(mail.parsed.to).toMatchObject({ value: [{ address: 'weltcafe@lists.example.org' }] });
      expect(mail.parsed.replyTo).toMatchObject({ value: [{ address: 'weltcafe@lists.example.org' }] });
    }
  });

  it('gives each message a Message-ID from the café and the thread, the same on every run and different per thread', () => {
    const ids = mails.map((m) => m.parsed.messageId);
    expect(ids).toEqual(threads.map((t) => messageIdFor(t.cafeId, t.id, 'cafe.example.org')));
    expect(new Set(ids).size).toBe(135);
    expect(ids[0]).toMatch(/^<table-1-round-0-[0-9a-f]{8}\.[0-9a-f]{16}@cafe\.example\.org>$/);
    expect(messageIdFor('other-cafe', threads[0]!.id, 'cafe.example.org')).not.toBe(ids[0]);
  });

  it('sets Subject, Date, Content-Language and the thread header', () => {
    mails.forEach((mail, i) => {
      const thread = threads[i]!;
      expect(mail.parsed.subject).toBe(headerText(thread.title, 200));
      expect(mail.parsed.date?.getTime()).toBe(clock.now());
      expect(mail.parsed.headers.get('content-language')).toBe('de');
      expect(mail.parsed.headers.get('x-tablecloth-thread')).toMatch(/^cafe-export-test-[0-9a-f]{8}\/table-\d+-round-\d-[0-9a-f]{8}$/);
    });
    const rtl = mails.find((m, i) => threads[i]!.title.includes('\u202E'))!;
    expect(rtl.parsed.subject).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(rtl.parsed.subject).toContain('gnp.exe and more text');
  });

  it('carries the ideas in the text part as plain text', () => {
    mails.forEach((mail, i) => {
      for (const idea of threads[i]!.ideas) expect(mail.parsed.text).toContain(plainText(idea.text));
      expect(mail.parsed.text).toContain('Was würdest du ergänzen?');
    });
  });

  it('keeps hostile text inert in the HTML part: no script, handler or link, the ideas as their literal text', () => {
    mails.forEach((mail, i) => {
      const thread = threads[i]!;
      const document = parse(mail.parsed.html as string);
      const all = elements(document);
      expect(all.filter((e) => ['script', 'a', 'iframe', 'object', 'embed', 'form'].includes(e.tagName))).toEqual([]);
      expect(all.filter((e) => e.attrs.some((a) => a.name.startsWith('on')))).toEqual([]);
      const ideas = all.filter((e) => e.attrs.some((a) => a.name === 'class' && a.value === 'idea')).map(textOf);
      expect(ideas).toEqual(thread.ideas.map((idea) => plainText(idea.text)));
      expect(textOf(all.find((e) => e.tagName === 'h1')!)).toBe(plainText(thread.title));
    });
  });

  it('attaches the photos intact as inline images the HTML part shows by content id', () => {
    for (const mail of mails) {
      expect(mail.parsed.attachments).toHaveLength(1);
      const photo = mail.parsed.attachments[0]!;
      expect(photo.contentType).toBe('image/jpeg');
      expect(Buffer.compare(photo.content, TINY_JPEG)).toBe(0);
      expect(photo.filename).toMatch(/^photo-\d-\d+-[0-9a-f]{8}\.jpg$/);
      expect(photo.contentDisposition).toBe('inline');
      expect(photo.cid).toMatch(/^photo-\d-\d+-[0-9a-f]{8}@cafe\.example\.org$/);
      const images = elements(parse(mail.parsed.html as string)).filter((e) => e.tagName === 'img');
      expect(images.map((img) => img.attrs.find((a) => a.name === 'src')!.value)).toEqual([`cid:${photo.cid}`]);
    }
  });

  it('turns a title that tries to add a header into one Subject line, with no header of its own', async () => {
    const exporter = new MailExporter(target(smtp.port), clock);
    try {
      await exporter.publish({ ...threads[0]!, id: 'injection', title: 'Hello\r\nBcc: victim@example.com\r\n\r\n<b>body</b>' });
    } finally {
      exporter.close();
    }
    const [mail] = smtp.received.splice(0);
    expect(mail!.parsed.subject).toBe('Hello Bcc: victim@example.com <b>body</b>');
    expect(mail!.parsed.bcc).toBeUndefined();
    expect(mail!.parsed.headers.has('bcc')).toBe(false);
    expect(mail!.envelope.to).toEqual(['weltcafe@lists.example.org']);
  });
});

describe('mail exporter: delivery guarantee and failures', () => {
  it('sends again after a lost answer with the same Message-ID, so the duplicate is recognisable (at least once)', async () => {
    const exporter = new MailExporter(target(smtp.port), clock);
    smtp.loseAnswers(1);
    try {
      const lost = await exporter.publish(threads[7]!).catch((error: unknown) => error);
      expect(lost).toBeInstanceOf(ExportError);
      expect(lost).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
      await expect(exporter.publish(threads[7]!)).resolves.toMatchObject({ status: 'created', remoteId: messageIdFor(threads[7]!.cafeId, threads[7]!.id, 'cafe.example.org') });
    } finally {
      exporter.close();
    }
    const copies = smtp.received.splice(0);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((m) => m.parsed.messageId)).size).toBe(1);
  });

  /** What publishing one thread to `mailTarget` fails with; nothing may arrive. */
  async function failure(mailTarget: MailTarget): Promise<ExportError> {
    const exporter = new MailExporter(mailTarget, clock);
    try {
      const error = await exporter.publish(threads[0]!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      expect(smtp.received.splice(0)).toEqual([]);
      return error as ExportError;
    } finally {
      exporter.close();
    }
  }

  it('reports a refused login as TARGET_AUTH, final, without the password in the message', async () => {
    const error = await failure(target(smtp.port, { auth: { user: CREDENTIALS.user, pass: 'wrong-pass' } }));
    expect(error).toMatchObject({ code: 'TARGET_AUTH', retryable: false });
    expect(error.message).not.toContain('wrong-pass');
    expect(error.message).not.toContain(CREDENTIALS.user);
  });

  it('reports a list address the server rejects (550) as TARGET_REFUSED, final', async () => {
    smtp.unknownRecipients.add('no-such-list@lists.example.org');
    try {
      expect(await failure(target(smtp.port, { to: 'no-such-list@lists.example.org' }))).toMatchObject({ code: 'TARGET_REFUSED', retryable: false });
    } finally {
      smtp.unknownRecipients.clear();
    }
  });

  it('reports a server that is down as TARGET_UNREACHABLE, retryable', async () => {
    expect(await failure(target(await freePort()))).toMatchObject({ code: 'TARGET_UNREACHABLE', retryable: true });
  });
});
