/** Sends each appended entry to the rooms of its audience, redacted for each room (shared/domain/visibility.ts). */
import type { Server } from 'socket.io';
import type { Room, Scope } from '../../shared/domain/visibility.js';
import { visibleTo } from '../../shared/domain/visibility.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import type { Appended } from '../sequencer.js';

export type CafeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketData {
  cafeId: string;
  linkId: string;
}

/** Socket.IO room names: a café's rooms are prefixed by its id. */
export const ioRoom = {
  of: (cafeId: string, room: Room) => `${cafeId}:${room}`,
  link: (cafeId: string, linkId: string) => `${cafeId}:link:${linkId}`,
  all: (cafeId: string) => `${cafeId}:all`,
};

/** The scope whose view a room's members share (a room of participants is redacted like any participant of that table). */
export function roomScope(room: Room): Scope {
  if (room === 'staff') return { role: 'facilitator' };
  if (room === 'wall') return { role: 'wall' };
  if (room === 'lobby') return { role: 'participant', participantId: '', tableId: null };
  if (room.startsWith('host:')) return { role: 'host', tableId: room.slice('host:'.length) };
  return { role: 'participant', participantId: '', tableId: room.slice('guests:'.length) };
}

export function fanOut(io: CafeServer, { cafeId, entry, after, prev }: Appended): void {
  for (const [room, previous] of prev) {
    const wire = visibleTo(roomScope(room), entry, after);
    io.to(ioRoom.of(cafeId, room)).emit('ops', { entries: wire ? [wire] : [], prev: previous, upTo: entry.seq });
  }
}
