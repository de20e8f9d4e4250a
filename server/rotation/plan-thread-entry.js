// The worker thread's entry (see plan-worker.ts). A worker does not share the main thread's module
// hooks (Node 20), so it registers tsx itself before loading the TypeScript: under `npm start`
// (tsx) and under vitest alike.
import { register } from 'tsx/esm/api';

register();
await import('./plan-thread.ts');
