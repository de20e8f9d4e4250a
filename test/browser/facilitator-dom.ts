/** Finding things in the console's nested shadow roots, for the facilitator's component tests. */

/** The element inside nested shadow roots: each selector is looked up in the previous one's shadow root. */
export function deep<E extends Element = HTMLElement>(root: Element, ...selectors: string[]): E {
  let at: Element = root;
  for (const s of selectors) {
    const next = (at.shadowRoot ?? at).querySelector(s);
    if (!next) throw new Error(`nothing matches ${selectors.join(' » ')} (stuck at ${s})`);
    at = next;
  }
  return at as E;
}

/** Every element matching `selector` in the element's shadow root (or in it, when it has none). */
export function deepAll<E extends Element = HTMLElement>(root: Element, selector: string): E[] {
  return [...(root.shadowRoot ?? root).querySelectorAll<E>(selector)];
}
