/**
 * One export-job run as a process of its own, for the tests that SIGKILL it or race two of them:
 * `node --import tsx test/helpers/export-job-child.ts` with JOB_DB (the SQLite file), JOB_ID,
 * JOB_HOLDER and the target: DISCOURSE_URL and DISCOURSE_KEY, or EXPORT_TARGET (a target as in
 * EXPORT_TARGETS_FILE, as JSON: any kind). LEASE_MS for a short lease, WAIT_MS to keep trying
 * while another (perhaps dead) process holds it, as a restarted server does. KILL_AFTER_PUBLISH=n
 * SIGKILLs the process the moment the n-th publish of this run has succeeded on the target,
 * before the job records it: the "fails halfway" of issue 5 for a target that cannot hold its
 * answer back for the test. Writes one JSON line per progress report and a last one with the result.
 */
import { discourseExporter } from '../../server/export/discourse.js';
import { realClock, type Exporter } from '../../server/export/exporter.js';
import { runExportJob } from '../../server/export/job.js';
import { exporterFor, type ExportTarget } from '../../server/export/targets.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const store = SqliteStore.open(env('JOB_DB'));
const target = process.env.EXPORT_TARGET ? (JSON.parse(process.env.EXPORT_TARGET) as ExportTarget) : null;
const inner: Exporter = target
  ? exporterFor(target, realClock)
  : discourseExporter({ baseUrl: env('DISCOURSE_URL'), apiKey: env('DISCOURSE_KEY'), apiUsername: 'system' });
const killAfter = Number(process.env.KILL_AFTER_PUBLISH ?? 0);
let published = 0;
const exporter: Exporter = {
  target: inner.target,
  guarantee: inner.guarantee,
  async publish(thread, journal) {
    const outcome = await inner.publish(thread, journal);
    if (++published === killAfter) process.kill(process.pid, 'SIGKILL');
    return outcome;
  },
};
const waitUntil = Date.now() + Number(process.env.WAIT_MS ?? 0);
for (;;) {
  const result = await runExportJob({
    jobs: store.exportJobs,
    cafes: store,
    exporter,
    jobId: env('JOB_ID'),
    holder: env('JOB_HOLDER'),
    clock: realClock,
    leaseMs: process.env.LEASE_MS ? Number(process.env.LEASE_MS) : undefined,
    onProgress: (progress) => process.stdout.write(`${JSON.stringify({ progress })}\n`),
  });
  if (result.status !== 'busy' || Date.now() > waitUntil) {
    process.stdout.write(`${JSON.stringify({ result: result.status })}\n`);
    break;
  }
  await realClock.sleep(200);
}
await store.close();
