/**
 * H17: the facilitator's edits of the seed threads (title, body, whether to publish) are part of
 * the café, so they survive a closed tab, reach every target alike and travel with the archive.
 */
import type { ErrorCode } from '../errors.js';
import { titleProblems } from '../export-api.js';
import { seedThreads } from '../harvest/threads.js';
import { cleanText, normalizeText, SEED_BODY_MAX } from '../text.js';
import type { ClientCommand } from './commands.js';
import type { CafeEvent } from './events.js';
import { own, seedEditKey, type CafeState, type SeedEdit, type SeedGrouping } from './state.js';

type EditSeedThread = Extract<ClientCommand, { type: 'editSeedThread' }>;
type SeedDecision = { ok: true; event: CafeEvent } | { ok: false; code: ErrorCode; path: string };

const no = (code: ErrorCode, path: string): SeedDecision => ({ ok: false, code, path });

/** A thread's saved edit, or none (generated, chosen). */
export function seedEditOf(state: CafeState, grouping: SeedGrouping, threadId: string): SeedEdit | undefined {
  return own(state.seedEdits, seedEditKey(grouping, threadId));
}

export function decideSeedEdit(state: CafeState, cmd: EditSeedThread): SeedDecision {
  const threads = seedThreads(state, cmd.grouping);
  const thread = threads.find((t) => t.id === cmd.threadId);
  if (!thread) return no('EXPORT_THREAD_NOT_FOUND', 'threadId');
  const before = seedEditOf(state, cmd.grouping, thread.id);
  let body = before?.body ?? null;
  if (cmd.body !== undefined) {
    const text = cmd.body === null ? null : cleanText(cmd.body, SEED_BODY_MAX, 'body');
    if (text !== null && 'code' in text) return no(text.code, text.path);
    body = text?.text ?? null;
  }
  const title = cmd.title === undefined ? (before?.title ?? null) : cmd.title === null ? null : normalizeText(cmd.title);
  const publish = cmd.publish ?? before?.publish ?? true;
  // Only a title or choice changed now is judged: an older clash (a theme renamed since) must not block a body edit.
  if (publish && (cmd.title !== undefined || cmd.publish !== undefined)) {
    const chosen = threads
      .map((t) => (t.id === thread.id ? { id: t.id, title: title ?? t.title, publish } : { id: t.id, title: seedEditOf(state, cmd.grouping, t.id)?.title ?? t.title, publish: seedEditOf(state, cmd.grouping, t.id)?.publish ?? true }))
      .filter((t) => t.publish);
    if (titleProblems(chosen).has(thread.id)) return no('EXPORT_TITLE_INVALID', 'title');
  }
  return { ok: true, event: { type: 'seedThreadEdited', edit: { grouping: cmd.grouping, threadId: thread.id, title, body, publish } } };
}
