/**
 * The mailing-list exporter: one e-mail per seed thread to a list address over SMTP
 * (nodemailer), with a plain-text and an HTML part and the photos as inline images.
 *
 * An e-mail has no lookup, so the guarantee is at-least-once: every thread gets a Message-ID
 * derived from the café and the thread, so a message sent again after a lost answer is the same
 * message to list software and mail clients, which drop or fold a duplicate Message-ID.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';
import { ExportError, realClock, type ExportClock, type Exporter, type PublishOutcome } from './exporter.js';
import { photoFileName, safeName } from './file-names.js';
import { ideaOrigin, insightOrigin, labelsFor, mixLine, questionLines } from './labels.js';
import { headerText, plainText } from './neutralize.js';
import { html, threadHtml } from './thread-html.js';

export interface MailTarget {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it, and required with `requireTLS`. */
  secure: boolean;
  requireTLS?: boolean;
  /** Kept on the server: never logged, never part of an error message. */
  auth?: { user: string; pass: string };
  /** The sender as the list knows it, e.g. `Tablecloth <harvest@example.org>` (lists often accept members only). */
  from: string;
  /** The list's posting address. */
  to: string;
  /** The right-hand side of Message-IDs and content ids; `tablecloth.invalid` when none. */
  domain?: string;
  /** Milliseconds to wait for the server to connect and to answer; nodemailer's defaults are minutes. */
  timeoutMs?: number;
}

/** `<thread.cafe@domain>`: the same for the same café and thread on every run, different for anything else. */
export function messageIdFor(cafeId: string, threadId: string, domain = 'tablecloth.invalid'): string {
  const cafe = createHash('sha256').update(cafeId).digest('hex').slice(0, 16);
  return `<${safeName(threadId)}.${cafe}@${domain}>`;
}

function photoCid(photo: SeedPhoto, domain: string): string {
  return `${safeName(photo.id)}@${domain}`;
}

/** The text part: the same content as the HTML part, as plain text (bidi and control characters removed); an edited body as its Markdown. */
export function threadText(thread: SeedThread): string {
  const l = labelsFor(thread.language);
  if (thread.body !== undefined) {
    // The edited Markdown as the facilitator wrote it: text/plain shows it as text, and Markdown reads well as it is.
    const photos = thread.photos.length > 0 ? ['', `${l.photos}: ${thread.photos.map((p) => p.caption).join('; ')}`] : [];
    return plainText([thread.title, '', thread.body.trimEnd(), ...photos, ''].join('\n'));
  }
  const lines = [thread.title, '', ...questionLines(thread), `${l.tables}: ${thread.tableNames.join(', ')}`, `${l.stakeholderMix}: ${mixLine(thread)}`];
  if (thread.votes !== null) lines.push(`${l.votes}: ${thread.votes}`);
  if (thread.insights.length > 0) lines.push('', `${l.keyInsights}:`, ...thread.insights.map((i) => `- ${i.text.replace(/\n/g, '\n  ')} (${insightOrigin(thread, i)})`));
  if (thread.ideas.length > 0) lines.push('', `${l.ideas}:`);
  for (const idea of thread.ideas) {
    const author = idea.author ? ` — ${idea.author}` : '';
    lines.push(`${idea.starred ? '★' : '-'} ${idea.text.replace(/\n/g, '\n  ')}${author} (${ideaOrigin(thread, idea)})`);
  }
  if (thread.photos.length > 0) lines.push('', `${l.photos}: ${thread.photos.map((p) => p.caption).join('; ')}`);
  lines.push('', thread.invitation, '');
  return plainText(lines.join('\n'));
}

function threadPage(thread: SeedThread, domain: string): string {
  return [
    '<!doctype html>',
    `<html lang="${thread.language}"><head><meta charset="utf-8"><title>${html(thread.title)}</title></head><body>`,
    threadHtml(thread, (photo) => `cid:${photoCid(photo, domain)}`, 1),
    '</body></html>',
  ].join('\n');
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/** Nodemailer's errors as the job's codes. Messages are ours: a server's reply may quote the login. */
function exportError(error: SmtpError): ExportError {
  const reply = error.responseCode ? ` (${error.responseCode})` : '';
  if (error.code === 'EAUTH' || error.responseCode === 535 || error.responseCode === 530) {
    return new ExportError('TARGET_AUTH', `The SMTP server refused the login${reply}`, false);
  }
  if (error.responseCode && error.responseCode >= 400 && error.responseCode < 500) {
    return new ExportError('TARGET_UNREACHABLE', `The SMTP server deferred the message${reply}`, true);
  }
  if (error.responseCode && error.responseCode >= 500) {
    return new ExportError('TARGET_REFUSED', `The SMTP server rejected the message${reply}`, false);
  }
  if (error.code === 'EMESSAGE' || error.code === 'EENVELOPE') {
    return new ExportError('TARGET_INVALID', `The message could not be sent as built (${error.code})`, false);
  }
  return new ExportError('TARGET_UNREACHABLE', `The SMTP server could not be reached (${error.code ?? 'network'})`, true);
}

export class MailExporter implements Exporter {
  readonly target = 'mail';
  readonly guarantee =
    'At least once: a thread whose answer was lost is sent again with the same Message-ID, which list software and mail clients recognise as the same message.';
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    private readonly mail: MailTarget,
    private readonly clock: ExportClock = realClock,
  ) {
    this.domain = mail.domain ?? 'tablecloth.invalid';
    const timeout = mail.timeoutMs ?? 30_000;
    // One pooled connection: 135 threads over one SMTP session, not 135 logins. No logger: the
    // transcript would hold the AUTH exchange.
    this.transport = nodemailer.createTransport({
      host: mail.host,
      port: mail.port,
      secure: mail.secure,
      requireTLS: mail.requireTLS ?? false,
      auth: mail.auth,
      pool: true,
      maxConnections: 1,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    });
  }

  async publish(thread: SeedThread): Promise<PublishOutcome> {
    const messageId = messageIdFor(thread.cafeId, thread.id, this.domain);
    try {
      await this.transport.sendMail({
        from: this.mail.from,
        to: this.mail.to,
        replyTo: this.mail.to,
        subject: headerText(thread.title, 200),
        messageId,
        date: new Date(this.clock.now()),
        headers: {
          'Content-Language': thread.language,
          // The stable ids in the clear, for list archives and for people tracing a message back to its café.
          'X-Tablecloth-Thread': `${safeName(thread.cafeId)}/${safeName(thread.id)}`,
        },
        text: threadText(thread),
        html: threadPage(thread, this.domain),
        attachments: thread.photos.map((photo) => ({
          filename: photoFileName(photo),
          content: Buffer.from(photo.bytes),
          contentType: photo.contentType,
          cid: photoCid(photo, this.domain),
          contentDisposition: 'inline' as const,
        })),
      });
    } catch (error) {
      throw exportError(error as SmtpError);
    }
    return { status: 'created', remoteId: messageId, url: null };
  }

  /** Closes the pooled SMTP connection (the job calls it when the export ends). */
  close(): void {
    this.transport.close();
  }
}
