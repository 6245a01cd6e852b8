import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPANY_STATUS_TABLE, mapCompanyStatus, mapSubscriptionStatus, SUBSCRIPTION_STATUS_TABLE } from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';

const documentUrl = new URL('../../../../shared/pax8-openapi/partner-endpoints.json', import.meta.url);

function schemaEnum(name: 'Subscription' | 'Company'): string[] {
  const path = fileURLToPath(documentUrl);
  if (!existsSync(path)) {
    throw new Error(`The Pax8 OpenAPI document is absent: expected ${path} (the shared pax8-openapi checkout next to the repo).`);
  }
  const document = JSON.parse(readFileSync(path, 'utf8')) as {
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
