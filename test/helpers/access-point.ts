/**
 * A venue access point between the browser and the server, on loopback: it forwards TCP, and
 * can "lose" the café's live connection — every open connection is cut, and new Socket.IO
 * connections are refused while pages and scripts still load (as when the venue Wi-Fi keeps
 * serving a cached page but the laptop is unreachable for the socket).
 */
import net from 'node:net';

export interface AccessPoint {
  port: number;
  /** Drops every connection and refuses Socket.IO until `restore`. */
  cut(): void;
  restore(): void;
  /** Refuses WebSocket connections only, as a school proxy that drops the Upgrade does. */
  blockWebSocket(blocked: boolean): void;
  close(): Promise<void>;
}

export async function startAccessPoint(target: { host: string; port: number }): Promise<AccessPoint> {
  let cut = false;
  let noWebSocket = false;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.once('data', (first) => {
      // The request line says what this connection is for: `GET /socket.io/?EIO=4&transport=websocket …`.
      const requestLine = first.subarray(0, 200).toString('latin1');
      if ((cut && requestLine.includes('/socket.io/')) || (noWebSocket && requestLine.includes('transport=websocket'))) {
        client.destroy();
        return;
      }
      const upstream = net.connect(target.port, target.host, () => {
        upstream.write(first);
        client.pipe(upstream).pipe(client);
      });
      open.add(upstream);
      upstream.on('close', () => {
        open.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    blockWebSocket(blocked) {
      noWebSocket = blocked;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
