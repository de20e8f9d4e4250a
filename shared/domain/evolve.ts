/**
 * Applying what the server accepted: the half of the reducer every face needs, kept apart from
 * `decide` so a phone does not download the rules it never judges.
 */
import type { LogEntry } from './events.js';
import { evolveHarvest } from './harvest.js';
import { fromOlderLog, nextNumber, NO_HARVEST, own, seedEditKey, withCapacity, withNumber, type CafeState, type Idea, type Participant, type Phase } from './state.js';

/**
 * Applies an accepted event. Never refuses: a client whose state is filtered for its role may
 * lack the idea or participant an event names, and then the event changes nothing there.
 */
export function evolve(state: CafeState | null, entry: LogEntry): CafeState {
  const e = entry.event;
  if (e.type === 'cafeCreated') return { ...fromOlderLog(e.cafe), seq: entry.seq };
  if (state === null) throw new Error(`event ${e.type} before cafeCreated`);
  const s: CafeState = { ...state, seq: entry.seq };
  const patchIdea = (id: string, patch: Partial<Idea>) => {
    const idea = own(s.ideas, id);
    if (idea) s.ideas = { ...s.ideas, [id]: { ...idea, ...patch } };
  };
  const patchParticipant = (id: string, patch: (p: Participant) => Participant) => {
    const p = own(s.participants, id);
    if (p) s.participants = { ...s.participants, [id]: patch(p) };
  };
  switch (e.type) {
    case 'ideaAdded':
    case 'ideaRestored':
      s.ideas = { ...s.ideas, [e.idea.id]: e.type === 'ideaAdded' ? { ...e.idea, seq: entry.seq } : e.idea };
      break;
    case 'ideaEdited':
      patchIdea(e.ideaId, { text: e.text, editedAt: e.editedAt });
      break;
    case 'ideaStarred':
      patchIdea(e.ideaId, { starred: e.starred });
      break;
    case 'ideaDeleted':
      patchIdea(e.ideaId, { deleted: true, text: '', starred: false });
      break;
    case 'ideaHidden':
      patchIdea(e.ideaId, { hidden: e.hidden, held: false });
      break;
    case 'participantJoined':
    case 'participantAdded':
      s.participants = { ...s.participants, [e.participant.id]: withNumber(e.participant, nextNumber(s) - 1) };
      if (e.type === 'participantJoined') s.links = { ...s.links, [e.participant.id]: { id: e.participant.id, role: 'participant', tableId: null, revoked: false } };
      break;
    case 'hostSet': {
      // M8: one host per table.
      const participants = { ...s.participants };
      for (const p of Object.values(participants)) {
        if (p.id === e.participantId) participants[p.id] = { ...p, hostOf: e.tableId };
        else if (e.tableId !== null && p.hostOf === e.tableId) participants[p.id] = { ...p, hostOf: null };
      }
      s.participants = participants;
      break;
    }
    case 'participantLeft':
      patchParticipant(e.participantId, (p) => ({ ...p, left: e.left }));
      break;
    case 'seatTaken':
      patchParticipant(e.participantId, (p) => ({ ...p, seats: [...p.seats, { round: e.round, tableId: e.tableId }], left: false }));
      break;
    case 'profileUpdated':
      patchParticipant(e.participantId, (p) => ({ ...p, displayName: e.displayName, group: e.group, consent: e.consent }));
      break;
    case 'phaseChanged':
      // R16: a new round or travel time (not a pause or an extension) is a change of phase: its time
      // is recorded, and a message about the old phase ("12 minutes left") comes down with it.
      if (e.phase.kind !== s.phase.kind || phaseRound(e.phase) !== phaseRound(s.phase)) {
        s.phaseChangedAt = entry.at;
        s.broadcast = null;
      }
      s.phase = e.phase;
      s.undo = e.undo;
      s.roundsStarted = e.roundsStarted;
      break;
    case 'broadcastSet':
      s.broadcast = e.broadcast;
      break;
    case 'cafeEdited':
      s.title = e.title;
      s.language = e.language;
      s.stakeholderGroups = e.stakeholderGroups;
      s.travelMs = e.travelMs;
      s.mode = e.mode;
      s.premoderation = e.premoderation;
      s.publishIdeas = e.publishIdeas;
      s.chime = e.chime;
      s.harvestPage = e.harvestPage;
      // Absent in entries written before invitations existed.
      s.invitations = e.invitations ?? s.invitations;
      s.consentAge = e.consentAge ?? s.consentAge;
      if (e.rotation) {
        s.rotation = e.rotation;
        // M1: free movement has no plan; switching back to planned asks for a new one.
        if (!e.rotation.planned) s.plan = null;
      }
      break;
    case 'rotationPlanned':
      s.plan = e.plan;
      break;
    case 'seedThreadEdited': {
      const seedEdits = { ...s.seedEdits };
      const key = seedEditKey(e.edit.grouping, e.edit.threadId);
      // An edit back to the generated thread, chosen, is no edit.
      if (e.edit.title === null && e.edit.body === null && e.edit.publish) delete seedEdits[key];
      else seedEdits[key] = e.edit;
      s.seedEdits = seedEdits;
      break;
    }
    case 'roundsChanged':
      s.rounds = e.rounds;
      break;
    case 'tableAdded':
      s.tables = [...s.tables, withCapacity(e.table)];
      break;
    case 'tableEdited':
      s.tables = s.tables.map((t) => (t.id === e.table.id ? withCapacity(e.table) : t));
      break;
    case 'rehearsalStarted':
      s.rehearsal = true;
      break;
    case 'rehearsalReset':
      s.rehearsal = false;
      s.ideas = {};
      s.phase = { kind: 'lobby' };
      s.phaseChangedAt = entry.at;
      s.undo = null;
      s.roundsStarted = 0;
      s.broadcast = null;
      Object.assign(s, NO_HARVEST);
      s.plan = null;
      s.participants = Object.fromEntries(Object.entries(s.participants).map(([id, p]) => [id, { ...p, seats: [] }]));
      break;
    case 'linkIssued': {
      const links = { ...s.links, [e.link.id]: e.link };
      const old = e.revokes === null ? undefined : own(links, e.revokes);
      if (old) links[old.id] = { ...old, revoked: true };
      s.links = links;
      break;
    }
    case 'linkRevoked': {
      const link = own(s.links, e.linkId);
      if (link) s.links = { ...s.links, [link.id]: { ...link, revoked: true } };
      break;
    }
    default:
      Object.assign(s, evolveHarvest(s, e));
  }
  return s;
}

/** The round a phase belongs to, for telling a change of round from a pause or an extension. */
function phaseRound(phase: Phase): number | null {
  return phase.kind === 'round' || phase.kind === 'travel' ? phase.round : null;
}
