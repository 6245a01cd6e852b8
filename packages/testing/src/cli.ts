#!/usr/bin/env node
/**
 * The `pax8-simulator` bin (`npx pax8-simulator --port 4010`; in this repository `pnpm simulator -- ...`):
 * serves a simulated Pax8 partner account on 127.0.0.1 until interrupted, and prints its URL and
 * (simulated) credentials.
 */
import { parseArgs } from 'node:util';
import { createPax8Simulator } from './simulator/simulator';

const USAGE = 'usage: pax8-simulator [--port 4010] [--seed 1] [--companies 500] [--products 40] [--subscriptions 20000] [--rpm 1000] [--client-id ID --client-secret SECRET]';

function numberOption(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} must be a whole number, got '${String(raw)}'\n${USAGE}\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  // pnpm passes the `--` separator through to the script; drop it.
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      companies: { type: 'string' },
      products: { type: 'string' },
      subscriptions: { type: 'string' },
      rpm: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rpm = numberOption(values, 'rpm');
  const clientId = values['client-id'];
  const clientSecret = values['client-secret'];
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    process.stderr.write(`--client-id and --client-secret go together: pass both, or neither for the seeded credentials\n${USAGE}\n`);
    process.exit(2);
  }
  const sim = createPax8Simulator({
    seed: numberOption(values, 'seed') ?? 1,
    companies: numberOption(values, 'companies') ?? 50,
    products: numberOption(values, 'products') ?? 40,
    subscriptions: numberOption(values, 'subscriptions') ?? 1000,
    ...(clientId && clientSecret ? { credentials: { clientId, clientSecret } } : {}),
    ...(rpm ? { faults: { rateLimit: { requestsPerMinute: rpm } } } : {}),
  });
  const url = await sim.listen({ port: numberOption(values, 'port') ?? 4010 });
  process.stdout.write(
    [
      `Pax8 simulator listening on ${url}`,
      `  token URL:     ${url}/v1/token`,
      `  client id:     ${sim.credentials.clientId}`,
      `  client secret: ${sim.credentials.clientSecret}   (simulator credentials, not a real Pax8 secret)`,
      `  world:         seed ${sim.world.seed}, ${sim.world.companies.size} companies, ${sim.world.products.size} products, ${sim.world.subscriptions.size} subscriptions`,
      '',
      `export PAX8_BASE_URL=${url} PAX8_CLIENT_ID=${sim.credentials.clientId} PAX8_CLIENT_SECRET=${sim.credentials.clientSecret}`,
      '',
    ].join('\n'),
  );
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
