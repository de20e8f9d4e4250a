/**
 * The public harvest page's content (H15): what H11 and H14 let leave the café, for anyone with
 * the café's code — the same selection as the seed threads, without anything personal beyond
 * the names their authors chose to show. Pure; the server adds the links to exported threads.
 */
import type { CafeState } from '../domain/state.js';
import type { SeedIdea, SeedInsight, StakeholderMix } from './seed-thread.js';
import { publishable, seedIdea, seedThreads, tableName, writtenInsights } from './threads.js';

export interface PublicIdea {
  id: string;
  text: string;
  /** Only where the author opted in to show their name (H11). */
  author: string | null;
  tableName: string;
  round: number;
}

export interface PublicTheme {
  /** The seed thread's id (`theme-<id>`), the key of its export outcomes. */
  threadId: string;
  name: string;
  /** Phone plus paper dots; null when no vote was held. */
  votes: number | null;
  ideas: PublicIdea[];
  stakeholderMix: StakeholderMix;
  /** Where the conversation continues, once the theme was exported (set by the server). */
  threadUrl: string | null;
}

export interface PublicPhoto {
  id: string;
  tableName: string;
  round: number;
  width: number;
  height: number;
}

export interface PublicHarvest {
  joinCode: string;
  title: string;
  language: 'en' | 'de';
  /** When the harvest began or the café closed (epoch ms): the day of the café. */
  date: number;
  closed: boolean;
  /** The questions of the rounds held, in order (each table's own in "pie" mode). */
  questions: { round: number; text: string }[];
  /** By votes when a vote was held, else in the order the facilitator formed them. */
  themes: PublicTheme[];
  /** Publishable ideas in no theme. */
  otherIdeas: PublicIdea[];
  /** The key insights hosts wrote on their harvest cards (H18), by table then round. */
  insights: SeedInsight[];
  photos: PublicPhoto[];
}

/** H15: whether the café offers its harvest page now. */
export function harvestPageOpen(state: CafeState): boolean {
  return state.harvestPage && (state.phase.kind === 'harvest' || state.phase.kind === 'closed');
}

function publicIdea(idea: SeedIdea): PublicIdea {
  return { id: idea.id, text: idea.text, author: idea.author, tableName: idea.tableName, round: idea.round };
}

function questionsHeld(state: CafeState): PublicHarvest['questions'] {
  return state.rounds.slice(0, state.roundsStarted).flatMap((r, round) => {
    const texts = state.mode === 'pie' ? [r.question, ...Object.values(r.tableQuestions)] : [r.question];
    return [...new Set(texts)].map((text) => ({ round, text }));
  });
}

/** H11 H14 H15: the harvest as the public page shows it (callers check `harvestPageOpen` first). */
export function publicHarvest(state: CafeState): PublicHarvest {
  const threads = new Map(seedThreads(state, 'theme').map((t) => [t.id, t]));
  const themes = Object.values(state.themes).flatMap((theme): PublicTheme[] => {
    const thread = threads.get(`theme-${theme.id}`);
    if (!thread) return [];
    return [{ threadId: thread.id, name: theme.name, votes: thread.votes, ideas: thread.ideas.map(publicIdea), stakeholderMix: thread.stakeholderMix, threadUrl: null }];
  });
  if (state.vote) themes.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  const themed = new Set(Object.values(state.themes).flatMap((t) => t.ideaIds));
  const otherIdeas = Object.values(state.ideas)
    .filter((i) => !themed.has(i.id) && publishable(state, i))
    .sort((a, b) => a.seq - b.seq)
    .map((i) => publicIdea(seedIdea(state, i)));
  const photos = state.publishIdeas
    ? Object.values(state.photos)
        .filter((p) => !p.hidden)
        .map((p) => ({ id: p.id, tableName: tableName(state, p.tableId), round: p.round, width: p.width, height: p.height }))
    : [];
  return {
    joinCode: state.joinCode,
    title: state.title,
    language: state.language === 'de' ? 'de' : 'en',
    date: state.phaseChangedAt,
    closed: state.phase.kind === 'closed',
    questions: questionsHeld(state),
    themes,
    otherIdeas,
    insights: writtenInsights(state).map(({ text, tableName, round }) => ({ text, tableName, round })),
    photos,
  };
}
