import { notFound, paged, pageRequest, type Route, sortBy, sortParam } from '../http';
import { provisionDetails } from '../provisioning';
import type { Pax8SimProduct } from '../records';
import type { World } from '../world';

function locate(world: World, id: string): Pax8SimProduct {
  const product = world.products.get(id);
  if (!product) throw notFound('Product', id);
  return product;
}

/** The listing shape of a product (the detail adds `description`). */
function summary(product: Pax8SimProduct): Omit<Pax8SimProduct, 'description'> {
  const { description: _description, ...rest } = product;
  return rest;
}

/** The product catalogue endpoints. */
export const productRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/products',
    family: 'partner',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const sort = sortParam(url, ['name', 'vendor']);
      const search = url.searchParams.get('search')?.toLowerCase() || undefined;
      const vendor = url.searchParams.get('vendorName')?.toLowerCase() || undefined;
      let list: Pax8SimProduct[] = [];
      for (const i of world.products.positions()) {
        const p = world.products.at(i);
        if (vendor !== undefined && p.vendorName.toLowerCase() !== vendor) continue;
        if (search !== undefined && ![p.name, p.vendorName, p.sku, p.id, p.vendorSku ?? ''].some((v) => v.toLowerCase().includes(search))) continue;
        list.push(p);
      }
      list = sortBy(list, sort, (p, field) => (field === 'vendor' ? p.vendorName : p.name));
      return { status: 200, body: paged(list, request, summary) };
    },
  },
  {
    method: 'GET',
    path: '/v1/products/{productId}',
    family: 'partner',
    handle: ({ params, world }) => ({ status: 200, body: locate(world, params.productId as string) }),
  },
  {
    method: 'GET',
    path: '/v1/products/{productId}/provision-details',
    family: 'partner',
    handle: ({ params, world }) => ({ status: 200, body: { content: provisionDetails(locate(world, params.productId as string)) } }),
  },
  {
    method: 'GET',
    path: '/v1/products/{productId}/dependencies',
    family: 'partner',
    handle: ({ params, world }) => {
      const product = locate(world, params.productId as string);
      const traits = world.traitsOf(product);
      const productDependencies: { name: string; products: ReturnType<typeof summary>[] }[] = [];
      if (product.name.includes('Add-on')) {
        const base = world.products.get(world.products.idAt(0));
        if (base) productDependencies.push({ name: 'Requires', products: [summary(base)] });
      }
      return { status: 200, body: { commitmentDependencies: traits.commitments, productDependencies } };
    },
  },
  {
    method: 'GET',
    path: '/v1/products/{productId}/pricing',
    family: 'partner',
    handle: ({ url, params, world }) => {
      const product = locate(world, params.productId as string);
      const companyId = url.searchParams.get('companyId');
      if (companyId && world.companies.indexOf(companyId) === undefined) throw notFound('Company', companyId);
      return { status: 200, body: { content: world.gen.pricing(product, world.traitsOf(product)) } };
    },
  },
];
