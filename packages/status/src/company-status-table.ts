import type { StatusTable } from './status-table';
import { deepFreeze } from './deep-freeze';

/** A company status as the Pax8 API spells it. */
export type Pax8CompanyStatus = 'Active' | 'Inactive' | 'Deleted';

/** The company status table: every Pax8 company status, its PSA state and its meaning. */
export const COMPANY_STATUS_TABLE: StatusTable<Pax8CompanyStatus> = deepFreeze({
  kind: 'company',
  version: 1,
  entries: [
    { status: 'Active', state: 'active', description: 'The company is an active Pax8 customer.' },
    { status: 'Inactive', state: 'inactive', description: 'The company was deactivated in Pax8.' },
    { status: 'Deleted', state: 'inactive', description: 'The company was deleted in Pax8.' },
  ],
});
