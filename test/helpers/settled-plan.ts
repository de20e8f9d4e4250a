/** Waiting out the server's planner in planned-rotation tests (issue 6). */
import type { CafeState } from '../../shared/domain/state.js';
import type { TestClient } from './client.js';
import type { TestServer } from './server.js';

/** The facilitator's state once every plan being made has been recorded and has arrived. */
export async function settledState(server: TestServer, facilitator: TestClient): Promise<CafeState> {
  await server.rotation.idle();
  const seq = (await server.sequencer.state(facilitator.state.id))!.seq;
  await facilitator.caughtUp(seq);
  return facilitator.state;
}
