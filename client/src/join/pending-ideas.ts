/**
 * The phone's ideas, edits and dots on their way, as its durable outbox lists them (client/src/outbox/):
 * stored on the phone before they are sent, so nothing typed is lost when the venue Wi-Fi drops
 * or the page is reloaded, and re-sent with the same operation id until the server has them.
 */
import type { ClientCommand } from '../../../shared/domain/commands.js';
import type { OutgoingOp } from '../outbox/outbox.js';

export type IdeaOp = Extract<ClientCommand, { type: 'addIdea' | 'editIdea' }>;

/** An outgoing idea or edit: sending, waiting (re-sent later), sent (until the state shows it) or refused (`error` says why). */
export type PendingIdea = OutgoingOp & { readonly op: IdeaOp };

export function pendingIdeas(list: readonly OutgoingOp[]): PendingIdea[] {
  return list.filter((o): o is PendingIdea => o.op.type === 'addIdea' || o.op.type === 'editIdea');
}

/** The phone's dots still on their way, by theme: +1 for each put, −1 for each taken back (refused ones not counted). */
export function dotsOnTheWay(list: readonly OutgoingOp[]): Map<string, number> {
  const dots = new Map<string, number>();
  for (const o of list) if (o.op.type === 'castDot' && o.status !== 'refused') dots.set(o.op.themeId, (dots.get(o.op.themeId) ?? 0) + (o.op.add ? 1 : -1));
  return dots;
}
