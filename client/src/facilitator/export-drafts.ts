/**
 * The facilitator's choices on the export screen before an export starts: which seed threads go
 * out, and their edited titles and bodies. Kept in the tab's sessionStorage per café and
 * grouping, so a reload does not lose them; what the server needs is built from them here.
 */
import type { SeedThread } from '../../../shared/harvest/seed-thread.js';
import type { ThreadGrouping } from '../../../shared/harvest/threads.js';
import { titleProblems as sharedTitleProblems, type TitleProblem } from '../../../shared/export-api.js';

/** A seed thread as the preview sends it: with its generated body (CommonMark). */
export type PreviewThread = Omit<SeedThread, 'photos' | 'body'> & { body: string; photoIds?: string[] };

export interface ThreadDraft {
  title?: string;
  body?: string;
  /** Left out of the export. */
  skip?: boolean;
}

export type Drafts = Record<string, ThreadDraft>;

/** The export API's limit for an edited body. */
export const BODY_MAX = 32_000;

const storageKey = (cafeId: string, grouping: ThreadGrouping) => `tablecloth.export.${cafeId}.${grouping}`;

export function loadDrafts(cafeId: string, grouping: ThreadGrouping): Drafts {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey(cafeId, grouping)) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Drafts) : {};
  } catch {
    return {};
  }
}

export function saveDrafts(cafeId: string, grouping: ThreadGrouping, drafts: Drafts): void {
  try {
    const kept = Object.entries(drafts).filter(([, d]) => d.title !== undefined || d.body !== undefined || d.skip);
    if (kept.length === 0) sessionStorage.removeItem(storageKey(cafeId, grouping));
    else sessionStorage.setItem(storageKey(cafeId, grouping), JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or refused (private mode): the edits stay on the page until it is reloaded.
  }
}

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
