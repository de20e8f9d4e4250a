/** The whole harvest as JSON, in the shape docs/export-schema.json documents: photos referenced as files, not inlined. */
import { createHash } from 'node:crypto';
import type { SeedInsight, SeedThread } from '../../shared/harvest/seed-thread.js';
import { photoFileName, threadFilePath } from './file-names.js';
import type { CsvIdea } from './ideas-csv.js';

export interface HarvestCafe {
  id: string;
  title: string;
  language: SeedThread['language'];
  /** Every publishable idea of the café for ideas.csv (the export job passes them); without, the threads' ideas. */
  ideas?: readonly CsvIdea[];
  /** Every key insight hosts wrote (H18), for harvest.json and the report whatever the grouping. */
  insights?: readonly SeedInsight[];
}

/** Bump when a field changes meaning or goes away (adding one is compatible). */
export const HARVEST_FORMAT_VERSION = 1;

/** A thread as plain JSON data, shared by harvest.json and the webhook's body; photos described, not inlined. */
export function threadRecord(t: SeedThread) {
  return {
    id: t.id,
    title: t.title,
    questions: t.questions.map((q) => ({ round: q.round, text: q.text })),
    rounds: [...t.rounds],
    tableNames: [...t.tableNames],
    stakeholderMix: {
      contributed: t.stakeholderMix.contributed.map((g) => ({ group: g.group, ideas: g.ideas })),
      missing: [...t.stakeholderMix.missing],
    },
    votes: t.votes,
    ideas: t.ideas.map((i) => ({
      id: i.id,
      text: i.text,
      author: i.author,
      group: i.group,
      tableName: i.tableName,
      round: i.round,
      starred: i.starred,
    })),
    insights: t.insights.map((i) => ({ text: i.text, tableName: i.tableName, round: i.round })),
    photos: t.photos.map((p) => ({
      id: p.id,
      caption: p.caption,
      contentType: p.contentType,
      file: `photos/${photoFileName(p)}`,
      size: p.bytes.byteLength,
      sha256: createHash('sha256').update(p.bytes).digest('hex'),
    })),
    // The facilitator's edited body (Markdown, as typed), only when there is one.
    ...(t.body !== undefined ? { body: t.body } : {}),
    invitation: t.invitation,
    category: t.category,
    tags: [...t.tags],
    language: t.language,
  };
}

/**
 * The JSON document. Text is as stored (JSON needs no neutralising; a reader that puts it into
 * HTML must escape it). No export time in it, so the same harvest always gives the same bytes.
 */
export function harvestJson(cafe: HarvestCafe, threads: readonly SeedThread[]): string {
  const document = {
    format: 'tablecloth-harvest',
    version: HARVEST_FORMAT_VERSION,
    cafe: { id: cafe.id, title: cafe.title, language: cafe.language },
    threads: threads.map((t) => ({ ...threadRecord(t), markdownFile: threadFilePath(t) })),
    ...(cafe.insights ? { insights: cafe.insights.map((i) => ({ text: i.text, tableName: i.tableName, round: i.round })) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
