import {
  createStatusMapper,
  mapCompanyStatus,
  mapSubscriptionStatus,
  SUBSCRIPTION_STATUS_TABLE,
} from '@pax8-sync/status';

// Any spelling people and exports use.
console.log(mapSubscriptionStatus('Pending Activation'));
// { state: 'active', status: 'PendingActivation', known: true,
//   description: 'Ordered and awaiting activation by the vendor; …', source: 'table', tableVersion: 1 }
console.log(mapSubscriptionStatus('pending_manual').state); // 'inactive'
console.log(mapCompanyStatus('DELETED').state); // 'inactive'

// A status Pax8 adds later never throws: it follows the policy (default 'inactive'),
// is flagged known: false, and is reported.
const unknown = mapSubscriptionStatus('Suspended', {
  onUnknownStatus: (event) => console.warn('unknown Pax8 status', event.kind, event.status),
});
console.log(unknown.state, unknown.known); // 'inactive' false

// One connection's settings, validated once.
const mapper = createStatusMapper({
  subscriptionOverrides: { PendingManual: 'active' },
  unknownStatusPolicy: 'inactive',
});
console.log(mapper.mapSubscriptionStatus('Pending Manual').source); // 'override'

// The table as data, for a settings page (with this connection's overrides applied).
for (const { status, state, description } of mapper.subscriptionTable.entries) {
  console.log(`${status.padEnd(18)} ${state.padEnd(8)} ${description}`);
}
console.log(`table version ${SUBSCRIPTION_STATUS_TABLE.version}`);
