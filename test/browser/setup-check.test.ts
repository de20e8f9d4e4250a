import { fixture, html, expect } from '@open-wc/testing';
import { it } from 'vitest';

it('runs in real Chromium with @open-wc/testing', async () => {
  const el = await fixture(html`<button>Start</button>`);
  expect(el.textContent).to.equal('Start');
  await expect(el).to.be.accessible();
});
