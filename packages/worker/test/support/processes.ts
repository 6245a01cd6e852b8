import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestSetup } from './harness';
import type { WorkerProcessConfig } from './worker-process';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

/** One log line of a worker process. */
export interface ProcessLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A worker running as its own process. */
export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  poolId: string;
  lines: ProcessLine[];
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Waits for a log line matching `match`. */
  waitForLine(match: (line: ProcessLine) => boolean, timeoutMs?: number): Promise<ProcessLine>;
}

/** Starts a worker process on the test's database and waits until it runs jobs. */
export function startWorkerProcess(setup: TestSetup, worker: WorkerProcessConfig['worker'], extra: Partial<WorkerProcessConfig> = {}): Promise<WorkerProcess> {
  return spawnWorkerProcess({ url: setup.server.url, schemas: setup.schemas, key: setup.key, preparedStatements: setup.server.preparedStatements, worker, ...extra });
}

/** Starts a worker process with its whole configuration and waits until it runs jobs. */
export async function spawnWorkerProcess(config: WorkerProcessConfig): Promise<WorkerProcess> {
  // tsx as a loader, not its CLI: the CLI runs the script in a second process, which a kill -9 of the first would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, PAX8_WORKER_PROCESS: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: ProcessLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as ProcessLine);
      } catch {
        lines.push({ level: 'raw', message: part });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const waitForLine = (match: (line: ProcessLine) => boolean, timeoutMs = 60_000) =>
    new Promise<ProcessLine>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`worker process ${child.pid}: no matching line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}; last lines: ${JSON.stringify(lines.slice(-5))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void exited.then((code) => {
        if (!waiters.has(check)) return;
        cleanup();
        reject(new Error(`worker process ${child.pid} exited (${code}) before the line came; stderr: ${stderr.slice(-2000)}`));
      });
      check();
    });
  const ready = await waitForLine((l) => l.message === 'ready', 120_000);
  return { child, pid: child.pid as number, poolId: String(ready.poolId), lines, stderr: () => stderr, exited, waitForLine };
}

/** Stops worker processes that are still running (after a test). */
export async function killAll(processes: readonly WorkerProcess[]): Promise<void> {
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
}
