/**
 * A real SMTP server (the `smtp-server` package, which mailing-list hosts' own stacks speak to
 * the same RFC 5321 contract) on 127.0.0.1, port 0. It requires AUTH, keeps every message it
 * accepted, parsed by mailparser, and can answer a message it stored with a temporary failure
 * (the sender then does not know it arrived: a lost answer).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** The logins the server saw (user names only). */
  logins: string[];
  /** Recipients the server refuses with 550 (no such list). */
  unknownRecipients: Set<string>;
  /** Store the next `n` messages but answer each with 451, as if the answer were lost. */
  loseAnswers(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpServer(credentials: { user: string; pass: string }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const logins: string[] = [];
  let losing = 0;
  const unknownRecipients = new Set<string>();
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    // Loopback without TLS: the exporter's TLS is nodemailer's, tested by nodemailer.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (unknownRecipients.has(address.address)) callback(Object.assign(new Error('No such list'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        // cid: references left as they were sent, so a test can match them to the attachments' Content-IDs.
        simpleParser(raw, { skipImageLinks: true }).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
            });
            if (losing > 0) {
              losing--;
              callback(Object.assign(new Error('Local error in processing'), { responseCode: 451 }));
            } else callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    logins,
    unknownRecipients,
    loseAnswers: (n) => {
      losing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
