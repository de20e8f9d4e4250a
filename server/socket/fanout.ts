/** Sends each appended entry to the rooms of its audience, redacted for each room (shared/domain/visibility.ts). */
import type { Server } from 'socket.io';
import type { LogEntry } from '../../shared/domain/events.js';
import { own, tableOf, type CafeState } from '../../shared/domain/state.js';
import { ideaOf, visibleTo, type Room, type Scope } from '../../shared/domain/visibility.js';
import type { ClientToServerEvents, Presence, ServerToClientEvents, WallSound } from '../../shared/protocol.js';
import type { Appended } from '../sequencer.js';

/** Messages between server processes, through the adapter: a café deleted on one is forgotten by all. */
export interface ServerSideEvents {
  cafeDeleted: (cafeId: string) => void;
}

export type CafeServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

export interface SocketData {
  cafeId: string;
  linkId: string;
  /** The role and table at connection, for presence. */
  role?: Scope['role'];
  tableId?: string | null;
  /** Walls only: whether this wall can ring the chime. */
  sound?: WallSound;
}

/** Socket.IO room names: a café's rooms are prefixed by its id. */
export const ioRoom = {
  of: (cafeId: string, room: Room) => `${cafeId}:${room}`,
  link: (cafeId: string, linkId: string) => `${cafeId}:link:${linkId}`,
  all: (cafeId: string) => `${cafeId}:all`,
};

/** Who is connected to a café now (every process's sockets, through the adapter). */
export async function presenceOf(io: CafeServer, cafeId: string): Promise<Presence> {
  const presence: Presence = { hosts: {}, walls: [], participants: 0 };
  for (const socket of await io.in(ioRoom.all(cafeId)).fetchSockets()) {
    const { role, tableId, linkId, sound } = socket.data;
    if (role === 'host' && tableId) presence.hosts[tableId] = (presence.hosts[tableId] ?? 0) + 1;
    else if (role === 'wall') presence.walls.push({ linkId, sound: sound ?? 'blocked' });
    else if (role === 'participant') presence.participants++;
  }
  return presence;
}

/** The scope whose view a room's members share (a room of participants is redacted like any participant of that table). */
export function roomScope(room: Room): Scope {
  if (room === 'staff') return { role: 'facilitator' };
  if (room === 'wall') return { role: 'wall' };
  if (room === 'lobby') return { role: 'participant', participantId: '', tableId: null };
  if (room.startsWith('host:')) return { role: 'host', tableId: room.slice('host:'.length) };
  return { role: 'participant', participantId: '', tableId: room.slice('guests:'.length) };
}

export function fanOut(io: CafeServer, { cafeId, entry, after, prev }: Appended): void {
  const owner = ownerOf(entry, after);
  const seated = entry.event.type === 'rotationPlanned' ? phonesByRoom(after) : null;
  for (const [room, previous] of prev) {
    const scope = roomScope(room);
    const wire = visibleTo(scope, entry, after);
    const message = { entries: wire ? [wire] : [], prev: previous, upTo: entry.seq };
    const phones = seated?.get(room);
    if (phones) {
      // M5: each phone gets the plan with its own seats, in the room's chain; the room's copy has none.
      io.to(ioRoom.of(cafeId, room)).except(phones.map((p) => ioRoom.link(cafeId, p.participantId))).emit('ops', message);
      for (const phone of phones) {
        const mine = visibleTo(phone, entry, after);
        io.to(ioRoom.link(cafeId, phone.participantId)).emit('ops', { ...message, entries: mine ? [mine] : [] });
      }
    } else if (owner && room === owner.room) {
      // The owner's own devices get the entry with their participant id (the room's copy has none), same chain.
      const own = visibleTo({ role: 'participant', participantId: owner.participantId, tableId: owner.tableId }, entry, after);
      io.to(ioRoom.of(cafeId, room)).except(ioRoom.link(cafeId, owner.participantId)).emit('ops', message);
      io.to(ioRoom.link(cafeId, owner.participantId)).emit('ops', { ...message, entries: own ? [own] : [] });
    } else {
      io.to(ioRoom.of(cafeId, room)).emit('ops', message);
    }
  }
}

/** The participants of each phone room (lobby and tables), as their scope. */
function phonesByRoom(state: CafeState): Map<Room, Extract<Scope, { role: 'participant' }>[]> {
  const rooms = new Map<Room, Extract<Scope, { role: 'participant' }>[]>();
  for (const p of Object.values(state.participants)) {
    const tableId = tableOf(p);
    const room: Room = tableId === null ? 'lobby' : `guests:${tableId}`;
    const list = rooms.get(room) ?? [];
    list.push({ role: 'participant', participantId: p.id, tableId });
    rooms.set(room, list);
  }
  return rooms;
}

/**
 * The phone whose own copy of an entry differs from its room's: the author of an idea who sits at
 * its table now (I9, A11), the phone that cast a dot (H8) or that left (M9). Who, where they sit, and their room.
 */
function ownerOf(entry: LogEntry, after: CafeState): { participantId: string; tableId: string | null; room: Room } | null {
  if (entry.event.type === 'dotCast' || entry.event.type === 'participantLeft') {
    const participant = entry.event.participantId === null ? undefined : own(after.participants, entry.event.participantId);
    if (!participant) return null;
    const tableId = tableOf(participant);
    return { participantId: participant.id, tableId, room: tableId === null ? 'lobby' : `guests:${tableId}` };
  }
  const idea = ideaOf(entry.event, after);
  const participantId = idea?.author.participantId ?? null;
  const participant = participantId === null ? undefined : own(after.participants, participantId);
  if (!idea || !participant || tableOf(participant) !== idea.tableId) return null;
  return { participantId: participant.id, tableId: idea.tableId, room: `guests:${idea.tableId}` };
}
