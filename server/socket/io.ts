/**
 * Socket.IO on the Fastify server: authentication in the handshake, one room per scope, catch-up
 * by sequence number, operations acknowledged only once stored, and scope changes (a participant
 * moves, a link is withdrawn) answered with a fresh snapshot or a disconnect.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { CafeEvent, LogEntry } from '../../shared/domain/events.js';
import type { CafeState } from '../../shared/domain/state.js';
import { isHarvest, roomOf, scopeOf, snapshotFor, visibleTo, type Scope } from '../../shared/domain/visibility.js';
import { wireError, type ErrorCode, type WireError } from '../../shared/errors.js';
import {
  MAX_CATCH_UP_ENTRIES,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
  type Snapshot,
  type SyncAck,
} from '../../shared/protocol.js';
import type { Clock } from '../clock.js';
import type { OriginPolicy } from '../origins.js';
import type { DeviceLimiters, Limiter } from '../rate-limits.js';
import { DomainError, type Reception } from '../reception.js';
import { hashSecret } from '../secrets.js';
import type { Sequencer } from '../sequencer.js';
import type { CafeStore } from '../store/store.js';
import { checkHandshake, checkOpRequest, checkStatus, checkSync, checkTime } from '../validation.js';
import { fanOut, ioRoom, presenceOf, type CafeServer, type SocketData } from './fanout.js';

type CafeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketDeps {
  store: CafeStore;
  sequencer: Sequencer;
  reception: Reception;
  clock: Clock;
  /** Largest message accepted, in bytes; MAX_MESSAGE_BYTES by default. */
  maxMessageBytes?: number;
  /** Which pages may connect (server/origins.ts). */
  origins: OriginPolicy;
  /** Per-device budgets, shared with the HTTP routes (server/rate-limits.ts). */
  limiters: DeviceLimiters;
  /** The Socket.IO adapter that fans out across processes (e.g. the Redis streams adapter); in-memory by default. */
  adapter?: ServerOptions['adapter'];
}

/**
 * Whether a phase change may have opened or closed the harvest: into it, or an undo back to the
 * last round (a pause or extension there is counted too, which only costs a snapshot).
 */
function mayCrossHarvest(event: Extract<CafeEvent, { type: 'phaseChanged' }>, state: CafeState): boolean {
  const kind = event.phase.kind;
  if (kind === 'harvest' || kind === 'closed') return true;
  return kind === 'round' && event.undo === null && event.phase.round === state.rounds.length - 1;
}

const PHONE_PRESENCE_MS = 1000;

/** The client events this server answers (shared/protocol.ts `ClientToServerEvents`). */
const KNOWN_EVENTS = new Set<string>(['op', 'sync', 'time', 'status'] satisfies (keyof ClientToServerEvents)[]);

/**
 * Largest message a client may send: 1 MiB, as Fastify's body limit for the same operations over
 * HTTP. The largest legitimate one is a pie café's `editRound` with every table's question: 100
 * tables of 500 four-byte characters is about 210 KB, 1,000 tables of 500-letter questions about
 * 530 KB. A bigger message closes that connection only (the client reconnects).
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

function refusal(code: ErrorCode): Error & { data: WireError } {
  const error = new Error(code) as Error & { data: WireError };
  error.data = wireError(code);
  return error;
}

declare module 'fastify' {
  interface FastifyInstance {
    io: CafeServer;
  }
}

/** The Fastify plugin that attaches Socket.IO to the app's HTTP server (`app.io` afterwards). */
export const socketIo = fp<SocketDeps>(
  async (app, deps) => {
    app.decorate('io', attach(app, deps));
  },
  { name: 'tablecloth-socket-io', fastify: '5.x' },
);

function attach(app: FastifyInstance, deps: SocketDeps): CafeServer {
  const { store, sequencer, reception, clock } = deps;
  const io: CafeServer = new Server(app.server, {
    adapter: deps.adapter,
    maxHttpBufferSize: deps.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    serveClient: false,
    // The polling transport's CORS: only origins in ALLOWED_ORIGINS (or PUBLIC_URL's) get headers.
    cors: { origin: [...deps.origins.listed], credentials: false },
  });

  sequencer.onAppended((appended) => {
    fanOut(io, appended);
    void afterAppend(appended.cafeId, appended.entry, appended.after, appended.before);
  });

  /** Entries that change who sees what: move sockets, or disconnect withdrawn links. */
  async function afterAppend(cafeId: string, entry: LogEntry, state: CafeState, before: CafeState): Promise<void> {
    const e = entry.event;
    try {
      if (e.type === 'phaseChanged' && isHarvest(before) !== isHarvest(state)) {
        // The harvest opens (or an undo closes it): tables' views widen to the whole room, or narrow back.
        await rescope(cafeId, ioRoom.all(cafeId), true);
        return;
      }
      if (e.type === 'seatTaken' || e.type === 'participantJoined' || e.type === 'profileUpdated') {
        // The participant's own record changed (a seat, a name, a consent): their devices get it whole.
        const participantId = e.type === 'participantJoined' ? e.participant.id : e.participantId;
        await rescope(cafeId, ioRoom.link(cafeId, participantId), true);
      } else if (e.type === 'rehearsalReset') {
        await rescope(cafeId, ioRoom.all(cafeId));
      } else if (e.type === 'linkRevoked' || (e.type === 'linkIssued' && e.revokes !== null)) {
        const linkId = e.type === 'linkRevoked' ? e.linkId : e.revokes!;
        const room = ioRoom.link(cafeId, linkId);
        io.to(room).emit('revoked', wireError('LINK_REVOKED'));
        io.in(room).disconnectSockets(true);
      }
    } catch (error) {
      app.log.error({ err: error, cafeId }, 'could not move sockets after a scope change');
    }
  }

  /** Gives every socket in `target` whose room no longer matches its scope the new room and a fresh snapshot (`always`: a snapshot even when the room stays). */
  async function rescope(cafeId: string, target: string, always = false): Promise<void> {
    const prefix = `${cafeId}:`;
    for (const socket of await io.in(target).fetchSockets()) {
      const state = await sequencer.state(cafeId);
      if (!state) return;
      const scope = scopeOf(state, socket.data.linkId);
      if (typeof scope === 'string') continue;
      const wanted = ioRoom.of(cafeId, roomOf(scope));
      const current = [...socket.rooms].filter(
        (r) => r.startsWith(prefix) && r !== ioRoom.all(cafeId) && !r.startsWith(`${prefix}link:`),
      );
      if (current.length !== 1 || current[0] !== wanted) {
        for (const r of current) socket.leave(r);
        socket.join(wanted);
      } else if (!always) continue;
      // Read again after joining: whatever is appended from now on reaches the new room after this snapshot.
      const fresh = (await sequencer.state(cafeId)) ?? state;
      const freshScope = scopeOf(fresh, socket.data.linkId);
      socket.emit('snapshot', snapshot(typeof freshScope === 'string' ? scope : freshScope, fresh));
    }
  }

  function snapshot(scope: Scope, state: CafeState): Snapshot {
    return { scope, state: snapshotFor(scope, state), serverNow: clock.now() };
  }

  /** Everything after `since` this scope may see, or a snapshot when that is too much or `since` is unknown. */
  async function catchUp(cafeId: string, linkId: string, since: number): Promise<SyncAck> {
    const state = await sequencer.state(cafeId);
    if (!state) return { ok: false, error: wireError('CAFE_NOT_FOUND') };
    const scope = scopeOf(state, linkId);
    if (typeof scope === 'string') return { ok: false, error: wireError(scope) };
    if (since === 0 || since > state.seq || state.seq - since > MAX_CATCH_UP_ENTRIES) return { ok: true, kind: 'snapshot', snapshot: snapshot(scope, state) };
    const entries = (await store.readSince(cafeId, since, state.seq - since)).filter((e) => e.seq <= state.seq);
    // The client's scope changed in the meantime (it sat elsewhere, a rehearsal was reset): its view must start afresh.
    const rescoped = entries.some(
      (e) =>
        e.event.type === 'rehearsalReset' ||
        // The harvest opened (or was undone, back to the last round): a table's view widened or narrowed.
        (e.event.type === 'phaseChanged' && (scope.role === 'host' || scope.role === 'participant') && mayCrossHarvest(e.event, state)) ||
        (e.event.type === 'seatTaken' && e.event.participantId === linkId) ||
        (e.event.type === 'participantJoined' && e.event.participant.id === linkId),
    );
    if (rescoped) return { ok: true, kind: 'snapshot', snapshot: snapshot(scope, state) };
    const wire = entries.flatMap((e) => visibleTo(scope, e, state) ?? []);
    return { ok: true, kind: 'ops', entries: wire, upTo: state.seq };
  }

  io.use(async (socket, next) => {
    // A page from another site is refused before its secret is even looked at.
    const { origin, host } = socket.handshake.headers;
    if (!deps.origins.allows(origin, host)) return next(refusal('ORIGIN_NOT_ALLOWED'));
    try {
      const auth = checkHandshake(socket.handshake.auth);
      if (!auth.ok) return next(refusal(auth.error.code));
      if (auth.value.protocol !== PROTOCOL_VERSION) return next(refusal('PROTOCOL_MISMATCH'));
      const who = await reception.authenticate(auth.value.secret);
      socket.data = { cafeId: who.cafe.cafeId, linkId: who.link.id };
      next();
    } catch (error) {
      if (error instanceof DomainError) return next(refusal(error.code));
      app.log.error({ err: error }, 'handshake failed');
      next(refusal('STORE_UNAVAILABLE'));
    }
  });

  io.on('connection', (socket: CafeSocket) => {
    void welcome(socket);
    // The device is its link's secret, hashed as the HTTP routes hash a bearer token: one budget for both.
    const device = hashSecret((socket.handshake.auth as HandshakeAuth).secret);
    /** The device's budget pays for the event; a refusal is answered with RATE_LIMITED and how long to wait. */
    const spent = async (limit: Limiter, ack: (answer: { ok: false; error: WireError }) => void): Promise<boolean> => {
      const refused = await limit(device);
      if (refused) ack({ ok: false, error: refused });
      return refused !== null;
    };
    /**
     * Listens to a client event sent as (payload, callback). Without a callback the event is
     * ignored; a missing payload or extra arguments before the callback are refused as
     * INVALID_PAYLOAD (the payload checked is then `undefined`), never left unanswered.
     */
    const on = <E extends keyof ClientToServerEvents>(event: E, handle: (request: unknown, ack: Parameters<ClientToServerEvents[E]>[1]) => Promise<void>) => {
      (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
        const ack = args.at(-1);
        if (typeof ack !== 'function') return;
        void handle(args.length === 2 ? args[0] : undefined, ack as Parameters<ClientToServerEvents[E]>[1]);
      });
    };
    // An event this server does not know, sent with a callback, is paid for and refused too.
    (socket as unknown as Socket).onAny(async (event: unknown, ...args: unknown[]) => {
      const ack = args.at(-1) as ((answer: { ok: false; error: WireError }) => void) | undefined;
      if ((typeof event === 'string' && KNOWN_EVENTS.has(event)) || typeof ack !== 'function') return;
      if (!(await spent(deps.limiters.requests, ack))) ack({ ok: false, error: wireError('INVALID_PAYLOAD') });
    });
    on('op', async (request, ack) => {
      if (await spent(deps.limiters.ops, ack)) return;
      const checked = checkOpRequest(request);
      if (!checked.ok) return ack({ ok: false, error: checked.error });
      try {
        const { cafeId, linkId } = socket.data;
        const result = await sequencer.submit(cafeId, linkId, checked.value.id, checked.value.op);
        if (result.ok) return ack({ ok: true, seq: result.entry.seq, duplicate: result.duplicate });
        ack({ ok: false, error: wireError(result.code, result.path) });
        if (result.code === 'LINK_REVOKED' || result.code === 'UNAUTHENTICATED') socket.disconnect(true);
      } catch (error) {
        app.log.error({ err: error }, 'operation failed');
        ack({ ok: false, error: wireError('STORE_UNAVAILABLE') });
      }
    });
    on('sync', async (request, ack) => {
      if (await spent(deps.limiters.requests, ack)) return;
      const checked = checkSync(request);
      if (!checked.ok) return ack({ ok: false, error: checked.error });
      try {
        ack(await catchUp(socket.data.cafeId, socket.data.linkId, checked.value.since));
      } catch (error) {
        app.log.error({ err: error }, 'sync failed');
        ack({ ok: false, error: wireError('STORE_UNAVAILABLE') });
      }
    });
    on('status', async (request, ack) => {
      if (await spent(deps.limiters.requests, ack)) return;
      const checked = checkStatus(request);
      if (!checked.ok) return ack({ ok: false, error: checked.error });
      if (socket.data.role !== 'wall') return ack({ ok: false, error: wireError('FORBIDDEN') });
      socket.data.sound = checked.value.sound;
      ack({ ok: true });
      await announcePresence(socket.data.cafeId);
    });
    socket.on('disconnect', () => {
      if (socket.data.role === 'host' || socket.data.role === 'wall') void announcePresence(socket.data.cafeId);
      else if (socket.data.role === 'participant') schedulePresence(socket.data.cafeId);
    });
    on('time', async (request, ack) => {
      if (await spent(deps.limiters.requests, ack)) return;
      const checked = checkTime(request);
      ack(checked.ok ? { ok: true, clientSentAt: checked.value.clientSentAt, serverNow: clock.now() } : { ok: false, error: checked.error });
    });
  });

  /**
   * Phones come and go by the hundred (a whole room joins at once): their count is announced at
   * most once a second per café, not once per phone.
   */
  const presenceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function schedulePresence(cafeId: string): void {
    if (presenceTimers.has(cafeId)) return;
    const timer = setTimeout(() => {
      presenceTimers.delete(cafeId);
      void announcePresence(cafeId);
    }, PHONE_PRESENCE_MS);
    timer.unref();
    presenceTimers.set(cafeId, timer);
  }

  /** Tells the café's facilitators who is connected now. */
  async function announcePresence(cafeId: string): Promise<void> {
    try {
      io.to(ioRoom.of(cafeId, 'staff')).emit('presence', await presenceOf(io, cafeId));
    } catch (error) {
      app.log.warn({ err: error, cafeId }, 'could not collect presence');
    }
  }

  /** Joins the socket's rooms first, then catches it up, so nothing appended in between is missed. */
  async function welcome(socket: CafeSocket): Promise<void> {
    const { cafeId, linkId } = socket.data;
    try {
      const state = await sequencer.state(cafeId);
      const scope = state ? scopeOf(state, linkId) : 'CAFE_NOT_FOUND';
      if (!state || typeof scope === 'string') {
        socket.emit('revoked', wireError(typeof scope === 'string' ? scope : 'UNAUTHENTICATED'));
        socket.disconnect(true);
        return;
      }
      socket.data.role = scope.role;
      socket.data.tableId = scope.role === 'host' || scope.role === 'participant' ? scope.tableId : null;
      await socket.join([ioRoom.all(cafeId), ioRoom.link(cafeId, linkId), ioRoom.of(cafeId, roomOf(scope))]);
      const since = (socket.handshake.auth as { since?: unknown }).since;
      const result = await catchUp(cafeId, linkId, typeof since === 'number' ? since : Number.MAX_SAFE_INTEGER);
      if (!result.ok) {
        socket.emit('revoked', result.error);
        socket.disconnect(true);
      } else if (result.kind === 'ops') socket.emit('ops', { entries: result.entries, prev: since as number, upTo: result.upTo });
      else socket.emit('snapshot', result.snapshot);
      // A facilitator learns who is there; hosts and walls change it at once, phones within a second.
      if (scope.role === 'facilitator') socket.emit('presence', await presenceOf(io, cafeId));
      else if (scope.role !== 'participant') await announcePresence(cafeId);
      else schedulePresence(cafeId);
    } catch (error) {
      app.log.error({ err: error }, 'welcome failed');
      socket.disconnect(true);
    }
  }

  app.addHook('preClose', (done) => {
    // Drop the connections without a "disconnect" message: clients then reconnect by themselves
    // when the server is back (a restart), instead of taking it as a refusal.
    io.engine.close();
    done();
  });
  app.addHook('onClose', async () => {
    for (const timer of presenceTimers.values()) clearTimeout(timer);
    presenceTimers.clear();
    await io.close();
  });
  return io;
}
