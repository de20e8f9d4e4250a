/** Finding and waiting for things on the wall in component tests: through shadow roots, after Lit has rendered. */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';

/**
 * Waits until the element and every Lit element inside its shadow tree have rendered, and two
 * frames more: the stream learns which cards flowed out of sight from an IntersectionObserver.
 */
export async function settled(el: Element): Promise<void> {
  await rendered(el);
  for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
}
export async function rendered(el: Element): Promise<void> {
  const lit = el as Partial<LitElement>;
  if (lit.updateComplete) await lit.updateComplete;
  for (const child of el.shadowRoot?.querySelectorAll('*') ?? []) await rendered(child);
}

/** Waits (up to 2 s) until `condition` holds, then checks it. */
export async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(condition(), String(condition)).to.equal(true);
}

/** Every element, looking into shadow roots. */
export function* everything(root: Element | ShadowRoot): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* everything(el.shadowRoot);
  }
}
/** Elements matching the selectors in turn, each one searched for inside the previous ones (shadow roots included). */
export function find(root: Element, ...selectors: string[]): HTMLElement[] {
  let found: Element[] = [root];
  for (const selector of selectors) found = found.flatMap((el) => [...everything(el.shadowRoot ?? el)].filter((e) => e.matches(selector)));
  return found as HTMLElement[];
}
export function one(root: Element, ...selectors: string[]): HTMLElement {
  const found = find(root, ...selectors)[0];
  if (!found) throw new Error(`nothing matches ${selectors.join(' » ')}`);
  return found;
}
export const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ').trim();
