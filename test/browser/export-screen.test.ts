/**
 * The console's export screen in real Chromium against a real server (started in Node by the
 * browser commands of test/helpers/export-screen-commands.ts) exporting to a real webhook
 * receiver and a local NING: the seed threads previewed with their bodies, a title checked and
 * edited, a body edited, a thread left out, each saved in the café (editSeedThread) and there
 * after a reload, a second target getting the same titles, the export watched to m of
 * m, a refusing target's reasons shown and "Retry failed" finishing it; a lost NING answer shown
 * as "maybe sent"; no targets said in words; axe.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import '../../client/src/facilitator/tc-facilitator-view.js';
import type { TcFacilitatorView } from '../../client/src/facilitator/tc-facilitator-view.js';
import type { ExportCafe, ExportCafeOptions } from '../helpers/export-screen-commands.js';
import { chooseLocale } from '../../client/src/i18n.js';
import { deep, deepAll } from './facilitator-dom.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    startExportCafe: (options: ExportCafeOptions) => Promise<ExportCafe>;
    failWebhook: (url: string, n: number, status: number) => Promise<void>;
    loseNingAnswer: (url: string) => Promise<void>;
    webhookThreads: (url: string) => Promise<{ id: string; title: string; body: string | null }[]>;
    stopExportCafe: (url: string) => Promise<void>;
  }
}

const started: string[] = [];
afterEach(async () => {
  fixtureCleanup();
  sent.length = 0;
  await chooseLocale('en');
  localStorage.removeItem('tablecloth.language');
  for (const url of started.splice(0)) await commands.stopExportCafe(url);
});

async function startCafe(options: Omit<ExportCafeOptions, 'origin'> = {}): Promise<ExportCafe> {
  const cafe = await commands.startExportCafe({ origin: location.origin, ...options });
  started.push(cafe.url);
  return cafe;
}

const api = (cafe: ExportCafe, path: string, init: RequestInit = {}) =>
  fetch(`${cafe.url}/api/cafes/${cafe.state.id}${path}`, { ...init, headers: { authorization: `Bearer ${cafe.secret}`, 'content-type': 'application/json' } }).then((r) => r.json());

/** The café as the server has it now (what the console's connection gets on connect). */
const snapshot = async (cafe: ExportCafe) => ((await api(cafe, '/snapshot')) as { state: ExportCafe['state'] }).state;

/** The operations the console sent, with the server's answers. */
const sent: { op: { type: string }; answer: unknown }[] = [];

/**
 * The console as the facilitator's page has it, its connection played by the test: each
 * operation goes to the server in order, and the view then gets the café as it is after it.
 */
async function renderConsole(cafe: ExportCafe): Promise<TcFacilitatorView> {
  await page.viewport(1440, 900);
  const el = await fixture<TcFacilitatorView>(
    html`<tc-facilitator-view .state=${await snapshot(cafe)} status="connected" .now=${cafe.state.createdAt} .exportApi=${{ server: cafe.url, secret: cafe.secret }}></tc-facilitator-view>`,
  );
  let queue = Promise.resolve();
  el.addEventListener('facilitator-op', (e) => {
    const op = e.detail;
    queue = queue
      .then(async () => {
        const answer = await api(cafe, '/ops', { method: 'POST', body: JSON.stringify({ id: crypto.randomUUID(), op }) });
        sent.push({ op, answer });
        if (el.isConnected) el.state = await snapshot(cafe);
      })
      // After the test the server is gone: what was still queued is answered by nobody (sent shows it was not).
      .catch(() => undefined);
  });
  return el;
}

/** Waits (up to 20 s: the machine may be busy) until `check` returns something truthy, letting the page render in between. */
async function until<T>(check: () => T, what: string, shown: () => string = () => ''): Promise<NonNullable<T>> {
  const end = Date.now() + 20_000;
  for (;;) {
    const value = (() => {
      try {
        return check();
      } catch {
        return null;
      }
    })();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the page shows: ${(() => { try { return shown(); } catch { return '(nothing)'; } })()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const screen = (el: Element) => deep(el, 'tc-export-screen');
const cards = (el: Element) => deepAll<HTMLElement & { updateComplete: Promise<boolean> }>(screen(el), 'tc-seed-thread');
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const shadowText = (el: Element) => text(el.shadowRoot as unknown as Element);
const cardTitled = (el: Element, title: string) => cards(el).find((c) => deep<HTMLInputElement>(c, 'input[type=text]').value === title)!;
const startButton = (el: Element) => deep<HTMLButtonElement>(screen(el), '.start button');
const progressText = (el: Element) => shadowText(deep(screen(el), 'tc-export-progress'));

describe('the export screen', () => {
  it('previews, edits, leaves out, exports to m of m through a refusal and a retry', async () => {
    const cafe = await startCafe({ tables: 4 });
    let el = await renderConsole(cafe);
    await until(() => cards(el).length === 4 && deepAll(cards(el)[0]!, '.body h2').length > 0, 'four previews');

    // The preview: the generated body rendered read-only, with what each thread carries.
    const first = cardTitled(el, 'Runde 1, Tisch 1: gemeinsam planen');
    expect(text(deep(first, '.body'))).to.contain('Marker0x1x0: Schulentwicklung gemeinsam planen');
    expect(deepAll(first, '.body li').length).to.equal(2);
    expect(shadowText(first)).to.match(/2 ideas/);
    expect(deepAll(first, '.body script, .body a')).to.have.length(0);

    // A title too short is named at its field and stops the export; a long enough one is taken.
    const title = deep<HTMLInputElement>(first, 'input[type=text]');
    await userEvent.fill(title, 'Zu kurz');
    await until(() => deepAll(first, '.problem').length === 1, 'the title problem');
    expect(text(deep(first, '.problem'))).to.equal('A title needs at least 15 characters.');
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(startButton(el).disabled).to.equal(true);
    await userEvent.fill(title, 'Lernen braucht Zeit – aus dem Café');
    await until(() => deepAll(first, '.problem').length === 0 && !startButton(el).disabled, 'the title accepted');

    // The same title twice is refused too.
    const second = cardTitled(el, 'Runde 1, Tisch 2: gemeinsam planen');
    await userEvent.fill(deep<HTMLInputElement>(second, 'input[type=text]'), 'lernen braucht Zeit – aus dem Café');
    await until(() => text(deep(second, '.problem')).includes('Another thread has this title'), 'the duplicate title');
    await userEvent.fill(deep<HTMLInputElement>(second, 'input[type=text]'), 'Runde 1, Tisch 2: gemeinsam planen');

    // The body edited as Markdown, shown as it will appear.
    deep<HTMLButtonElement>(second, '.actions button').click();
    const area = await until(() => deep<HTMLTextAreaElement>(second, 'textarea'), 'the editor');
    expect(area.value).to.contain('Marker0x2x0');
    await userEvent.fill(area, '## Our words\n\nEdited **by hand**. <script>window.pwned = 1</script>');
    deep<HTMLButtonElement>(second, '.actions button').click();
    await until(() => deepAll(second, '.body strong').length === 1, 'the edited preview');
    expect(text(deep(second, '.body h2'))).to.equal('Our words');
    expect(deepAll(second, '.body script')).to.have.length(0);
    expect(text(deep(second, '.body'))).to.contain('<script>window.pwned = 1</script>');

    // One thread left out.
    const third = cardTitled(el, 'Runde 1, Tisch 3: gemeinsam planen');
    deep<HTMLInputElement>(third, 'input[type=checkbox]').click();
    await until(() => text(deep(screen(el), '.summary')) === '3 of 4 threads will be published.', 'three chosen');

    // Each change is saved in the café as it is made, the body once typing pauses.
    await until(() => cards(el).every((c) => !shadowText(c).includes('Saving')) && shadowText(cardTitled(el, 'Lernen braucht Zeit – aus dem Café')).includes('Saved'), 'all saved', () => cards(el).map(shadowText).join(' | '));
    expect(sent.every((s) => (s.answer as { seq?: number }).seq !== undefined), JSON.stringify(sent)).to.equal(true);
    expect(sent.every((s) => s.op.type === 'editSeedThread')).to.equal(true);
    // Typing is not one operation per key: the body (56 characters) went out once or twice.
    expect(sent.filter((s) => 'body' in s.op).length).to.be.within(1, 2);
    // No stale-preview banner for the café's own edits.
    expect(deepAll(screen(el), '.stale')).to.have.length(0);

    // A reload (the tab closed, a new one opened) shows all of it: it is in the café.
    fixtureCleanup();
    el = await renderConsole(cafe);
    await until(() => cards(el).length === 4, 'the threads again');
    expect(cardTitled(el, 'Lernen braucht Zeit – aus dem Café')).to.exist;
    expect(deep<HTMLInputElement>(cardTitled(el, 'Runde 1, Tisch 3: gemeinsam planen'), 'input[type=checkbox]').checked).to.equal(false);
    expect(text(deep(cardTitled(el, 'Runde 1, Tisch 2: gemeinsam planen'), '.body h2'))).to.equal('Our words');

    // The webhook refuses the first delivery for good: its reason is shown, the others arrive.
    await commands.failWebhook(cafe.url, 1, 422);
    await until(() => deep<HTMLSelectElement>(screen(el), 'select.target').options.length === 3, 'the targets');
    const target = deep<HTMLSelectElement>(screen(el), 'select.target');
    expect([...target.options].map((o) => o.text)).to.deep.equal(['community-hook (webhook)', 'folder (files)', 'network (ning)']);
    expect(text(startButton(el))).to.equal('Export 3 threads');
    startButton(el).click();
    await until(() => /2 of 3 threads exported/.test(progressText(el)) && /Failed \(1\)/.test(progressText(el)) && !/running/.test(progressText(el)), 'a finished run with one failure');
    expect(progressText(el)).to.contain('The target refused this thread.');
    expect(progressText(el)).to.contain('HTTP 422');
    expect(progressText(el)).to.contain('TARGET_REFUSED');

    // Retry failed: m of m.
    const retry = await until(() => deepAll<HTMLButtonElement>(deep(screen(el), 'tc-export-progress'), 'button').find((b) => text(b) === 'Retry failed'), 'the retry button');
    retry.click();
    await until(() => /3 of 3 threads exported/.test(progressText(el)) && !/Failed/.test(progressText(el)), 'three of three');

    // What arrived: the edited title and body, nothing of the thread left out.
    const arrived = await commands.webhookThreads(cafe.url);
    expect(arrived.map((t) => t.title).sort()).to.deep.equal(['Lernen braucht Zeit – aus dem Café', 'Runde 1, Tisch 2: gemeinsam planen', 'Runde 1, Tisch 4: gemeinsam planen']);
    expect(arrived.find((t) => t.title === 'Runde 1, Tisch 2: gemeinsam planen')!.body).to.equal('## Our words\n\nEdited **by hand**. <script>window.pwned = 1</script>');
    expect(arrived.find((t) => t.title === 'Runde 1, Tisch 4: gemeinsam planen')!.body).to.equal(null);

    // The earlier exports list it.
    const row = () => deepAll(screen(el), 'table.earlier tbody tr');
    await until(() => row().length === 1 && text(row()[0]!).includes('3 of 3'), 'the earlier export done', () => text(row()[0]!));
    expect(text(row()[0]!)).to.contain('community-hook');

    // Another day, another tab: a second target gets the same titles and choice.
    fixtureCleanup();
    el = await renderConsole(cafe);
    await until(() => cards(el).length === 4 && deep<HTMLSelectElement>(screen(el), 'select.target').options.length === 3, 'the threads and targets again');
    await userEvent.selectOptions(deep<HTMLSelectElement>(screen(el), 'select.target'), 'folder');
    await until(() => text(startButton(el)) === 'Export 3 threads' && !startButton(el).disabled, 'three chosen again');
    startButton(el).click();
    await until(() => /3 of 3 threads exported/.test(progressText(el)) && !/running/.test(progressText(el)), 'the second target done', () => progressText(el));
    const jobs = ((await api(cafe, '/exports')) as { exports: { job: { jobId: string; target: string } }[] }).exports;
    const folder = jobs.find((j) => j.job.target === 'folder')!;
    const detail = (await api(cafe, `/exports/${folder.job.jobId}`)) as { threads: { title: string }[] };
    expect(detail.threads.map((t) => t.title).sort()).to.deep.equal(arrived.map((t) => t.title).sort());
  }, 120_000);

  it('shows a thread whose answer NING lost as maybe sent, to check by hand, and sends it no more', async () => {
    const cafe = await startCafe({ tables: 3 });
    const el = await renderConsole(cafe);
    await until(() => cards(el).length === 3, 'the threads');
    await until(() => deep<HTMLSelectElement>(screen(el), 'select.target').options.length === 3, 'the targets');
    const target = deep<HTMLSelectElement>(screen(el), 'select.target');
    await userEvent.selectOptions(target, 'network');
    await until(() => text(startButton(el)) === 'Export 3 threads' && target.value === 'network', 'NING chosen');
    await commands.loseNingAnswer(cafe.url);
    await until(() => !startButton(el).disabled, 'the start button');
    startButton(el).click();
    await until(() => /2 of 3 threads exported/.test(progressText(el)) && !/running/.test(progressText(el)), 'the run finished', () => progressText(el))
    expect(progressText(el)).to.contain('Maybe sent: check these by hand (1)');
    expect(progressText(el)).to.contain('Runde 1, Tisch 1: gemeinsam planen');
    expect(progressText(el)).not.to.contain('Failed');
    // Nothing to retry or resume: a person looks for it on the network.
    expect(deepAll(deep(screen(el), 'tc-export-progress'), 'button')).to.have.length(0);
  }, 60_000);

  it('says in words when no target is configured, and where they are configured', async () => {
    const cafe = await startCafe({ tables: 2, noTargets: true });
    const el = await renderConsole(cafe);
    await until(() => cards(el).length === 2, 'the threads');
    await until(() => deepAll(screen(el), '.note').length === 1, 'the note');
    expect(text(deep(screen(el), '.note'))).to.contain('EXPORT_TARGETS_FILE');
    expect(startButton(el).disabled).to.equal(true);
  });

  for (const locale of ['en', 'de']) {
    it(`passes axe in ${locale} with a thread in the editor and one with a title problem`, async () => {
      if (locale !== 'en') await chooseLocale(locale);
      const cafe = await startCafe({ tables: 2 });
      const el = await renderConsole(cafe);
      await until(() => cards(el).length === 2 && deepAll(cards(el)[1]!, '.body h2').length > 0, 'the previews');
      await userEvent.fill(deep<HTMLInputElement>(cards(el)[0]!, 'input[type=text]'), 'Kurz');
      deep<HTMLButtonElement>(cards(el)[1]!, '.actions button').click();
      await until(() => deepAll(cards(el)[0]!, '.problem').length === 1 && deepAll(cards(el)[1]!, 'textarea').length === 1, 'the problem and the editor');
      if (locale === 'de') expect(text(deep(screen(el), '#export-heading'))).to.equal('In die Community exportieren');
      await expect(screen(el)).to.be.accessible();
    });
  }
});
