/** Every refusal the server can send, said to a person in their language (codes from shared/errors.ts). */
import { msg } from '@lit/localize';
import type { ErrorCode } from '../../../shared/errors.js';

/** Refusals a participant's phone can get. */
const phoneMessages = {
  INVALID_PAYLOAD: () => msg('Something in this request is not right.', { id: 'error.INVALID_PAYLOAD' }),
  PROTOCOL_MISMATCH: () => msg('This page is out of date: please reload it.', { id: 'error.PROTOCOL_MISMATCH' }),
  UNAUTHENTICATED: () => msg('This link is not valid.', { id: 'error.UNAUTHENTICATED' }),
  ORIGIN_NOT_ALLOWED: () => msg('This page was opened from an address the server does not accept: open the link you were given.', { id: 'error.ORIGIN_NOT_ALLOWED' }),
  LINK_REVOKED: () => msg('This link has been withdrawn by the facilitator.', { id: 'error.LINK_REVOKED' }),
  FORBIDDEN: () => msg('You may not do this here.', { id: 'error.FORBIDDEN' }),
  NOT_YOUR_IDEA: () => msg('Only the author or the table host can change this idea.', { id: 'error.NOT_YOUR_IDEA' }),
  NOT_FOUND: () => msg('There is nothing here.', { id: 'error.NOT_FOUND' }),
  CAFE_NOT_FOUND: () => msg('There is no café with this code.', { id: 'error.CAFE_NOT_FOUND' }),
  CAFE_CLOSED: () => msg('The café is closed.', { id: 'error.CAFE_CLOSED' }),
  WRONG_PHASE: () => msg('This is not possible right now.', { id: 'error.WRONG_PHASE' }),
  ROUND_NOT_STARTED: () => msg('That round has not started yet.', { id: 'error.ROUND_NOT_STARTED' }),
  TABLE_NOT_FOUND: () => msg('There is no such table.', { id: 'error.TABLE_NOT_FOUND' }),
  TABLE_DISABLED: () => msg('This table is closed.', { id: 'error.TABLE_DISABLED' }),
  NOT_SEATED: () => msg('Choose your table first.', { id: 'error.NOT_SEATED' }),
  IDEA_NOT_FOUND: () => msg('This idea no longer exists.', { id: 'error.IDEA_NOT_FOUND' }),
  IDEA_EXISTS: () => msg('This idea was already added.', { id: 'error.IDEA_EXISTS' }),
  IDEA_DELETED: () => msg('This idea has been deleted.', { id: 'error.IDEA_DELETED' }),
  TEXT_EMPTY: () => msg('Please write something first.', { id: 'error.TEXT_EMPTY' }),
  TEXT_TOO_LONG: () => msg('This text is too long.', { id: 'error.TEXT_TOO_LONG' }),
  UNKNOWN_GROUP: () => msg('This group is not part of the café.', { id: 'error.UNKNOWN_GROUP' }),
  THEME_NOT_FOUND: () => msg('This theme no longer exists.', { id: 'error.THEME_NOT_FOUND' }),
  VOTE_CLOSED: () => msg('The vote is not open.', { id: 'error.VOTE_CLOSED' }),
  NO_DOTS_LEFT: () => msg('You have used all your dots.', { id: 'error.NO_DOTS_LEFT' }),
  NO_DOT_HERE: () => msg('You have no dot on this theme.', { id: 'error.NO_DOT_HERE' }),
  INVITES_OFF: () => msg('This café does not take invitations.', { id: 'error.INVITES_OFF' }),
  INVITE_CONSENT_REQUIRED: () => msg('Tick both boxes first.', { id: 'error.INVITE_CONSENT_REQUIRED' }),
  INVITE_EMAIL_INVALID: () => msg('This is not an e-mail address.', { id: 'error.INVITE_EMAIL_INVALID' }),
  CAFE_DELETED: () => msg('The facilitator has deleted this café and everything in it.', { id: 'error.CAFE_DELETED' }),
  OP_ID_CONFLICT: () => msg('This was sent twice in different ways; please try again.', { id: 'error.OP_ID_CONFLICT' }),
  RATE_LIMITED: () => msg('Too many requests: wait a moment.', { id: 'error.RATE_LIMITED' }),
  STORE_UNAVAILABLE: () => msg('Not connected to the server right now.', { id: 'error.STORE_UNAVAILABLE' }),
  INTERNAL: () => msg('Something went wrong on the server.', { id: 'error.INTERNAL' }),
} satisfies Partial<Record<ErrorCode, () => string>>;

/** Refusals only the other faces get (set-up, hosts' tables, themes, photos, export, the harvest page); their ids start with `refusal.`, which the phone's German slice leaves out (client/build/locale-slices.ts). */
const otherMessages = {
  NOT_YOUR_TABLE: () => msg('This belongs to another table.', { id: 'refusal.NOT_YOUR_TABLE' }),
  CAFE_EXISTS: () => msg('This café already exists.', { id: 'refusal.CAFE_EXISTS' }),
  ROUND_STARTED: () => msg('That round has already started.', { id: 'refusal.ROUND_STARTED' }),
  ROUND_NOT_FOUND: () => msg('There is no such round.', { id: 'refusal.ROUND_NOT_FOUND' }),
  NOTHING_TO_UNDO: () => msg('There is nothing to undo.', { id: 'refusal.NOTHING_TO_UNDO' }),
  NO_MORE_ROUNDS: () => msg('Every round has been held.', { id: 'refusal.NO_MORE_ROUNDS' }),
  TABLE_EXISTS: () => msg('A table with this number already exists.', { id: 'refusal.TABLE_EXISTS' }),
  LINK_NOT_FOUND: () => msg('There is no such link.', { id: 'refusal.LINK_NOT_FOUND' }),
  THEME_EXISTS: () => msg('There is already a theme with this name.', { id: 'refusal.THEME_EXISTS' }),
  PHOTO_NOT_FOUND: () => msg('This photo no longer exists.', { id: 'refusal.PHOTO_NOT_FOUND' }),
  PHOTO_INVALID: () => msg('This photo could not be read; take it again.', { id: 'refusal.PHOTO_INVALID' }),
  PHOTO_TOO_LARGE: () => msg('This photo is too large.', { id: 'refusal.PHOTO_TOO_LARGE' }),
  HARVEST_PAGE_UNAVAILABLE: () => msg('The harvest of this café is not shown here (yet).', { id: 'refusal.HARVEST_PAGE_UNAVAILABLE' }),
  CONFIRMATION_MISMATCH: () => msg('To confirm, type the café’s join code exactly.', { id: 'refusal.CONFIRMATION_MISMATCH' }),
  ARCHIVE_IMPORT_OFF: () => msg('This server does not take café archives.', { id: 'refusal.ARCHIVE_IMPORT_OFF' }),
  ARCHIVE_INVALID: () => msg('This is not a complete, unchanged café archive.', { id: 'refusal.ARCHIVE_INVALID' }),
  ARCHIVE_TOO_LARGE: () => msg('The archive is too large for this server.', { id: 'refusal.ARCHIVE_TOO_LARGE' }),
  ARCHIVE_CONFLICT: () => msg('This café is already here with other content, or its join code is taken.', { id: 'refusal.ARCHIVE_CONFLICT' }),
  EXPORT_TARGET_UNKNOWN: () => msg('This export target is not configured on the server.', { id: 'refusal.EXPORT_TARGET_UNKNOWN' }),
  EXPORT_JOB_NOT_FOUND: () => msg('This export no longer exists.', { id: 'refusal.EXPORT_JOB_NOT_FOUND' }),
  EXPORT_THREAD_NOT_FOUND: () => msg('This thread is not in the harvest.', { id: 'refusal.EXPORT_THREAD_NOT_FOUND' }),
  EXPORT_TITLE_INVALID: () => msg('Each thread needs its own title of 15 to 255 characters.', { id: 'refusal.EXPORT_TITLE_INVALID' }),
  EXPORT_RUNNING: () => msg('This export is running: wait for it to finish.', { id: 'refusal.EXPORT_RUNNING' }),
  INVITATION_NOT_FOUND: () => msg('There is no such invitation.', { id: 'refusal.INVITATION_NOT_FOUND' }),
  ROTATION_OFF: () => msg('The café uses free movement: switch it to planned rotation first.', { id: 'refusal.ROTATION_OFF' }),
  PARTICIPANT_NOT_FOUND: () => msg('There is no such participant.', { id: 'refusal.PARTICIPANT_NOT_FOUND' }),
  PARTICIPANT_EXISTS: () => msg('A participant with this id already exists.', { id: 'refusal.PARTICIPANT_EXISTS' }),
  PLAN_MOVES_SEATED: () => msg('The plan would move someone who has already sat down.', { id: 'refusal.PLAN_MOVES_SEATED' }),
} satisfies Partial<Record<ErrorCode, () => string>>;

export function errorMessage(code: ErrorCode): string {
  const messages: Record<ErrorCode, () => string> = { ...phoneMessages, ...otherMessages };
  return messages[code]();
}

/**
 * The phone's errorMessage: only the refusals it can get, so its build carries none of the others'
 * (its JavaScript budget is 40 KB); any other code is said as "something is not right".
 */
export function phoneErrorMessage(code: ErrorCode): string {
  return ((phoneMessages as Partial<Record<ErrorCode, () => string>>)[code] ?? phoneMessages.INVALID_PAYLOAD)();
}
