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
    // Every request is looked at, not only a connection's first: a page's keep-alive connection
    // may carry a long-polling request later.
    const refused = (chunk: Buffer) => {
      const text = chunk.subarray(0, 200).toString('latin1');
      return (cut && text.includes('/socket.io/')) || (noWebSocket && text.includes('transport=websocket'));
    };
    let upstream: net.Socket | null = null;
    const pending: Buffer[] = [];
    client.on('data', (chunk) => {
      if (refused(chunk)) {
        client.destroy();
        upstream?.destroy();
        return;
      }
      if (upstream?.writable && !upstream.connecting) upstream.write(chunk);
      else pending.push(chunk);
      if (upstream) return;
      const socket = net.connect(target.port, target.host, () => {
        for (const p of pending.splice(0)) socket.write(p);
      });
      upstream = socket;
      open.add(socket);
      socket.on('data', (data) => client.write(data));
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
      });
      socket.on('error', () => socket.destroy());
      client.on('close', () => socket.destroy());
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
