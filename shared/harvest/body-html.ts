/**
 * A seed thread's body (CommonMark, as generated or as the facilitator edited it) as an HTML
 * fragment: the one rendering the console's preview, NING's description, the e-mail's HTML part
 * and the webhook's `rendered.html` share. Raw HTML in the Markdown is not HTML here (markdown-it
 * with `html: false` writes it as text), link targets go through markdown-it's scheme check
 * (no `javascript:`, `vbscript:`, `file:` or non-image `data:`), and no bare URL becomes a link.
 */
import MarkdownIt from 'markdown-it';

let renderer: ReturnType<typeof MarkdownIt> | null = null;

export function bodyHtml(markdown: string): string {
  renderer ??= new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
  return renderer.render(markdown);
}
