/**
 * The operations a client may send, one JSON schema each (TypeBox). The server validates every
 * payload against these; clients import only the types (`import type`), so the phone's bundle
 * carries no validation code.
 */
import { Type, type Static } from 'typebox';
import type { RotationQuality } from '../rotation/types.js';
import {
  BROADCAST_TEXT_MAX,
  DISPLAY_NAME_MAX,
  GROUP_NAME_MAX,
  IDEA_TEXT_MAX,
  QUESTION_MAX,
  SEED_BODY_MAX,
  TABLE_CAPACITY_MAX,
  TABLE_NAME_MAX,
  THEME_NAME_MAX,
  TITLE_MAX,
  textFormat,
} from '../text.js';

/**
 * User text: at most `max` Unicode code points after trimming and NFC normalisation, checked by
 * the format (shared/text.ts, the same function the reducer and the views use); `maxLength`
 * only bounds what may travel (UTF-16 units before normalisation).
 */
const UserText = (max: number) =>
  Type.String({ maxLength: max * 4, format: textFormat(max), description: `At most ${max} characters (Unicode code points) after trimming.` });

/** Client-generated ids (operation, idea): random, URL-safe. */
// `__proto__` is refused: as a key it would reach an object's prototype.
export const ClientId = Type.String({ pattern: '^(?!__proto__$)[A-Za-z0-9_-]{8,64}$' });
export const TableId = Type.String({ pattern: '^(?!__proto__$)[A-Za-z0-9_-]{1,32}$' });
export const RoundIndex = Type.Integer({ minimum: 0, maximum: 99 });
export const LanguageCode = Type.String({ pattern: '^[a-z]{2}$' });
const Minutes = (min: number, max: number) => Type.Integer({ minimum: min * 60_000, maximum: max * 60_000 });
export const RoundDuration = Minutes(1, 240);
export const TravelDuration = Minutes(0, 60);
export const GroupName = UserText(GROUP_NAME_MAX);
export const StakeholderGroups = Type.Array(GroupName, { maxItems: 20 });
export const ConsentSchema = Type.Object(
  { publish: Type.Boolean(), showName: Type.Boolean() },
  { additionalProperties: false },
);

const op = <T extends string, P extends Record<string, import('typebox').TSchema>>(type: T, props: P) =>
  Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false });

export const AddIdea = op('addIdea', {
  ideaId: ClientId,
  tableId: TableId,
  round: RoundIndex,
  text: UserText(IDEA_TEXT_MAX),
  /** A host captures for the table: whose idea it was. Participants' group comes from their profile. */
  group: Type.Optional(Type.Union([GroupName, Type.Null()])),
});
export const EditIdea = op('editIdea', { ideaId: ClientId, text: UserText(IDEA_TEXT_MAX) });
export const StarIdea = op('starIdea', { ideaId: ClientId, starred: Type.Boolean() });
export const DeleteIdea = op('deleteIdea', { ideaId: ClientId });
export const HideIdea = op('hideIdea', { ideaId: ClientId, hidden: Type.Boolean() });
export const TakeSeat = op('takeSeat', { tableId: TableId });
export const UpdateProfile = op('updateProfile', {
  displayName: Type.Optional(Type.Union([UserText(DISPLAY_NAME_MAX), Type.Null()])),
  group: Type.Optional(Type.Union([GroupName, Type.Null()])),
  consent: Type.Optional(ConsentSchema),
});
export const OpenCafe = op('openCafe', {});
export const StartRound = op('startRound', {});
export const PauseRound = op('pauseRound', {});
export const ResumeRound = op('resumeRound', {});
export const ExtendRound = op('extendRound', { ms: Minutes(1, 60) });
/** The phase a facilitator's screen showed when they pressed: two presses on the same screen advance once. */
export const PhaseRef = Type.Object(
  {
    kind: Type.Union([Type.Literal('setup'), Type.Literal('lobby'), Type.Literal('round'), Type.Literal('travel')]),
    round: Type.Optional(RoundIndex),
  },
  { additionalProperties: false },
);
export const NextRound = op('nextRound', { from: Type.Optional(PhaseRef) });
export const UndoNextRound = op('undoNextRound', {});
export const CloseCafe = op('closeCafe', {});
export const SetBroadcast = op('broadcast', { text: UserText(BROADCAST_TEXT_MAX) });
export const ConsentAge = Type.Integer({ minimum: 13, maximum: 18 });
export const EditCafe = op('editCafe', {
  title: Type.Optional(UserText(TITLE_MAX)),
  language: Type.Optional(LanguageCode),
  stakeholderGroups: Type.Optional(StakeholderGroups),
  travelMs: Type.Optional(TravelDuration),
  mode: Type.Optional(Type.Union([Type.Literal('single'), Type.Literal('pie')])),
  premoderation: Type.Optional(Type.Boolean()),
  /** Participants' ideas may be published after the café (each author's own consent still applies). */
  publishIdeas: Type.Optional(Type.Boolean()),
  chime: Type.Optional(Type.Boolean()),
  /** The public harvest page (`/h/<joinCode>`) is offered from the harvest on (H15); also after the café closed. */
  harvestPage: Type.Optional(Type.Boolean()),
  /** Phones may leave an e-mail address to be invited to the community (H16); off for a café with children. */
  invitations: Type.Optional(Type.Boolean()),
  /** The age a participant confirms being at least to consent to an invitation (H16; the GDPR's 13–16, or 18). */
  consentAge: Type.Optional(ConsentAge),
  /** Free movement or a planned rotation (issue 6, SPEC M1). */
  rotation: Type.Optional(
    Type.Object(
      { planned: Type.Optional(Type.Boolean()), hostsStay: Type.Optional(Type.Boolean()), homeLastRound: Type.Optional(Type.Boolean()) },
      { additionalProperties: false },
    ),
  ),
});
export const EditRound = op('editRound', {
  round: RoundIndex,
  question: Type.Optional(UserText(QUESTION_MAX)),
  tableQuestions: Type.Optional(Type.Record(TableId, UserText(QUESTION_MAX))),
  durationMs: Type.Optional(RoundDuration),
  returnHome: Type.Optional(Type.Boolean()),
});
export const AddRound = op('addRound', {
  question: UserText(QUESTION_MAX),
  durationMs: RoundDuration,
  returnHome: Type.Optional(Type.Boolean()),
});
export const RemoveRound = op('removeRound', { round: RoundIndex });
export const AddTable = op('addTable', { tableId: TableId, name: UserText(TABLE_NAME_MAX) });
export const EditTable = op('editTable', {
  tableId: TableId,
  name: Type.Optional(UserText(TABLE_NAME_MAX)),
  enabled: Type.Optional(Type.Boolean()),
  /** M10: the most people planned rotation sends to the table; null for an even share. */
  capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: TABLE_CAPACITY_MAX }), Type.Null()])),
});
/** M7: someone without a phone, added by the facilitator so the plan seats them (printed seat plan). */
export const AddParticipant = op('addParticipant', {
  participantId: ClientId,
  displayName: Type.Optional(Type.Union([UserText(DISPLAY_NAME_MAX), Type.Null()])),
  group: Type.Optional(Type.Union([GroupName, Type.Null()])),
});
/** M8: the facilitator names a table's host (who stays there while hosts stay), or releases them (`tableId: null`). */
export const SetHost = op('setHost', { participantId: ClientId, tableId: Type.Union([TableId, Type.Null()]) });
/** M9: a phone says it leaves (or is back); the facilitator may say so for anyone (`participantId`). */
export const SetLeft = op('setLeft', { participantId: Type.Optional(ClientId), left: Type.Boolean() });
// The harvest (SPEC H rules).
const Insight = Type.Union([
  Type.Object({ ideaId: ClientId }, { additionalProperties: false }),
  Type.Object({ text: UserText(IDEA_TEXT_MAX) }, { additionalProperties: false }),
]);
/** A table's 1–3 key insights for a round (an empty list goes back to the starred ideas). */
export const SetHarvestCard = op('setHarvestCard', { tableId: TableId, round: RoundIndex, insights: Type.Array(Insight, { maxItems: 3 }) });
const IdeaIds = Type.Array(ClientId, { maxItems: 1000 });
export const CreateTheme = op('createTheme', { themeId: ClientId, name: UserText(THEME_NAME_MAX), ideaIds: Type.Optional(IdeaIds) });
export const RenameTheme = op('renameTheme', { themeId: ClientId, name: UserText(THEME_NAME_MAX) });
/** Puts ideas into a theme (taking them out of any other), or out of every theme with `themeId: null`. */
export const MoveIdeas = op('moveIdeas', { ideaIds: Type.Array(ClientId, { minItems: 1, maxItems: 1000 }), themeId: Type.Union([ClientId, Type.Null()]) });
export const MergeThemes = op('mergeThemes', { themeId: ClientId, from: ClientId });
export const DeleteTheme = op('deleteTheme', { themeId: ClientId });
export const OpenVote = op('openVote', { dots: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) });
export const CloseVote = op('closeVote', {});
/** A phone puts one of its dots on a theme, or takes one back. */
export const CastDot = op('castDot', { themeId: ClientId, add: Type.Boolean() });
/** The dots counted on paper for a theme (people without a phone). */
export const SetPaperDots = op('setPaperDots', { themeId: ClientId, count: Type.Integer({ minimum: 0, maximum: 100_000 }) });
export const Spotlight = op('spotlight', { tableId: Type.Union([TableId, Type.Null()]) });
/** The facilitator takes a photo off the wall and out of every export, or puts it back. */
export const HidePhoto = op('hidePhoto', { photoId: ClientId, hidden: Type.Boolean() });

/** The facilitator asks the server for a (new) rotation plan (M2); the plan follows as `rotationPlanned`. */
export const PlanRotation = op('planRotation', {});

/** H17: the facilitator's change to a seed thread before export; null puts the generated text back. */
export const EditSeedThread = op('editSeedThread', {
  grouping: Type.Union([Type.Literal('theme'), Type.Literal('question'), Type.Literal('table')]),
  threadId: Type.String({ minLength: 1, maxLength: 100 }),
  // Lengths are judged by the reducer (code points after trimming); these bound what may travel.
  title: Type.Optional(Type.Union([Type.String({ maxLength: 255 * 4 }), Type.Null()])),
  body: Type.Optional(Type.Union([Type.String({ maxLength: SEED_BODY_MAX * 4 }), Type.Null()])),
  publish: Type.Optional(Type.Boolean()),
});

export const StartRehearsal = op('startRehearsal', {});
export const ResetRehearsal = op('resetRehearsal', {});

/** Everything a client may send over the socket or `POST /api/cafes/:id/ops`. */
export const ClientCommand = Type.Union([
  AddIdea, EditIdea, StarIdea, DeleteIdea, HideIdea, TakeSeat, UpdateProfile,
  OpenCafe, StartRound, PauseRound, ResumeRound, ExtendRound, NextRound, UndoNextRound, CloseCafe,
  SetBroadcast, EditCafe, EditRound, AddRound, RemoveRound, AddTable, EditTable,
  StartRehearsal, ResetRehearsal, PlanRotation, AddParticipant, SetHost, SetLeft, EditSeedThread,
  SetHarvestCard, CreateTheme, RenameTheme, MoveIdeas, MergeThemes, DeleteTheme, OpenVote, CloseVote, CastDot, SetPaperDots, Spotlight, HidePhoto,
]);
export type ClientCommand = Static<typeof ClientCommand>;

/** The set-up of a new café (the body of `POST /api/cafes`). */
export const RoundSetup = Type.Object(
  {
    question: UserText(QUESTION_MAX),
    tableQuestions: Type.Optional(Type.Record(TableId, UserText(QUESTION_MAX))),
    durationMs: RoundDuration,
    returnHome: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const CafeSetup = Type.Object(
  {
    title: UserText(TITLE_MAX),
    language: Type.Optional(LanguageCode),
    stakeholderGroups: Type.Optional(StakeholderGroups),
    mode: Type.Optional(Type.Union([Type.Literal('single'), Type.Literal('pie')])),
    travelMs: Type.Optional(TravelDuration),
    premoderation: Type.Optional(Type.Boolean()),
    publishIdeas: Type.Optional(Type.Boolean()),
    chime: Type.Optional(Type.Boolean()),
    /** Table names; their ids are 1, 2, 3 … */
    tables: Type.Union([
      Type.Integer({ minimum: 1, maximum: 1000 }),
      Type.Array(UserText(TABLE_NAME_MAX), { minItems: 1, maxItems: 1000 }),
    ]),
    rounds: Type.Array(RoundSetup, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CafeSetup = Static<typeof CafeSetup>;

/** What a participant says when joining (the body of `POST /api/join`). */
export const JoinRequest = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 16 }),
    tableId: Type.Optional(TableId),
    displayName: Type.Optional(Type.Union([UserText(DISPLAY_NAME_MAX), Type.Null()])),
    group: Type.Optional(Type.Union([GroupName, Type.Null()])),
    consent: ConsentSchema,
  },
  { additionalProperties: false },
);
export type JoinRequest = Static<typeof JoinRequest>;

/** Operations only the server itself creates (from HTTP routes), never accepted from a socket. */
export type SystemCommand =
  | { type: 'createCafe'; cafeId: string; joinCode: string; setup: CafeSetup; links: { id: string; role: 'facilitator' | 'host' | 'wall'; tableId: string | null }[] }
  | { type: 'join'; participantId: string; displayName: string | null; group: string | null; consent: { publish: boolean; showName: boolean }; tableId: string | null }
  | { type: 'issueLink'; linkId: string; role: 'facilitator' | 'host' | 'wall'; tableId: string | null }
  | { type: 'revokeLink'; linkId: string };

/**
 * A photo, made by the server when a device's upload (`PUT /api/cafes/:id/photos/:photoId`) has
 * been stored, and decided with the uploading link as the actor; never accepted from a socket.
 */
export type UploadCommand = { type: 'addPhoto'; photoId: string; tableId: string; round: number; bytes: number; width: number; height: number };

/**
 * A rotation plan the server computed (M3) with shared/rotation's planner: `seats[participantId][i]`
 * is the table in round `fromRound + i`. Never accepted from a socket.
 */
export type PlanCommand = { type: 'setRotationPlan'; fromRound: number; seed: number; seats: Record<string, string[]>; quality: RotationQuality };

export type Command = ClientCommand | SystemCommand | UploadCommand | PlanCommand;
