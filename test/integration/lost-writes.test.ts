/**
 * A store that lost acknowledged writes (Redis with `appendfsync everysec` after a power cut, or
 * RDB only): a running process's cached head is then ahead of the store. The sequencer must notice
 * on its next append and read the café again, instead of refusing every operation for good.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { connect, type TestClient } from '../helpers/client.js';
import { createCafe, secretOf, startServer, type TestServer } from '../helpers/server.js';

describe('a store that lost its last writes', () => {
  let dir: string;
  let server: TestServer;
  let facilitator: TestClient;

  afterEach(async () => {
    facilitator?.close();
    await server?.close();
    await server?.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the next operation is decided on what the store holds, and gets the next sequence number there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tablecloth-lost-'));
    const file = join(dir, 'cafe.db');
    server = await startServer({ store: SqliteStore.open(file) });
    const links = await createCafe(server);
    facilitator = await connect(server.url, secretOf(links.facilitator));
    await facilitator.must({ type: 'openCafe' });
    await facilitator.must({ type: 'startRound' });
    const before = await server.store.head(links.cafeId);
    for (let i = 0; i < 3; i++) await facilitator.must({ type: 'addIdea', ideaId: `idea-lost-${i}`, tableId: '1', round: 0, text: `lost ${i}` });
    // The crash: the last three entries are gone from the store, not from the process's memory.
    const raw = new Database(file);
    raw.prepare('DELETE FROM log WHERE cafe_id = ? AND seq > ?').run(links.cafeId, before);
    raw.close();
    expect(await server.store.head(links.cafeId)).toBe(before);

    const ack = await facilitator.send({ type: 'addIdea', ideaId: 'idea-after-the-crash', tableId: '1', round: 0, text: 'after the crash' });
    expect(ack).toMatchObject({ ok: true, seq: before + 1 });
    const state = await server.sequencer.state(links.cafeId);
    expect(Object.keys(state!.ideas)).toEqual(['idea-after-the-crash']);
  });
});
