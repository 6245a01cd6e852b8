/** A deterministic UUID-like id for record `n` of `kind`. */
export function idOf(kind: string, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  const tag = [...kind].reduce((sum, ch) => sum + ch.charCodeAt(0), 0).toString(16).padStart(4, '0').slice(-4);
  return `00000000-${tag}-4000-8000-${hex}`;
}

/** A subscription as real Pax8 sends it, drift included. */
export function subscription(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: idOf('subscription', n),
    companyId: idOf('company', n % 17),
    productId: idOf('product', n % 5),
    quantity: (n % 9) + 1,
    startDate: '2023-08-11T11:33:12.314-0600',
    endDate: null,
    createdDate: '2020-12-03',
    updatedDate: '2024-02-01T10:00:00Z',
    billingStart: '2020-12-03',
    status: 'Active',
    price: 12.5,
    currencyCode: 'USD',
    billingTerm: 'Monthly',
    commitment: { id: idOf('commitment', n), term: 'Annual', endDate: '2025-12-03T00:00:00Z' },
    ...overrides,
  };
}

/** A company record. */
export function company(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: idOf('company', n),
    name: `Company ${n}`,
    address: { street: '1 Main St', city: 'Denver', postalCode: '80202', country: 'US' },
    phone: '555-0100',
    website: 'https://example.com',
    billOnBehalfOfEnabled: false,
    selfServiceAllowed: false,
    orderApprovalRequired: false,
    status: 'Active',
    updatedDate: '2023-08-11T11:33:12.314-0600',
    ...overrides,
  };
}

/** A Pax8 page envelope. */
export function pageOf(content: unknown[], number: number, size: number, totalElements: number): Record<string, unknown> {
  return { content, page: { size, totalElements, totalPages: Math.ceil(totalElements / size), number } };
}
