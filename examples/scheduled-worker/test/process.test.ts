import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { serverUrl } from './support/test-database';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/**
 * Where the process stores: by default no DATABASE_URL, so it opens PGlite under `./.pax8-sync` of
 * its working directory (a fresh temporary one); with PAX8_SYNC_TEST_DATABASE_URL, a database of its
 * own on that server, so the default schema (pax8_sync) cannot collide with anything else.
 */
async function storageForTheProcess(): Promise<{ cwd: string; env: Record<string, string> }> {
  const cwd = await mkdtemp(join(tmpdir(), 'pax8-worker-proc-'));
  cleanups.push(() => rm(cwd, { recursive: true, force: true }));
  if (!serverUrl) return { cwd, env: {} };
  const database = `pax8_worker_proc_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: serverUrl });
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  cleanups.push(async () => {
    const pool = new pg.Pool({ connectionString: serverUrl });
    await pool.query(`DROP DATABASE IF EXISTS ${database}`);
    await pool.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { cwd, env: { DATABASE_URL: url.href } };
}

it(`as a process (storage: ${serverUrl ? 'the Postgres server' : 'PGlite under ./.pax8-sync'}): SIGTERM while idle stops it with exit code 0 and a goodbye line`, async () => {
  const storage = await storageForTheProcess();
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  // The repository's tsconfig maps @pax8-sync/* to the packages' src/, so no build is needed (the working directory is outside the repository).
  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, '--tsconfig', `${root}tsconfig.json`, `${root}examples/scheduled-worker/src/main.ts`], {
    cwd: storage.cwd,
    env: { ...inherited, ...storage.env, PAX8_SYNC_KEY: randomBytes(32).toString('base64'), POLL_SECONDS: '3600' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Waits for the start line (not for time), then sends SIGTERM.
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('worker started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout).toContain('worker started: 0 connection(s), checking every 3600 s');
  expect(stdout).toContain('SIGTERM: finishing the sync in progress, then stopping');
  expect(stdout).toMatch(/worker stopped after 1 pass\(es\): \{\}/);
  expect(existsSync(join(storage.cwd, '.pax8-sync', 'pglite'))).toBe(!serverUrl);
});
