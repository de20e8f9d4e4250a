/**
 * A seed thread as Markdown (CommonMark). The body is what the console previews and the
 * facilitator may edit: every participant's text escaped, so it renders as itself. An edited
 * body is the facilitator's own Markdown and stays Markdown; only raw HTML is taken out of it.
 */
import type { SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';
import { ideaOrigin, insightOrigin, labelsFor, mixLine, questionLines } from './labels.js';
import { escapeMarkdown, plainText } from './neutralize.js';

const md = (text: string) => escapeMarkdown(plainText(text));

/** Continuation lines indented under their list item, so an idea of several lines stays one item. */
const listItem = (text: string) => `- ${text.replace(/\n/g, '\n  ')}`;

/**
 * The generated body: provenance, stakeholder mix, votes, the ideas as a list and the invitation,
 * without the title (targets put it apart) and the photos (each target references them its own way).
 */
export function threadBody(thread: SeedThread): string {
  const l = labelsFor(thread.language);
  const out: string[] = [];
  for (const line of questionLines(thread)) out.push(`**${md(l.question)}:** ${md(line)}  `);
  out.push(`**${md(l.tables)}:** ${md(thread.tableNames.join(', '))}  `);
  out.push(`**${md(l.stakeholderMix)}:** ${md(mixLine(thread))}  `);
  if (thread.votes !== null) out.push(`**${md(l.votes)}:** ${thread.votes}  `);
  if (thread.insights.length > 0) {
    out.push('', `## ${md(l.keyInsights)}`, '');
    for (const insight of thread.insights) out.push(listItem(`${md(insight.text)} *(${md(insightOrigin(thread, insight))})*`));
  }
  if (thread.ideas.length > 0) out.push('', `## ${md(l.ideas)}`, '');
  for (const idea of thread.ideas) {
    const star = idea.starred ? `★ ` : '';
    const author = idea.author ? ` — ${md(idea.author)}` : '';
    out.push(listItem(`${star}${md(idea.text)}${author} *(${md(ideaOrigin(thread, idea))})*`));
  }
  out.push('', md(thread.invitation), '');
  return out.join('\n');
}

/**
 * Markdown with no raw HTML in it: every `<` not already escaped becomes `&lt;`, so no tag, comment
 * or autolink can start, whatever renders the file. Inside a code span that shows as `&lt;`; a
 * price facilitators pay rarely, for a rule that needs no parser. Controls and bidi overrides go too.
 */
export function withoutHtml(markdown: string): string {
  return plainText(markdown).replace(/(\\*)</g, (run: string, slashes: string) => (slashes.length % 2 === 1 ? run : `${slashes}&lt;`));
}

/** The body that goes out: the facilitator's edit (without raw HTML) when there is one, else the generated one. */
export function bodyMarkdown(thread: SeedThread): string {
  return thread.body === undefined ? threadBody(thread) : `${withoutHtml(thread.body).trimEnd()}\n`;
}

/** The thread's Markdown file: its title, its body and its photos; `photoPath` says where each photo is, relative to the file. */
export function threadMarkdown(thread: SeedThread, photoPath: (photo: SeedPhoto) => string): string {
  const l = labelsFor(thread.language);
  const out = [`# ${md(thread.title)}`, '', bodyMarkdown(thread)];
  if (thread.photos.length > 0) {
    out.push(`## ${md(l.photos)}`, '');
    out.push(thread.photos.map((photo) => `![${md(photo.caption)}](${photoPath(photo)})`).join('\n\n'), '');
  }
  return out.join('\n');
}
