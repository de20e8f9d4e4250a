/**
 * The one catalogue of refusals. Every error a client can receive has a stable code here,
 * a human message, and whether re-sending the same operation later may succeed.
 */
export const ERRORS = {
  INVALID_PAYLOAD: { message: 'The message does not have the expected shape.', retryable: false, status: 400 },
  PROTOCOL_MISMATCH: { message: 'This page is from another version of Tablecloth; reload it.', retryable: false, status: 400 },
  UNAUTHENTICATED: { message: 'This link is not valid.', retryable: false, status: 401 },
  ORIGIN_NOT_ALLOWED: { message: 'This server does not accept requests from the page\u2019s address.', retryable: false, status: 403 },
  LINK_REVOKED: { message: 'This link has been withdrawn by the facilitator.', retryable: false, status: 401 },
  FORBIDDEN: { message: 'Your role may not do this.', retryable: false, status: 403 },
  NOT_YOUR_TABLE: { message: 'This belongs to another table.', retryable: false, status: 403 },
  NOT_YOUR_IDEA: { message: 'Only the author or the table host can change this idea.', retryable: false, status: 403 },
  NOT_FOUND: { message: 'There is nothing here.', retryable: false, status: 404 },
  CAFE_NOT_FOUND: { message: 'There is no café with this code.', retryable: false, status: 404 },
  CAFE_EXISTS: { message: 'This café already exists.', retryable: false, status: 409 },
  CAFE_CLOSED: { message: 'The café is closed.', retryable: false, status: 409 },
  WRONG_PHASE: { message: 'This cannot be done in the current phase of the café.', retryable: false, status: 409 },
  ROUND_NOT_STARTED: { message: 'That round has not started yet.', retryable: false, status: 409 },
  ROUND_STARTED: { message: 'That round has already started and can no longer be changed.', retryable: false, status: 409 },
  ROUND_NOT_FOUND: { message: 'There is no such round.', retryable: false, status: 404 },
  NOTHING_TO_UNDO: { message: 'There is no round change to undo.', retryable: false, status: 409 },
  NO_MORE_ROUNDS: { message: 'Every round has been held.', retryable: false, status: 409 },
  TABLE_NOT_FOUND: { message: 'There is no such table.', retryable: false, status: 404 },
  TABLE_EXISTS: { message: 'A table with this id already exists.', retryable: false, status: 409 },
  TABLE_DISABLED: { message: 'This table is closed.', retryable: false, status: 409 },
  ROTATION_OFF: { message: 'The café uses free movement: switch it to planned rotation first.', retryable: false, status: 409 },
  PLAN_MOVES_SEATED: { message: 'The plan would move someone who has already sat down in this round.', retryable: false, status: 409 },
  PARTICIPANT_NOT_FOUND: { message: 'There is no such participant.', retryable: false, status: 404 },
  PARTICIPANT_EXISTS: { message: 'A participant with this id already exists.', retryable: false, status: 409 },
  NOT_SEATED: { message: 'Take a seat at a table first.', retryable: false, status: 409 },
  IDEA_NOT_FOUND: { message: 'There is no such idea.', retryable: false, status: 404 },
  IDEA_EXISTS: { message: 'An idea with this id already exists.', retryable: false, status: 409 },
  IDEA_DELETED: { message: 'This idea has been deleted.', retryable: false, status: 409 },
  TEXT_EMPTY: { message: 'The text is empty.', retryable: false, status: 400 },
  TEXT_TOO_LONG: { message: 'The text is too long.', retryable: false, status: 400 },
  UNKNOWN_GROUP: { message: 'This stakeholder group is not part of the café.', retryable: false, status: 400 },
  LINK_NOT_FOUND: { message: 'There is no such link.', retryable: false, status: 404 },
  THEME_NOT_FOUND: { message: 'There is no such theme.', retryable: false, status: 404 },
  THEME_EXISTS: { message: 'A theme with this name or id already exists.', retryable: false, status: 409 },
  VOTE_CLOSED: { message: 'The vote is not open.', retryable: false, status: 409 },
  NO_DOTS_LEFT: { message: 'You have used all your dots.', retryable: false, status: 409 },
  NO_DOT_HERE: { message: 'You have no dot on this theme to take back.', retryable: false, status: 409 },
  PHOTO_NOT_FOUND: { message: 'There is no such photo.', retryable: false, status: 404 },
  PHOTO_INVALID: { message: 'This is not a JPEG photo of at most 1600 pixels on its longest side.', retryable: false, status: 400 },
  PHOTO_TOO_LARGE: { message: 'The photo is too large.', retryable: false, status: 413 },
  HARVEST_PAGE_UNAVAILABLE: { message: 'This café\u2019s harvest page is not available (yet).', retryable: false, status: 404 },
  EXPORT_TARGET_UNKNOWN: { message: 'There is no export target with this name on the server.', retryable: false, status: 404 },
  EXPORT_JOB_NOT_FOUND: { message: 'There is no such export.', retryable: false, status: 404 },
  EXPORT_THREAD_NOT_FOUND: { message: 'There is no such seed thread in the harvest.', retryable: false, status: 404 },
  EXPORT_TITLE_INVALID: { message: 'Each seed thread needs its own title of 15 to 255 characters.', retryable: false, status: 400 },
  EXPORT_RUNNING: { message: 'This export is running; wait for it to finish.', retryable: true, status: 409 },
  INVITES_OFF: { message: 'This café does not take invitations to the community.', retryable: false, status: 409 },
  INVITE_CONSENT_REQUIRED: { message: 'Tick both boxes: the consent and the age.', retryable: false, status: 400 },
  INVITE_EMAIL_INVALID: { message: 'This is not an e-mail address.', retryable: false, status: 400 },
  INVITATION_NOT_FOUND: { message: 'There is no invitation for this participant.', retryable: false, status: 404 },
  CAFE_DELETED: { message: 'The facilitator has deleted this café and everything in it.', retryable: false, status: 410 },
  CONFIRMATION_MISMATCH: { message: 'To confirm, type the café\u2019s join code.', retryable: false, status: 400 },
  ARCHIVE_IMPORT_OFF: { message: 'This server does not take café archives (ARCHIVE_IMPORT_TOKEN is not set).', retryable: false, status: 403 },
  ARCHIVE_INVALID: { message: 'This is not a complete, unchanged café archive.', retryable: false, status: 400 },
  ARCHIVE_TOO_LARGE: { message: 'The archive is larger than this server takes.', retryable: false, status: 413 },
  ARCHIVE_CONFLICT: { message: 'Another café with this id or join code is here, or this café has changed since the archive was made.', retryable: false, status: 409 },
  OP_ID_CONFLICT: { message: 'This operation id was already used for another operation.', retryable: false, status: 409 },
  RATE_LIMITED: { message: 'Too many requests; wait a moment.', retryable: true, status: 429 },
  STORE_UNAVAILABLE: { message: 'The server cannot store this right now; it will be retried.', retryable: true, status: 503 },
  INTERNAL: { message: 'Something went wrong on the server.', retryable: true, status: 500 },
} as const satisfies Record<string, { message: string; retryable: boolean; status: number }>;

export type ErrorCode = keyof typeof ERRORS;

/** The shape of every refusal on the wire (socket acknowledgements and HTTP bodies alike). */
export interface WireError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** Which field was wrong, when one field was. */
  path?: string;
  /** For `RATE_LIMITED`: how long to wait before the next try, in milliseconds. */
  retryAfterMs?: number;
}

export function wireError(code: ErrorCode, path?: string): WireError {
  const e = ERRORS[code];
  return path === undefined
    ? { code, message: e.message, retryable: e.retryable }
    : { code, message: e.message, retryable: e.retryable, path };
}

/** The refusal of a rate limit, with how long the device should wait. */
export function rateLimited(retryAfterMs: number): WireError {
  return { ...wireError('RATE_LIMITED'), retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}
