/**
 * What each role may see (A rules). One function decides both the live fan-out and the
 * catch-up, so the two cannot disagree.
 *
 * Every connected client listens to exactly one "room": the facilitator to `staff`, a wall to
 * `wall`, a host to `host:<table>`, a seated participant to `guests:<table>`, a participant
 * without a seat to `lobby`. Each event goes to the rooms of its audience; each message says
 * the sequence number of the previous event sent to that room, so a client tells a gap (fetch)
 * from events that were simply not for it.
 */
import type { ErrorCode } from '../errors.js';
import type { CafeEvent, LogEntry, WireEntry } from './events.js';
import { resolveActor } from './reducer.js';
import { own, tableOf, withNumber, type CafeState, type Idea, type Participant, type SeatPlan } from './state.js';

export type Scope =
  | { role: 'facilitator' }
  | { role: 'wall' }
  | { role: 'host'; tableId: string }
  | { role: 'participant'; participantId: string; tableId: string | null };

export type Room = 'staff' | 'wall' | 'lobby' | `host:${string}` | `guests:${string}`;

/** The scope a link has in the café now, or why it has none. */
export function scopeOf(state: CafeState, linkId: string): Scope | ErrorCode {
  const actor = resolveActor(state, linkId);
  if (typeof actor === 'string') return actor;
  switch (actor.kind) {
    case 'facilitator':
      return { role: 'facilitator' };
    case 'wall':
      return { role: 'wall' };
    case 'host':
      return { role: 'host', tableId: actor.tableId };
    case 'participant': {
      const p = own(state.participants, actor.participantId);
      return { role: 'participant', participantId: actor.participantId, tableId: p ? tableOf(p) : null };
    }
    case 'system':
      return 'FORBIDDEN';
  }
}

export function roomOf(scope: Scope): Room {
  switch (scope.role) {
    case 'facilitator':
      return 'staff';
    case 'wall':
      return 'wall';
    case 'host':
      return `host:${scope.tableId}`;
    case 'participant':
      return scope.tableId === null ? 'lobby' : `guests:${scope.tableId}`;
  }
}

export function sameScope(a: Scope, b: Scope): boolean {
  return roomOf(a) === roomOf(b) && (a.role !== 'participant' || (b.role === 'participant' && a.participantId === b.participantId));
}

/** The harvest and after: everyone sees every table's (visible) ideas. */
export function isHarvest(state: CafeState): boolean {
  return state.phase.kind === 'harvest' || state.phase.kind === 'closed';
}

function everyRoom(state: CafeState): Room[] {
  const rooms: Room[] = ['staff', 'wall', 'lobby'];
  for (const t of state.tables) rooms.push(`host:${t.id}`, `guests:${t.id}`);
  return rooms;
}

/** The idea an event is about, as it is in `state` (or as the event carries it). */
export function ideaOf(event: CafeEvent, state: CafeState): Idea | undefined {
  switch (event.type) {
    case 'ideaAdded':
    case 'ideaRestored':
      return own(state.ideas, event.idea.id) ?? event.idea;
    case 'ideaEdited':
    case 'ideaStarred':
    case 'ideaDeleted':
    case 'ideaHidden':
      return own(state.ideas, event.ideaId);
    default:
      return undefined;
  }
}

/** The rooms an event is sent to, judged on the state after it was applied. */
export function audience(event: CafeEvent, after: CafeState): Room[] {
  switch (event.type) {
    case 'ideaAdded':
    case 'ideaRestored':
    case 'ideaEdited':
    case 'ideaStarred':
    case 'ideaDeleted':
    case 'ideaHidden': {
      const idea = ideaOf(event, after);
      if (!idea) return ['staff'];
      // A14: in the harvest the whole room listens together, so every table hears every idea.
      if (isHarvest(after)) return everyRoom(after);
      return ['staff', 'wall', `host:${idea.tableId}`, `guests:${idea.tableId}`];
    }
    case 'participantLeft': {
      // M9: the phone itself hears of it too (the facilitator may have said so), in its room's chain.
      const p = own(after.participants, event.participantId);
      const table = p ? tableOf(p) : null;
      return p ? ['staff', 'wall', table === null ? 'lobby' : `guests:${table}`] : ['staff', 'wall'];
    }
    case 'participantJoined':
    case 'participantAdded':
    case 'seatTaken':
    case 'profileUpdated':
    case 'hostSet':
      // M11: the wall counts the room's mix (by number and group only, see anonymous()).
      return ['staff', 'wall'];
    case 'cafeCreated':
    case 'linkIssued':
    case 'linkRevoked':
    case 'rotationRequested':
    case 'seedThreadEdited':
      return ['staff'];
    case 'phaseChanged':
    case 'broadcastSet':
    case 'cafeEdited':
    case 'roundsChanged':
    case 'tableAdded':
    case 'tableEdited':
    case 'rehearsalStarted':
    case 'rehearsalReset':
    // H8: the harvest happens in front of the whole room.
    case 'harvestCardSet':
    case 'themeCreated':
    case 'themeRenamed':
    case 'ideasMoved':
    case 'themesMerged':
    case 'themeDeleted':
    case 'voteChanged':
    case 'dotCast':
    case 'paperDotsSet':
    case 'spotlightSet':
    case 'photoAdded':
    case 'photoHidden':
    case 'rotationPlanned':
      return everyRoom(after);
  }
}

/**
 * Whether a scope sees a hidden idea: the facilitator and the table's host do, and so does its
 * author — it is their own text, and a phone that silently lost it would only type it again
 * (I9, I14); the wall and other phones do not.
 */
function seesHidden(scope: Scope, idea: Idea): boolean {
  if (scope.role === 'facilitator') return true;
  if (scope.role === 'host') return idea.tableId === scope.tableId;
  return scope.role === 'participant' && scope.participantId !== '' && scope.participantId === idea.author.participantId;
}

/**
 * An idea as a scope may see it: names only where the author agreed to show them, and the
 * author's participant id only to the author (it would link one person's ideas across tables).
 */
export function ideaFor(scope: Scope, idea: Idea): Idea {
  if (scope.role === 'facilitator') return idea;
  const own = scope.role === 'participant' && scope.participantId !== '' && scope.participantId === idea.author.participantId;
  if (own) return idea;
  const hideName = !idea.consent.showName && idea.author.displayName !== null;
  if (!hideName && idea.author.participantId === null) return idea;
  return { ...idea, author: { ...idea.author, participantId: null, displayName: hideName ? null : idea.author.displayName } };
}

/**
 * The entry as `scope` may receive it, judged on the state after it (live) or on the current
 * state (catch-up); null when it is not for this scope at all.
 */
export function visibleTo(scope: Scope, entry: LogEntry, state: CafeState): WireEntry | null {
  const { event } = entry;
  if (!audience(event, state).includes(roomOf(scope))) return null;
  const wire = (e: CafeEvent): WireEntry => ({ seq: entry.seq, opId: entry.opId, at: entry.at, event: e });
  if (scope.role === 'facilitator') return wire(event);
  if (event.type === 'rotationPlanned') return wire({ ...event, plan: planFor(scope, event.plan, state) });
  if (scope.role === 'wall') {
    const anon = anonymousEvent(event, state);
    if (anon) return wire(anon);
  }
  if (event.type === 'participantLeft') return scope.role === 'participant' && scope.participantId === event.participantId ? wire(event) : null;
  // H8: who put a dot where is the facilitator's and that phone's to know; the room sees totals.
  if (event.type === 'dotCast' && !(scope.role === 'participant' && scope.participantId === event.participantId)) {
    return wire({ ...event, participantId: null });
  }
  const idea = ideaOf(event, state);
  if (!idea) return wire(event);
  // I9: deleted ideas and ideas hidden now never carry their text to those who may not see it.
  if (idea.deleted && event.type !== 'ideaDeleted') return null;
  if (!seesHidden(scope, idea) && idea.hidden) {
    if (event.type === 'ideaAdded' || event.type === 'ideaEdited' || event.type === 'ideaRestored') return null;
    return wire(event);
  }
  switch (event.type) {
    case 'ideaAdded':
      return wire({ type: 'ideaAdded', idea: ideaFor(scope, { ...event.idea, seq: entry.seq }) });
    case 'ideaHidden':
      // For those who do not see hidden ideas, an idea shown again arrives whole.
      return !seesHidden(scope, idea) && !event.hidden ? wire({ type: 'ideaRestored', idea: ideaFor(scope, idea) }) : wire(event);
    default:
      return wire(event);
  }
}

/**
 * M5 M11: a plan as a scope may see it: a phone its own seats (no one else's, nor the quality
 * report), hosts how many come to each table and of which groups, the wall that and each
 * participant number's seats (its "find your table" board).
 */
export function planFor(scope: Scope, plan: SeatPlan, state: CafeState): SeatPlan {
  if (scope.role === 'facilitator') return plan;
  if (scope.role === 'participant') {
    const mine = own(plan.seats, scope.participantId);
    return { ...plan, seats: mine && scope.participantId !== '' ? { [scope.participantId]: mine } : {}, arrivals: {}, quality: null };
  }
  if (scope.role === 'host') return { ...plan, seats: {}, quality: null };
  const seats: Record<string, string[]> = {};
  for (const [id, tables] of Object.entries(plan.seats)) {
    const p = own(state.participants, id);
    if (p) seats[anonymousId(p)] = tables;
  }
  return { ...plan, seats, quality: null };
}

/** M11: the wall knows a participant by number only. */
export const anonymousId = (p: Participant): string => `#${p.number}`;

/** M11: a participant as the wall sees them: number, group, seats, host table, left — no id, name or consent. */
export function anonymous(p: Participant): Participant {
  return { ...p, id: anonymousId(p), displayName: null, consent: { publish: false, showName: false }, joinedAt: 0 };
}

/** M11: a participant's event as the wall receives it (null for other events). */
function anonymousEvent(event: CafeEvent, state: CafeState): CafeEvent | null {
  switch (event.type) {
    case 'participantJoined':
    case 'participantAdded': {
      // As the entry recorded them (a catch-up judged on the current state must not carry later
      // seats twice), with the number from the state when an older log lacked it.
      const now = own(state.participants, event.participant.id);
      const p = withNumber(event.participant, (now?.number ?? 1) - 1);
      // Added, not joined: the wall's copy makes no link for it.
      return { type: 'participantAdded', participant: anonymous(p) };
    }
    case 'seatTaken':
    case 'profileUpdated':
    case 'hostSet':
    case 'participantLeft': {
      const p = own(state.participants, event.participantId);
      if (!p) return null;
      const id = anonymousId(p);
      return event.type === 'profileUpdated' ? { ...event, participantId: id, displayName: null, consent: { publish: false, showName: false } } : { ...event, participantId: id };
    }
    default:
      return null;
  }
}

/** The café as `scope` may see it now: the fresh snapshot a client gets on connect or scope change. */
export function snapshotFor(scope: Scope, state: CafeState): CafeState {
  if (scope.role === 'facilitator') return state;
  const table = (scope.role === 'host' || scope.role === 'participant') && !isHarvest(state) ? scope.tableId : undefined;
  const ideas: CafeState['ideas'] = {};
  for (const idea of Object.values(state.ideas)) {
    if (idea.deleted) continue;
    if (table !== undefined && idea.tableId !== table) continue;
    if (idea.hidden && !seesHidden(scope, idea)) continue;
    ideas[idea.id] = ideaFor(scope, idea);
  }
  const participants: CafeState['participants'] = {};
  const links: CafeState['links'] = {};
  const ballots: CafeState['ballots'] = {};
  if (scope.role === 'wall') for (const p of Object.values(state.participants)) participants[anonymousId(p)] = anonymous(p);
  if (scope.role === 'participant') {
    const me = own(state.participants, scope.participantId);
    if (me) participants[me.id] = me;
    const link = own(state.links, scope.participantId);
    if (link) links[link.id] = link;
    const ballot = own(state.ballots, scope.participantId);
    if (ballot) ballots[scope.participantId] = ballot;
  }
  // H14: a hidden photo stays with the facilitator and its table's host.
  const photos: CafeState['photos'] = {};
  for (const p of Object.values(state.photos)) if (!p.hidden || (scope.role === 'host' && scope.tableId === p.tableId)) photos[p.id] = p;
  const plan = state.plan && planFor(scope, state.plan, state);
  // H17: the export's drafts are the facilitator's.
  return { ...state, ideas, participants, links, ballots, photos, plan, seedEdits: {} };
}
