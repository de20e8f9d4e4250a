/**
 * A local NING API server for the exporter's contract tests, on 127.0.0.1 and a free port,
 * following ../shared/reference/ning/NOTES.md and NING's public API pages:
 *
 * - `POST /xn/rest/{subdomain}/2.0/Discussion` creates a discussion; the network's subdomain
 *   must be in the path (an unknown one is 404).
 * - Requests are signed with OAuth 1.0 PLAINTEXT in the Authorization header: the consumer key
 *   must be known, `oauth_token` must be a member's, `oauth_signature` must be
 *   `percentEncode(consumerSecret)&percentEncode(tokenSecret)` (RFC 5849 3.4.4, the header value
 *   itself percent-encoded once more, 3.5.1), nonce and timestamp present, version 1.0, and a
 *   nonce used once. Anything else is 401.
 * - `POST /xn/rest/{subdomain}/1.0/Token` gives a member's token for that member's e-mail and
 *   password in basic auth, the consumer's PLAINTEXT parameters in the form (as NING's clients
 *   send them): `{ success: true, entry: { oauthToken, oauthTokenSecret } }`.
 * - More than 20 requests in one second on a network (on the injected clock) are answered 503.
 *
 * Answer shapes. Errors are `{ success: false, reason, status, code, subcode }` (the fields
 * NING's PHP client reads). A create answers `{ success: true, id }`: NING's PHP client and
 * its tests read the new item's id as the top-level `id` of a create's answer (ning/ning-api-php,
 * test/DiscussionTest.php); NING's response pages show `entry` only for reads. That is the
 * assumption here; the exporter also accepts an `entry` with an `id`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NingMember {
  email: string;
  password: string;
  token: string;
  tokenSecret: string;
}

export interface NingServerOptions {
  subdomain: string;
  consumerKey: string;
  consumerSecret: string;
  members: NingMember[];
  /** The clock the limit of 20 requests per second is counted on; shared with the exporter in tests. */
  clock: { now(): number };
  limitPerSecond?: number;
}

export interface StoredDiscussion {
  id: string;
  title: string;
  description: string;
  bundleId: string | null;
  tagNames: string | null;
  author: string;
}

/** How the server misbehaves on creates, for the "remote side does not behave" tests. */
export type NingMisbehaviour = 'html-200' | 'no-id-200' | 'error-500' | 'hang' | null;

export interface NingServer {
  baseUrl: string;
  discussions: StoredDiscussion[];
  /** Every request's path and status, in order. */
  requests: { path: string; status: number | 'lost' | 'hung' }[];
  /** Stores the n-th create (1-based, from now on) and then destroys the socket instead of answering. */
  loseAnswerOfCreate(n: number): void;
  misbehave(mode: NingMisbehaviour): void;
  close(): Promise<void>;
}

const NETWORK_ID = '6140957';

/** RFC 3986 unreserved characters stay, everything else is %XX of its UTF-8 bytes (RFC 5849 3.6). */
function rfc3986(value: string): string {
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** `OAuth k="v", k2="v2"` into decoded pairs; null when it is not an OAuth header. */
function parseOAuthHeader(header: string | undefined): Map<string, string> | null {
  if (!header?.startsWith('OAuth ')) return null;
  const params = new Map<string, string>();
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([A-Za-z0-9_%.-]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    try {
      params.set(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
    } catch {
      return null;
    }
  }
  return params;
}

export async function startNingServer(options: NingServerOptions): Promise<NingServer> {
  const limit = options.limitPerSecond ?? 20;
  const discussions: StoredDiscussion[] = [];
  const requests: NingServer['requests'] = [];
  const seenNonces = new Set<string>();
  const recent: number[] = [];
  let loseCountdown = 0;
  let mode: NingMisbehaviour = null;

  function answer(res: ServerResponse, path: string, status: number, body: object): void {
    requests.push({ path, status });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
  const failure = (status: number, reason: string, code: number) => ({ success: false, reason, status, code, subcode: 1 });

  /** The signature is checked as NING would: the consumer's, and the member's when a token is given. */
  function signatureError(params: Map<string, string>, memberSecret: string | null): string | null {
    if (params.get('oauth_consumer_key') !== options.consumerKey) return 'Unknown consumer key';
    if (params.get('oauth_signature_method') !== 'PLAINTEXT') return 'Unsupported signature method';
    if (params.has('oauth_version') && params.get('oauth_version') !== '1.0') return 'Unsupported OAuth version';
    const nonce = params.get('oauth_nonce');
    if (!nonce || !/^\d+$/.test(params.get('oauth_timestamp') ?? '')) return 'Missing nonce or timestamp';
    if (seenNonces.has(nonce)) return 'Nonce already used';
    seenNonces.add(nonce);
    const expected = `${rfc3986(options.consumerSecret)}&${memberSecret === null ? '' : rfc3986(memberSecret)}`;
    return params.get('oauth_signature') === expected ? null : 'Invalid signature';
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://ning.test').pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));

    const route = /^\/xn\/rest\/([^/]+)\/(1\.0|2\.0)\/([A-Za-z]+)$/.exec(path);
    if (!route || route[1] !== options.subdomain) return answer(res, path, 404, failure(404, 'No such network or resource', 4));

    const now = options.clock.now();
    while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
    if (recent.length >= limit) {
      requests.push({ path, status: 503 });
      res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html><body>Service Temporarily Unavailable</body></html>');
      return;
    }
    recent.push(now);

    if (req.method === 'POST' && route[2] === '1.0' && route[3] === 'Token') {
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      const [email, ...rest] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
      const member = options.members.find((m) => m.email === email && m.password === rest.join(':'));
      const consumerError = signatureError(new Map(form), null);
      if (!member || consumerError) return answer(res, path, 401, failure(401, member ? consumerError! : 'Invalid e-mail or password', 1));
      return answer(res, path, 200, { success: true, entry: { oauthToken: member.token, oauthTokenSecret: member.tokenSecret } });
    }

    if (req.method === 'POST' && route[2] === '2.0' && route[3] === 'Discussion') {
      const params = parseOAuthHeader(req.headers.authorization);
      const member = options.members.find((m) => m.token === params?.get('oauth_token'));
      const authError = !params ? 'Missing OAuth authorization' : !member ? 'Unknown token' : signatureError(params, member.tokenSecret);
      if (authError || !member) return answer(res, path, 401, failure(401, authError ?? 'Unknown token', 1));
      const title = form.get('title') ?? '';
      const description = form.get('description') ?? '';
      if (!title.trim() || !description.trim()) return answer(res, path, 400, failure(400, 'title and description are required', 2));

      if (mode === 'hang') {
        requests.push({ path, status: 'hung' });
        return;
      }
      if (mode === 'error-500') return answer(res, path, 500, failure(500, 'Internal error', 5));
      if (mode === 'html-200') {
        requests.push({ path, status: 200 });
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Sign in</title><p>Please sign in to continue.</p>');
        return;
      }
      const id = `${NETWORK_ID}:Topic:${discussions.length + 1}`;
      discussions.push({ id, title, description, bundleId: form.get('bundleId'), tagNames: form.get('tagNames'), author: member.email });
      if (mode === 'no-id-200') return answer(res, path, 200, { success: true });
      if (loseCountdown > 0 && --loseCountdown === 0) {
        requests.push({ path, status: 'lost' });
        res.socket?.destroy();
        return;
      }
      return answer(res, path, 200, { success: true, id });
    }

    return answer(res, path, 404, failure(404, 'No such resource', 4));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/xn/rest`,
    discussions,
    requests,
    loseAnswerOfCreate(n) {
      loseCountdown = n;
    },
    misbehave(next) {
      mode = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
