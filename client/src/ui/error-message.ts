/** Every refusal the server can send, said to a person in their language (codes from shared/errors.ts). */
import { msg } from '@lit/localize';
import type { ErrorCode } from '../../../shared/errors.js';

export function errorMessage(code: ErrorCode): string {
  const messages: Record<ErrorCode, () => string> = {
    INVALID_PAYLOAD: () => msg('Something in this request is not right.', { id: 'error.INVALID_PAYLOAD' }),
    PROTOCOL_MISMATCH: () => msg('This page is out of date: please reload it.', { id: 'error.PROTOCOL_MISMATCH' }),
    UNAUTHENTICATED: () => msg('This link is not valid.', { id: 'error.UNAUTHENTICATED' }),
    ORIGIN_NOT_ALLOWED: () => msg('This page was opened from an address the server does not accept: open the link you were given.', { id: 'error.ORIGIN_NOT_ALLOWED' }),
    LINK_REVOKED: () => msg('This link has been withdrawn by the facilitator.', { id: 'error.LINK_REVOKED' }),
    FORBIDDEN: () => msg('You may not do this here.', { id: 'error.FORBIDDEN' }),
    NOT_YOUR_TABLE: () => msg('This belongs to another table.', { id: 'error.NOT_YOUR_TABLE' }),
    NOT_YOUR_IDEA: () => msg('Only the author or the table host can change this idea.', { id: 'error.NOT_YOUR_IDEA' }),
    NOT_FOUND: () => msg('There is nothing here.', { id: 'error.NOT_FOUND' }),
    CAFE_NOT_FOUND: () => msg('There is no café with this code.', { id: 'error.CAFE_NOT_FOUND' }),
    CAFE_EXISTS: () => msg('This café already exists.', { id: 'error.CAFE_EXISTS' }),
    CAFE_CLOSED: () => msg('The café is closed.', { id: 'error.CAFE_CLOSED' }),
    WRONG_PHASE: () => msg('This is not possible right now.', { id: 'error.WRONG_PHASE' }),
    ROUND_NOT_STARTED: () => msg('That round has not started yet.', { id: 'error.ROUND_NOT_STARTED' }),
    ROUND_STARTED: () => msg('That round has already started.', { id: 'error.ROUND_STARTED' }),
    ROUND_NOT_FOUND: () => msg('There is no such round.', { id: 'error.ROUND_NOT_FOUND' }),
    NOTHING_TO_UNDO: () => msg('There is nothing to undo.', { id: 'error.NOTHING_TO_UNDO' }),
    NO_MORE_ROUNDS: () => msg('Every round has been held.', { id: 'error.NO_MORE_ROUNDS' }),
    TABLE_NOT_FOUND: () => msg('There is no such table.', { id: 'error.TABLE_NOT_FOUND' }),
    TABLE_EXISTS: () => msg('A table with this number already exists.', { id: 'error.TABLE_EXISTS' }),
    TABLE_DISABLED: () => msg('This table is closed.', { id: 'error.TABLE_DISABLED' }),
    NOT_SEATED: () => msg('Choose your table first.', { id: 'error.NOT_SEATED' }),
    IDEA_NOT_FOUND: () => msg('This idea no longer exists.', { id: 'error.IDEA_NOT_FOUND' }),
    IDEA_EXISTS: () => msg('This idea was already added.', { id: 'error.IDEA_EXISTS' }),
    IDEA_DELETED: () => msg('This idea has been deleted.', { id: 'error.IDEA_DELETED' }),
    TEXT_EMPTY: () => msg('Please write something first.', { id: 'error.TEXT_EMPTY' }),
    TEXT_TOO_LONG: () => msg('This text is too long.', { id: 'error.TEXT_TOO_LONG' }),
    UNKNOWN_GROUP: () => msg('This group is not part of the café.', { id: 'error.UNKNOWN_GROUP' }),
    LINK_NOT_FOUND: () => msg('There is no such link.', { id: 'error.LINK_NOT_FOUND' }),
    THEME_NOT_FOUND: () => msg('This theme no longer exists.', { id: 'error.THEME_NOT_FOUND' }),
    THEME_EXISTS: () => msg('There is already a theme with this name.', { id: 'error.THEME_EXISTS' }),
    VOTE_CLOSED: () => msg('The vote is not open.', { id: 'error.VOTE_CLOSED' }),
    NO_DOTS_LEFT: () => msg('You have used all your dots.', { id: 'error.NO_DOTS_LEFT' }),
    NO_DOT_HERE: () => msg('You have no dot on this theme.', { id: 'error.NO_DOT_HERE' }),
    OP_ID_CONFLICT: () => msg('This was sent twice in different ways; please try again.', { id: 'error.OP_ID_CONFLICT' }),
    RATE_LIMITED: () => msg('Too many requests: wait a moment.', { id: 'error.RATE_LIMITED' }),
    STORE_UNAVAILABLE: () => msg('Not connected to the server right now.', { id: 'error.STORE_UNAVAILABLE' }),
    INTERNAL: () => msg('Something went wrong on the server.', { id: 'error.INTERNAL' }),
  };
  return messages[code]();
}
