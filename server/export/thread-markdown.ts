/** A seed thread as Markdown (CommonMark): every participant's text escaped, so it renders as itself. */
import type { SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';
import { ideaOrigin, labelsFor, mixLine, questionLines } from './labels.js';
import { escapeMarkdown, plainText } from './neutralize.js';

const md = (text: string) => escapeMarkdown(plainText(text));

/** Continuation lines indented under their list item, so an idea of several lines stays one item. */
const listItem = (text: string) => `- ${text.replace(/\n/g, '\n  ')}`;

/** The thread's Markdown; `photoPath` says where each photo is, relative to the Markdown file. */
export function threadMarkdown(thread: SeedThread, photoPath: (photo: SeedPhoto) => string): string {
  const l = labelsFor(thread.language);
  const out: string[] = [`# ${md(thread.title)}`, ''];
  for (const line of questionLines(thread)) out.push(`**${md(l.question)}:** ${md(line)}  `);
  out.push(`**${md(l.tables)}:** ${md(thread.tableNames.join(', '))}  `);
  out.push(`**${md(l.stakeholderMix)}:** ${md(mixLine(thread))}  `);
  if (thread.votes !== null) out.push(`**${md(l.votes)}:** ${thread.votes}  `);
  out.push('', `## ${md(l.ideas)}`, '');
  for (const idea of thread.ideas) {
    const star = idea.starred ? `★ ` : '';
    const author = idea.author ? ` — ${md(idea.author)}` : '';
    out.push(listItem(`${star}${md(idea.text)}${author} *(${md(ideaOrigin(thread, idea))})*`));
  }
  if (thread.photos.length > 0) {
    out.push('', `## ${md(l.photos)}`, '');
    out.push(thread.photos.map((photo) => `![${md(photo.caption)}](${photoPath(photo)})`).join('\n\n'));
  }
  out.push('', md(thread.invitation), '');
  return out.join('\n');
}
