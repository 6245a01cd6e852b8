import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const databaseUrl = process.env.PAX8_SYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `pax8_worker_proc_${process.pid}_${randomBytes(3).toString('hex')}`;

afterAll(async () => {
  const admin = new pg.Pool({ connectionString: databaseUrl });
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.end();
});

it('as a process: SIGTERM while idle stops it with exit code 0 and a goodbye line', async () => {
  // Its own database, so the default schema (pax8_sync) cannot collide with anything else.
  const admin = new pg.Pool({ connectionString: databaseUrl });
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;

  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'examples/scheduled-worker/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.href, PAX8_SYNC_KEY: randomBytes(32).toString('base64'), POLL_SECONDS: '3600' },
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
});
