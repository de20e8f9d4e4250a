/**
 * A server process the bench starts and stops: Tablecloth's server/main.ts or the bare relay,
 * with the probe preloaded, on 127.0.0.1 and a port the system picks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ProbeReading, ProbeRequest } from './probe-messages.js';

const root = join(import.meta.dirname, '..', '..');
const START_MS = 30_000;
const STOP_MS = 15_000;

export interface ServerFigures {
  delayMaxMs: number;
  delayP99Ms: number;
  rss: number;
  heapUsed: number;
}

export class ServerProcess {
  url = '';
  /** Lines the process wrote to stderr (warnings and errors), for the report. */
  readonly complaints: string[] = [];
  readonly exited: Promise<number | string>;
  private stopping = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: ProbeReading) => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    child.on('message', (m: ProbeReading) => {
      if (m?.probe !== 'reading') return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Whether it ended without being asked to. */
  get crashed(): boolean {
    return !this.stopping && (this.child.exitCode !== null || this.child.signalCode !== null);
  }

  /** Starts `script` (relative to the project) and resolves once it prints `listening on port N`. */
  static async start(name: string, script: string, env: Record<string, string>, cpuProfDir: string | null): Promise<ServerProcess> {
    const args = ['--expose-gc', '--import', 'tsx', '--import', join(root, 'bench/load/probe.ts')];
    // One folder per process: each of its threads (the main one, tsx's loader) writes its own profile there.
    if (cpuProfDir) args.push('--cpu-prof', '--cpu-prof-dir', join(cpuProfDir, name));
    const child = spawn(process.execPath, [...args, join(root, script)], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', PUBLIC_URL: '', REDIS_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const server = new ServerProcess(name, child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_MS / 1000} s:\n${output}`)), START_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on port (\d+)/.exec(output);
        if (match && !server.url) {
          server.url = `http://127.0.0.1:${match[1]}`;
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        for (const line of chunk.toString().split('\n')) if (line.trim()) server.complaints.push(line.trim());
      });
      child.on('exit', () => {
        clearTimeout(timer);
        if (!server.url) reject(new Error(`${name} exited before listening:\n${output}`));
      });
    });
    return server;
  }

  /** The probe's figures; `collectGarbage` for memory, `reset` to start a new delay window. */
  read(options: { collectGarbage?: boolean; reset?: boolean } = {}): Promise<ServerFigures> {
    const id = this.nextId++;
    const request: ProbeRequest = { probe: 'read', id, collectGarbage: options.collectGarbage ?? false, reset: options.reset ?? false };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name} (pid ${this.pid}) did not answer the probe`));
      }, 10_000);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve({ delayMaxMs: r.delayMaxMs, delayP99Ms: r.delayP99Ms, rss: r.rss, heapUsed: r.heapUsed });
      });
      this.child.send(request);
    });
  }

  /** SIGTERM (a graceful shutdown, which also writes the CPU profile), SIGKILL if it hangs; by pid only. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.stopping = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
