/**
 * From the harvest to seed threads (SPEC H11, H12): what leaves the café, grouped by theme (the
 * default), by question or by table, with its provenance. Pure: the export job calls it on the
 * café's state at one pinned sequence number and adds the photos' bytes; the harvest page shows
 * the same selection.
 */
import { own, questionFor, type CafeState, type HarvestCard, type Idea } from '../domain/state.js';
import type { SeedIdea, SeedInsight, SeedThread, StakeholderMix } from './seed-thread.js';

export type ThreadGrouping = 'theme' | 'question' | 'table';

/** Discourse's default minimum title length; shorter titles get the café's title added. */
export const MIN_TITLE_LENGTH = 15;

const INVITATION: Record<string, string> = {
  en: 'What would you add? Continue the conversation here.',
  de: 'Was würdest du ergänzen? Hier geht das Gespräch weiter.',
};

/**
 * H11: whether an idea may leave the café — the stricter of the café's setting, the author's
 * consent when writing and their consent now; never a hidden, held or deleted idea.
 */
export function publishable(state: CafeState, idea: Idea): boolean {
  if (idea.deleted || idea.hidden || idea.held) return false;
  if (idea.author.role !== 'participant') return idea.consent.publish;
  const now = idea.author.participantId === null ? undefined : own(state.participants, idea.author.participantId);
  return state.publishIdeas && idea.consent.publish && (now?.consent.publish ?? true);
}

/** H11: the author's name, only where they agreed to show it then and still do. */
export function publishedAuthor(state: CafeState, idea: Idea): string | null {
  if (idea.author.displayName === null || !idea.consent.showName) return null;
  const now = idea.author.participantId === null ? undefined : own(state.participants, idea.author.participantId);
  return now && !now.consent.showName ? null : idea.author.displayName;
}

export function tableName(state: CafeState, tableId: string): string {
  return state.tables.find((t) => t.id === tableId)?.name ?? tableId;
}

/** One publishable idea as it leaves the café (H11). */
export function seedIdea(state: CafeState, idea: Idea): SeedIdea {
  return {
    id: idea.id,
    text: idea.text,
    author: publishedAuthor(state, idea),
    group: idea.author.group,
    tableName: tableName(state, idea.tableId),
    round: idea.round,
    starred: idea.starred,
  };
}

/** H12: which of the café's stakeholder groups contributed to a set of ideas, and which did not (counts only). */
export function stakeholderMix(state: CafeState, ideas: Idea[]): StakeholderMix {
  const counts = new Map<string, number>();
  for (const idea of ideas) if (idea.author.group) counts.set(idea.author.group, (counts.get(idea.author.group) ?? 0) + 1);
  return {
    contributed: [...counts].map(([group, n]) => ({ group, ideas: n })).sort((a, b) => b.ideas - a.ideas || a.group.localeCompare(b.group)),
    missing: state.stakeholderGroups.filter((g) => !counts.has(g)),
  };
}

/** A written insight with the table it came from (threads need the id for their provenance). */
type PlacedInsight = SeedInsight & { tableId: string };

/**
 * H11: the key insights hosts wrote on their harvest cards, by table then round. A host's words
 * leave the café as a host's note does (HOST_CONSENT: publishable, never with a name).
 */
export function writtenInsights(state: CafeState, keep: (card: HarvestCard) => boolean = () => true): PlacedInsight[] {
  const order = new Map(state.tables.map((t, i) => [t.id, i]));
  return Object.values(state.harvestCards)
    .filter((card) => order.has(card.tableId) && keep(card))
    .sort((a, b) => order.get(a.tableId)! - order.get(b.tableId)! || a.round - b.round)
    .flatMap((card) =>
      card.insights.flatMap((insight) => (insight.text === null ? [] : [{ text: insight.text, tableId: card.tableId, tableName: tableName(state, card.tableId), round: card.round }])),
    );
}

interface Group {
  id: string;
  name: string;
  ideas: Idea[];
  votes: number | null;
  insights: PlacedInsight[];
  themeName?: string;
}

/** H14: the photos of the tables and rounds a thread's ideas came from, unless hidden or the café keeps ideas in. */
function photosOf(state: CafeState, ideas: Idea[]): string[] {
  if (!state.publishIdeas) return [];
  const places = new Set(ideas.map((i) => `${i.tableId}/${i.round}`));
  return Object.values(state.photos)
    .filter((p) => !p.hidden && places.has(`${p.tableId}/${p.round}`))
    .map((p) => p.id);
}

function groups(state: CafeState, by: ThreadGrouping, ideas: Idea[]): Group[] {
  switch (by) {
    case 'theme':
      return Object.values(state.themes).map((t) => ({
        id: `theme-${t.id}`,
        name: t.name,
        themeName: t.name,
        ideas: t.ideaIds.flatMap((id) => ideas.filter((i) => i.id === id)),
        votes: state.vote ? t.phoneDots + t.paperDots : null,
        insights: [],
      }));
    case 'question':
      return state.rounds.map((r, round) => ({ id: `round-${round}`, name: r.question, ideas: ideas.filter((i) => i.round === round), votes: null, insights: writtenInsights(state, (c) => c.round === round) }));
    case 'table':
      return state.tables.map((t) => ({ id: `table-${t.id}`, name: t.name, ideas: ideas.filter((i) => i.tableId === t.id), votes: null, insights: writtenInsights(state, (c) => c.tableId === t.id) }));
  }
}

/**
 * H12: one thread per theme (or question, or table) with publishable ideas or written insights,
 * and per theme that received dots though none of its ideas may leave (H18: its name, votes
 * and mix still invite a conversation); titles unique in the café and long enough.
 */
export function seedThreads(state: CafeState, by: ThreadGrouping = 'theme'): SeedThread[] {
  const ideas = Object.values(state.ideas)
    .filter((i) => publishable(state, i))
    .sort((a, b) => a.seq - b.seq);
  const used = new Set<string>();
  const threads: SeedThread[] = [];
  for (const g of groups(state, by, ideas)) {
    if (g.ideas.length === 0 && g.insights.length === 0 && !(g.votes !== null && g.votes > 0)) continue;
    let title = g.name.length >= MIN_TITLE_LENGTH ? g.name : `${g.name} — ${state.title}`;
    for (let n = 2; used.has(title.toLocaleLowerCase()); n++) title = `${g.name} (${n}) — ${state.title}`;
    used.add(title.toLocaleLowerCase());
    const places = [...g.ideas, ...g.insights];
    const rounds = [...new Set(places.map((i) => i.round))].sort((a, b) => a - b);
    const tableIds = [...new Set(places.map((i) => i.tableId))];
    const questions = [...new Map(places.map((i) => [`${i.round}/${questionFor(state, i.round, i.tableId)}`, { round: i.round, text: questionFor(state, i.round, i.tableId) }])).values()].sort(
      (a, b) => a.round - b.round,
    );
    threads.push({
      id: g.id,
      cafeId: state.id,
      cafeTitle: state.title,
      title,
      ...(g.themeName !== undefined ? { themeName: g.themeName } : {}),
      questions,
      rounds,
      tableNames: state.tables.filter((t) => tableIds.includes(t.id)).map((t) => t.name),
      stakeholderMix: stakeholderMix(state, g.ideas),
      votes: g.votes,
      ideas: g.ideas.map((i) => seedIdea(state, i)),
      insights: g.insights.map(({ text, tableName, round }) => ({ text, tableName, round })),
      photos: [],
      photoIds: photosOf(state, g.ideas),
      invitation: INVITATION[state.language] ?? INVITATION.en!,
      category: null,
      tags: [],
      language: state.language === 'de' ? 'de' : 'en',
    });
  }
  return threads;
}
