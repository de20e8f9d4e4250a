/**
 * The facilitator's choices on the export screen: which seed threads go out, and their edited
 * titles and bodies. They are saved in the café (`editSeedThread`, SPEC H17) and come back in its
 * state (`seedEdits`); what is typed and not yet saved waits here as a draft.
 */
import type { ClientCommand } from '../../../shared/domain/commands.js';
import type { CafeState } from '../../../shared/domain/state.js';
import type { SeedThread } from '../../../shared/harvest/seed-thread.js';
import type { ThreadGrouping } from '../../../shared/harvest/threads.js';
import { titleProblems as sharedTitleProblems, type TitleProblem } from '../../../shared/export-api.js';
import { normalizeText } from '../../../shared/text.js';

/** A seed thread as the screen keeps it: with its generated title and body (CommonMark). */
export type PreviewThread = Omit<SeedThread, 'photos' | 'body'> & { body: string; photoIds?: string[] };

/** A thread as `GET …/threads` sends it: its saved edit applied, the generated text beside it. */
export type ServedThread = PreviewThread & { publish?: boolean; generatedTitle?: string; generatedBody?: string };

/** The generated thread, what a draft is measured against. */
export const generated = (t: ServedThread): PreviewThread => ({ ...t, title: t.generatedTitle ?? t.title, body: t.generatedBody ?? t.body });

export interface ThreadDraft {
  title?: string;
  body?: string;
  /** Left out of the export. */
  skip?: boolean;
}

export type Drafts = Record<string, ThreadDraft>;

/** The export API's limit for an edited body. */
export const BODY_MAX = 32_000;

/** The café's saved edits of one grouping, as drafts. */
export function savedDrafts(state: CafeState, grouping: ThreadGrouping): Drafts {
  const drafts: Drafts = {};
  for (const e of Object.values(state.seedEdits ?? {})) {
    if (e.grouping !== grouping) continue;
    drafts[e.threadId] = { ...(e.title === null ? {} : { title: e.title }), ...(e.body === null ? {} : { body: e.body }), ...(e.publish ? {} : { skip: true }) };
  }
  return drafts;
}

const savedText = (text: string | undefined) => (text === undefined || normalizeText(text) === '' ? null : normalizeText(text));

/**
 * The operation that saves `draft` where it differs from `saved`, or null when nothing would
 * change. A title with a problem (and the choice, while the title has one) waits: the café would
 * refuse it.
 */
export function saveOp(grouping: ThreadGrouping, threadId: string, draft: ThreadDraft, saved: ThreadDraft | undefined, problem: boolean): ClientCommand | null {
  const op: Extract<ClientCommand, { type: 'editSeedThread' }> = { type: 'editSeedThread', grouping, threadId };
  const title = savedText(draft.title);
  const body = savedText(draft.body);
  if (!problem && title !== savedText(saved?.title)) op.title = title;
  if (body !== savedText(saved?.body)) op.body = body;
  if (Boolean(draft.skip) !== Boolean(saved?.skip) && (draft.skip || !problem)) op.publish = !draft.skip;
  return Object.keys(op).length > 3 ? op : null;
}

/** Whether the café holds what the draft says. */
export const isSaved = (draft: ThreadDraft, saved: ThreadDraft | undefined) =>
  savedText(draft.title) === savedText(saved?.title) && savedText(draft.body) === savedText(saved?.body) && Boolean(draft.skip) === Boolean(saved?.skip);

export const titleOf = (thread: PreviewThread, drafts: Drafts) => drafts[thread.id]?.title ?? thread.title;
export const bodyOf = (thread: PreviewThread, drafts: Drafts) => drafts[thread.id]?.body ?? thread.body;
export const chosen = (threads: readonly PreviewThread[], drafts: Drafts) => threads.filter((t) => !drafts[t.id]?.skip);

/** What is wrong with each chosen thread's title as it would go out (shared/export-api.ts). */
export function titleProblems(threads: readonly PreviewThread[], drafts: Drafts): Map<string, TitleProblem> {
  return sharedTitleProblems(chosen(threads, drafts).map((t) => ({ id: t.id, title: titleOf(t, drafts) })));
}

/**
 * The body of `POST …/exports`: the chosen threads, always by id (a thread that appeared since the
 * preview was not seen, so it does not go out; one that went since is refused in words), and only
 * the edits that change something.
 */
export function exportRequest(target: string, grouping: ThreadGrouping, threads: readonly PreviewThread[], drafts: Drafts) {
  const list = chosen(threads, drafts);
  const edits: Record<string, { title?: string; body?: string }> = {};
  for (const t of list) {
    const title = titleOf(t, drafts).trim();
    const body = bodyOf(t, drafts);
    const edit: { title?: string; body?: string } = {};
    if (title !== t.title) edit.title = title;
    if (body !== t.body && body.trim() !== '') edit.body = body;
    if (edit.title !== undefined || edit.body !== undefined) edits[t.id] = edit;
  }
  return { target, grouping, threadIds: list.map((t) => t.id), edits };
}
