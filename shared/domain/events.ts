/**
 * What the server records and sends: the outcome of an accepted operation. `decide` turns a
 * command into one event (normalised text, resolved author, computed deadlines); `evolve`
 * applies an event to a state without judging it, so a client with a filtered state can apply
 * what the server accepted.
 */
import type { Broadcast, CafeMode, CafeState, HarvestCard, Idea, Link, Participant, Phase, Photo, Round, RotationSettings, SeatPlan, SeedEdit, Table, Theme, Vote } from './state.js';

export type CafeEvent =
  | { type: 'cafeCreated'; cafe: CafeState }
  | { type: 'ideaAdded'; idea: Idea }
  | { type: 'ideaEdited'; ideaId: string; text: string; editedAt: number }
  | { type: 'ideaStarred'; ideaId: string; starred: boolean }
  | { type: 'ideaDeleted'; ideaId: string }
  | { type: 'ideaHidden'; ideaId: string; hidden: boolean }
  /** Only in a participant's view: a hidden idea came back, with its text. */
  | { type: 'ideaRestored'; idea: Idea }
  | { type: 'participantJoined'; participant: Participant }
  /** M7: someone without a phone, added by the facilitator (no link; seated by the plan and the printed seat plan). */
  | { type: 'participantAdded'; participant: Participant }
  /** M8: the participant now hosts `tableId` (the table's earlier host no longer does), or hosts nothing. */
  | { type: 'hostSet'; participantId: string; tableId: string | null }
  /** M9: the participant left (or came back): planned rotation no longer seats them. */
  | { type: 'participantLeft'; participantId: string; left: boolean }
  | { type: 'seatTaken'; participantId: string; tableId: string; round: number }
  | { type: 'profileUpdated'; participantId: string; displayName: string | null; group: string | null; consent: Participant['consent'] }
  | { type: 'phaseChanged'; phase: Phase; undo: Phase | null; roundsStarted: number }
  | { type: 'broadcastSet'; broadcast: Broadcast | null }
  | { type: 'cafeEdited'; title: string; language: string; stakeholderGroups: string[]; travelMs: number; mode: CafeMode; premoderation: boolean; chime: boolean; publishIdeas: boolean; harvestPage: boolean; invitations?: boolean; consentAge?: number; rotation?: RotationSettings }
  | { type: 'roundsChanged'; rounds: Round[] }
  | { type: 'tableAdded'; table: Table }
  | { type: 'tableEdited'; table: Table }
  | { type: 'rehearsalStarted' }
  | { type: 'rehearsalReset' }
  | { type: 'linkIssued'; link: Link; revokes: string | null }
  | { type: 'linkRevoked'; linkId: string }
  | { type: 'harvestCardSet'; card: HarvestCard }
  | { type: 'themeCreated'; theme: Theme }
  | { type: 'themeRenamed'; themeId: string; name: string }
  /** Ideas put into a theme (out of any other), or out of every theme (`themeId: null`). */
  | { type: 'ideasMoved'; ideaIds: string[]; themeId: string | null }
  | { type: 'themesMerged'; themeId: string; from: string }
  | { type: 'themeDeleted'; themeId: string }
  | { type: 'voteChanged'; vote: Vote }
  /** `participantId` is null in the copy every scope but the facilitator and that phone receives (H8). */
  | { type: 'dotCast'; themeId: string; participantId: string | null; delta: 1 | -1 }
  | { type: 'paperDotsSet'; themeId: string; count: number }
  | { type: 'spotlightSet'; tableId: string | null }
  | { type: 'photoAdded'; photo: Photo }
  | { type: 'photoHidden'; photoId: string; hidden: boolean }
  /** The facilitator asked for a rotation plan (M2): the server answers with `rotationPlanned`. */
  | { type: 'rotationRequested' }
  /** A rotation plan, as each role may see it (M5). */
  | { type: 'rotationPlanned'; plan: SeatPlan }
  /** H17: a seed thread's edit as it now stands (only the facilitator receives it). */
  | { type: 'seedThreadEdited'; edit: SeedEdit };


/** One accepted operation in a café's log. `actor` is the link that sent it, or 'system'. */
export interface LogEntry {
  seq: number;
  opId: string;
  actor: string;
  at: number;
  event: CafeEvent;
  /** A fingerprint of the operation as sent, so a re-sent id with another operation is told apart (server only). */
  digest?: string;
}

/** A log entry as a client receives it: without the actor. */
export interface WireEntry {
  seq: number;
  opId: string;
  at: number;
  event: CafeEvent;
}
