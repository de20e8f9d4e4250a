/** A seed thread as an HTML fragment (for the report page and the e-mail's HTML part): every participant's text escaped. */
import { bodyHtml } from '../../shared/harvest/body-html.js';
import type { SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';
import { ideaOrigin, insightOrigin, labelsFor, mixLine, questionLines } from './labels.js';
import { escapeHtml, plainText } from './neutralize.js';

/** Escaped text; line ends kept as <br> (ideas may have several lines). */
export const html = (text: string) => escapeHtml(plainText(text)).replace(/\n/g, '<br>');

/**
 * The thread as a <section>; `photoSrc` says where each photo's bytes are (a relative file for
 * the report page, a cid: for an e-mail). `dir="auto"` on participants' text lets a right-to-left
 * idea lay itself out without reordering what surrounds it. An edited body replaces the
 * provenance, ideas and invitation, rendered from its Markdown by the one shared renderer.
 */
export function threadHtml(thread: SeedThread, photoSrc: (photo: SeedPhoto) => string, headingLevel: 1 | 2 = 2): string {
  const l = labelsFor(thread.language);
  const h = `h${headingLevel}`;
  const sub = `h${headingLevel + 1}`;
  const ideas = thread.ideas.map((idea) => {
    const star = idea.starred ? `<span class="key" title="${html(l.keyIdea)}">★</span> ` : '';
    const author = idea.author ? ` <span class="author">— <bdi>${html(idea.author)}</bdi></span>` : '';
    return `<li${idea.starred ? ' class="starred"' : ''}>${star}<span class="idea" dir="auto">${html(idea.text)}</span>${author} <span class="origin">(${html(ideaOrigin(thread, idea))})</span></li>`;
  });
  const insights = thread.insights.map(
    (insight) => `<li><span class="insight" dir="auto">${html(insight.text)}</span> <span class="origin">(${html(insightOrigin(thread, insight))})</span></li>`,
  );
  const photos = thread.photos.map(
    (photo) => `<figure><img src="${escapeHtml(photoSrc(photo))}" alt="${html(photo.caption)}"><figcaption dir="auto">${html(photo.caption)}</figcaption></figure>`,
  );
  if (thread.body !== undefined) {
    return [
      `<section class="thread" lang="${thread.language}">`,
      `<${h} dir="auto">${html(thread.title)}</${h}>`,
      `<div class="body" dir="auto">${bodyHtml(plainText(thread.body)).trimEnd()}</div>`,
      ...(photos.length > 0 ? [`<${sub}>${html(l.photos)}</${sub}>`, ...photos] : []),
      '</section>',
    ].join('\n');
  }
  return [
    `<section class="thread" lang="${thread.language}">`,
    `<${h} dir="auto">${html(thread.title)}</${h}>`,
    '<dl class="provenance">',
    ...questionLines(thread).map((line) => `<dt>${html(l.question)}</dt><dd dir="auto">${html(line)}</dd>`),
    `<dt>${html(l.tables)}</dt><dd>${html(thread.tableNames.join(', '))}</dd>`,
    `<dt>${html(l.stakeholderMix)}</dt><dd>${html(mixLine(thread))}</dd>`,
    ...(thread.votes !== null ? [`<dt>${html(l.votes)}</dt><dd>${thread.votes}</dd>`] : []),
    '</dl>',
    ...(insights.length > 0 ? [`<${sub}>${html(l.keyInsights)}</${sub}>`, `<ul class="insights">${insights.join('')}</ul>`] : []),
    ...(ideas.length > 0 ? [`<${sub}>${html(l.ideas)}</${sub}>`, `<ul class="ideas">${ideas.join('')}</ul>`] : []),
    ...(photos.length > 0 ? [`<${sub}>${html(l.photos)}</${sub}>`, ...photos] : []),
    `<p class="invitation" dir="auto">${html(thread.invitation)}</p>`,
    '</section>',
  ].join('\n');
}
