import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bannerFacts, type StartedCli, startCli } from './support/cli-process';
import { httpToken } from './support/http-fetch';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Starts the CLI as `pnpm simulator -- ...` would (pnpm passes the `--` through) and reads its banner. */
function start(args: string[], ready?: RegExp): Promise<StartedCli> {
  return startCli(process.execPath, ['--import', 'tsx', cli, '--', ...args], { cwd: root, ...(ready ? { ready } : {}) });
}

/** Starts the CLI expecting it to refuse; one that starts anyway is stopped, so no process is left behind. */
async function refusal(args: string[]): Promise<string> {
  return start(args).then(
    async ({ stop }) => {
      await stop();
      return 'started';
    },
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe('pnpm simulator', () => {
  it('serves the world on 127.0.0.1 and prints URL and credentials', async () => {
    const { banner, stop } = await start(['--port', '0', '--seed', '3', '--companies', '7', '--subscriptions', '40']);
    try {
      const { url, clientId, clientSecret } = bannerFacts(banner);
      expect(banner).toContain('seed 3, 7 companies, 40 products, 40 subscriptions');
      const token = await fetch(`${url}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: clientId, client_secret: clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
      });
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const page = (await (await fetch(`${url}/v1/subscriptions?size=200`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { page: { totalElements: number } };
      expect(page.page.totalElements).toBe(40);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('serves several partner accounts with --accounts, and prints them all as one JSON line with --json', async () => {
    const { banner, stop } = await start(['--port', '0', '--seed', '4', '--companies', '3', '--subscriptions', '9', '--accounts', '2', '--rpm', '600', '--json'], /\}\n/);
    try {
      const { url, accounts } = JSON.parse(banner) as { url: string; accounts: { id: string; clientId: string; clientSecret: string; rateLimit: unknown }[] };
      expect(accounts).toHaveLength(2);
      expect(accounts.map((a) => a.rateLimit)).toEqual([{ requestsPerMinute: 600 }, { requestsPerMinute: 600 }]);
      const ids: string[][] = [];
      for (const account of accounts) {
        const token = await httpToken(url, account);
        const page = (await (await fetch(`${url}/v1/companies`, { headers: { authorization: `Bearer ${token}` } })).json()) as { content: { id: string }[] };
        ids.push(page.content.map((c) => c.id));
        const hooks = (await (await fetch(`${url}/api/v2/webhooks`, { headers: { authorization: `Bearer ${token}` } })).json()) as { content: { accountId: string }[] };
        expect(hooks.content[0]?.accountId).toBe(account.id);
      }
      expect(ids[0]).toHaveLength(3);
      expect(ids[0]?.some((id) => ids[1]?.includes(id))).toBe(false);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('refuses a bad latency, naming the flag', async () => {
    expect(await refusal(['--latency', 'slow'])).toMatch(/--latency must be milliseconds/);
  });

  it('refuses a bad number, naming the flag', async () => {
    expect(await refusal(['--companies', 'many'])).toMatch(/--companies must be a whole number, got 'many'/);
  });

  it('refuses a client id without a secret (it used to start with other credentials than the ones asked for)', async () => {
    expect(await refusal(['--port', '0', '--client-id', 'mine'])).toMatch(/--client-id and --client-secret go together/);
  });
});
