/**
 * What the rotation planner's thread (server/rotation/plan-worker.ts) costs and saves. Cafés of
 * 8 to 5,000 people at tables of 5 over 4 rounds: a fresh plan, a re-plan for a late arrival (half
 * the room seated in the round under way, the plan in use passed on), and a fresh plan at tables
 * of 5 and 6, where no design fits. Each is made on the main thread and on the thread, with the
 * longest delay a 5 ms timer on the main thread saw meanwhile: is a café ever small enough to
 * plan on the main thread? (It was not: see plan-worker.ts and docs/performance.md.)
 *
 *   npm run bench:rotation-worker               live and requested budgets
 *   npm run bench:rotation-worker -- --quick    20 and 300 people, live budget (the smoke test's run)
 */
import { planRotation, type RotationInput } from '../shared/rotation/index.js';
import { LIVE_ITERATIONS, REQUESTED_ITERATIONS } from '../server/rotation/rotation-planner.js';
import { PlanWorker } from '../server/rotation/plan-worker.js';
import { longestStall } from '../test/helpers/event-loop-stall.js';
import { groupedRoom, lateArrival, unevenTables } from '../test/helpers/rotation-variants.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [20, 300] : [8, 20, 32, 50, 100, 200, 300, 500, 1000, 5000];
const BUDGETS = quick ? [LIVE_ITERATIONS] : [LIVE_ITERATIONS, REQUESTED_ITERATIONS];
const format = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
const threadOnly = new PlanWorker({ info: () => undefined, warn: (details, message) => console.warn(message, details) });
const started = await longestStall(() => threadOnly.plan(groupedRoom(20, 5, 4, 1000)));
console.log(`Rotation planner's thread: started and made a first small plan in ${format(started.ms)} ms.`);
console.log('| café | budget | people | main thread: plan / longest stall | thread: plan / longest stall | thread − main | same plan |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
let different = 0;
for (const iterations of BUDGETS) {
  for (const people of SIZES) {
    const fresh = groupedRoom(people, 5, 4, iterations);
    const kinds: [string, RotationInput][] = [['fresh', fresh], ['late arrival', lateArrival(fresh)], ['tables of 5 and 6', unevenTables(fresh)]];
    for (const [kind, input] of kinds) {
      // Once each way first, so neither side pays for compiling the planner in the row.
      planRotation(input);
      await threadOnly.plan(input);
      const inline = await longestStall(async () => planRotation(input));
      const thread = await longestStall(() => threadOnly.plan(input));
      const same = JSON.stringify(inline.value) === JSON.stringify(thread.value);
      if (!same) different++;
      console.log(
        `| ${kind} | ${iterations.toLocaleString('en')} | ${people.toLocaleString('en')} | ${format(inline.ms)} / ${format(inline.stallMs)} ms | ${format(thread.ms)} / ${format(thread.stallMs)} ms | ${format(thread.ms - inline.ms)} ms | ${same ? 'yes' : 'NO'} |`,
      );
    }
  }
}
await threadOnly.close();
if (different > 0) {
  console.error(`${different} plan(s) differ between the main thread and the thread (P5)`);
  process.exitCode = 1;
}
