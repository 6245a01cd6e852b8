import { deepFreeze } from './deep-freeze';
import type { StatusTable } from './status-table';

/** A subscription status as the Pax8 API spells it. */
export type Pax8SubscriptionStatus =
  | 'Active'
  | 'Trial'
  | 'Converted'
  | 'PendingActivation'
  | 'Activated'
  | 'Cancelled'
  | 'PendingCancel'
  | 'PendingManual'
  | 'PendingAutomated'
  | 'WaitingForDetails';

/** The subscription status table: every Pax8 subscription status, its PSA state and its meaning. */
export const SUBSCRIPTION_STATUS_TABLE: StatusTable<Pax8SubscriptionStatus> = deepFreeze({
  kind: 'subscription',
  version: 1,
  entries: [
    { status: 'Active', state: 'active', description: 'The subscription is provisioned and billing.' },
    { status: 'Trial', state: 'active', description: 'The subscription is in a vendor trial period.' },
    { status: 'Converted', state: 'active', description: 'A trial that was converted to a paid subscription.' },
    {
      status: 'PendingActivation',
      state: 'active',
      description: 'Ordered and awaiting activation by the vendor; the customer has committed to it.',
    },
    { status: 'Activated', state: 'active', description: 'Activated by the vendor after a pending activation.' },
    { status: 'Cancelled', state: 'inactive', description: 'The subscription was cancelled and no longer bills.' },
    {
      status: 'PendingCancel',
      state: 'inactive',
      description: 'A cancellation was requested and is being processed.',
    },
    {
      status: 'PendingManual',
      state: 'inactive',
      description: 'The order waits for a manual provisioning step at Pax8 or the vendor.',
    },
    {
      status: 'PendingAutomated',
      state: 'inactive',
      description: 'The order waits for automated provisioning at the vendor.',
    },
    {
      status: 'WaitingForDetails',
      state: 'inactive',
      description: 'The order waits for details (such as a domain or tenant) before it can be provisioned.',
    },
  ],
});
