/**
 * What the host's list and handover panel show, from the café state and the operations still on
 * their way: an idea shows its unsaved edit and star at once, and an idea not yet accepted shows
 * as "sending" on top of the list, whatever round it was written in. A refused change shows on its
 * idea's card even when the idea is of another round, so nothing not accepted is ever out of sight.
 */
import { currentRound, own, questionFor, type CafeState, type Idea } from '../../../shared/domain/state.js';
import type { HandoverRound } from './tc-handover-panel.js';
import type { OutgoingOp } from '../outbox/outbox.js';

export interface ListedIdea {
  idea: Idea;
  /** The operation on its way for this idea: a refused one first, else the latest. */
  outgoing: OutgoingOp | null;
  /** Not yet accepted by the server. */
  unsent: boolean;
}

/** The table's ideas of the current round, newest first, below the ideas still being sent. */
export function listedIdeas(state: CafeState, tableId: string, outgoing: readonly OutgoingOp[]): ListedIdea[] {
  const round = currentRound(state);
  const changes = new Map<string, { text?: string; starred?: boolean; op: OutgoingOp }>();
  const unsent: ListedIdea[] = [];
  for (const o of outgoing) {
    const op = o.op;
    if (op.type === 'addIdea') {
      if (!own(state.ideas, op.ideaId)) unsent.push({ idea: unsentIdea(op), outgoing: o, unsent: true });
      continue;
    }
    if (!('ideaId' in op)) continue;
    const change = changes.get(op.ideaId);
    // A refusal stays visible until the host deals with it, even if later changes went through.
    const shown = change?.op.status === 'refused' ? change.op : o;
    const next: { text?: string; starred?: boolean; op: OutgoingOp } = { ...change, op: shown };
    if (o.status !== 'refused') {
      if (op.type === 'editIdea') next.text = op.text;
      if (op.type === 'starIdea') next.starred = op.starred;
    }
    changes.set(op.ideaId, next);
  }
  const refusedChange = (id: string) => changes.get(id)?.op.status === 'refused';
  // A refused change to an idea the list would not show (another round, deleted, unknown): shown too.
  for (const [id, change] of changes) {
    const op = change.op.op;
    if (change.op.status !== 'refused' || own(state.ideas, id)) continue;
    const text = op.type === 'editIdea' ? op.text : '';
    unsent.push({ idea: unsentIdea({ type: 'addIdea', ideaId: id, tableId, round, text }), outgoing: change.op, unsent: false });
  }
  const saved = Object.values(state.ideas)
    .filter((i) => i.tableId === tableId && ((i.round === round && !i.deleted) || refusedChange(i.id)))
    .sort((a, b) => b.seq - a.seq)
    .map((idea): ListedIdea => {
      const change = changes.get(idea.id);
      if (!change) return { idea, outgoing: null, unsent: false };
      return {
        idea: { ...idea, text: change.text ?? idea.text, starred: change.starred ?? idea.starred },
        outgoing: change.op,
        unsent: false,
      };
    });
  return [...unsent.reverse(), ...saved];
}

function unsentIdea(op: Extract<OutgoingOp['op'], { type: 'addIdea' }>): Idea {
  return {
    id: op.ideaId,
    tableId: op.tableId,
    round: op.round,
    text: op.text,
    author: { role: 'host', participantId: null, displayName: null, group: op.group ?? null },
    consent: { publish: true, showName: false },
    starred: false,
    hidden: false,
    held: false,
    deleted: false,
    late: false,
    createdAt: 0,
    editedAt: null,
    seq: Number.MAX_SAFE_INTEGER,
  };
}

/** The round whose newcomers the host welcomes: the running round, or the next one during travel. */
export function seatedRound(state: CafeState): number | null {
  const p = state.phase;
  return p.kind === 'round' || p.kind === 'travel' ? p.round : null;
}

/**
 * The key ideas of the table's rounds before the one people now sit down for, oldest round first.
 * Hidden ideas are left out: the facilitator took them off the wall, so they are not for the newcomers either.
 */
export function handoverRounds(state: CafeState, tableId: string): HandoverRound[] {
  const upTo = seatedRound(state);
  if (upTo === null) return [];
  const rounds: HandoverRound[] = [];
  for (let round = 0; round < upTo; round++) {
    const all = Object.values(state.ideas)
      .filter((i) => i.tableId === tableId && i.round === round && !i.deleted && !i.hidden)
      .sort((a, b) => a.seq - b.seq);
    const starred = all.filter((i) => i.starred);
    const starredOnly = starred.length > 0;
    rounds.push({
      round,
      question: questionFor(state, round, tableId),
      ideas: starredOnly ? starred : all,
      starredOnly,
      others: all.length - starred.length,
    });
  }
  return rounds;
}
