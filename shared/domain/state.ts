/** The state of one café, as every face holds it (filtered by role, see visibility.ts). */

import type { RotationQuality } from '../rotation/types.js';

export type Language = string; // two-letter code, e.g. 'en', 'de'
export type CafeMode = 'single' | 'pie';
export type Role = 'facilitator' | 'host' | 'wall' | 'participant';

export interface Round {
  /** The question of the round (the default question in "pie" mode). */
  question: string;
  /** "Pie" mode: a question per table id; tables without an entry show `question`. */
  tableQuestions: Record<string, string>;
  durationMs: number;
  /** The last round may send everyone back to their first table. */
  returnHome: boolean;
}

export interface Table {
  id: string;
  name: string;
  enabled: boolean;
  /** Planned rotation (M10): the most people the planner sends to this table, or null for an even share. */
  capacity: number | null;
}

export type Phase =
  | { kind: 'setup' }
  | { kind: 'lobby' }
  /**
   * A round is running or paused. `deadline` is the server's epoch ms at which time is up;
   * while paused, `remainingMs` holds the time that was left when the pause began.
   */
  | { kind: 'round'; round: number; paused: boolean; deadline: number; remainingMs: number }
  /** Travel time before `round` starts; `deadline` is when people should be seated. */
  | { kind: 'travel'; round: number; deadline: number }
  | { kind: 'harvest' }
  | { kind: 'closed' };

export type PhaseKind = Phase['kind'];

export interface Consent {
  /** The participant's ideas may be published after the café (export, harvest page). */
  publish: boolean;
  /** The participant's display name may be shown next to their ideas. */
  showName: boolean;
}

export interface Author {
  role: 'facilitator' | 'host' | 'participant';
  participantId: string | null;
  displayName: string | null;
  group: string | null;
}

export interface Idea {
  id: string;
  tableId: string;
  /** The round the device was in when the idea was written; never re-stamped on arrival. */
  round: number;
  text: string;
  author: Author;
  /** The author's consent at the time of writing. */
  consent: Consent;
  starred: boolean;
  hidden: boolean;
  /** Written on a phone while pre-moderation is on: hidden until the facilitator approves it. */
  held: boolean;
  /** Deleted by the host: kept as a tombstone (without text) so the id cannot come back. */
  deleted: boolean;
  /** Arrived after its round and the travel time after it (typed offline, sent later). */
  late: boolean;
  createdAt: number;
  editedAt: number | null;
  /** The sequence number of the operation that added it: the order of arrival. */
  seq: number;
}

export interface Seat {
  round: number;
  tableId: string;
}

export interface Participant {
  id: string;
  displayName: string | null;
  group: string | null;
  consent: Consent;
  /** Every seat taken, in order; the last one is where the participant sits now. */
  seats: Seat[];
  joinedAt: number;
  /**
   * M7: the participant's number in this café (1, 2, …, in the order they joined), shown on their
   * phone and printed on the seat plan: the wall's "find your table" lists seats by it.
   */
  number: number;
  /** M8: the table this participant hosts (stays at while hosts stay), or null. */
  hostOf: string | null;
  /** M9: the participant left the café (or was marked as gone): no longer planned. */
  left: boolean;
}

export interface Link {
  id: string;
  role: Role;
  /** For host links: the table. */
  tableId: string | null;
  revoked: boolean;
}

export interface Broadcast {
  text: string;
  at: number;
}

/** One key insight on a table's harvest card: one of the table's ideas, or words the host wrote. */
export type Insight = { ideaId: string; text: null } | { ideaId: null; text: string };

/** What a table harvests at the end of a round (H9): 1–3 key insights. */
export interface HarvestCard {
  tableId: string;
  round: number;
  insights: Insight[];
  updatedAt: number;
}

/**
 * A photo of a tablecloth or a graphic recording (H13). The bytes live outside the log (the photo
 * store); the log holds this reference.
 */
export interface Photo {
  id: string;
  tableId: string;
  round: number;
  contentType: 'image/jpeg';
  bytes: number;
  width: number;
  height: number;
  /** Taken off the wall (and out of every export) by the facilitator. */
  hidden: boolean;
  uploadedAt: number;
}

/** A theme the facilitator forms from ideas of every table in the harvest (H1–H5). */
export interface Theme {
  id: string;
  name: string;
  /** In the order they were put in; an idea is in at most one theme. */
  ideaIds: string[];
  /** Dots from phones (their sum over every ballot) and from paper, counted by the facilitator. */
  phoneDots: number;
  paperDots: number;
  createdAt: number;
}

/** The dot vote (H6): open or closed, and how many dots each phone has. */
export interface Vote {
  open: boolean;
  dots: number;
}

/** How people move between rounds (issue 6): free movement, or a plan the server makes (SPEC P rules, R rules R20–). */
export interface RotationSettings {
  planned: boolean;
  /** Hosts stay at their table (the World Café method). */
  hostsStay: boolean;
  /** The last round sends everyone back to their round-1 table. */
  homeLastRound: boolean;
}

/** How many people a plan sends to a table in one round, and of which stakeholder groups ('' for none). */
export interface Arrivals {
  count: number;
  groups: Record<string, number>;
}

/**
 * The plan in use, made by the server with shared/rotation's planner. `seats[participantId][i]`
 * is the participant's table in round `fromRound + i`. Each role sees its part (visibility.ts):
 * a phone its own seats, the wall and hosts the arrivals, the facilitator everything.
 */
export interface SeatPlan {
  fromRound: number;
  seed: number;
  seats: Record<string, string[]>;
  /** Per table, per planned round (index as in `seats`). */
  arrivals: Record<string, Arrivals[]>;
  /** The planner's quality report (shared/rotation/types.ts), for the facilitator; null for others. */
  quality: RotationQuality | null;
  madeAt: number;
}

export const FREE_ROTATION: RotationSettings = { planned: false, hostsStay: true, homeLastRound: false };

export interface CafeState {
  id: string;
  /** The short code participants type (public in the room: the wall shows it). */
  joinCode: string;
  title: string;
  language: Language;
  stakeholderGroups: string[];
  mode: CafeMode;
  travelMs: number;
  rounds: Round[];
  tables: Table[];
  phase: Phase;
  /** When the phase last changed (server epoch ms): the console offers "undo" only shortly after. */
  phaseChangedAt: number;
  /** How many rounds have started at least once (undo does not lower it). */
  roundsStarted: number;
  /** The phase before the last "next round", while it can still be undone. */
  undo: Phase | null;
  broadcast: Broadcast | null;
  rehearsal: boolean;
  /** Ideas from phones are held until the facilitator approves them. */
  premoderation: boolean;
  /** Participants' ideas may leave the café (harvest page, export); each author's consent still applies (H11). */
  publishIdeas: boolean;
  /** The walls ring a soft chime at each deadline (the facilitator can mute it). */
  chime: boolean;
  /** The public harvest page is offered (H15); the facilitator can switch it off. */
  harvestPage: boolean;
  /** Phones may leave an e-mail address to be invited to the community (H16). */
  invitations: boolean;
  /** The age a participant confirms being at least when they consent to an invitation (H16). */
  consentAge: number;
  ideas: Record<string, Idea>;
  participants: Record<string, Participant>;
  links: Record<string, Link>;
  /** Harvest cards by `tableId/round` (see cardKey). */
  harvestCards: Record<string, HarvestCard>;
  /** Photos of the tablecloths by id, in the order they were uploaded. */
  photos: Record<string, Photo>;
  /** Themes by id, in the order they were created. */
  themes: Record<string, Theme>;
  vote: Vote | null;
  /** Each phone's dots by theme (H8: only the facilitator and the phone itself see a ballot). */
  ballots: Record<string, Record<string, number>>;
  /** The table whose harvest card and photos the wall shows large, or null. */
  spotlight: string | null;
  createdAt: number;
  rotation: RotationSettings;
  /** The rotation plan in use (planned rotation only), or null. */
  plan: SeatPlan | null;
  /** H17: the facilitator's seed-thread edits by `seedEditKey` (only the facilitator sees them). */
  seedEdits: Record<string, SeedEdit>;
  /** The sequence number of the last operation applied. */
  seq: number;
}

/** How seed threads are grouped (shared/harvest/threads.ts). */
export type SeedGrouping = 'theme' | 'question' | 'table';

/** H17: the facilitator's changes to one seed thread before it is exported; null: as generated. */
export interface SeedEdit {
  grouping: SeedGrouping;
  threadId: string;
  title: string | null;
  body: string | null;
  /** Whether the thread is among those chosen to publish. */
  publish: boolean;
}

export const seedEditKey = (grouping: SeedGrouping, threadId: string): string => `${grouping}/${threadId}`;

/** The GDPR's age of digital consent where a member state set none lower (Art. 8). */
export const DEFAULT_CONSENT_AGE = 16;

/** The harvest of a café that has none yet (also for cafés created before the harvest existed). */
export const NO_HARVEST = { harvestCards: {}, photos: {}, themes: {}, vote: null, ballots: {}, spotlight: null, seedEdits: {} } satisfies Partial<CafeState>;

/** A café as a log written before the harvest existed holds it: the fields it lacks get their defaults. */
export function fromOlderLog(cafe: CafeState): CafeState {
  const old: Partial<CafeState> = cafe;
  return {
    ...cafe,
    harvestCards: old.harvestCards ?? {},
    photos: old.photos ?? {},
    themes: old.themes ?? {},
    vote: old.vote ?? null,
    ballots: old.ballots ?? {},
    spotlight: old.spotlight ?? null,
    publishIdeas: old.publishIdeas ?? true,
    harvestPage: old.harvestPage ?? true,
    invitations: old.invitations ?? true,
    consentAge: old.consentAge ?? DEFAULT_CONSENT_AGE,
    tables: cafe.tables.map(withCapacity),
    rotation: old.rotation ?? FREE_ROTATION,
    plan: old.plan ?? null,
    seedEdits: old.seedEdits ?? {},
  };
}

/** A table as an older log wrote it (before capacities, M10). */
export function withCapacity(table: Table): Table {
  return { ...table, capacity: (table as Partial<Table>).capacity ?? null };
}

/** A participant as an older log wrote it (before numbers, hosts and leaving: M7–M9); `count` participants came before. */
export function withNumber(p: Participant, count: number): Participant {
  const old: Partial<Participant> = p;
  return { ...p, number: old.number ?? count + 1, hostOf: old.hostOf ?? null, left: old.left ?? false };
}

/** M7: the number the next participant gets. */
export function nextNumber(state: CafeState): number {
  let most = 0;
  for (const p of Object.values(state.participants)) most = Math.max(most, p.number);
  return most + 1;
}

/** M8: the participant who hosts a table (and has not left), if any. */
export function hostOfTable(state: CafeState, tableId: string): Participant | undefined {
  return Object.values(state.participants).find((p) => p.hostOf === tableId && !p.left);
}

export function cardKey(tableId: string, round: number): string {
  return `${tableId}/${round}`;
}

/** The theme an idea is in, if any. */
export function themeOf(state: CafeState, ideaId: string): Theme | undefined {
  return Object.values(state.themes).find((t) => t.ideaIds.includes(ideaId));
}

/** Dots a phone has used. */
export function dotsUsed(state: CafeState, participantId: string): number {
  const ballot = own(state.ballots, participantId);
  return ballot ? Object.values(ballot).reduce((a, b) => a + b, 0) : 0;
}

/**
 * A record's own entry: ids come from clients, and an id such as "constructor" must not find
 * something on Object.prototype.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  // Not Object.hasOwn: iPadOS 15.0–15.3 lacks it.
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The round whose work is going on: during travel, the round that just ended. -1 before the first. */
export function currentRound(state: CafeState): number {
  const p = state.phase;
  if (p.kind === 'round') return p.round;
  if (p.kind === 'travel') return p.round - 1;
  if (p.kind === 'harvest' || p.kind === 'closed') return state.roundsStarted - 1;
  return -1;
}

/** The first round a rotation plan made now plans: the round under way or travelled to, else round 0. */
export function planRound(state: CafeState): number {
  const p = state.phase;
  return p.kind === 'round' || p.kind === 'travel' ? p.round : 0;
}

/** A planned table for a participant in `round`, if the plan in use has one. */
export function plannedTable(state: CafeState, participantId: string, round: number): string | null {
  const plan = state.plan;
  const seats = plan ? own(plan.seats, participantId) : undefined;
  return (plan && seats?.[round - plan.fromRound]) ?? null;
}

/** The round a participant who sits down now sits for. */
export function seatingRound(state: CafeState): number {
  const p = state.phase;
  if (p.kind === 'round' || p.kind === 'travel') return p.round;
  if (p.kind === 'lobby') return 0;
  return Math.max(0, state.roundsStarted - 1);
}

export function tableOf(participant: Participant): string | null {
  const last = participant.seats[participant.seats.length - 1];
  return last ? last.tableId : null;
}

export function findTable(state: CafeState, tableId: string): Table | undefined {
  return state.tables.find((t) => t.id === tableId);
}

/** The question a table sees in a round ("pie" mode gives each table its own). */
export function questionFor(state: CafeState, round: number, tableId: string | null): string {
  const r = state.rounds[round];
  if (!r) return '';
  if (state.mode === 'pie' && tableId !== null) return own(r.tableQuestions, tableId) ?? r.question;
  return r.question;
}

/** The tables a participant sat at during `round` (the last seat before it counts if none was taken in it). */
export function tablesDuring(p: Participant, round: number): string[] {
  const inRound = p.seats.filter((s) => s.round === round).map((s) => s.tableId);
  if (inRound.length > 0) return inRound;
  const before = p.seats.filter((s) => s.round < round);
  const last = before[before.length - 1];
  return last ? [last.tableId] : [];
}
