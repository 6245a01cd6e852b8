import { COMPANY_STATUS_TABLE, mapCompanyStatus, mapSubscriptionStatus, SUBSCRIPTION_STATUS_TABLE } from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../../scripts/openapi/snapshot';

/** The documented status enum of a schema, from the repository's facts-only snapshot (`openapi/`). */
function schemaEnum(name: 'Subscription' | 'Company'): string[] {
  const document = readSnapshot('partner-endpoints.json') as unknown as {
    components: { schemas: Record<string, { properties: { status: { enum: string[] } } }> };
  };
  const values = document.components.schemas[name]?.properties.status.enum;
  if (!values) throw new Error(`partner-endpoints.json has no ${name}.status enum.`);
  return values;
}

describe('the status tables cover exactly the statuses of the Pax8 OpenAPI document', () => {
  it('subscription statuses', () => {
    const statuses = schemaEnum('Subscription');
    expect(SUBSCRIPTION_STATUS_TABLE.entries.map((entry) => entry.status).sort()).toEqual([...statuses].sort());
    for (const status of statuses) expect(mapSubscriptionStatus(status).known).toBe(true);
  });

  it('company statuses', () => {
    const statuses = schemaEnum('Company');
    expect(COMPANY_STATUS_TABLE.entries.map((entry) => entry.status).sort()).toEqual([...statuses].sort());
    for (const status of statuses) expect(mapCompanyStatus(status).known).toBe(true);
  });
});
