import { usageLines, usageSummaries } from '../generate-more';
import { notFound, paged, pageRequest, type Route, sortBy, sortParam } from '../http';
import type { Pax8SimUsageSummary } from '../records';
import type { World } from '../world';
import { subscriptionIndex } from './subscriptions';

function summariesOf(world: World, index: number): Pax8SimUsageSummary[] {
  const s = world.subscriptions.at(index);
  const product = world.products.get(s.productId);
  return usageSummaries(world.gen, index, s, product, product ? world.traitsOf(product) : undefined);
}

function summaryById(world: World, id: string): Pax8SimUsageSummary {
  const code = world.gen.codecs.usageSummary.decode(id);
  const index = code === undefined ? undefined : Math.floor(code / 4);
  const found = index !== undefined && world.subscriptions.indexOf(world.subscriptions.idAt(index)) !== undefined ? summariesOf(world, index).find((u) => u.id === id) : undefined;
  if (!found) throw notFound('Usage summary', id);
  return found;
}

/** The usage endpoints. */
export const usageRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/subscriptions/{subscriptionId}/usage-summaries',
    family: 'partner',
    handle: ({ url, params, world }) => {
      const request = pageRequest(url);
      const sort = sortParam(url, ['resourceGroup', 'currentCharges', 'partnerTotal']);
      const resourceGroup = url.searchParams.get('resourceGroup') || undefined;
      const companyId = url.searchParams.get('companyId') || undefined;
      let list = summariesOf(world, subscriptionIndex(world, params.subscriptionId as string)).filter(
        (u) => (resourceGroup === undefined || u.resourceGroup === resourceGroup) && (companyId === undefined || u.companyId === companyId),
      );
      list = sortBy(list, sort, (u, field) => (u as unknown as Record<string, unknown>)[field]);
      return { status: 200, body: paged(list, request, (u) => u) };
    },
  },
  {
    method: 'GET',
    path: '/v1/usage-summaries/{usageSummaryId}',
    family: 'partner',
    handle: ({ params, world }) => ({ status: 200, body: summaryById(world, params.usageSummaryId as string) }),
  },
  {
    method: 'GET',
    path: '/v1/usage-summaries/{usageSummaryId}/usage-lines',
    family: 'partner',
    handle: ({ url, params, world }) => {
      const summary = summaryById(world, params.usageSummaryId as string);
      const usageDate = url.searchParams.get('usageDate') || undefined;
      const productId = url.searchParams.get('productId') || undefined;
      const name = world.products.get(summary.productId)?.name ?? 'Usage';
      const lines = usageLines(world.gen, summary, name).filter((l) => (usageDate === undefined || l.usageDate === usageDate) && (productId === undefined || l.productId === productId));
      return { status: 200, body: paged(lines, pageRequest(url), (l) => l) };
    },
  },
];
