/** Sends each appended entry to the rooms of its audience, redacted for each room (shared/domain/visibility.ts). */
import type { Server } from 'socket.io';
import type { LogEntry } from '../../shared/domain/events.js';
import { own, tableOf, type CafeState } from '../../shared/domain/state.js';
import { ideaOf, visibleTo, type Room, type Scope } from '../../shared/domain/visibility.js';
import type { ClientToServerEvents, Presence, ServerToClientEvents, WallSound } from '../../shared/protocol.js';
import type { Appended } from '../sequencer.js';

export type CafeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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
  const author = seatedAuthor(entry, after);
  for (const [room, previous] of prev) {
    const scope = roomScope(room);
    const wire = visibleTo(scope, entry, after);
    const message = { entries: wire ? [wire] : [], prev: previous, upTo: entry.seq };
    if (author && room === `guests:${author.tableId}`) {
      // The author's own devices get their idea with their participant id (the room's copy has none), same chain.
      const own = visibleTo({ ...scope, role: 'participant', participantId: author.participantId, tableId: author.tableId }, entry, after);
      io.to(ioRoom.of(cafeId, room)).except(ioRoom.link(cafeId, author.participantId)).emit('ops', message);
      io.to(ioRoom.link(cafeId, author.participantId)).emit('ops', { ...message, entries: own ? [own] : [] });
    } else {
      io.to(ioRoom.of(cafeId, room)).emit('ops', message);
    }
  }
}

/** For an event about an idea written by a participant who sits at its table now: who and where. */
function seatedAuthor(entry: LogEntry, after: CafeState): { participantId: string; tableId: string } | null {
  const idea = ideaOf(entry.event, after);
  const participantId = idea?.author.participantId ?? null;
  const participant = participantId === null ? undefined : own(after.participants, participantId);
  if (!idea || !participant || tableOf(participant) !== idea.tableId) return null;
  return { participantId: participant.id, tableId: idea.tableId };
}
