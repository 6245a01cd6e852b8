/** The provisioning details a product asks for on an order line, and the check of what a line gave. */
import type { ErrorDetail } from './http';
import type { Pax8SimProduct } from './records';

/** One provisioning detail as `GET /v1/products/{id}/provision-details` lists it. */
export interface ProvisionDetail {
  /** Label. */
  label: string;
  /** Key the order line sends. */
  key: string;
  /** `Input`, `Single-Value` or `Multi-Value`. */
  valueType: 'Input' | 'Single-Value' | 'Multi-Value';
  /** Choices of a Single- or Multi-Value detail. */
  possibleValues?: string[];
  /** Help text. */
  description?: string;
}

const MS_EXISTS = ['No, the customer does not have a Microsoft account', 'Yes, the customer has and can log into their Microsoft account'];

/** The provisioning details of a product. */
export function provisionDetails(product: Pax8SimProduct): ProvisionDetail[] {
  if (product.vendorName === 'Microsoft') {
    return [
      { label: 'Does the customer have an existing Microsoft account?', key: 'msCustExists', valueType: 'Single-Value', possibleValues: MS_EXISTS },
      { label: 'Desired .onmicrosoft.com Customer Domain Prefix', key: 'msDomain', valueType: 'Input', description: 'Do not include the TLD' },
      { label: 'Microsoft Customer Tenant ID', key: 'msTenantId', valueType: 'Input' },
    ];
  }
  return [{ label: 'Admin email address', key: 'userEmailAddress', valueType: 'Input', description: "Provide the user's email address" }];
}

/** The keys a line must send, given what it sent: Microsoft asks for the domain of a new customer, the tenant of an existing one. */
function requiredKeys(product: Pax8SimProduct, given: Map<string, string[]>): string[] {
  if (product.vendorName !== 'Microsoft') return ['userEmailAddress'];
  const exists = given.get('msCustExists')?.[0];
  if (exists === MS_EXISTS[0]) return ['msCustExists', 'msDomain'];
  if (exists === MS_EXISTS[1]) return ['msCustExists', 'msTenantId'];
  return ['msCustExists'];
}

/** The problems of a line's `provisioningDetails` for its product (`at` names the line, e.g. `lineItems[0]`). */
export function checkProvisioning(product: Pax8SimProduct, value: unknown, at: string): ErrorDetail[] {
  const field = `${at}.provisioningDetails`;
  if (value !== undefined && !Array.isArray(value)) return [{ type: field, message: `${field} must be an array of { key, values }` }];
  const details: ErrorDetail[] = [];
  const given = new Map<string, string[]>();
  (value as unknown[] | undefined)?.forEach((raw, k) => {
    const entry = (raw ?? {}) as { key?: unknown; values?: unknown };
    if (typeof entry.key !== 'string' || !Array.isArray(entry.values) || entry.values.length === 0 || entry.values.some((v) => typeof v !== 'string' || v.trim() === '')) {
      details.push({ type: `${field}[${k}]`, message: `${field}[${k}] must be { key: string, values: [non-empty strings] }` });
    } else given.set(entry.key, entry.values as string[]);
  });
  const defined = provisionDetails(product);
  for (const key of requiredKeys(product, given)) {
    const definition = defined.find((d) => d.key === key) as ProvisionDetail;
    const values = given.get(key);
    if (!values) details.push({ type: field, message: `${field} is missing ${key} (${definition.label}), required by ${product.name}; see GET /v1/products/${product.id}/provision-details` });
    else if (definition.possibleValues && (values.length !== 1 || !definition.possibleValues.includes(values[0] as string))) {
      details.push({ type: field, message: `${field} ${key} must be one of: ${definition.possibleValues.join(' | ')}` });
    }
  }
  return details;
}
