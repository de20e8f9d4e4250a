/** The words around participants' text in every export, in the café's language. */
import type { SeedThread } from '../../shared/harvest/seed-thread.js';

export interface ExportLabels {
  question: string;
  round: string;
  tables: string;
  votes: string;
  stakeholderMix: string;
  notRepresented: string;
  ideas: string;
  photos: string;
  keyIdea: string;
  keyInsights: string;
  harvestOf: string;
  threads: string;
  groupings: Record<'by-theme' | 'by-question' | 'by-table' | 'other', string>;
}

const LABELS: Record<SeedThread['language'], ExportLabels> = {
  en: {
    question: 'Question',
    round: 'Round',
    tables: 'Tables',
    votes: 'Votes',
    stakeholderMix: 'Stakeholder mix',
    notRepresented: 'no ideas from',
    ideas: 'Ideas',
    photos: 'Photos',
    keyIdea: 'key idea',
    keyInsights: 'Key insights from the tables',
    harvestOf: 'Harvest of',
    threads: 'Seed threads',
    groupings: { 'by-theme': 'by theme', 'by-question': 'by question', 'by-table': 'by table', other: 'other' },
  },
  de: {
    question: 'Frage',
    round: 'Runde',
    tables: 'Tische',
    votes: 'Stimmen',
    stakeholderMix: 'Beteiligte Gruppen',
    notRepresented: 'keine Ideen aus',
    ideas: 'Ideen',
    photos: 'Fotos',
    keyIdea: 'Kernidee',
    keyInsights: 'Kernerkenntnisse der Tische',
    harvestOf: 'Ernte von',
    threads: 'Themen für die Community',
    groupings: { 'by-theme': 'nach Thema', 'by-question': 'nach Frage', 'by-table': 'nach Tisch', other: 'weitere' },
  },
};

export function labelsFor(language: SeedThread['language']): ExportLabels {
  return LABELS[language];
}

/** The stakeholder mix as one line of plain text: counts per group, then the groups not heard (never names). */
export function mixLine(thread: SeedThread): string {
  const l = labelsFor(thread.language);
  const heard = thread.stakeholderMix.contributed.filter((g) => g.ideas > 0).map((g) => `${g.group} (${g.ideas})`);
  const silent = thread.stakeholderMix.contributed.filter((g) => g.ideas === 0).map((g) => g.group);
  const missing = [...silent, ...thread.stakeholderMix.missing];
  if (missing.length === 0) return heard.join(', ');
  // No stray "·" in front when no group was heard at all.
  return [...(heard.length > 0 ? [heard.join(', ')] : []), `${l.notRepresented}: ${missing.join(', ')}`].join(' · ');
}

/** "Round 1: question" for each question, rounds counted from 1 as the room did. */
export function questionLines(thread: SeedThread): string[] {
  const l = labelsFor(thread.language);
  return thread.questions.map((q) => `${l.round} ${q.round + 1}: ${q.text}`);
}

/** Where a host's written insight came from, e.g. "Tisch 4 · Runde 2". */
export function insightOrigin(thread: SeedThread, insight: SeedThread['insights'][number]): string {
  return `${insight.tableName} · ${labelsFor(thread.language).round} ${insight.round + 1}`;
}

/** Where one idea came from, e.g. "Lehrkräfte · Tisch 4 · Runde 2". */
export function ideaOrigin(thread: SeedThread, idea: SeedThread['ideas'][number]): string {
  const l = labelsFor(thread.language);
  return [idea.group, idea.tableName, `${l.round} ${idea.round + 1}`].filter((part) => part !== null).join(' · ');
}
