/**
 * The one reducer of a café, shared by server and client. `decide` judges a command against the
 * current state (role, scope, phase, limits) and returns the event to record, or a refusal code;
 * `evolve` applies a recorded event. Pure: time, sequence numbers and ids come in as data.
 * The rules are numbered in SPEC.md.
 */
import type { ErrorCode } from '../errors.js';
import {
  BROADCAST_TEXT_MAX,
  DISPLAY_NAME_MAX,
  GROUP_NAME_MAX,
  IDEA_TEXT_MAX,
  cleanText,
  normalizeText,
  QUESTION_MAX,
  TABLE_NAME_MAX,
  TITLE_MAX,
} from '../text.js';
import type { CafeSetup, Command, SystemCommand } from './commands.js';
import type { CafeEvent, LogEntry } from './events.js';
import { evolve } from './evolve.js';
import { decidePlan, decidePlanRequest, editRotation } from './rotation.js';
import { decideFacilitatorHarvest, decideHostHarvest, decideParticipantHarvest, type HarvestCommand } from './harvest.js';
import { decideSeedEdit } from './seed-edits.js';
import {
  currentRound,
  findTable,
  DEFAULT_CONSENT_AGE,
  FREE_ROTATION,
  NO_HARVEST,
  nextNumber,
  own,
  seatingRound,
  tablesDuring,
  type Author,
  type CafeState,
  type Idea,
  type Participant,
  type Phase,
  type Round,
  type Table,
} from './state.js';

export const DEFAULT_TRAVEL_MS = 5 * 60_000;

export interface DecideContext {
  /** The link id the command came with, or 'system' for the server's own commands. */
  actor: string;
  /** The server's present time (epoch ms). */
  now: number;
}

export type Decision = { ok: true; event: CafeEvent } | { ok: false; code: ErrorCode; path?: string };

/** Who is acting, resolved against the current links (so a revoked link fails at once). */
export type Actor =
  | { kind: 'system' }
  | { kind: 'facilitator'; linkId: string }
  | { kind: 'host'; linkId: string; tableId: string }
  | { kind: 'wall'; linkId: string }
  | { kind: 'participant'; participantId: string };

export function resolveActor(state: CafeState, actor: string): Actor | ErrorCode {
  if (actor === 'system') return { kind: 'system' };
  const link = own(state.links, actor);
  if (!link) return 'UNAUTHENTICATED';
  if (link.revoked) return 'LINK_REVOKED';
  switch (link.role) {
    case 'facilitator':
      return { kind: 'facilitator', linkId: link.id };
    case 'wall':
      return { kind: 'wall', linkId: link.id };
    case 'host':
      return link.tableId === null ? 'UNAUTHENTICATED' : { kind: 'host', linkId: link.id, tableId: link.tableId };
    case 'participant':
      return { kind: 'participant', participantId: link.id };
  }
}

const refuse = (code: ErrorCode, path?: string): Decision =>
  path === undefined ? { ok: false, code } : { ok: false, code, path };
const accept = (event: CafeEvent): Decision => ({ ok: true, event });

/** Checks `text` and returns its canonical form, or the refusal. */
function cleanOptionalName(value: string | null | undefined, max: number, path: string) {
  if (value === null || value === undefined) return { text: null };
  const t = normalizeText(value);
  if (t === '') return { text: null };
  return cleanText(t, max, path);
}

/** Applies a command: decide, then evolve. Used by the server and for a client's optimistic view. */
export function reduce(
  state: CafeState | null,
  command: Command,
  ctx: DecideContext & { seq: number; opId: string },
): { ok: true; state: CafeState; entry: LogEntry } | { ok: false; code: ErrorCode; path?: string } {
  const d = decide(state, command, ctx);
  if (!d.ok) return d;
  const entry: LogEntry = { seq: ctx.seq, opId: ctx.opId, actor: ctx.actor, at: ctx.now, event: d.event };
  return { ok: true, state: evolve(state, entry), entry };
}

const HARVEST_COMMANDS = new Set<string>([
  'setHarvestCard', 'createTheme', 'renameTheme', 'moveIdeas', 'mergeThemes', 'deleteTheme', 'openVote', 'closeVote', 'castDot', 'setPaperDots', 'spotlight',
  'hidePhoto', 'addPhoto',
] satisfies HarvestCommand['type'][]);

export function decide(state: CafeState | null, command: Command, ctx: DecideContext): Decision {
  if (state === null) {
    if (command.type !== 'createCafe' || ctx.actor !== 'system') return refuse('CAFE_NOT_FOUND');
    return decideCreate(command, ctx.now);
  }
  if (command.type === 'createCafe') return refuse('CAFE_EXISTS');
  const actor = resolveActor(state, ctx.actor);
  if (typeof actor === 'string') return refuse(actor);
  // H17: the export's drafts are the facilitator's alone.
  if (command.type === 'editSeedThread') return actor.kind === 'facilitator' ? decideSeedEdit(state, command) : refuse('FORBIDDEN');
  if (HARVEST_COMMANDS.has(command.type)) {
    const cmd = command as HarvestCommand;
    switch (actor.kind) {
      case 'facilitator':
        return decideFacilitatorHarvest(state, cmd, ctx.now);
      case 'host':
        return decideHostHarvest(state, actor.tableId, cmd, ctx.now);
      case 'participant':
        return own(state.participants, actor.participantId) ? decideParticipantHarvest(state, actor.participantId, cmd) : refuse('UNAUTHENTICATED');
      default:
        return refuse('FORBIDDEN');
    }
  }
  switch (actor.kind) {
    case 'system':
      return decideSystem(state, command, ctx.now);
    case 'wall':
      return refuse('FORBIDDEN'); // A1: the wall only reads
    case 'host':
      return decideHost(state, actor, command, ctx.now);
    case 'participant':
      return decideParticipant(state, actor, command, ctx.now);
    case 'facilitator':
      return decideFacilitator(state, actor, command, ctx.now);
  }
}

// ---- creation -----------------------------------------------------------------------------

function decideCreate(command: Extract<SystemCommand, { type: 'createCafe' }>, now: number): Decision {
  const s: CafeSetup = command.setup;
  const title = cleanText(s.title, TITLE_MAX, 'setup.title');
  if ('code' in title) return refuse(title.code, title.path);
  const groups = cleanGroups(s.stakeholderGroups ?? [], 'setup.stakeholderGroups');
  if ('code' in groups) return refuse(groups.code, groups.path);
  const tables: Table[] = [];
  const names = typeof s.tables === 'number' ? Array.from({ length: s.tables }, (_, i) => `Table ${i + 1}`) : s.tables;
  for (const [i, raw] of names.entries()) {
    const name = cleanText(raw, TABLE_NAME_MAX, `setup.tables.${i}`);
    if ('code' in name) return refuse(name.code, name.path);
    tables.push({ id: String(i + 1), name: name.text, enabled: true, capacity: null });
  }
  const rounds: Round[] = [];
  for (const [i, r] of s.rounds.entries()) {
    const round = cleanRound(r, tables, `setup.rounds.${i}`);
    if ('code' in round) return refuse(round.code, round.path);
    rounds.push(round);
  }
  const links: CafeState['links'] = {};
  for (const l of command.links) {
    if (l.role === 'host' && !tables.some((t) => t.id === l.tableId)) return refuse('TABLE_NOT_FOUND', 'links');
    links[l.id] = { id: l.id, role: l.role, tableId: l.tableId, revoked: false };
  }
  const cafe: CafeState = {
    id: command.cafeId,
    joinCode: command.joinCode,
    title: title.text,
    language: s.language ?? 'en',
    stakeholderGroups: groups.groups,
    mode: s.mode ?? 'single',
    travelMs: s.travelMs ?? DEFAULT_TRAVEL_MS,
    premoderation: s.premoderation ?? false,
    publishIdeas: s.publishIdeas ?? true,
    chime: s.chime ?? true,
    harvestPage: true,
    invitations: true,
    consentAge: DEFAULT_CONSENT_AGE,
    rounds,
    tables,
    phase: { kind: 'setup' },
    phaseChangedAt: now,
    roundsStarted: 0,
    undo: null,
    broadcast: null,
    rehearsal: false,
    ideas: {},
    participants: {},
    links,
    ...NO_HARVEST,
    rotation: FREE_ROTATION,
    plan: null,
    createdAt: now,
    seq: 0,
  };
  return accept({ type: 'cafeCreated', cafe });
}

function cleanGroups(groups: string[], path: string): { groups: string[] } | { code: ErrorCode; path: string } {
  const out: string[] = [];
  for (const [i, g] of groups.entries()) {
    const name = cleanText(g, GROUP_NAME_MAX, `${path}.${i}`);
    if ('code' in name) return name;
    if (!out.includes(name.text)) out.push(name.text);
  }
  return { groups: out };
}

function cleanRound(
  r: { question: string; tableQuestions?: Record<string, string>; durationMs: number; returnHome?: boolean },
  tables: Table[],
  path: string,
): Round | { code: ErrorCode; path: string } {
  const question = cleanText(r.question, QUESTION_MAX, `${path}.question`, 0);
  if ('code' in question) return question;
  const tableQuestions: Record<string, string> = {};
  for (const [tableId, q] of Object.entries(r.tableQuestions ?? {})) {
    if (!tables.some((t) => t.id === tableId)) return { code: 'TABLE_NOT_FOUND', path: `${path}.tableQuestions.${tableId}` };
    const tq = cleanText(q, QUESTION_MAX, `${path}.tableQuestions.${tableId}`, 0);
    if ('code' in tq) return tq;
    if (tq.text !== '') tableQuestions[tableId] = tq.text;
  }
  return { question: question.text, tableQuestions, durationMs: r.durationMs, returnHome: r.returnHome ?? false };
}

// ---- the server's own commands ------------------------------------------------------------

function decideSystem(state: CafeState, command: Command, now: number): Decision {
  if (command.type === 'setRotationPlan') return decidePlan(state, command, now);
  if (command.type !== 'join') return refuse('FORBIDDEN');
  if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
  if (own(state.links, command.participantId) || own(state.participants, command.participantId)) return refuse('OP_ID_CONFLICT', 'participantId');
  const made = newParticipant(state, command, now);
  if ('code' in made) return refuse(made.code, made.path);
  const participant = made.participant;
  participant.consent = { ...command.consent };
  if (command.tableId !== null) {
    const seat = checkSeat(state, command.tableId);
    if (seat !== true) return refuse(seat, 'tableId');
    participant.seats.push({ round: seatingRound(state), tableId: command.tableId });
  }
  return accept({ type: 'participantJoined', participant });
}

/** A participant as someone joins or the facilitator adds them (M7: the next number; no consent given yet). */
function newParticipant(
  state: CafeState,
  cmd: { participantId: string; displayName?: string | null; group?: string | null },
  now: number,
): { participant: Participant } | { code: ErrorCode; path: string } {
  const name = cleanOptionalName(cmd.displayName, DISPLAY_NAME_MAX, 'displayName');
  if ('code' in name) return name;
  const group = cleanGroup(state, cmd.group);
  if ('code' in group) return { code: group.code, path: 'group' };
  return {
    participant: {
      id: cmd.participantId,
      displayName: name.text,
      group: group.group,
      consent: { publish: false, showName: false },
      seats: [],
      joinedAt: now,
      number: nextNumber(state),
      hostOf: null,
      left: false,
    },
  };
}

/** A stakeholder group as given (none when absent or blank), which must be one of the café's. */
function cleanGroup(state: CafeState, group: string | null | undefined): { group: string | null } | { code: ErrorCode } {
  const g = group === null || group === undefined ? '' : normalizeText(group);
  if (g === '') return { group: null };
  return state.stakeholderGroups.includes(g) ? { group: g } : { code: 'UNKNOWN_GROUP' };
}

function checkSeat(state: CafeState, tableId: string): true | ErrorCode {
  if (state.phase.kind === 'closed') return 'CAFE_CLOSED';
  const table = findTable(state, tableId);
  if (!table) return 'TABLE_NOT_FOUND';
  if (!table.enabled) return 'TABLE_DISABLED';
  return true;
}

// ---- ideas (I rules) ------------------------------------------------------------------------

type IdeaCommand = Extract<Command, { type: 'addIdea' | 'editIdea' | 'starIdea' | 'deleteIdea' | 'hideIdea' }>;

function decideAddIdea(state: CafeState, cmd: Extract<Command, { type: 'addIdea' }>, author: Author, consent: Idea['consent'], now: number): Decision {
  const phase = state.phase.kind;
  if (phase === 'closed') return refuse('CAFE_CLOSED');
  if (phase === 'setup' || phase === 'lobby') return refuse('WRONG_PHASE');
  if (!Number.isInteger(cmd.round) || cmd.round < 0) return refuse('INVALID_PAYLOAD', 'round');
  if (cmd.round >= state.roundsStarted) return refuse('ROUND_NOT_STARTED', 'round');
  if (!findTable(state, cmd.tableId)) return refuse('TABLE_NOT_FOUND', 'tableId');
  if (own(state.ideas, cmd.ideaId)) return refuse('IDEA_EXISTS', 'ideaId');
  const text = cleanText(cmd.text, IDEA_TEXT_MAX, 'text');
  if ('code' in text) return refuse(text.code, text.path);
  const onTime = (state.phase.kind === 'round' || state.phase.kind === 'travel') && cmd.round === currentRound(state);
  // I14: with pre-moderation, what phones write waits for the facilitator's approval.
  const held = state.premoderation && author.role === 'participant';
  return accept({
    type: 'ideaAdded',
    idea: {
      id: cmd.ideaId,
      tableId: cmd.tableId,
      round: cmd.round,
      text: text.text,
      author,
      consent,
      starred: false,
      hidden: held,
      held,
      deleted: false,
      late: !onTime,
      createdAt: now,
      editedAt: null,
      seq: 0,
    },
  });
}

/** Checks that an existing idea may be changed at all (exists, not deleted, café open). */
function existingIdea(state: CafeState, ideaId: string, allowClosed = false): Idea | ErrorCode {
  const idea = own(state.ideas, ideaId);
  if (!idea) return 'IDEA_NOT_FOUND';
  if (idea.deleted) return 'IDEA_DELETED';
  if (!allowClosed && state.phase.kind === 'closed') return 'CAFE_CLOSED';
  return idea;
}

function decideIdeaChange(state: CafeState, cmd: Exclude<IdeaCommand, { type: 'addIdea' }>, now: number): Decision {
  const idea = existingIdea(state, cmd.ideaId, cmd.type === 'hideIdea');
  if (typeof idea === 'string') return refuse(idea, 'ideaId');
  switch (cmd.type) {
    case 'editIdea': {
      const text = cleanText(cmd.text, IDEA_TEXT_MAX, 'text');
      if ('code' in text) return refuse(text.code, text.path);
      return accept({ type: 'ideaEdited', ideaId: idea.id, text: text.text, editedAt: now });
    }
    case 'starIdea':
      return accept({ type: 'ideaStarred', ideaId: idea.id, starred: cmd.starred });
    case 'deleteIdea':
      return accept({ type: 'ideaDeleted', ideaId: idea.id });
    case 'hideIdea':
      return accept({ type: 'ideaHidden', ideaId: idea.id, hidden: cmd.hidden });
  }
}

function decideHost(state: CafeState, actor: Extract<Actor, { kind: 'host' }>, cmd: Command, now: number): Decision {
  switch (cmd.type) {
    case 'addIdea': {
      if (cmd.tableId !== actor.tableId) return refuse('NOT_YOUR_TABLE', 'tableId');
      const group = cleanGroup(state, cmd.group);
      if ('code' in group) return refuse(group.code, 'group');
      const author: Author = { role: 'host', participantId: null, displayName: null, group: group.group };
      return decideAddIdea(state, cmd, author, HOST_CONSENT, now);
    }
    case 'editIdea':
    case 'starIdea':
    case 'deleteIdea': {
      const idea = own(state.ideas, cmd.ideaId);
      if (idea && idea.tableId !== actor.tableId) return refuse('NOT_YOUR_TABLE', 'ideaId');
      return decideIdeaChange(state, cmd, now);
    }
    default:
      return refuse('FORBIDDEN');
  }
}

/** Hosts capture the table's words without names; what they write may be published. */
export const HOST_CONSENT = { publish: true, showName: false } as const;

function decideParticipant(state: CafeState, actor: Extract<Actor, { kind: 'participant' }>, cmd: Command, now: number): Decision {
  const p = own(state.participants, actor.participantId);
  if (!p) return refuse('UNAUTHENTICATED');
  switch (cmd.type) {
    case 'addIdea': {
      if (cmd.group !== undefined && cmd.group !== null) return refuse('FORBIDDEN', 'group');
      if (p.seats.length === 0) return refuse('NOT_SEATED');
      if (!tablesDuring(p, cmd.round).includes(cmd.tableId)) return refuse('NOT_YOUR_TABLE', 'tableId');
      const author: Author = { role: 'participant', participantId: p.id, displayName: p.displayName, group: p.group };
      return decideAddIdea(state, cmd, author, { ...p.consent }, now);
    }
    case 'editIdea': {
      const idea = own(state.ideas, cmd.ideaId);
      if (idea && idea.author.participantId !== p.id) return refuse('NOT_YOUR_IDEA', 'ideaId');
      return decideIdeaChange(state, cmd, now);
    }
    case 'takeSeat': {
      const seat = checkSeat(state, cmd.tableId);
      if (seat !== true) return refuse(seat, 'tableId');
      return accept({ type: 'seatTaken', participantId: p.id, tableId: cmd.tableId, round: seatingRound(state) });
    }
    case 'setLeft':
      if (cmd.participantId !== undefined && cmd.participantId !== p.id) return refuse('FORBIDDEN', 'participantId');
      return decideLeft(state, p, cmd.left);
    case 'updateProfile': {
      if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
      let displayName = p.displayName;
      if (cmd.displayName !== undefined) {
        const name = cleanOptionalName(cmd.displayName, DISPLAY_NAME_MAX, 'displayName');
        if ('code' in name) return refuse(name.code, name.path);
        displayName = name.text;
      }
      let group = p.group;
      if (cmd.group !== undefined) {
        const cleaned = cleanGroup(state, cmd.group);
        if ('code' in cleaned) return refuse(cleaned.code, 'group');
        group = cleaned.group;
      }
      return accept({ type: 'profileUpdated', participantId: p.id, displayName, group, consent: cmd.consent ?? p.consent });
    }
    default:
      return refuse('FORBIDDEN');
  }
}

// ---- the facilitator (R rules, T rules, A rules) -----------------------------------------------

function decideFacilitator(state: CafeState, actor: Extract<Actor, { kind: 'facilitator' }>, cmd: Command, now: number): Decision {
  switch (cmd.type) {
    case 'addIdea': {
      const group = cleanGroup(state, cmd.group);
      if ('code' in group) return refuse(group.code, 'group');
      const author: Author = { role: 'facilitator', participantId: null, displayName: null, group: group.group };
      return decideAddIdea(state, cmd, author, HOST_CONSENT, now);
    }
    case 'editIdea':
    case 'starIdea':
    case 'deleteIdea':
    case 'hideIdea':
      return decideIdeaChange(state, cmd, now);
    case 'openCafe':
    case 'startRound':
    case 'pauseRound':
    case 'resumeRound':
    case 'extendRound':
    case 'nextRound':
    case 'undoNextRound':
    case 'closeCafe':
      return decidePhase(state, cmd, now);
    case 'broadcast': {
      if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
      const text = cleanText(cmd.text, BROADCAST_TEXT_MAX, 'text', 0);
      if ('code' in text) return refuse(text.code, text.path);
      return accept({ type: 'broadcastSet', broadcast: text.text === '' ? null : { text: text.text, at: now } });
    }
    case 'editCafe': {
      // H15: the harvest page is read most after the café; only that switch stays open then.
      // H16: so are the invitations (switching them off after the café is how collecting stops).
      const afterwards = Object.keys(cmd).every((k) => k === 'type' || k === 'harvestPage' || k === 'invitations');
      if (state.phase.kind === 'closed' && !afterwards) return refuse('CAFE_CLOSED');
      let title = state.title;
      if (cmd.title !== undefined) {
        const t = cleanText(cmd.title, TITLE_MAX, 'title');
        if ('code' in t) return refuse(t.code, t.path);
        title = t.text;
      }
      let groups = state.stakeholderGroups;
      if (cmd.stakeholderGroups !== undefined) {
        const g = cleanGroups(cmd.stakeholderGroups, 'stakeholderGroups');
        if ('code' in g) return refuse(g.code, g.path);
        groups = g.groups;
      }
      const rotation = editRotation(state, cmd.rotation);
      if ('code' in rotation) return refuse(rotation.code, 'rotation');
      return accept({
        type: 'cafeEdited',
        title,
        language: cmd.language ?? state.language,
        stakeholderGroups: groups,
        travelMs: cmd.travelMs ?? state.travelMs,
        mode: cmd.mode ?? state.mode,
        premoderation: cmd.premoderation ?? state.premoderation,
        publishIdeas: cmd.publishIdeas ?? state.publishIdeas,
        chime: cmd.chime ?? state.chime,
        harvestPage: cmd.harvestPage ?? state.harvestPage,
        invitations: cmd.invitations ?? state.invitations,
        consentAge: cmd.consentAge ?? state.consentAge,
        rotation,
      });
    }
    case 'editRound':
    case 'addRound':
    case 'removeRound':
      return decideRounds(state, cmd);
    case 'addTable': {
      if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
      if (findTable(state, cmd.tableId)) return refuse('TABLE_EXISTS', 'tableId');
      const name = cleanText(cmd.name, TABLE_NAME_MAX, 'name');
      if ('code' in name) return refuse(name.code, name.path);
      return accept({ type: 'tableAdded', table: { id: cmd.tableId, name: name.text, enabled: true, capacity: null } });
    }
    case 'editTable': {
      if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
      const table = findTable(state, cmd.tableId);
      if (!table) return refuse('TABLE_NOT_FOUND', 'tableId');
      let name = table.name;
      if (cmd.name !== undefined) {
        const n = cleanText(cmd.name, TABLE_NAME_MAX, 'name');
        if ('code' in n) return refuse(n.code, n.path);
        name = n.text;
      }
      const capacity = cmd.capacity === undefined ? table.capacity : cmd.capacity;
      return accept({ type: 'tableEdited', table: { id: table.id, name, enabled: cmd.enabled ?? table.enabled, capacity } });
    }
    case 'addParticipant': {
      if (state.phase.kind === 'closed' || state.phase.kind === 'harvest') return refuse(state.phase.kind === 'closed' ? 'CAFE_CLOSED' : 'WRONG_PHASE');
      if (own(state.participants, cmd.participantId) || own(state.links, cmd.participantId)) return refuse('PARTICIPANT_EXISTS', 'participantId');
      const made = newParticipant(state, cmd, now);
      if ('code' in made) return refuse(made.code, made.path);
      return accept({ type: 'participantAdded', participant: made.participant });
    }
    case 'setHost': {
      if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
      const p = own(state.participants, cmd.participantId);
      if (!p) return refuse('PARTICIPANT_NOT_FOUND', 'participantId');
      if (cmd.tableId !== null && !findTable(state, cmd.tableId)) return refuse('TABLE_NOT_FOUND', 'tableId');
      return accept({ type: 'hostSet', participantId: p.id, tableId: cmd.tableId });
    }
    case 'setLeft': {
      const p = cmd.participantId === undefined ? undefined : own(state.participants, cmd.participantId);
      if (!p) return refuse('PARTICIPANT_NOT_FOUND', 'participantId');
      return decideLeft(state, p, cmd.left);
    }
    case 'planRotation':
      return decidePlanRequest(state);
    case 'setRotationPlan':
      return decidePlan(state, cmd, now);
    case 'startRehearsal':
      if (state.phase.kind !== 'setup' && state.phase.kind !== 'lobby') return refuse('WRONG_PHASE');
      return accept({ type: 'rehearsalStarted' });
    case 'resetRehearsal':
      // A closed café is never wiped, even if its rehearsal was never reset.
      if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
      if (!state.rehearsal) return refuse('WRONG_PHASE');
      return accept({ type: 'rehearsalReset' });
    case 'issueLink': {
      if (cmd.role === 'host' && (cmd.tableId === null || !findTable(state, cmd.tableId))) return refuse('TABLE_NOT_FOUND', 'tableId');
      if (own(state.links, cmd.linkId)) return refuse('OP_ID_CONFLICT', 'linkId');
      const previous =
        cmd.role === 'host' ? Object.values(state.links).find((l) => l.role === 'host' && l.tableId === cmd.tableId && !l.revoked) : undefined;
      return accept({
        type: 'linkIssued',
        link: { id: cmd.linkId, role: cmd.role, tableId: cmd.role === 'host' ? cmd.tableId : null, revoked: false },
        revokes: previous?.id ?? null,
      });
    }
    case 'revokeLink': {
      const link = own(state.links, cmd.linkId);
      if (!link) return refuse('LINK_NOT_FOUND', 'linkId');
      if (link.revoked) return refuse('LINK_REVOKED', 'linkId');
      if (link.id === actor.linkId) return refuse('FORBIDDEN', 'linkId'); // A6: never lock yourself out
      return accept({ type: 'linkRevoked', linkId: link.id });
    }
    default:
      return refuse('FORBIDDEN'); // takeSeat, updateProfile, join: not the facilitator's
  }
}

/** M9: leaving (or coming back) before the café closes. */
function decideLeft(state: CafeState, p: Participant, left: boolean): Decision {
  if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
  return accept({ type: 'participantLeft', participantId: p.id, left });
}

function decideRounds(state: CafeState, cmd: Extract<Command, { type: 'editRound' | 'addRound' | 'removeRound' }>): Decision {
  if (state.phase.kind === 'closed') return refuse('CAFE_CLOSED');
  const rounds = state.rounds.slice();
  if (cmd.type === 'addRound') {
    const r = cleanRound(cmd, state.tables, 'round');
    if ('code' in r) return refuse(r.code, r.path);
    rounds.push(r);
    return accept({ type: 'roundsChanged', rounds });
  }
  const current = rounds[cmd.round];
  if (!current) return refuse('ROUND_NOT_FOUND', 'round');
  if (cmd.round < state.roundsStarted) return refuse('ROUND_STARTED', 'round');
  if (cmd.type === 'removeRound') {
    if (rounds.length === 1) return refuse('FORBIDDEN', 'round');
    rounds.splice(cmd.round, 1);
    return accept({ type: 'roundsChanged', rounds });
  }
  const merged = cleanRound(
    {
      question: cmd.question ?? current.question,
      tableQuestions: cmd.tableQuestions ?? current.tableQuestions,
      durationMs: cmd.durationMs ?? current.durationMs,
      returnHome: cmd.returnHome ?? current.returnHome,
    },
    state.tables,
    'round',
  );
  if ('code' in merged) return refuse(merged.code, merged.path);
  rounds[cmd.round] = merged;
  return accept({ type: 'roundsChanged', rounds });
}

function running(state: CafeState, round: number, now: number): Phase {
  return { kind: 'round', round, paused: false, deadline: now + state.rounds[round]!.durationMs, remainingMs: 0 };
}

/** The phase machine (R rules): setup → lobby → round k (running/paused) ⇄ travel → harvest → closed. */
function decidePhase(
  state: CafeState,
  cmd: Extract<Command, { type: 'openCafe' | 'startRound' | 'pauseRound' | 'resumeRound' | 'extendRound' | 'nextRound' | 'undoNextRound' | 'closeCafe' }>,
  now: number,
): Decision {
  const p = state.phase;
  if (p.kind === 'closed') return refuse('CAFE_CLOSED');
  const change = (phase: Phase, undo: Phase | null, roundsStarted = state.roundsStarted): Decision =>
    accept({ type: 'phaseChanged', phase, undo, roundsStarted });
  const begin = (round: number): Decision =>
    round >= state.rounds.length ? refuse('NO_MORE_ROUNDS') : change(running(state, round, now), p, Math.max(state.roundsStarted, round + 1));
  switch (cmd.type) {
    case 'openCafe':
      return p.kind === 'setup' ? change({ kind: 'lobby' }, null) : refuse('WRONG_PHASE');
    case 'startRound':
      if (p.kind === 'lobby' || p.kind === 'setup') return begin(0);
      if (p.kind === 'travel') return begin(p.round);
      return refuse('WRONG_PHASE');
    case 'nextRound':
      if (cmd.from && !(cmd.from.kind === p.kind && (cmd.from.round === undefined || ('round' in p && p.round === cmd.from.round)))) {
        return refuse('WRONG_PHASE', 'from'); // R15: the café has moved on since this press was made
      }
      if (p.kind === 'lobby' || p.kind === 'setup') return begin(0);
      // R6: the round being travelled to may have been removed meanwhile; then "next" is the harvest.
      if (p.kind === 'travel') return p.round >= state.rounds.length ? change({ kind: 'harvest' }, p) : begin(p.round);
      if (p.kind === 'round') {
        const next = p.round + 1;
        if (next >= state.rounds.length) return change({ kind: 'harvest' }, p);
        return state.travelMs > 0 ? change({ kind: 'travel', round: next, deadline: now + state.travelMs }, p) : begin(next);
      }
      return refuse('NO_MORE_ROUNDS');
    case 'undoNextRound':
      return state.undo ? change(state.undo, null) : refuse('NOTHING_TO_UNDO');
    case 'pauseRound':
      if (p.kind !== 'round' || p.paused) return refuse('WRONG_PHASE');
      return change({ ...p, paused: true, remainingMs: p.deadline - now }, null);
    case 'resumeRound':
      if (p.kind !== 'round' || !p.paused) return refuse('WRONG_PHASE');
      return change({ ...p, paused: false, deadline: now + p.remainingMs, remainingMs: 0 }, null);
    case 'extendRound':
      if (!(cmd.ms > 0)) return refuse('INVALID_PAYLOAD', 'ms');
      if (p.kind === 'round')
        return change(
          p.paused ? { ...p, remainingMs: Math.max(p.remainingMs, 0) + cmd.ms } : { ...p, deadline: Math.max(p.deadline, now) + cmd.ms },
          null,
        );
      if (p.kind === 'travel') return change({ ...p, deadline: Math.max(p.deadline, now) + cmd.ms }, null);
      return refuse('WRONG_PHASE');
    case 'closeCafe':
      return change({ kind: 'closed' }, null);
  }
}

