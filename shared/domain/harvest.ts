/**
 * The harvest's rules (SPEC H1–H10): table harvest cards, themes formed by the facilitator, the
 * dot vote and the spotlight. Called by `decide` for the commands below; pure like the rest.
 */
import type { ClientCommand, UploadCommand } from './commands.js';
import type { CafeEvent } from './events.js';
import { cardKey, dotsUsed, findTable, own, type CafeState, type Insight, type Theme } from './state.js';
import { IDEA_TEXT_MAX, THEME_NAME_MAX, cleanText, normalizeText } from '../text.js';
import type { ErrorCode } from '../errors.js';

export type HarvestCommand =
  | Extract<
      ClientCommand,
      {
        type: 'setHarvestCard' | 'createTheme' | 'renameTheme' | 'moveIdeas' | 'mergeThemes' | 'deleteTheme' | 'openVote' | 'closeVote' | 'castDot' | 'setPaperDots' | 'spotlight' | 'hidePhoto';
      }
    >
  | UploadCommand;

/** The longest side of a photo, in pixels: devices scale down before they upload (H13). */
export const PHOTO_MAX_SIDE = 1600;

export type HarvestDecision = { ok: true; event: CafeEvent } | { ok: false; code: ErrorCode; path?: string };

const ok = (event: CafeEvent): HarvestDecision => ({ ok: true, event });
const no = (code: ErrorCode, path?: string): HarvestDecision => (path === undefined ? { ok: false, code } : { ok: false, code, path });

export const DEFAULT_DOTS = 3;

/** H1: themes, the vote and the spotlight belong to the harvest phase. */
function inHarvest(state: CafeState): ErrorCode | null {
  if (state.phase.kind === 'closed') return 'CAFE_CLOSED';
  return state.phase.kind === 'harvest' ? null : 'WRONG_PHASE';
}

function sameName(a: string, b: string): boolean {
  return normalizeText(a).toLocaleLowerCase() === normalizeText(b).toLocaleLowerCase();
}

/** H2: ideas that may go into a theme: existing and not deleted. */
function checkIdeas(state: CafeState, ideaIds: string[]): HarvestDecision | null {
  for (const [i, id] of ideaIds.entries()) {
    const idea = own(state.ideas, id);
    if (!idea) return no('IDEA_NOT_FOUND', `ideaIds.${i}`);
    if (idea.deleted) return no('IDEA_DELETED', `ideaIds.${i}`);
  }
  return null;
}

/** The facilitator's harvest commands. */
export function decideFacilitatorHarvest(state: CafeState, cmd: HarvestCommand, now: number): HarvestDecision {
  if (cmd.type === 'setHarvestCard') return decideCard(state, cmd, now);
  if (cmd.type === 'addPhoto') return decidePhoto(state, cmd, now);
  if (cmd.type === 'castDot') return no('FORBIDDEN');
  if (cmd.type === 'hidePhoto') {
    // H14: like ideas (I10), also after the café has closed.
    const photo = own(state.photos, cmd.photoId);
    return photo ? ok({ type: 'photoHidden', photoId: photo.id, hidden: cmd.hidden }) : no('PHOTO_NOT_FOUND', 'photoId');
  }
  const phase = inHarvest(state);
  if (phase) return no(phase);
  switch (cmd.type) {
    case 'createTheme': {
      if (own(state.themes, cmd.themeId)) return no('THEME_EXISTS', 'themeId');
      const name = cleanText(cmd.name, THEME_NAME_MAX, 'name');
      if ('code' in name) return no(name.code, name.path);
      if (Object.values(state.themes).some((t) => sameName(t.name, name.text))) return no('THEME_EXISTS', 'name');
      const ideaIds = [...new Set(cmd.ideaIds ?? [])];
      const bad = checkIdeas(state, ideaIds);
      if (bad) return bad;
      return ok({ type: 'themeCreated', theme: { id: cmd.themeId, name: name.text, ideaIds, phoneDots: 0, paperDots: 0, createdAt: now } });
    }
    case 'renameTheme': {
      const theme = own(state.themes, cmd.themeId);
      if (!theme) return no('THEME_NOT_FOUND', 'themeId');
      const name = cleanText(cmd.name, THEME_NAME_MAX, 'name');
      if ('code' in name) return no(name.code, name.path);
      if (Object.values(state.themes).some((t) => t.id !== theme.id && sameName(t.name, name.text))) return no('THEME_EXISTS', 'name');
      return ok({ type: 'themeRenamed', themeId: theme.id, name: name.text });
    }
    case 'moveIdeas': {
      if (cmd.themeId !== null && !own(state.themes, cmd.themeId)) return no('THEME_NOT_FOUND', 'themeId');
      const bad = checkIdeas(state, cmd.ideaIds);
      if (bad) return bad;
      return ok({ type: 'ideasMoved', ideaIds: [...new Set(cmd.ideaIds)], themeId: cmd.themeId });
    }
    case 'mergeThemes': {
      if (!own(state.themes, cmd.themeId)) return no('THEME_NOT_FOUND', 'themeId');
      if (!own(state.themes, cmd.from)) return no('THEME_NOT_FOUND', 'from');
      if (cmd.from === cmd.themeId) return no('INVALID_PAYLOAD', 'from');
      return ok({ type: 'themesMerged', themeId: cmd.themeId, from: cmd.from });
    }
    case 'deleteTheme':
      return own(state.themes, cmd.themeId) ? ok({ type: 'themeDeleted', themeId: cmd.themeId }) : no('THEME_NOT_FOUND', 'themeId');
    case 'openVote':
      return ok({ type: 'voteChanged', vote: { open: true, dots: cmd.dots ?? state.vote?.dots ?? DEFAULT_DOTS } });
    case 'closeVote':
      return state.vote?.open ? ok({ type: 'voteChanged', vote: { ...state.vote, open: false } }) : no('VOTE_CLOSED');
    case 'setPaperDots':
      return own(state.themes, cmd.themeId) ? ok({ type: 'paperDotsSet', themeId: cmd.themeId, count: cmd.count }) : no('THEME_NOT_FOUND', 'themeId');
    case 'spotlight':
      if (cmd.tableId !== null && !findTable(state, cmd.tableId)) return no('TABLE_NOT_FOUND', 'tableId');
      return ok({ type: 'spotlightSet', tableId: cmd.tableId });
  }
}

/** A host's harvest command: only their table's card (A3). */
export function decideHostHarvest(state: CafeState, tableId: string, cmd: HarvestCommand, now: number): HarvestDecision {
  if (cmd.type !== 'setHarvestCard' && cmd.type !== 'addPhoto') return no('FORBIDDEN');
  if (cmd.tableId !== tableId) return no('NOT_YOUR_TABLE', 'tableId');
  return cmd.type === 'addPhoto' ? decidePhoto(state, cmd, now) : decideCard(state, cmd, now);
}

/** H13: a photo of a table for a round that has started, until the café closes; its id once. */
function decidePhoto(state: CafeState, cmd: UploadCommand, now: number): HarvestDecision {
  if (state.phase.kind === 'closed') return no('CAFE_CLOSED');
  if (!findTable(state, cmd.tableId)) return no('TABLE_NOT_FOUND', 'tableId');
  if (!Number.isInteger(cmd.round) || cmd.round < 0) return no('INVALID_PAYLOAD', 'round');
  if (cmd.round >= state.roundsStarted) return no('ROUND_NOT_STARTED', 'round');
  if (own(state.photos, cmd.photoId)) return no('OP_ID_CONFLICT', 'photoId');
  if (Math.max(cmd.width, cmd.height) > PHOTO_MAX_SIDE || Math.min(cmd.width, cmd.height) < 1) return no('PHOTO_INVALID');
  return ok({
    type: 'photoAdded',
    photo: { id: cmd.photoId, tableId: cmd.tableId, round: cmd.round, contentType: 'image/jpeg', bytes: cmd.bytes, width: cmd.width, height: cmd.height, hidden: false, uploadedAt: now },
  });
}

/** A phone's harvest command: its dots (H6, H7). */
export function decideParticipantHarvest(state: CafeState, participantId: string, cmd: HarvestCommand): HarvestDecision {
  if (cmd.type !== 'castDot') return no('FORBIDDEN');
  const phase = inHarvest(state);
  if (phase) return no(phase);
  if (!state.vote?.open) return no('VOTE_CLOSED');
  if (!own(state.themes, cmd.themeId)) return no('THEME_NOT_FOUND', 'themeId');
  if (cmd.add) {
    if (dotsUsed(state, participantId) >= state.vote.dots) return no('NO_DOTS_LEFT');
    return ok({ type: 'dotCast', themeId: cmd.themeId, participantId, delta: 1 });
  }
  const mine = own(own(state.ballots, participantId) ?? {}, cmd.themeId) ?? 0;
  return mine > 0 ? ok({ type: 'dotCast', themeId: cmd.themeId, participantId, delta: -1 }) : no('NO_DOT_HERE', 'themeId');
}

/** H9: a table's card for a round that has started, until the café closes; insights are the table's ideas of that round, or text. */
function decideCard(state: CafeState, cmd: Extract<HarvestCommand, { type: 'setHarvestCard' }>, now: number): HarvestDecision {
  if (state.phase.kind === 'closed') return no('CAFE_CLOSED');
  if (!findTable(state, cmd.tableId)) return no('TABLE_NOT_FOUND', 'tableId');
  if (cmd.round >= state.roundsStarted) return no('ROUND_NOT_STARTED', 'round');
  const insights: Insight[] = [];
  for (const [i, raw] of cmd.insights.entries()) {
    if ('ideaId' in raw) {
      const idea = own(state.ideas, raw.ideaId);
      if (!idea || idea.tableId !== cmd.tableId || idea.round !== cmd.round) return no('IDEA_NOT_FOUND', `insights.${i}`);
      if (idea.deleted) return no('IDEA_DELETED', `insights.${i}`);
      insights.push({ ideaId: idea.id, text: null });
    } else {
      const text = cleanText(raw.text, IDEA_TEXT_MAX, `insights.${i}`);
      if ('code' in text) return no(text.code, text.path);
      insights.push({ ideaId: null, text: text.text });
    }
  }
  return ok({ type: 'harvestCardSet', card: { tableId: cmd.tableId, round: cmd.round, insights, updatedAt: now } });
}

/** Applies a harvest event (the `evolve` half); returns the changed parts of the state. */
export function evolveHarvest(s: CafeState, e: CafeEvent): Partial<CafeState> | null {
  const without = (ideaIds: string[]) => (t: Theme): Theme => ({ ...t, ideaIds: t.ideaIds.filter((id) => !ideaIds.includes(id)) });
  const mapThemes = (f: (t: Theme) => Theme) => Object.fromEntries(Object.entries(s.themes).map(([id, t]) => [id, f(t)]));
  switch (e.type) {
    case 'harvestCardSet':
      return { harvestCards: { ...s.harvestCards, [cardKey(e.card.tableId, e.card.round)]: e.card } };
    case 'themeCreated': {
      const themes = mapThemes(without(e.theme.ideaIds));
      return { themes: { ...themes, [e.theme.id]: e.theme } };
    }
    case 'themeRenamed': {
      const t = own(s.themes, e.themeId);
      return t ? { themes: { ...s.themes, [t.id]: { ...t, name: e.name } } } : null;
    }
    case 'ideasMoved': {
      const themes = mapThemes(without(e.ideaIds));
      const target = e.themeId === null ? undefined : own(themes, e.themeId);
      if (target) themes[target.id] = { ...target, ideaIds: [...target.ideaIds, ...e.ideaIds] };
      return { themes };
    }
    case 'themesMerged': {
      const into = own(s.themes, e.themeId);
      const from = own(s.themes, e.from);
      if (!into || !from) return null;
      const themes = { ...s.themes };
      delete themes[from.id];
      themes[into.id] = {
        ...into,
        ideaIds: [...into.ideaIds, ...from.ideaIds.filter((id) => !into.ideaIds.includes(id))],
        phoneDots: into.phoneDots + from.phoneDots,
        paperDots: into.paperDots + from.paperDots,
      };
      // The dots on the merged theme move with it.
      const ballots = Object.fromEntries(
        Object.entries(s.ballots).map(([p, b]) => {
          const moved = { ...b };
          const n = own(moved, from.id) ?? 0;
          delete moved[from.id];
          if (n > 0) moved[into.id] = (own(moved, into.id) ?? 0) + n;
          return [p, moved];
        }),
      );
      return { themes, ballots };
    }
    case 'themeDeleted': {
      if (!own(s.themes, e.themeId)) return null;
      const themes = { ...s.themes };
      delete themes[e.themeId];
      // Its dots go back to the phones that cast them.
      const ballots = Object.fromEntries(
        Object.entries(s.ballots).map(([p, b]) => {
          const rest = { ...b };
          delete rest[e.themeId];
          return [p, rest];
        }),
      );
      return { themes, ballots };
    }
    case 'voteChanged':
      return { vote: e.vote };
    case 'dotCast': {
      const t = own(s.themes, e.themeId);
      if (!t) return null;
      const patch: Partial<CafeState> = { themes: { ...s.themes, [t.id]: { ...t, phoneDots: Math.max(0, t.phoneDots + e.delta) } } };
      if (e.participantId !== null) {
        const ballot = { ...(own(s.ballots, e.participantId) ?? {}) };
        ballot[t.id] = Math.max(0, (own(ballot, t.id) ?? 0) + e.delta);
        patch.ballots = { ...s.ballots, [e.participantId]: ballot };
      }
      return patch;
    }
    case 'paperDotsSet': {
      const t = own(s.themes, e.themeId);
      return t ? { themes: { ...s.themes, [t.id]: { ...t, paperDots: e.count } } } : null;
    }
    case 'spotlightSet':
      return { spotlight: e.tableId };
    case 'photoAdded':
      return { photos: { ...s.photos, [e.photo.id]: e.photo } };
    case 'photoHidden': {
      const p = own(s.photos, e.photoId);
      return p ? { photos: { ...s.photos, [p.id]: { ...p, hidden: e.hidden } } } : null;
    }
    default:
      return null;
  }
}
