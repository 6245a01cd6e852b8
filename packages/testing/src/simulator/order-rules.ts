/** Pax8's rules for `POST /v1/orders`: company, line numbers, billing terms, commitments, provisioning, no scheduled orders. */
import type { ErrorDetail } from './http';
import { checkProvisioning } from './provisioning';
import type { Pax8SimProduct } from './records';
import type { World } from './world';

const ORDERED_BY = ['Pax8 Partner', 'Customer', 'Pax8'];

/** Months of a billing or commitment term (terms without a length count 0). */
export const TERM_MONTHS: Readonly<Record<string, number>> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 };

function checkCompany(world: World, companyId: unknown, details: ErrorDetail[]): void {
  if (typeof companyId !== 'string') {
    details.push({ type: 'companyId', message: 'companyId is required' });
    return;
  }
  const company = world.companies.get(companyId);
  if (!company) details.push({ type: 'companyId', message: `companyId ${companyId} does not match a company` });
  else if (company.status !== 'Active') details.push({ type: 'companyId', message: `company ${companyId} is ${company.status}; add contacts to activate it before ordering` });
}

function checkCommitment(world: World, product: Pax8SimProduct, line: Record<string, unknown>, at: string, details: ErrorDetail[]): void {
  const commitments = world.traitsOf(product).commitments;
  if (line.commitmentTermId === undefined) {
    if (product.requiresCommitment) details.push({ type: `${at}.commitmentTermId`, message: `${at}.commitmentTermId is required: ${product.name} requires a commitment (see GET /v1/products/${product.id}/dependencies)` });
    return;
  }
  const commitment = commitments.find((c) => c.id === line.commitmentTermId);
  if (!commitment) {
    details.push({ type: `${at}.commitmentTermId`, message: `${at}.commitmentTermId is not a commitment term of ${product.name}` });
    return;
  }
  const billing = TERM_MONTHS[line.billingTerm as string] ?? 0;
  if ((TERM_MONTHS[commitment.term] ?? 0) < billing) details.push({ type: `${at}.commitmentTermId`, message: `${at}.commitmentTermId is a ${commitment.term} commitment, shorter than the ${String(line.billingTerm)} billing term` });
}

function checkLine(world: World, raw: unknown, at: string, details: ErrorDetail[]): number | undefined {
  if (typeof raw !== 'object' || raw === null) {
    details.push({ type: at, message: `${at} must be an object` });
    return undefined;
  }
  const line = raw as Record<string, unknown>;
  const n = line.lineItemNumber;
  const number = typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined;
  if (number === undefined) details.push({ type: `${at}.lineItemNumber`, message: `${at}.lineItemNumber is required: a whole number from 1` });
  if (typeof line.quantity !== 'number' || !Number.isInteger(line.quantity) || line.quantity < 1) details.push({ type: `${at}.quantity`, message: `${at}.quantity must be a whole number of at least 1` });
  if (typeof line.provisionStartDate === 'string' && Date.parse(line.provisionStartDate) > world.options.now()) {
    details.push({ type: `${at}.provisionStartDate`, message: `${at}.provisionStartDate is in the future: scheduled orders are not supported` });
  }
  const product = typeof line.productId === 'string' ? world.products.get(line.productId) : undefined;
  if (!product) {
    details.push({ type: `${at}.productId`, message: `${at}.productId must be the id of a product` });
    return number;
  }
  const terms = world.traitsOf(product).terms;
  if (typeof line.billingTerm !== 'string' || !terms.includes(line.billingTerm)) details.push({ type: `${at}.billingTerm`, message: `${at}.billingTerm must be one of ${terms.join(', ')} for ${product.name}` });
  checkCommitment(world, product, line, at, details);
  details.push(...checkProvisioning(product, line.provisioningDetails, at));
  return number;
}

/** The problems of an order body; an empty list means Pax8 would take it. */
export function validateOrder(world: World, body: Record<string, unknown>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  checkCompany(world, body.companyId, details);
  if (body.orderedBy !== undefined && !ORDERED_BY.includes(body.orderedBy as string)) details.push({ type: 'orderedBy', message: `orderedBy must be one of ${ORDERED_BY.join(', ')}` });
  if (!Array.isArray(body.lineItems) || body.lineItems.length === 0) {
    details.push({ type: 'lineItems', message: 'lineItems must be a non-empty array' });
    return details;
  }
  const numbers = body.lineItems.map((raw: unknown, k) => checkLine(world, raw, `lineItems[${k}]`, details));
  numbers.forEach((n, k) => {
    if (n !== undefined && numbers.indexOf(n) !== k) details.push({ type: `lineItems[${k}].lineItemNumber`, message: `lineItems[${k}].lineItemNumber ${n} is used by lineItems[${numbers.indexOf(n)}]; each line needs its own number` });
  });
  body.lineItems.forEach((raw: unknown, k) => {
    const parent = (raw as Record<string, unknown> | null)?.parentLineItemNumber;
    if (parent !== undefined && !numbers.includes(parent as number)) details.push({ type: `lineItems[${k}].parentLineItemNumber`, message: `lineItems[${k}].parentLineItemNumber ${String(parent)} is no line of this order` });
  });
  return details;
}
