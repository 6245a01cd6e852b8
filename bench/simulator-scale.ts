/**
 * Prints how the simulator scales: world build time and heap, one listing page, a full paged pull
 * and a sorted listing, at the sizes given (default 100,000 subscriptions).
 * Run: `pnpm bench:simulator [subscriptions] [companies]`
 */
import { createPax8Simulator } from '@pax8-sync/testing';

const subscriptions = Number(process.argv[2] ?? 100_000);
const companies = Number(process.argv[3] ?? 5_000);
const ms = (start: number): string => `${(performance.now() - start).toFixed(0)} ms`;
const heapMb = (): string => `${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`;

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let start = performance.now();
const sim = createPax8Simulator({ seed: 1, companies, subscriptions });
console.log(`build ${subscriptions} subscriptions / ${companies} companies: ${ms(start)}, heap +${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB`);

const tokenResponse = await sim.handle(
  new Request(`${sim.baseUrl}/v1/token`, {
    method: 'POST',
    body: JSON.stringify({ client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
  }),
);
const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
const get = async (path: string) => (await sim.handle(new Request(`${sim.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }))).text();

start = performance.now();
await get('/v1/subscriptions?size=200&page=100');
console.log(`one page of 200: ${ms(start)}`);
start = performance.now();
for (let page = 0; page * 200 < subscriptions; page++) await get(`/v1/subscriptions?size=200&page=${page}`);
console.log(`full pull (${Math.ceil(subscriptions / 200)} pages): ${ms(start)}, heap ${heapMb()}`);
start = performance.now();
await get(`/v1/subscriptions?size=200&companyId=${sim.world.companies.ids()[0]}`);
console.log(`company filter: ${ms(start)}`);
start = performance.now();
await get('/v1/subscriptions?size=200&sort=price,desc');
console.log(`sorted by price: ${ms(start)}`);
