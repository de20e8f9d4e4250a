/**
 * The check every fault drill ends with: each idea a device acknowledged, and each idea that was
 * still in an outbox, is in the café's log exactly once (the log itself, not a state that would
 * hide a double), the log has no gap, and every connected client's view holds exactly the ideas
 * its scope may see, at the head of what was sent to it.
 */
import { expect } from 'vitest';
import type { LogEntry } from '../../shared/domain/events.js';
import { evolve } from '../../shared/domain/evolve.js';
import type { CafeState, Idea } from '../../shared/domain/state.js';
import { visibleTo } from '../../shared/domain/visibility.js';
import type { CafeReplica } from '../../shared/replica.js';
import { RedisStore } from '../../server/store/redis-store.js';

/** The café's whole log as the Redis store holds it (the servers' default key prefix). */
export async function readLogFromRedis(redisUrl: string, cafeId: string): Promise<LogEntry[]> {
  const store = await RedisStore.connect(redisUrl);
  try {
    return await store.readSince(cafeId, 0);
  } finally {
    await store.close();
  }
}

/** The ideas the facilitator lists over HTTP (GET /api/cafes/:id/ideas). */
export async function listedIdeas(url: string, cafeId: string, facilitatorSecret: string): Promise<Map<string, Idea>> {
  const response = await fetch(`${url}/api/cafes/${cafeId}/ideas`, { headers: { authorization: `Bearer ${facilitatorSecret}` } });
  expect(response.status).toBe(200);
  return new Map(((await response.json()) as { ideas: Idea[] }).ideas.map((i) => [i.id, i]));
}

export interface View {
  name: string;
  replica: CafeReplica;
}

export interface AuditInput {
  log: LogEntry[];
  /** Every idea the drill's devices put in an outbox (or sent), by id, with its text. */
  written: Map<string, string>;
  /** The ideas the server acknowledged to a device. */
  acknowledged: Iterable<string>;
  /** The views of the clients still connected. */
  views: View[];
}

/** The final state of the café, rebuilt from its log. */
export function stateOf(log: LogEntry[]): CafeState {
  let state: CafeState | null = null;
  for (const entry of log) state = evolve(state, entry);
  if (!state) throw new Error('empty log');
  return state;
}

export function expectEveryIdeaOnce({ log, written, acknowledged, views }: AuditInput): void {
  // Sequence numbers 1..n, no gap, no repeat.
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));

  const counts = new Map<string, number>();
  for (const e of log) if (e.event.type === 'ideaAdded') counts.set(e.event.idea.id, (counts.get(e.event.idea.id) ?? 0) + 1);
  const doubled = [...counts].filter(([, n]) => n !== 1);
  expect(doubled, 'ideas added more than once').toEqual([]);
  const missingAcked = [...acknowledged].filter((id) => !counts.has(id));
  expect(missingAcked, 'acknowledged ideas missing from the log').toEqual([]);
  const missingWritten = [...written.keys()].filter((id) => !counts.has(id));
  expect(missingWritten, 'ideas from outboxes missing from the log').toEqual([]);
  const strangers = [...counts.keys()].filter((id) => !written.has(id));
  expect(strangers, 'ideas in the log nobody wrote').toEqual([]);
  for (const e of log) {
    if (e.event.type === 'ideaAdded') expect(e.event.idea.text, e.event.idea.id).toBe(written.get(e.event.idea.id));
  }

  const state = stateOf(log);
  for (const { name, replica } of views) {
    expect(replica.scope, `${name} has a scope`).not.toBeNull();
    expect(replica.state, `${name} has a state`).not.toBeNull();
    const scope = replica.scope!;
    const visible = log.filter((e) => visibleTo(scope, e, state) !== null);
    const lastVisible = visible.at(-1)?.seq ?? 0;
    expect(replica.seq, `${name} is at the head of what it may see`).toBeGreaterThanOrEqual(lastVisible);
    const expected = visible.flatMap((e) => (e.event.type === 'ideaAdded' ? [e.event.idea.id] : [])).sort();
    const seen = Object.keys(replica.state!.ideas).sort();
    expect(seen, `${name}'s ideas`).toEqual(expected);
    for (const id of seen) expect(replica.state!.ideas[id]!.text, `${name}: ${id}`).toBe(written.get(id));
  }
}

/** Waits until every view is at the last entry of `log` it may see (then `expectEveryIdeaOnce` checks them). */
export async function waitForViews(views: View[], log: LogEntry[], timeoutMs: number): Promise<void> {
  const state = stateOf(log);
  const behind = () =>
    views.filter(({ replica }) => {
      if (!replica.scope) return true;
      const last = log.filter((e) => visibleTo(replica.scope!, e, state) !== null).at(-1)?.seq ?? 0;
      return replica.seq < last;
    });
  const deadline = Date.now() + timeoutMs;
  while (behind().length > 0) {
    if (Date.now() > deadline) throw new Error(`views behind the log: ${behind().map((v) => `${v.name} at ${v.replica.seq}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
