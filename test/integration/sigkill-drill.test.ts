/**
 * The durability drill: three hosts send ideas as fast as acknowledgements come back, the server
 * process is killed with SIGKILL mid-stream, and a new process on the same data directory must
 * hold every acknowledged idea exactly once. Re-sending what was never acknowledged (same
 * operation id) then leaves every idea there exactly once too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import type { ClientCommand } from '../../shared/domain/commands.js';
import type { CafeEvent } from '../../shared/domain/events.js';
import type { Idea } from '../../shared/domain/state.js';
import { connect, type TestClient } from '../helpers/client.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { createCafe, secretOf } from '../helpers/server.js';

const ACKNOWLEDGED_BEFORE_KILL = 200;
const MAX_SENDING_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SentIdea {
  opId: string;
  ideaId: string;
  host: number;
  op: Extract<ClientCommand, { type: 'addIdea' }>;
  outcome: 'in flight' | 'acknowledged' | 'no acknowledgement';
}

describe('the SIGKILL drill', () => {
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const p of processes.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function start(dataDir: string): Promise<ServerProcess> {
    const server = spawnServer({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', PUBLIC_URL: '', REDIS_URL: '' });
    processes.push(server);
    await server.ready;
    return server;
  }

  async function face(url: string, secret: string): Promise<TestClient> {
    const c = await connect(url, secret);
    clients.push(c);
    return c;
  }

  /** How many times each idea id was added in the café's log, read from the SQLite file itself. */
  function ideaCounts(dbPath: string, cafeId: string): Map<string, number> {
    const db = new Database(dbPath, { readonly: true });
    try {
      const counts = new Map<string, number>();
      const rows = db.prepare<[string], { event: string }>('SELECT event FROM log WHERE cafe_id = ? ORDER BY seq').all(cafeId);
      for (const { event } of rows) {
        const e = JSON.parse(event) as CafeEvent;
        if (e.type === 'ideaAdded') counts.set(e.idea.id, (counts.get(e.idea.id) ?? 0) + 1);
      }
      return counts;
    } finally {
      db.close();
    }
  }

  it('keeps every acknowledged idea exactly once across a SIGKILL, and a re-sent unacknowledged idea lands exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tablecloth-drill-'));
    dirs.push(dataDir);
    const dbPath = join(dataDir, 'tablecloth.db');

    const first = await start(dataDir);
    const links = await createCafe(first);
    const facilitatorSecret = secretOf(links.facilitator);
    const hostSecrets = links.tables.map((t) => secretOf(t.host));
    const facilitator = await face(first.url, facilitatorSecret);
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    const hosts = await Promise.all(hostSecrets.map((s) => face(first.url, s)));

    const sent: SentIdea[] = [];
    const refused: unknown[] = [];
    let acknowledged = 0;
    let stopping = false;
    const pump = async (host: TestClient, index: number) => {
      const tableId = String(index + 1);
      for (let n = 0; !stopping; n++) {
        const ideaId = `drill-t${tableId}-idea-${n}`;
        const idea: SentIdea = {
          opId: `drill-t${tableId}-op-${n}`,
          ideaId,
          host: index,
          op: { type: 'addIdea', ideaId, tableId, round: 0, text: `Idea ${n} from table ${tableId}` },
          outcome: 'in flight',
        };
        sent.push(idea);
        try {
          const ack = await host.socket.timeout(4000).emitWithAck('op', { id: idea.opId, op: idea.op });
          if (ack.ok) {
            idea.outcome = 'acknowledged';
            acknowledged++;
          } else {
            idea.outcome = 'no acknowledgement';
            refused.push(ack.error);
          }
        } catch {
          idea.outcome = 'no acknowledgement';
        }
      }
    };
    const pumps = hosts.map((h, i) => pump(h, i));

    const started = Date.now();
    while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && Date.now() - started < MAX_SENDING_MS) await sleep(2);
    stopping = true; // no new sends; each host still has one in flight
    const inFlightAtKill = sent.filter((s) => s.outcome === 'in flight').length;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await Promise.all(pumps);

    expect(refused).toEqual([]);
    expect(inFlightAtKill).toBeGreaterThan(0);
    const acked = sent.filter((s) => s.outcome === 'acknowledged');
    const unacked = sent.filter((s) => s.outcome !== 'acknowledged');
    expect(acked.length).toBeGreaterThanOrEqual(30);
    expect(sent.every((s) => s.outcome !== 'in flight')).toBe(true);

    // A new process on the same data directory.
    const second = await start(dataDir);
    const response = await fetch(`${second.url}/api/cafes/${links.cafeId}/ideas`, { headers: { authorization: `Bearer ${facilitatorSecret}` } });
    expect(response.status).toBe(200);
    const listed = new Map(((await response.json()) as { ideas: Idea[] }).ideas.map((i) => [i.id, i]));
    for (const s of acked) expect(listed.get(s.ideaId)?.text, s.ideaId).toBe(s.op.text);

    const afterRestart = ideaCounts(dbPath, links.cafeId);
    for (const s of acked) expect(afterRestart.get(s.ideaId), s.ideaId).toBe(1);
    for (const [ideaId, count] of afterRestart) expect(count, ideaId).toBe(1);
    expect([...afterRestart.keys()].every((id) => sent.some((s) => s.ideaId === id))).toBe(true);

    // Re-send everything that was never acknowledged, with its original operation id.
    const rehosted = await Promise.all(hostSecrets.map((s) => face(second.url, s)));
    for (const s of unacked) {
      const ack = await rehosted[s.host]!.send(s.op, s.opId);
      expect(ack, s.opId).toMatchObject({ ok: true, duplicate: afterRestart.has(s.ideaId) });
    }

    const final = ideaCounts(dbPath, links.cafeId);
    expect(final.size).toBe(sent.length);
    for (const s of sent) expect(final.get(s.ideaId), s.ideaId).toBe(1);
    const relisted = await fetch(`${second.url}/api/cafes/${links.cafeId}/ideas`, { headers: { authorization: `Bearer ${facilitatorSecret}` } });
    expect(((await relisted.json()) as { ideas: Idea[] }).ideas.map((i) => i.id).sort()).toEqual(sent.map((s) => s.ideaId).sort());
  });

  it('runs the server’s SQLite file in WAL mode with synchronous=FULL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tablecloth-pragmas-'));
    dirs.push(dataDir);
    const dbPath = join(dataDir, 'tablecloth.db');
    const server = await start(dataDir);
    await createCafe(server);

    // journal_mode=WAL is stored in the file, so the server process's choice is visible to any reader.
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    // synchronous is per connection: check what the store (the code main.ts opens the file with) sets.
    const store = SqliteStore.open(dbPath);
    try {
      expect(store.pragmas()).toMatchObject({ journalMode: 'wal', synchronous: 2 /* FULL */ });
    } finally {
      await store.close();
    }
  });
});
