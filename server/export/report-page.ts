/**
 * The printable harvest report: one self-contained HTML page (the browser's "print to PDF" makes
 * the PDF), each seed thread on its own page when printed. No script at all, and a
 * Content-Security-Policy that forbids one, so even text that slipped past escaping could not run.
 */
import type { SeedInsight, SeedPhoto, SeedThread } from '../../shared/harvest/seed-thread.js';
import { labelsFor } from './labels.js';
import { html, threadHtml } from './thread-html.js';

const CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

const STYLE = `
  body { font: 11pt/1.45 system-ui, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 0; } h3 { font-size: 1rem; }
  .thread { border-top: 1px solid #bbb; padding-top: 1rem; margin-top: 2rem; }
  .provenance { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; }
  .provenance dt { font-weight: 600; } .provenance dd { margin: 0; }
  .ideas li { margin: 0.25rem 0; } .origin, .author { color: #555; } .key { color: #a15c00; }
  figure { margin: 0.5rem 0; } figure img { max-width: 100%; max-height: 12cm; }
  .invitation { font-style: italic; }
  @page { size: A4; margin: 18mm 16mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; }
    .thread { break-before: page; border-top: 0; margin-top: 0; }
    .thread:first-of-type { break-before: auto; }
    li, figure, .provenance { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
  }
`;

/** The report for a café's threads (all of one café); `photoSrc` is each photo's path relative to the page. */
export function reportPage(
  cafeTitle: string,
  language: SeedThread['language'],
  threads: readonly SeedThread[],
  photoSrc: (photo: SeedPhoto) => string,
  insights: readonly SeedInsight[] = [],
): string {
  const l = labelsFor(language);
  // By theme no thread carries the hosts' insights: the report lists them once, apart.
  const apart = threads.some((t) => t.insights.length > 0) ? [] : insights;
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(`${l.harvestOf} ${cafeTitle}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1 dir="auto">${html(`${l.harvestOf} ${cafeTitle}`)}</h1>`,
    ...(apart.length > 0
      ? [
          `<section class="insights"><h2>${html(l.keyInsights)}</h2><ul>`,
          ...apart.map((i) => `<li><span dir="auto">${html(i.text)}</span> <span class="origin">(${html(i.tableName)} · ${html(l.round)} ${i.round + 1})</span></li>`),
          '</ul></section>',
        ]
      : []),
    ...threads.map((thread) => threadHtml(thread, photoSrc)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
