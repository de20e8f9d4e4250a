/**
 * A webhook receiver that follows the contract docs/export.md gives receivers: it verifies the
 * HMAC signature over `timestamp.body` in constant time, refuses a timestamp more than five
 * minutes from its clock, keeps the first delivery per Idempotency-Key and answers a repeat with
 * the first answer and `Idempotent-Replayed: true`. Real HTTP on 127.0.0.1, port 0. It can be
 * told to fail the next requests with a status, or to store a delivery and lose the answer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered: a status, or 'lost' when it dropped the connection. */
  answer: number | 'lost';
}

export interface TestWebhookReceiver {
  url: string;
  /** Every request, in order of arrival. */
  requests: WebhookRequest[];
  /** The first accepted body per Idempotency-Key. */
  deliveries: Map<string, unknown>;
  /** Answer the next `n` requests with `status` (and headers), without storing them. */
  failNext(n: number, status: number, headers?: Record<string, string>): void;
  /** Store the next `n` deliveries, then drop the connection before answering. */
  loseNextAnswers(n: number): void;
  close(): Promise<void>;
}

const TOLERANCE_S = 300;

/** The documented recipe: HMAC-SHA256(secret, `${timestamp}.${rawBody}`) as hex, compared in constant time. */
export function verifySignature(secret: string, timestamp: string, rawBody: string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(secret: string, now: () => number): Promise<TestWebhookReceiver> {
  const requests: WebhookRequest[] = [];
  const deliveries = new Map<string, unknown>();
  const failures: { status: number; headers: Record<string, string> }[] = [];
  let losing = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record: WebhookRequest = { headers: req.headers, body, answer: 0 };
      requests.push(record);
      const reply = (status: number, headers: Record<string, string> = {}, json: unknown = {}) => {
        record.answer = status;
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(json));
      };
      const failure = failures.shift();
      if (failure) return reply(failure.status, failure.headers);
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json') return reply(415);
      const timestamp = String(req.headers['x-tablecloth-timestamp'] ?? '');
      const signature = String(req.headers['x-tablecloth-signature'] ?? '');
      if (!/^\d+$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > TOLERANCE_S) return reply(401, {}, { error: 'stale' });
      if (!verifySignature(secret, timestamp, body, signature)) return reply(401, {}, { error: 'signature' });
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key === '') return reply(400, {}, { error: 'Idempotency-Key missing' });
      const answer = { url: `https://community.example/t/${encodeURIComponent(key)}` };
      if (deliveries.has(key)) return reply(200, { 'Idempotent-Replayed': 'true' }, answer);
      deliveries.set(key, JSON.parse(body));
      if (losing > 0) {
        losing--;
        record.answer = 'lost';
        return req.socket.destroy();
      }
      reply(201, {}, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/tablecloth`,
    requests,
    deliveries,
    failNext: (n, status, headers = {}) => {
      for (let i = 0; i < n; i++) failures.push({ status, headers });
    },
    loseNextAnswers: (n) => {
      losing = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
