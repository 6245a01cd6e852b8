import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A port that was free a moment ago (the console is then asked for it by number). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

it('pnpm console: starts on the simulator and PGlite with no set-up, prints the URL of the given port, serves the console, stops on SIGTERM', async () => {
  const script = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.console;
  expect(script).toBe('tsx examples/admin-console/src/demo/main.ts');
  const port = await freePort();
  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'examples/admin-console/src/demo/main.ts', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Waits for the last line of the banner (not for time).
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Press Ctrl+C to stop.')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the console exited early with ${code}: ${stderr}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    expect(stdout.split('\n')[0]).toBe(`pax8-sync admin console: ${url}`);
    expect(stdout).toMatch(/^ {2}Pax8: the simulator at http:\/\/127\.0\.0\.1:\d+ \(client ID demo-client-id, secret demo-client-secret: demo values\)$/m);
    const home = await fetch(`${url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/connect');
    const connect = await fetch(`${url}/connect`);
    expect(connect.status).toBe(200);
    expect(await connect.text()).toContain('<h1>Connect to Pax8</h1>');
    const simulator = /the simulator at (\S+) /.exec(stdout)?.[1];
    expect((await fetch(`${simulator}/v1/companies`)).status).toBe(401);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});
