/** Finding things on the phone in component tests: a path of selectors through shadow roots. */
export const q = <T extends Element = HTMLElement>(root: Element, ...path: string[]): T => {
  let node: Element = root;
  for (const selector of path) {
    const next = (node.shadowRoot ?? node).querySelector(selector);
    if (!next) throw new Error(`nothing matches ${path.join(' › ')} at ${selector}`);
    node = next;
  }
  return node as T;
};
export const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
