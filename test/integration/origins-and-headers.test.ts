/**
 * The origin allowlist (server/origins.ts) on the Socket.IO handshake and over HTTP, the security
 * headers a café on a LAN can live with (server/http/security-headers.ts), and the largest
 * message the socket takes — with real Socket.IO clients that send the Origin header a browser
 * page would.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originPolicy } from '../../server/origins.js';
import { MAX_MESSAGE_BYTES } from '../../server/socket/io.js';
import { ERRORS, type WireError } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { connect } from '../helpers/client.js';
import { createCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';
import type { CafeLinks } from '../../server/reception.js';

const PARTNER = 'https://partner.example.org';
const FOREIGN = 'http://evil.example';

let server: TestServer;
let links: CafeLinks;
let host: string;

beforeAll(async () => {
  server = await startServer({ allowedOrigins: [PARTNER] });
  links = await createCafe(server);
  host = new URL(server.url).host;
});
afterAll(async () => server?.close());

/** A handshake as a page at `origin` makes it: its result, a connection or the refusal's data. */
async function handshake(origin: string | null, transport: 'websocket' | 'polling'): Promise<'connected' | WireError | undefined> {
  const socket: Socket = io(server.url, {
    auth: { secret: secretOf(links.wall[0]!), protocol: PROTOCOL_VERSION },
    transports: [transport],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  try {
    return await new Promise((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', (error) => resolve((error as Error & { data?: WireError }).data));
    });
  } finally {
    socket.close();
  }
}

describe('the origin allowlist on the Socket.IO handshake', () => {
  it.each(['websocket', 'polling'] as const)('refuses a page from a foreign origin with ORIGIN_NOT_ALLOWED (%s)', async (transport) => {
    expect(await handshake(FOREIGN, transport)).toEqual({ code: 'ORIGIN_NOT_ALLOWED', message: ERRORS.ORIGIN_NOT_ALLOWED.message, retryable: false });
  });

  it.each([
    ['the server’s own origin', () => `http://${host}`],
    ['an origin in ALLOWED_ORIGINS', () => PARTNER],
    ['no Origin header (not a browser page)', () => null],
  ])('lets %s connect', async (_name, origin) => {
    expect(await handshake(origin(), 'websocket')).toBe('connected');
  });

  it('refuses the "null" origin of a sandboxed frame or a file, and a look-alike host', async () => {
    expect(await handshake('null', 'websocket')).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect(await handshake(`http://${host}.evil.example`, 'websocket')).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
  });
});

describe('the origin allowlist over HTTP', () => {
  it('refuses a café created from a foreign page with 403 ORIGIN_NOT_ALLOWED, and creates nothing', async () => {
    const before = (await fetch(`${server.url}/api/join/${links.joinCode}`)).status;
    const response = await fetch(`${server.url}/api/cafes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: FOREIGN },
      body: JSON.stringify({ title: 'Not yours', tables: 2, rounds: [{ question: 'Why?', durationMs: 60_000 }] }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'ORIGIN_NOT_ALLOWED', message: ERRORS.ORIGIN_NOT_ALLOWED.message, retryable: false } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(before).toBe(200);
  });

  it('sends no CORS headers by default: the faces are same-origin', async () => {
    for (const origin of [undefined, `http://${host}`]) {
      const response = await fetch(`${server.url}/api/join/${links.joinCode}`, { headers: origin ? { origin } : {} });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('gives an origin in ALLOWED_ORIGINS CORS headers and answers its preflight', async () => {
    const preflight = await fetch(`${server.url}/api/cafes/${links.cafeId}/ops`, {
      method: 'OPTIONS',
      headers: { origin: PARTNER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const response = await fetch(`${server.url}/api/cafes/${links.cafeId}/ops`, {
      method: 'POST',
      headers: { origin: PARTNER, 'content-type': 'application/json', authorization: `Bearer ${secretOf(links.facilitator)}` },
      body: JSON.stringify({ id: randomUUID(), op: { type: 'broadcast', text: 'From the partner site' } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('allows PUBLIC_URL’s origin as its own, whatever Host a proxy passes on', () => {
    const policy = originPolicy([], 'https://cafe.example.org/tablecloth');
    expect(policy.allows('https://cafe.example.org', 'internal:3000')).toBe(true);
    expect(policy.allows('https://cafe.example.org:8443', 'internal:3000')).toBe(false);
    expect(policy.allows('http://192.168.1.20:3000', '192.168.1.20:3000')).toBe(true);
    expect(policy.allows('http://192.168.1.20:3000', '192.168.1.20:3001')).toBe(false);
    expect(policy.allows(undefined, undefined)).toBe(true);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy, and no HSTS or upgrade-insecure-requests (a café runs on plain http)', async () => {
    const response = await fetch(`${server.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('puts no directive a forged Host header could inject into the policy', async () => {
    const { request } = await import('node:http');
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/healthz`, { headers: { host: "x; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(csp).not.toContain('unsafe-inline\'; ');
    expect(csp.match(/script-src/g)).toHaveLength(2); // script-src and script-src-attr, nothing more
  });

  it('keeps the API documentation at /docs working', async () => {
    const page = await fetch(`${server.url}/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-initializer.js');
    expect((await fetch(`${server.url}/docs/json`)).status).toBe(200);
  });
});

describe('the largest message', () => {
  it('takes a pie café’s round with 100 tables’ questions of 500 four-byte characters (a bigger message: bad-input.test.ts)', async () => {
    const tables = 100;
    const pie = await createCafe(server, {
      title: 'A hundred tables',
      language: 'en',
      stakeholderGroups: [],
      travelMs: 60_000,
      tables,
      rounds: [
        { question: 'First?', durationMs: 60_000 },
        { question: 'Second?', durationMs: 60_000 },
      ],
    });
    const facilitator = await connect(server.url, secretOf(pie.facilitator));
    try {
      await facilitator.must({ type: 'editCafe', mode: 'pie' });
      const tableQuestions = Object.fromEntries(pie.tables.map((t) => [t.tableId, '🌍'.repeat(500)]));
      const op = { type: 'editRound', round: 1, tableQuestions } as const;
      const bytes = Buffer.byteLength(JSON.stringify({ id: randomUUID(), op }));
      expect(bytes).toBeGreaterThan(200_000);
      expect(bytes).toBeLessThan(MAX_MESSAGE_BYTES);
      expect(await facilitator.send(op)).toMatchObject({ ok: true });
      expect(facilitator.socket.connected).toBe(true);
    } finally {
      facilitator.close();
    }
  });
});
