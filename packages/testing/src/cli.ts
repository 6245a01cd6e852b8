#!/usr/bin/env node
/**
 * The `pax8-simulator` bin (`npx pax8-simulator --port 4010`; in this repository `pnpm simulator -- ...`):
 * serves a simulated Pax8 partner account on 127.0.0.1 until interrupted, and prints its URL and
 * (simulated) credentials.
 */
import { parseArgs } from 'node:util';
import type { Pax8Latency } from './simulator/accounts';
import type { Pax8SimulatorOptions } from './simulator/options';
import { createPax8Simulator, type Pax8Simulator } from './simulator/simulator';

const USAGE =
  'usage: pax8-simulator [--port 4010] [--seed 1] [--companies 500] [--products 40] [--subscriptions 20000] [--rpm 1000] [--client-id ID --client-secret SECRET] [--accounts N] [--latency MS|MIN-MAX] [--json]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function numberOption(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got '${String(raw)}'`);
  return value;
}

function latencyOption(raw: string | undefined): Pax8Latency | undefined {
  if (raw === undefined) return undefined;
  const [min, max = min] = raw.split('-').map(Number);
  if (!(Number.isFinite(min) && Number.isFinite(max) && (min as number) >= 0 && (max as number) >= (min as number))) fail(`--latency must be milliseconds (20) or a range (10-50), got '${raw}'`);
  return [min as number, max as number];
}

/** The simulator options the flags ask for. */
function optionsOf(values: Record<string, string | boolean | undefined>): Pax8SimulatorOptions {
  const rpm = numberOption(values, 'rpm');
  const accounts = numberOption(values, 'accounts');
  const clientId = values['client-id'] as string | undefined;
  const clientSecret = values['client-secret'] as string | undefined;
  if ((clientId === undefined) !== (clientSecret === undefined)) fail('--client-id and --client-secret go together: pass both, or neither for the seeded credentials');
  const latencyMs = latencyOption(values.latency as string | undefined);
  return {
    seed: numberOption(values, 'seed') ?? 1,
    companies: numberOption(values, 'companies') ?? 50,
    products: numberOption(values, 'products') ?? 40,
    subscriptions: numberOption(values, 'subscriptions') ?? 1000,
    ...(clientId && clientSecret ? { credentials: { clientId, clientSecret } } : {}),
    ...(latencyMs ? { latencyMs } : {}),
    // One account: --rpm is the enforced limit as before. Several: each account's own limit (default 1,000).
    ...(accounts === undefined ? (rpm ? { faults: { rateLimit: { requestsPerMinute: rpm } } } : {}) : { accounts: Array.from({ length: accounts }, () => (rpm ? { rateLimit: { requestsPerMinute: rpm } } : {})) }),
  };
}

function banner(sim: Pax8Simulator, url: string): string {
  const more = sim.accounts.length > 1 ? [`  accounts:      ${sim.accounts.length} (the first shown; --json prints every account's credentials)`] : [];
  return [
    `Pax8 simulator listening on ${url}`,
    `  token URL:     ${url}/v1/token`,
    `  client id:     ${sim.credentials.clientId}`,
    `  client secret: ${sim.credentials.clientSecret}   (simulator credentials, not a real Pax8 secret)`,
    `  world:         seed ${sim.world.seed}, ${sim.world.companies.size} companies, ${sim.world.products.size} products, ${sim.world.subscriptions.size} subscriptions`,
    ...more,
    '',
    `export PAX8_BASE_URL=${url} PAX8_CLIENT_ID=${sim.credentials.clientId} PAX8_CLIENT_SECRET=${sim.credentials.clientSecret}`,
    '',
  ].join('\n');
}

/** One line a parent process can parse: the URL and every account. */
function json(sim: Pax8Simulator, url: string): string {
  const accounts = sim.accounts.map((a) => ({ id: a.id, name: a.name, seed: a.seed, clientId: a.credentials.clientId, clientSecret: a.credentials.clientSecret, rateLimit: a.rateLimit ?? null }));
  return `${JSON.stringify({ url, tokenUrl: `${url}/v1/token`, accounts })}\n`;
}

async function main(): Promise<void> {
  // pnpm passes the `--` separator through to the script; drop it.
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const names = ['port', 'seed', 'companies', 'products', 'subscriptions', 'rpm', 'client-id', 'client-secret', 'accounts', 'latency'];
  const { values } = parseArgs({
    args,
    options: { ...Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), help: { type: 'boolean' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sim = createPax8Simulator(optionsOf(values));
  const url = await sim.listen({ port: numberOption(values, 'port') ?? 4010 });
  process.stdout.write(values.json ? json(sim, url) : banner(sim, url));
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
