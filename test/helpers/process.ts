/** Runs server/main.ts as a real process, as `npm start` does, and finds its port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
/** tsx compiles the server at start; on 2 loaded cores that alone has taken over 15 s. */
const START_TIMEOUT_MS = 40_000;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export function spawnServer(env: Record<string, string>): ServerProcess & { ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const result: ServerProcess & { ready: Promise<void> } = {
    child,
    url: '',
    output: () => text,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))),
    ready: Promise.resolve(),
  };
  result.ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on port (\d+)/.exec(text);
      if (match && !result.url) {
        result.url = `http://127.0.0.1:${match[1]}`;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      if (!result.url) reject(new Error(`server exited before listening:\n${text}`));
    });
  });
  return result;
}
