/**
 * A whole café over real Socket.IO: a facilitator, three hosts, six participants who move between
 * tables, and a wall. Each step checks what every face received, not only what its replica shows.
 * Test names count rounds as facilitators do (round 1 is index 0 on the wire).
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CafeState, Idea } from '../../shared/domain/state.js';
import type { Scope } from '../../shared/domain/visibility.js';
import { PROTOCOL_VERSION, type ClientToServerEvents, type OpsMessage, type ServerToClientEvents, type Snapshot } from '../../shared/protocol.js';
import { CafeReplica } from '../../shared/replica.js';
import { connect, TestClient } from '../helpers/client.js';
import { createCafe, joinCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';
import type { CafeLinks } from '../../server/reception.js';

interface Face {
  name: string;
  secret: string;
  client: TestClient;
}

/** What the test knows the server accepted: every idea, where it belongs and what it says. */
interface Written {
  id: string;
  tableId: string;
  round: number;
  text: string;
  hidden: boolean;
  deleted: boolean;
}

async function api(server: TestServer, method: string, path: string, secret?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: secret === undefined ? {} : { authorization: `Bearer ${secret}` },
  });
  return { status: response.status, body: await response.json() };
}

/** Everything a face was sent, as one string: live messages and snapshots. */
/** The harvest opens at this sequence number; from then on (A14) every table sees every idea. */
let harvestSeq = Number.POSITIVE_INFINITY;

/** What a client received while the café was still in its rounds (before the harvest widened every view). */
function beforeHarvest(client: TestClient): { received: OpsMessage[]; snapshots: Snapshot[] } {
  return {
    received: client.received.filter((m) => m.upTo < harvestSeq),
    snapshots: client.snapshots.filter((s) => s.state.seq < harvestSeq),
  };
}

function everythingReceived(client: TestClient): string {
  return JSON.stringify(beforeHarvest(client));
}

/** The ideas named by a message's entries (added, restored, or changed by id). */
function ideaIdsIn(message: OpsMessage): string[] {
  return message.entries.flatMap((e) => {
    const ev = e.event;
    if (ev.type === 'ideaAdded' || ev.type === 'ideaRestored') return [ev.idea.id];
    if (ev.type === 'ideaEdited' || ev.type === 'ideaStarred' || ev.type === 'ideaDeleted' || ev.type === 'ideaHidden') return [ev.ideaId];
    return [];
  });
}

/** A replica and a fresh snapshot agree when the ideas a face may show agree (tombstones and ideas hidden after arrival stay in a live replica). */
function shown(state: CafeState, scope: Scope): CafeState {
  const seesHidden = scope.role === 'facilitator' || scope.role === 'host';
  const ideas: Record<string, Idea> = {};
  for (const idea of Object.values(state.ideas)) {
    if (scope.role !== 'facilitator' && idea.deleted) continue;
    if (!seesHidden && idea.hidden) continue;
    ideas[idea.id] = idea;
  }
  return JSON.parse(JSON.stringify({ ...state, ideas })) as CafeState;
}

describe('a full café over real sockets', () => {
  let server: TestServer;
  let links: CafeLinks;
  let cafeId: string;
  const faces = new Map<string, Face>();
  const written = new Map<string, Written>();
  /** The tables each participant has sat at, in order. */
  const seats = new Map<string, string[]>();
  const extraClients: TestClient[] = [];
  let barriers = 0;

  const face = (name: string): TestClient => {
    const f = faces.get(name);
    if (!f) throw new Error(`no face ${name}`);
    return f.client;
  };
  const fac = () => face('facilitator');
  const wall = () => face('wall');
  const host = (t: string) => face(`host ${t}`);
  const participants = () => [...faces.values()].filter((f) => f.name.startsWith('P'));

  /** Sends one message to every room and waits until every face has it, so all that came before has arrived. */
  async function barrier(): Promise<number> {
    const seq = await fac().must({ type: 'broadcast', text: `barrier ${++barriers}` });
    await Promise.all([...faces.values()].map((f) => f.client.caughtUp(seq)));
    return seq;
  }

  async function addIdea(who: string, tableId: string, round: number, options: { text?: string } = {}): Promise<Written> {
    const id = `idea-t${tableId}-r${round}-${who.replace(/\s/g, '')}-${written.size}`;
    const text = options.text ?? `[table ${tableId}] round ${round}, said at ${who}'s table`;
    const ack = await face(who).send({ type: 'addIdea', ideaId: id, tableId, round, text });
    expect(ack, `${who} adds ${id}`).toMatchObject({ ok: true, duplicate: false });
    const w = { id, tableId, round, text, hidden: false, deleted: false };
    written.set(id, w);
    return w;
  }

  async function takeSeat(who: string, tableId: string): Promise<Snapshot> {
    const client = face(who);
    const before = client.snapshots.length;
    const moving = client.replica.scope?.role === 'participant' && client.replica.scope.tableId !== tableId;
    await client.must({ type: 'takeSeat', tableId });
    seats.get(who)!.push(tableId);
    if (!moving) return client.snapshots[client.snapshots.length - 1]!;
    await client.until(() => client.snapshots.length > before, `${who}'s snapshot for table ${tableId}`);
    return client.snapshots[client.snapshots.length - 1]!;
  }

  const tableNow = (who: string): string => seats.get(who)!.at(-1)!;
  const visibleAt = (tableId: string) => [...written.values()].filter((w) => w.tableId === tableId && !w.hidden && !w.deleted).map((w) => w.id).sort();
  const liveIdeas = (c: TestClient, includeHidden: boolean) =>
    Object.values(c.state.ideas)
      .filter((i) => !i.deleted && (includeHidden || !i.hidden))
      .map((i) => i.id)
      .sort();

  /** Every face's replica holds exactly the ideas its room should have. */
  function expectIdeasInTheRightRooms(): void {
    const all = [...written.values()].filter((w) => !w.deleted);
    expect(liveIdeas(fac(), true)).toEqual(all.map((w) => w.id).sort());
    expect(liveIdeas(wall(), false)).toEqual(all.filter((w) => !w.hidden).map((w) => w.id).sort());
    for (const t of ['1', '2', '3']) {
      expect(liveIdeas(host(t), true), `host ${t}`).toEqual(all.filter((w) => w.tableId === t).map((w) => w.id).sort());
    }
    for (const p of participants()) {
      expect(liveIdeas(p.client, false), `${p.name} at table ${tableNow(p.name)}`).toEqual(visibleAt(tableNow(p.name)));
    }
  }

  beforeAll(async () => {
    server = await startServer();
    links = await createCafe(server);
    cafeId = links.cafeId;
    const staff: [string, string][] = [
      ['facilitator', secretOf(links.facilitator)],
      ['wall', secretOf(links.wall[0]!)],
      ...links.tables.map((t): [string, string] => [`host ${t.tableId}`, secretOf(t.host)]),
    ];
    for (const [name, secret] of staff) faces.set(name, { name, secret, client: await connect(server.url, secret) });
  });

  afterAll(async () => {
    for (const f of faces.values()) f.client.close();
    for (const c of extraClients) c.close();
    await server?.close();
  });

  it('T8 participants join by code with and without a table, a name and consent, and land in their table or the lobby', async () => {
    await fac().must({ type: 'openCafe' });
    const joins: [string, Parameters<typeof joinCafe>[2]][] = [
      ['P1', { tableId: '1', displayName: 'Ana Consenting', consent: { publish: true, showName: true } }],
      ['P2', { tableId: '2', displayName: 'Ben Withholding', consent: { publish: true, showName: false } }],
      ['P3', { tableId: '3', consent: { publish: false, showName: false } }],
      ['P4', { displayName: 'Dora Consenting', consent: { publish: true, showName: true } }],
      ['P5', { consent: { publish: true, showName: false } }],
      ['P6', { tableId: '2', displayName: 'Femi Quietname', group: 'students', consent: { publish: false, showName: false } }],
    ];
    for (const [name, body] of joins) {
      const joined = await joinCafe(server, links, body);
      expect(joined.cafeId).toBe(cafeId);
      const client = await connect(server.url, joined.secret);
      faces.set(name, { name, secret: joined.secret, client });
      seats.set(name, body?.tableId ? [body.tableId] : []);
      expect(client.replica.scope).toEqual({ role: 'participant', participantId: joined.participantId, tableId: body?.tableId ?? null });
    }
    const p4 = face('P4').state;
    expect(Object.keys(p4.participants)).toEqual([(face('P4').replica.scope as { participantId: string }).participantId]);
    expect(Object.values(p4.participants)[0]).toMatchObject({ displayName: 'Dora Consenting', seats: [] });

    // The two who came without a table scan one in the lobby: each gets a snapshot for it.
    expect((await takeSeat('P4', '1')).scope).toMatchObject({ tableId: '1' });
    expect((await takeSeat('P5', '3')).scope).toMatchObject({ tableId: '3' });
    await barrier();
    const inFacilitatorsView = Object.values(fac().state.participants);
    expect(inFacilitatorsView).toHaveLength(6);
    expect(inFacilitatorsView.find((p) => p.displayName === 'Femi Quietname')).toMatchObject({
      group: 'students',
      consent: { publish: false, showName: false },
      seats: [{ round: 0, tableId: '2' }],
    });
    // M11: the wall knows everyone by number and group only — the same seats as the facilitator, no ids or names.
    const onWall = wall().state.participants;
    expect(Object.keys(onWall)).toEqual(['#1', '#2', '#3', '#4', '#5', '#6']);
    for (const p of inFacilitatorsView) expect(onWall[`#${p.number}`]).toMatchObject({ group: p.group, seats: p.seats, displayName: null });
    const wallText = JSON.stringify(onWall);
    for (const p of inFacilitatorsView) expect(wallText).not.toContain(p.id);
    expect(wallText).not.toContain('Femi');
  });

  it('R2 round 1 starts for everyone, and hosts and participants add ideas that reach their own table, the wall and the facilitator', async () => {
    await fac().must({ type: 'startRound' });
    for (const t of ['1', '2', '3']) await addIdea(`host ${t}`, t, 0);
    for (const p of ['P1', 'P4', 'P2', 'P6', 'P3', 'P5']) await addIdea(p, tableNow(p), 0);
    await barrier();
    for (const f of faces.values()) expect(f.client.state.phase, f.name).toMatchObject({ kind: 'round', round: 0, paused: false });
    expectIdeasInTheRightRooms();
    expect(liveIdeas(face('P2'), false)).toHaveLength(3);
    expect(liveIdeas(wall(), false)).toHaveLength(9);
  });

  it('T7 a participant cannot write for a table they do not sit at', async () => {
    const ack = await face('P2').send({ type: 'addIdea', ideaId: 'idea-sneaky-01', tableId: '1', round: 0, text: '[table 1] sneaking in' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_TABLE' } });
  });

  it('A11 the wall shows display names only of authors who consented to showName; the facilitator sees them all', async () => {
    const byAuthor = (c: TestClient, name: string) => Object.values(c.state.ideas).find((i) => i.id.includes(`-${name}-`))!;
    expect(byAuthor(wall(), 'P1').author.displayName).toBe('Ana Consenting');
    expect(byAuthor(wall(), 'P4').author.displayName).toBe('Dora Consenting');
    expect(byAuthor(wall(), 'P2').author.displayName).toBeNull();
    expect(byAuthor(wall(), 'P6').author).toMatchObject({ displayName: null, group: 'students' });
    expect(byAuthor(host('2'), 'P2').author.displayName).toBeNull();
    expect(byAuthor(fac(), 'P2').author.displayName).toBe('Ben Withholding');
    expect(byAuthor(fac(), 'P6').author.displayName).toBe('Femi Quietname');
    // Nobody but the facilitator learns a withheld name; a participant sees only their own.
    const withheld: [string, string[]][] = [
      ['wall', ['Ben Withholding', 'Femi Quietname']],
      ['host 2', ['Ben Withholding', 'Femi Quietname']],
      ['P2', ['Femi Quietname']],
      ['P6', ['Ben Withholding']],
    ];
    for (const [name, names] of withheld) {
      for (const n of names) expect(everythingReceived(face(name)), name).not.toContain(n);
    }
    expect(everythingReceived(fac())).toContain('Ben Withholding');
  });

  describe('I9 an idea hidden by the facilitator', () => {
    let hidden: Written;
    let seqBeforeIt: number;

    it('reaches a live participant at its table only as the hide, without its text', async () => {
      seqBeforeIt = face('P2').replica.seq;
      hidden = await addIdea('P6', '2', 0, { text: '[table 2] the remark that must be hidden' });
      await barrier();
      expect(face('P2').state.ideas[hidden.id]?.text).toBe(hidden.text);
      const before = face('P2').received.length;
      const seq = await fac().must({ type: 'hideIdea', ideaId: hidden.id, hidden: true });
      hidden.hidden = true;
      await face('P2').caughtUp(seq);
      const hides = face('P2').received.slice(before).flatMap((m) => m.entries);
      expect(hides).toEqual([expect.objectContaining({ seq, event: { type: 'ideaHidden', ideaId: hidden.id, hidden: true } })]);
      expect(face('P2').state.ideas[hidden.id]?.hidden).toBe(true);
      await barrier();
      expect(host('2').state.ideas[hidden.id]).toMatchObject({ hidden: true, text: hidden.text });
    });

    it('never reaches, text and all, a participant at that table who connects afterwards', async () => {
      const again = await connect(server.url, faces.get('P2')!.secret);
      extraClients.push(again);
      expect(again.state.ideas[hidden.id]).toBeUndefined();
      expect(everythingReceived(again)).not.toContain(hidden.text);
      expect(liveIdeas(again, false)).toEqual(visibleAt('2'));
      const fresh = await joinCafe(server, links, { tableId: '2' });
      const newcomer = await connect(server.url, fresh.secret);
      extraClients.push(newcomer);
      expect(everythingReceived(newcomer)).not.toContain(hidden.text);
      expect(liveIdeas(newcomer, false)).toEqual(visibleAt('2'));
    });

    it('stays with its author, marked hidden, so their phone does not seem to lose it', async () => {
      const author = face('P6');
      await author.until(() => author.state.ideas[hidden.id]?.hidden === true, 'the hide on the author\u2019s phone');
      expect(author.state.ideas[hidden.id]).toMatchObject({ hidden: true, text: hidden.text });
      // A fresh connection of the author's phone keeps it too.
      const again = await connect(server.url, faces.get('P6')!.secret);
      extraClients.push(again);
      expect(again.state.ideas[hidden.id]).toMatchObject({ hidden: true, text: hidden.text });
    });

    it('never reaches another participant at that table who syncs, or reconnects saying what they have, afterwards', async () => {
      const ack = await face('P2').sync(seqBeforeIt);
      expect(ack).toMatchObject({ ok: true, kind: 'ops' });
      expect(JSON.stringify(ack)).not.toContain(hidden.text);
      expect(JSON.stringify(ack)).toContain(hidden.id); // the hide itself is there, so the face can drop its copy

      const socket = io(server.url, {
        auth: { secret: faces.get('P2')!.secret, protocol: PROTOCOL_VERSION, since: seqBeforeIt },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }) as Socket<ServerToClientEvents, ClientToServerEvents>;
      try {
        const first = await new Promise<OpsMessage>((resolve, reject) => {
          socket.on('ops', resolve);
          socket.on('snapshot', () => reject(new Error('expected a catch-up, got a snapshot')));
          socket.on('connect_error', reject);
        });
        expect(first.prev).toBe(seqBeforeIt);
        expect(first.entries.length).toBeGreaterThan(0);
        expect(JSON.stringify(first)).not.toContain(hidden.text);
      } finally {
        socket.disconnect();
      }
    });

    it('reaches everyone at its table whole again (ideaRestored) when shown again, also those who never had it', async () => {
      const shownAgain = [...written.values()].find((w) => w.id.startsWith('idea-t2-r0-host'))!;
      await fac().must({ type: 'hideIdea', ideaId: shownAgain.id, hidden: true });
      const before = face('P2').received.length;
      const newcomer = await connect(server.url, (await joinCafe(server, links, { tableId: '2' })).secret);
      extraClients.push(newcomer);
      expect(newcomer.state.ideas[shownAgain.id]).toBeUndefined();
      const seq = await fac().must({ type: 'hideIdea', ideaId: shownAgain.id, hidden: false });
      await Promise.all([face('P2').caughtUp(seq), newcomer.caughtUp(seq), wall().caughtUp(seq)]);
      const restored = face('P2').received.slice(before).flatMap((m) => m.entries).find((e) => e.seq === seq);
      expect(restored?.event).toMatchObject({ type: 'ideaRestored', idea: { id: shownAgain.id, text: shownAgain.text, hidden: false } });
      expect(newcomer.state.ideas[shownAgain.id]).toMatchObject({ text: shownAgain.text, hidden: false });
      expect(wall().state.ideas[shownAgain.id]?.hidden).toBe(false);
      await barrier();
      expectIdeasInTheRightRooms();
    });
  });

  it('R6 "next round" opens the travel time; participants who move get a fresh snapshot of their new table, then its live ideas', async () => {
    await fac().must({ type: 'nextRound' });
    await barrier();
    for (const f of faces.values()) expect(f.client.state.phase, f.name).toMatchObject({ kind: 'travel', round: 1 });
    const moves: [string, string][] = [['P1', '2'], ['P3', '1'], ['P4', '3'], ['P5', '1'], ['P6', '3']];
    for (const [who, to] of moves) {
      const snapshot = await takeSeat(who, to);
      expect(snapshot.scope, who).toMatchObject({ role: 'participant', tableId: to });
      expect(Object.values(snapshot.state.ideas).every((i) => i.tableId === to), `${who}'s snapshot holds only table ${to}`).toBe(true);
      expect(Object.keys(snapshot.state.ideas).sort(), who).toEqual(visibleAt(to));
    }
    // P2 scans table 2's code again: same table, no new scope.
    await takeSeat('P2', '2');
    await fac().must({ type: 'startRound' });
    for (const t of ['1', '2', '3']) await addIdea(`host ${t}`, t, 1);
    for (const p of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) await addIdea(p, tableNow(p), 1);
    await barrier();
    for (const [who, to] of moves) {
      const fromHost = [...written.values()].find((w) => w.tableId === to && w.round === 1 && w.id.includes('host'))!;
      expect(face(who).state.ideas[fromHost.id]?.text, `${who} sees table ${to}'s new idea`).toBe(fromHost.text);
    }
    expectIdeasInTheRightRooms();
  });

  it('I4 a host\'s idea stamped round 1 that arrives while round 2 runs is accepted, keeps its round, and is marked late', async () => {
    const late = await addIdea('host 1', '1', 0, { text: '[table 1] typed offline in round 1, sent in round 2' });
    await barrier();
    expect(fac().state.ideas[late.id]).toMatchObject({ round: 0, late: true, tableId: '1' });
    expect(wall().state.ideas[late.id]).toMatchObject({ round: 0, late: true });
    const onTime = [...written.values()].find((w) => w.round === 1 && w.tableId === '1')!;
    expect(fac().state.ideas[onTime.id]?.late).toBe(false);
  });

  it('I11 a host deletes an idea of their table: it leaves every face', async () => {
    const gone = [...written.values()].find((w) => w.tableId === '3' && w.round === 1 && w.id.includes('P4'))!;
    await host('3').must({ type: 'deleteIdea', ideaId: gone.id });
    gone.deleted = true;
    await barrier();
    expect(face('P4').state.ideas[gone.id]).toMatchObject({ deleted: true, text: '' });
    expectIdeasInTheRightRooms();
  });

  it('T11 in the "return home" round a participant takes their first table again and writes there', async () => {
    await fac().must({ type: 'nextRound' });
    await takeSeat('P1', seats.get('P1')![0]!);
    await takeSeat('P4', '2');
    await takeSeat('P5', '2');
    await fac().must({ type: 'startRound' });
    await barrier();
    expect(fac().state.phase).toMatchObject({ kind: 'round', round: 2 });
    expect(fac().state.rounds[2]?.returnHome).toBe(true);
    expect(face('P1').replica.scope).toMatchObject({ tableId: '1' });
    const home = await addIdea('P1', '1', 2);
    await barrier();
    expect(host('1').state.ideas[home.id]?.text).toBe(home.text);
    const p1 = Object.values(fac().state.participants).find((p) => p.displayName === 'Ana Consenting')!;
    expect(p1.seats).toEqual([
      { round: 0, tableId: '1' },
      { round: 1, tableId: '2' },
      { round: 2, tableId: '1' },
    ]);
    expectIdeasInTheRightRooms();
  });

  it('R12 A14 the harvest opens, every table then sees the whole room, and the café closes; after that an idea is refused with CAFE_CLOSED', async () => {
    harvestSeq = await fac().must({ type: 'nextRound' });
    await barrier();
    expect(wall().state.phase).toEqual({ kind: 'harvest' });
    // The harvest widens every phone's view to every table's visible ideas, with a fresh snapshot.
    const p2 = face('P2');
    expect(p2.snapshots.at(-1)!.state.seq).toBeGreaterThanOrEqual(harvestSeq);
    const tables = new Set(Object.values(p2.state.ideas).map((i: Idea) => i.tableId));
    expect(tables.size).toBeGreaterThan(1);
    expect(Object.values(p2.state.ideas).some((i: Idea) => i.hidden)).toBe(false);
    await fac().must({ type: 'closeCafe' });
    expect(await fac().send({ type: 'broadcast', text: 'one more thing' })).toMatchObject({ ok: false, error: { code: 'CAFE_CLOSED' } });
    const seq = await server.store.head(cafeId);
    await Promise.all([...faces.values()].map((f) => f.client.caughtUp(seq)));
    for (const f of faces.values()) expect(f.client.state.phase, f.name).toEqual({ kind: 'closed' });
    const byHost = await host('1').send({ type: 'addIdea', ideaId: 'idea-after-close-1', tableId: '1', round: 2, text: 'too late' });
    const byGuest = await face('P1').send({ type: 'addIdea', ideaId: 'idea-after-close-2', tableId: '1', round: 2, text: 'too late' });
    expect(byHost).toMatchObject({ ok: false, error: { code: 'CAFE_CLOSED' } });
    expect(byGuest).toMatchObject({ ok: false, error: { code: 'CAFE_CLOSED' } });
    expect(await server.store.head(cafeId)).toBe(seq);
  });

  it('A12 a participant who sat at table 2 all along never received a table-1 idea, in any message or snapshot', () => {
    const p2 = face('P2');
    const table1 = [...written.values()].filter((w) => w.tableId === '1');
    expect(table1.length).toBeGreaterThan(4);
    const seen = everythingReceived(p2);
    for (const w of table1) {
      expect(seen).not.toContain(w.id);
      expect(seen).not.toContain(w.text);
    }
    expect(seen).not.toContain('[table 1]');
    expect(p2.received.length).toBeGreaterThan(20);
  });

  it('A12 every participant received ideas only of tables they sat at, and every snapshot held only its table', () => {
    for (const p of participants()) {
      const sat = new Set(seats.get(p.name));
      const { received, snapshots } = beforeHarvest(p.client);
      for (const message of received) {
        for (const id of ideaIdsIn(message)) expect(sat.has(written.get(id)!.tableId), `${p.name} got ${id}`).toBe(true);
      }
      for (const snapshot of snapshots) {
        const tableId = snapshot.scope.role === 'participant' ? snapshot.scope.tableId : 'not a participant';
        for (const idea of Object.values(snapshot.state.ideas)) expect(idea.tableId, `${p.name}'s snapshot`).toBe(tableId);
      }
    }
  });

  it('S5 a wall that has nothing and asks for everything since 0 gets what it needs to build the café', async () => {
    const ack = await wall().sync(0);
    expect(ack.ok).toBe(true);
    const rebuilt = new CafeReplica();
    expect(() => rebuilt.applySync(ack)).not.toThrow();
    expect(rebuilt.state && shown(rebuilt.state, wall().replica.scope!)).toEqual(shown(wall().state, wall().replica.scope!));
  });

  it('A13 every face\'s replica ends equal to the snapshot the server gives its link now', async () => {
    for (const f of faces.values()) {
      const { status, body } = await api(server, 'GET', `/api/cafes/${cafeId}/snapshot`, f.secret);
      expect(status, f.name).toBe(200);
      const snapshot = body as Snapshot;
      expect(f.client.replica.scope, f.name).toEqual(snapshot.scope);
      expect(f.client.replica.seq, f.name).toBe(snapshot.state.seq);
      expect(shown(f.client.state, snapshot.scope), f.name).toEqual(shown(snapshot.state, snapshot.scope));
    }
  });

  it('A13 a fresh connection of every face gives the same café as its live replica', async () => {
    for (const f of faces.values()) {
      const fresh = await connect(server.url, f.secret);
      extraClients.push(fresh);
      expect(shown(f.client.state, fresh.replica.scope!), f.name).toEqual(shown(fresh.state, fresh.replica.scope!));
    }
  });
});

describe('a participant\'s own record', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  it('A13 a participant who scans their own table again or changes their profile sees it in their replica, as a fresh snapshot shows it', async () => {
    server = await startServer();
    const links = await createCafe(server);
    const fac = await connect(server.url, secretOf(links.facilitator));
    clients.push(fac);
    await fac.must({ type: 'openCafe' });
    await fac.must({ type: 'startRound' });
    const joined = await joinCafe(server, links, { tableId: '1', displayName: 'Ana', consent: { publish: true, showName: true } });
    const phone = await connect(server.url, joined.secret);
    clients.push(phone);
    await phone.must({ type: 'takeSeat', tableId: '1' });
    await phone.must({ type: 'updateProfile', displayName: 'Ana B.', consent: { publish: false, showName: false } });
    const seq = await fac.must({ type: 'broadcast', text: 'everyone caught up' });
    await phone.caughtUp(seq);
    const { body } = await api(server, 'GET', `/api/cafes/${links.cafeId}/snapshot`, joined.secret);
    const fresh = (body as Snapshot).state.participants[joined.participantId];
    expect(fresh).toMatchObject({ displayName: 'Ana B.', consent: { publish: false, showName: false } });
    expect(fresh?.seats).toHaveLength(2);
    expect(phone.state.participants[joined.participantId]).toEqual(fresh);
  });

  it('A13 a participant\'s own idea arrives live as a fresh snapshot shows it, with their participant id (the face needs it to offer "edit")', async () => {
    const links = await createCafe(server);
    const fac = await connect(server.url, secretOf(links.facilitator));
    clients.push(fac);
    await fac.must({ type: 'openCafe' });
    await fac.must({ type: 'startRound' });
    const joined = await joinCafe(server, links, { tableId: '1', displayName: 'Ana', consent: { publish: true, showName: true } });
    const phone = await connect(server.url, joined.secret);
    const neighbour = await connect(server.url, (await joinCafe(server, links, { tableId: '1' })).secret);
    clients.push(phone, neighbour);
    const seq = await phone.must({ type: 'addIdea', ideaId: 'idea-my-own-01', tableId: '1', round: 0, text: 'Mine' });
    await Promise.all([phone.caughtUp(seq), neighbour.caughtUp(seq)]);
    const { body } = await api(server, 'GET', `/api/cafes/${links.cafeId}/snapshot`, joined.secret);
    const fresh = (body as Snapshot).state.ideas['idea-my-own-01'];
    expect(fresh?.author.participantId).toBe(joined.participantId);
    expect(phone.state.ideas['idea-my-own-01']).toEqual(fresh);
    // Others at the table never learn whose it is.
    expect(neighbour.state.ideas['idea-my-own-01']?.author.participantId).toBeNull();
    expect(everythingReceived(neighbour)).not.toContain(joined.participantId);
  });
});

describe('a participant who changes table while their phone is offline', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  it('A13 reconnecting with "I have everything up to N" gets the new table, not the old table patched with the new one\'s later ideas', async () => {
    server = await startServer();
    const links = await createCafe(server);
    const fac = await connect(server.url, secretOf(links.facilitator));
    clients.push(fac);
    await fac.must({ type: 'openCafe' });
    await fac.must({ type: 'startRound' });
    const joined = await joinCafe(server, links, { tableId: '1' });
    const phone = await connect(server.url, joined.secret);
    clients.push(phone);
    const add = (ideaId: string, tableId: string) => fac.must({ type: 'addIdea', ideaId, tableId, round: 0, text: `Said at table ${tableId}` });
    await add('idea-table1-before', '1');
    await add('idea-table2-before', '2');
    await phone.caughtUp(await fac.must({ type: 'broadcast', text: 'Everyone here?' }));
    expect(Object.keys(phone.state.ideas)).toEqual(['idea-table1-before']);

    // What the phone keeps while offline.
    const kept = new CafeReplica();
    kept.applySnapshot({ scope: phone.replica.scope!, state: phone.state, serverNow: 0 });
    phone.close();
    // The seat was taken from another tab (or the phone's last request got through as the network dropped).
    const moved = await fetch(`${server.url}/api/cafes/${links.cafeId}/ops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${joined.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'op-take-seat-offline', op: { type: 'takeSeat', tableId: '2' } }),
    });
    expect(moved.status).toBe(200);
    await add('idea-table2-after', '2');

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      auth: { secret: joined.secret, protocol: PROTOCOL_VERSION, since: kept.seq },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('snapshot', (s) => (kept.applySnapshot(s), resolve()));
        socket.on('ops', (m) => (kept.applyOps(m), resolve()));
        socket.on('connect_error', reject);
      });
    } finally {
      socket.disconnect();
    }
    expect(kept.scope).toMatchObject({ role: 'participant', tableId: '2' });
    expect(Object.keys(kept.state!.ideas).sort()).toEqual(['idea-table2-after', 'idea-table2-before']);
  });
});
