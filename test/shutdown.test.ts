import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from './helpers/client.js';
import { spawnServer, type ServerProcess } from './helpers/process.js';
import { createCafe, secretOf } from './helpers/server.js';

describe('the server process', () => {
  let server: ServerProcess | null = null;
  let dir = '';
  afterEach(() => {
    server?.child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the addresses to open and shuts down gracefully on SIGTERM, keeping what was stored', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tablecloth-shutdown-'));
    const first = spawnServer({ DATA_DIR: dir });
    server = first;
    await first.ready;
    expect(first.output()).toMatch(/On this laptop: +http:\/\/localhost:\d+\//);
    expect(first.output()).toMatch(/API documentation/);
    const links = await createCafe(first);
    const facilitator = await connect(first.url, secretOf(links.facilitator));
    await facilitator.must({ type: 'openCafe' });
    let reason = '';
    facilitator.socket.on('disconnect', (why) => (reason = why));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Not "io server disconnect", which would tell clients not to reconnect.
    expect(reason).toBe('transport close');
    facilitator.close();

    const second = spawnServer({ DATA_DIR: dir });
    server = second;
    await second.ready;
    const again = await connect(second.url, secretOf(links.facilitator));
    expect(again.state.phase.kind).toBe('lobby');
    again.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
