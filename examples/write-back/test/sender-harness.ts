import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pax8Simulator } from '@pax8-sync/testing';
import { afterEach } from 'vitest';
import type { OutboxDatabaseConfig, SenderConfig } from '../src/index';
import { dropServerSchema } from './support';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const senderScript = fileURLToPath(new URL('../src/sender-process.ts', import.meta.url));

/** What a sender test holds, released after each test: its simulator, sender processes, temp directory and server schema. */
export interface SenderTest {
  sim?: Pax8Simulator;
  dir?: string;
  config?: OutboxDatabaseConfig;
  senders: ChildProcess[];
}

/** A sender process: what it printed (one JSON object a line), its stderr, and how it exited (signal or code). */
export interface StartedSender {
  proc: ChildProcess;
  out: { lines: Record<string, unknown>[]; stderr: string };
  exited: Promise<string>;
}

/** Registers the clean-up of a sender test file (kill the senders, close the simulator, drop the database). */
export function senderTest(): SenderTest {
  const t: SenderTest = { senders: [] };
  afterEach(async () => {
    for (const p of t.senders) p.kill('SIGKILL');
    await t.sim?.close();
    if (t.dir) await rm(t.dir, { recursive: true, force: true });
    await dropServerSchema(t.config);
    t.sim = t.dir = t.config = undefined;
    t.senders = [];
  });
  return t;
}

/** The shared database of a test: a fresh schema on the server (`onServer`), else a PGlite directory. */
export async function outboxDatabaseFor(t: SenderTest, onServer: boolean, prefix: string): Promise<OutboxDatabaseConfig> {
  t.dir = await mkdtemp(join(tmpdir(), `pax8-${prefix}-`));
  const key = randomBytes(32).toString('base64');
  const url = process.env.PAX8_SYNC_TEST_DATABASE_URL;
  t.config = onServer && url ? { url, schema: `${prefix}_${randomBytes(4).toString('hex')}`, key } : { pgliteDir: join(t.dir, 'pglite'), schema: 'pax8_sync', key };
  return t.config;
}

/** Starts `src/sender-process.ts` in its own Node process with `config`. */
export function startSender(t: SenderTest, config: SenderConfig): StartedSender {
  const proc = spawn(process.execPath, ['--import', 'tsx', senderScript], { cwd: root, env: { ...process.env, PAX8_SYNC_SENDER: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.senders.push(proc);
  const out = { lines: [] as Record<string, unknown>[], stderr: '' };
  let partial = '';
  proc.stdout?.on('data', (c: Buffer) => {
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) out.lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  proc.stderr?.on('data', (c: Buffer) => {
    out.stderr += c.toString();
  });
  const exited = new Promise<string>((resolve) => proc.once('exit', (code, signal) => resolve(String(signal ?? code))));
  return { proc, out, exited };
}

/** PGlite always; the real server too when `PAX8_SYNC_TEST_DATABASE_URL` is set. */
export const testDatabases: [string, boolean][] = [['PGlite', false], ...(process.env.PAX8_SYNC_TEST_DATABASE_URL ? [['the Postgres server', true] as [string, boolean]] : [])];
