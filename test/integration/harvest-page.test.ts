/**
 * The public harvest page's API against a real server (H11, H14, H15): only what may leave the
 * café, only from the harvest on and while the facilitator offers it, with the newest link to
 * each exported thread; its photos as JPEG for anyone with the code.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSVG } from 'uqr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../shared/domain/commands.js';
import type { PublicHarvest } from '../../shared/harvest/public-harvest.js';
import type { CafeLinks } from '../../server/reception.js';
import { buildApp } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { FilePhotoStore } from '../../server/photos/photo-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { TINY_JPEG } from '../helpers/seed-threads.js';
import { createCafe, defaultSetup, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

const THEME = 'theme-learning-01';

describe('the public harvest page', () => {
  let server: TestServer;
  let links: CafeLinks;
  const facilitator = () => secretOf(links.facilitator);
  const host = (table: number) => secretOf(links.tables[table]!.host);

  async function op(secret: string, command: ClientCommand): Promise<void> {
    const response = await fetch(`${server.url}/api/cafes/${links.cafeId}/ops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), op: command }),
    });
    if (response.status !== 200) throw new Error(`${command.type}: ${response.status} ${await response.text()}`);
  }

  async function upload(secret: string, photoId: string, tableId: string): Promise<void> {
    const response = await fetch(`${server.url}/api/cafes/${links.cafeId}/photos/${photoId}?tableId=${tableId}&round=0`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'image/jpeg' },
      body: Buffer.from(TINY_JPEG),
    });
    expect(response.status).toBe(201);
  }

  const page = (code = links.joinCode) => fetch(`${server.url}/api/harvest/${encodeURIComponent(code)}`);
  const photo = (photoId: string, code = links.joinCode) => fetch(`${server.url}/api/harvest/${code}/photos/${photoId}`);

  async function refusal(response: Promise<Response>): Promise<[number, string]> {
    const r = await response;
    return [r.status, ((await r.json()) as { error: { code: string } }).error.code];
  }

  /** Ana publishes with her name, Cleo without it, Ben not at all; a host note is hidden; two photos, one hidden. */
  beforeEach(async () => {
    server = await startServer({ exports: { targets: [] } });
    links = await createCafe(server, { ...defaultSetup, travelMs: 0 });
    const ana = await joinCafe(server, links, { tableId: '1', displayName: 'Ana', group: 'teachers', consent: { publish: true, showName: true } });
    const ben = await joinCafe(server, links, { tableId: '2', displayName: 'Ben', group: 'students', consent: { publish: false, showName: true } });
    const cleo = await joinCafe(server, links, { tableId: '3', displayName: 'Cleo', group: 'parents', consent: { publish: true, showName: false } });
    await op(facilitator(), { type: 'openCafe' });
    await op(facilitator(), { type: 'startRound' });
    const idea = (ideaId: string, tableId: string, text: string) => ({ type: 'addIdea', ideaId, tableId, round: 0, text }) as const;
    await op(ana.secret, idea('idea-ana-0001', '1', 'Open classrooms once a week'));
    await op(ben.secret, idea('idea-ben-0001', '2', 'Ben keeps this to himself'));
    await op(cleo.secret, idea('idea-cleo-001', '3', 'A parents’ evening with students leading'));
    await op(host(1), idea('idea-host-002', '2', 'A note hidden by the facilitator'));
    await op(facilitator(), { type: 'hideIdea', ideaId: 'idea-host-002', hidden: true });
    await upload(host(0), 'photo-table-1', '1');
    await upload(host(2), 'photo-table-3', '3');
    await op(facilitator(), { type: 'hidePhoto', photoId: 'photo-table-3', hidden: true });
  });

  afterEach(async () => {
    await server.close();
  });

  async function toHarvest(): Promise<void> {
    for (let i = 0; i < 3; i++) await op(facilitator(), { type: 'nextRound' });
    await op(facilitator(), { type: 'createTheme', themeId: THEME, name: 'Learning together', ideaIds: ['idea-ana-0001', 'idea-ben-0001', 'idea-cleo-001', 'idea-host-002'] });
  }

  it('H15 is not there before the harvest, for an unknown code, or while the facilitator switched it off — with a stable code', async () => {
    expect(await refusal(page())).toEqual([404, 'HARVEST_PAGE_UNAVAILABLE']);
    expect(await refusal(photo('photo-table-1'))).toEqual([404, 'HARVEST_PAGE_UNAVAILABLE']);
    expect(await refusal(page('ZZZZZZ'))).toEqual([404, 'CAFE_NOT_FOUND']);
    await toHarvest();
    expect((await page()).status).toBe(200);
    await op(facilitator(), { type: 'editCafe', harvestPage: false });
    expect(await refusal(page())).toEqual([404, 'HARVEST_PAGE_UNAVAILABLE']);
    expect(await refusal(photo('photo-table-1'))).toEqual([404, 'HARVEST_PAGE_UNAVAILABLE']);
    // Switched on again after the café closed: the page is read most the morning after.
    await op(facilitator(), { type: 'closeCafe' });
    await op(facilitator(), { type: 'editCafe', harvestPage: true });
    const response = await page(links.joinCode.toLowerCase());
    expect(response.status).toBe(200);
    expect(((await response.json()) as PublicHarvest).closed).toBe(true);
  });

  it('H15 draws the page\u2019s QR code for the phone: the address of /h/CODE on the host the phone reached, only while the page is offered', async () => {
    const qr = (code = links.joinCode) => fetch(`${server.url}/api/harvest/${code}/qr.svg`);
    expect(await refusal(qr())).toEqual([404, 'HARVEST_PAGE_UNAVAILABLE']);
    expect(await refusal(qr('ZZZZZZ'))).toEqual([404, 'CAFE_NOT_FOUND']);
    await toHarvest();
    const response = await qr(links.joinCode.toLowerCase());
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    // The same drawing uqr makes of the page's address, and not of another one.
    const svg = await response.text();
    expect(svg).toBe(renderSVG(`${server.url}/h/${links.joinCode}`, { border: 2 }));
    expect(svg).not.toBe(renderSVG(`${server.url}/h/ZZZZZZ`, { border: 2 }));
    await op(facilitator(), { type: 'editCafe', harvestPage: false });
    expect(await refusal(qr())).toEqual([404, 'HARVEST_PAGE_UNAVAILABLE']);
  });

  it('H11 H14 H15 shows consenting ideas with names only by consent, the mix and votes, photos not hidden; never a refusing author, a hidden idea or a hidden photo', async () => {
    await toHarvest();
    await op(facilitator(), { type: 'openVote', dots: 3 });
    await op(facilitator(), { type: 'setPaperDots', themeId: THEME, count: 5 });
    const response = await page();
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const body = (await response.json()) as PublicHarvest;
    expect(body).toMatchObject({ joinCode: links.joinCode, title: defaultSetup.title, language: 'en', closed: false });
    expect(body.questions.map((q) => q.text)).toEqual(defaultSetup.rounds.map((r) => r.question));
    expect(body.themes).toHaveLength(1);
    expect(body.themes[0]).toMatchObject({ name: 'Learning together', votes: 5, threadUrl: null, stakeholderMix: { contributed: [{ group: 'parents', ideas: 1 }, { group: 'teachers', ideas: 1 }] } });
    expect(body.themes[0]!.ideas.map((i) => [i.text, i.author])).toEqual([
      ['Open classrooms once a week', 'Ana'],
      ['A parents’ evening with students leading', null],
    ]);
    expect(body.photos.map((p) => p.id)).toEqual(['photo-table-1']);
    const text = JSON.stringify(body);
    for (const secretOrPrivate of ['Ben keeps', 'hidden by the facilitator', 'Cleo', 'participant', links.cafeId, facilitator()]) expect(text).not.toContain(secretOrPrivate);

    const shown = await photo('photo-table-1');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/jpeg');
    expect(shown.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(new Uint8Array(await shown.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect(await refusal(photo('photo-table-3'))).toEqual([404, 'PHOTO_NOT_FOUND']);
    expect(await refusal(photo('photo-nowhere'))).toEqual([404, 'PHOTO_NOT_FOUND']);

    // The café keeps participants' ideas in: their ideas and every photo leave the page.
    await op(facilitator(), { type: 'editCafe', publishIdeas: false });
    const kept = (await (await page()).json()) as PublicHarvest;
    // H18: the route sends the key insights too (the page lists them; a schema without them dropped them).
    expect(Array.isArray(kept.insights)).toBe(true);
    // H18: the theme stays with its name and votes (the room voted on it), but without a single idea.
    expect(kept.themes.map((t) => [t.name, t.votes, t.ideas.length])).toEqual([['Learning together', 5, 0]]);
    expect(kept.themes[0]!.stakeholderMix.contributed).toEqual([]);
    expect(kept.otherIdeas.filter((i) => i.author !== null)).toEqual([]);
    expect(kept.photos).toEqual([]);
    expect(await refusal(photo('photo-table-1'))).toEqual([404, 'PHOTO_NOT_FOUND']);
  });

  it('links each theme to its exported thread: the newest export that created or found it', async () => {
    await toHarvest();
    const jobs = (server.store as SqliteStore).exportJobs;
    const threadId = `theme-${THEME}`;
    const job = (jobId: string, createdAt: number) => ({ jobId, cafeId: links.cafeId, target: 'forum', grouping: 'theme' as const, pinnedSeq: 1, threadIds: null, edits: {}, createdAt });
    const outcome = (status: 'created' | 'found' | 'failed', url: string | null, at: number) => ({ status, remoteId: 'r', url, error: null, at, attempts: 1 });
    await jobs.createJob(job('job-first', 1));
    await jobs.putOutcome('job-first', threadId, outcome('created', 'https://community.example/t/first/1', 10));
    await jobs.createJob(job('job-second', 2));
    await jobs.putOutcome('job-second', threadId, outcome('found', 'https://community.example/t/second/2', 20));
    await jobs.createJob(job('job-failed', 3));
    await jobs.putOutcome('job-failed', threadId, outcome('failed', null, 30));
    const body = (await (await page()).json()) as PublicHarvest;
    expect(body.themes[0]!.threadUrl).toBe('https://community.example/t/second/2');
  });
});

describe('the public harvest page’s rate limit', () => {
  it('counts each route’s requests per café code (however it is typed), like joins, and refuses past the budget with RATE_LIMITED and Retry-After', async () => {
    const server = await startServer({ rateLimits: { joinsPerCode: { max: 3, timeWindow: 60_000 } } });
    try {
      const links = await createCafe(server);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/api/harvest/${links.joinCode}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const photos: number[] = [];
      for (let i = 0; i < 4; i++) photos.push((await fetch(`${server.url}/api/harvest/${links.joinCode}/photos/photo-0001`)).status);
      expect(photos).toEqual([404, 404, 404, 429]);
      const refused = await fetch(`${server.url}/api/harvest/${links.joinCode.toLowerCase()}`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    } finally {
      await server.close();
    }
  });
});

describe('the morning after', () => {
  it('H15 a server that has only the store and the photos serves the same harvest page (no socket, nobody connected)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablecloth-morning-'));
    const open = async () => {
      const store = SqliteStore.open(join(dir, 'cafe.db'));
      const built = await buildApp({ store, clock: new ManualClock(), photos: new FilePhotoStore(join(dir, 'photos')), exportJobs: store.exportJobs });
      return { store, app: built.app, sequencer: built.sequencer };
    };
    try {
      const evening = await open();
      const call = async (method: 'GET' | 'POST' | 'PUT', url: string, secret?: string, body?: unknown) => {
        const response = await evening.app.inject({
          method,
          url,
          headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...(body instanceof Uint8Array ? { 'content-type': 'image/jpeg' } : {}) },
          ...(body === undefined ? {} : body instanceof Uint8Array ? { payload: Buffer.from(body) } : { payload: body as object }),
        });
        expect(response.statusCode, `${method} ${url} ${response.body}`).toBeLessThan(300);
        return response.json() as unknown;
      };
      const links = (await call('POST', '/api/cafes', undefined, { ...defaultSetup, travelMs: 0 })) as CafeLinks;
      const facilitator = secretOf(links.facilitator);
      const op = (command: ClientCommand, secret = facilitator) => call('POST', `/api/cafes/${links.cafeId}/ops`, secret, { id: randomUUID(), op: command });
      await op({ type: 'openCafe' });
      await op({ type: 'startRound' });
      await op({ type: 'addIdea', ideaId: 'idea-host-0001', tableId: '1', round: 0, text: 'Longer blocks of 90 minutes' }, secretOf(links.tables[0]!.host));
      await call('PUT', `/api/cafes/${links.cafeId}/photos/photo-evening-1?tableId=1&round=0`, secretOf(links.tables[0]!.host), TINY_JPEG);
      for (let i = 0; i < 3; i++) await op({ type: 'nextRound' });
      await op({ type: 'createTheme', themeId: 'theme-time-0001', name: 'Time to learn', ideaIds: ['idea-host-0001'] });
      await op({ type: 'closeCafe' });
      const seen = (await evening.app.inject({ method: 'GET', url: `/api/harvest/${links.joinCode}` })).json() as PublicHarvest;
      await evening.app.close();
      await evening.sequencer.idle();
      await evening.store.close();

      const morning = await open();
      try {
        const page = await morning.app.inject({ method: 'GET', url: `/api/harvest/${links.joinCode}` });
        expect(page.statusCode).toBe(200);
        expect(page.json()).toEqual(seen);
        expect(seen.themes.map((t) => t.name)).toEqual(['Time to learn']);
        const photo = await morning.app.inject({ method: 'GET', url: `/api/harvest/${links.joinCode}/photos/photo-evening-1` });
        expect(photo.statusCode).toBe(200);
        expect(photo.headers['content-type']).toBe('image/jpeg');
      } finally {
        await morning.app.close();
        await morning.sequencer.idle();
        await morning.store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
