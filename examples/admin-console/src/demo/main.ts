/**
 * `pnpm console`: the admin console on the Pax8 simulator and an in-memory PGlite, no set-up.
 * `pnpm console --port 4020` picks the port (default: any free one). Ctrl+C stops it.
 */
import { parseArgs } from 'node:util';
import { demoCredentials } from './demo-pax8';
import { startConsole } from './start-console';

function portOf(value: string | undefined): number {
  const port = Number(value ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number from 0 to 65535 (got ${JSON.stringify(value)}).`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: false, allowPositionals: true });
  const running = await startConsole({ port: portOf(typeof values.port === 'string' ? values.port : process.env.PORT), scheduleEveryMs: 60_000 });
  const print = (line: string) => void process.stdout.write(`${line}\n`);
  print(`pax8-sync admin console: ${running.url}`);
  print(`  Pax8: the simulator at ${running.pax8Url} (client ID ${demoCredentials.clientId}, secret ${demoCredentials.clientSecret}: demo values)`);
  print('  Storage: PGlite in memory (empty at every start)');
  print('  Schedule: the due syncs are started every minute once a company is mapped');
  print('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`admin console failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
