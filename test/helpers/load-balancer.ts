/**
 * A tiny HTTP load balancer on loopback, standing in for nginx in front of several server
 * processes: each HTTP request and each WebSocket upgrade goes to the next backend in turn
 * (nginx's default), or — `sticky` — always to the same backend for the same client address
 * (nginx's `ip_hash`). It counts where it sent what, so a test can see the spread.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

export interface LoadBalancer {
  url: string;
  /** WebSocket upgrades sent to each backend, by index. */
  readonly upgrades: number[];
  /** Plain HTTP requests (long-polling included) sent to each backend, by index. */
  readonly requests: number[];
  close(): Promise<void>;
}

export async function startLoadBalancer(backends: string[], options: { sticky?: boolean } = {}): Promise<LoadBalancer> {
  const targets = backends.map((b) => new URL(b));
  let next = 0;
  const pick = (req: IncomingMessage): number => {
    if (!options.sticky) return next++ % targets.length;
    const address = req.socket.remoteAddress ?? '';
    let hash = 0;
    for (const ch of address) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return hash % targets.length;
  };
  const upgrades = targets.map(() => 0);
  const requests = targets.map(() => 0);
  const open = new Set<Duplex>();

  const server = createServer((req, res) => {
    const i = pick(req);
    requests[i]!++;
    const target = targets[i]!;
    const forwarded = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });

  // A WebSocket upgrade: replay the request to the backend and join the two connections.
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const i = pick(req);
    upgrades[i]!++;
    const target = targets[i]!;
    const backend = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let k = 0; k < req.rawHeaders.length; k += 2) lines.push(`${req.rawHeaders[k]}: ${req.rawHeaders[k + 1]}`);
      backend.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) backend.write(head);
      backend.pipe(client).pipe(backend);
    });
    for (const s of [client, backend]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        backend.destroy();
      });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    upgrades,
    requests,
    async close() {
      for (const s of open) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
