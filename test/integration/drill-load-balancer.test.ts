/**
 * The deployment of docs/deploy.md, exercised: two server processes on one Redis behind a load
 * balancer that spreads requests round robin, without sticky sessions (test/helpers/load-balancer.ts,
 * standing in for the nginx example). Clients on the WebSocket transport — as the faces and the
 * simulated tablets connect — work through it; a client on HTTP long-polling does not, and works
 * once the balancer is sticky by client address (nginx's ip_hash). That is the trade-off the guide
 * describes.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/protocol.js';
import { DrillRig, until } from '../helpers/drill-rig.js';
import { expectEveryIdeaOnce, readLogFromRedis, waitForViews } from '../helpers/idea-audit.js';
import { startLoadBalancer } from '../helpers/load-balancer.js';
import { createCafe, defaultSetup, secretOf } from '../helpers/server.js';
import { SimulatedTablet } from '../helpers/tablet.js';

const TABLES = 4;
const IDEAS_PER_TABLET = 5;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client on HTTP long-polling only: whether it got its snapshot, or why not. */
async function pollingClient(url: string, secret: string): Promise<{ connected: boolean; why: string; socket: ClientSocket }> {
  const socket: ClientSocket = io(url, { auth: { secret, protocol: PROTOCOL_VERSION }, transports: ['polling'], reconnection: false, forceNew: true });
  const why = await new Promise<string>((resolve) => {
    socket.once('snapshot', () => resolve(''));
    socket.once('connect_error', (e) => resolve(`connect_error: ${e.message} ${JSON.stringify((e as Error & { description?: unknown }).description ?? '')}`));
    socket.once('disconnect', (reason) => resolve(`disconnect: ${reason}`));
    setTimeout(() => resolve('no answer in 5 s'), 5000);
  });
  return { connected: why === '', why, socket };
}

describe('several processes behind a load balancer (docs/deploy.md)', () => {
  const rig = new DrillRig();
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await rig.teardown();
  });

  it('WebSocket clients work through a round-robin balancer without sticky sessions; long-polling needs stickiness', async () => {
    const { redis, cluster } = await rig.start({ processes: 2, appendfsync: false });
    const balancer = await startLoadBalancer(cluster.servers.map((s) => s.url));
    closers.push(() => balancer.close());
    const links = await createCafe(balancer, { ...defaultSetup, tables: TABLES });

    // Every device knows only the balancer's address, as behind nginx.
    const open = async (secret: string) => rig.track(await SimulatedTablet.open({ urls: [balancer.url], secret }));
    const facilitator = await open(secretOf(links.facilitator));
    await until(() => facilitator.state !== null, 'the facilitator’s snapshot', 10_000);
    await facilitator.put({ type: 'openCafe' });
    await facilitator.put({ type: 'startRound' });
    const tablets = await Promise.all(links.tables.map((t) => open(secretOf(t.host))));
    const walls = await Promise.all([0, 1].map(() => open(secretOf(links.wall[0]!))));
    const devices = [facilitator, ...tablets, ...walls];
    await until(() => devices.every((d) => d.connected && d.state !== null), 'every device’s first snapshot', 10_000);
    // Round robin put devices on both processes.
    expect(balancer.upgrades.every((n) => n > 0)).toBe(true);

    const written = new Map<string, string>();
    await Promise.all(
      tablets.map(async (tablet, t) => {
        for (let n = 0; n < IDEAS_PER_TABLET; n++) {
          const text = `Table ${t + 1}, idea ${n}`;
          written.set(await tablet.addIdea(text), text);
        }
      }),
    );
    await Promise.all(devices.map((d) => d.whenSettled(10_000)));
    const log = await readLogFromRedis(redis.url, links.cafeId);
    const views = [
      { name: 'facilitator', replica: facilitator.replica },
      ...tablets.map((d, i) => ({ name: `tablet ${i + 1}`, replica: d.replica })),
      ...walls.map((d, i) => ({ name: `wall ${i + 1}`, replica: d.replica })),
    ];
    await waitForViews(views, log, 10_000);
    expectEveryIdeaOnce({ log, written, acknowledged: new Set(tablets.flatMap((t) => [...t.acknowledged])), views });

    // Long-polling is many requests: round robin sends them to processes that do not know the session.
    const wallSecret = secretOf(links.wall[0]!);
    const unsticky = await pollingClient(balancer.url, wallSecret);
    unsticky.socket.io.reconnection(false);
    unsticky.socket.disconnect();
    // 400: the process the request reached answers "Session ID unknown".
    expect(unsticky.why).toMatch(/^connect_error: xhr (post|poll) error 400/);

    // Sticky by client address, every request of the session reaches the same process.
    const sticky = await startLoadBalancer(cluster.servers.map((s) => s.url), { sticky: true });
    closers.push(() => sticky.close());
    const pinned = await pollingClient(sticky.url, secretOf(links.tables[0]!.host));
    try {
      expect(pinned.connected).toBe(true);
      const ideaId = randomUUID();
      const ack = await pinned.socket.timeout(5000).emitWithAck('op', { id: randomUUID(), op: { type: 'addIdea', ideaId, tableId: '1', round: 0, text: 'Sent over long-polling' } });
      expect(ack).toMatchObject({ ok: true });
      expect(sticky.requests.filter((n) => n > 0)).toHaveLength(1);
    } finally {
      pinned.socket.disconnect();
    }
  }, 45_000);
});
