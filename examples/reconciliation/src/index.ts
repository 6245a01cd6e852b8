export { orderTheSeats, printBillingLines, type SeatsOrdered } from './act';
export { eligibleSubscriptions, type PlantedDifference, pickSubscriptions, plannedDifferences, plantInPax8, psaMistakesOf } from './differences';
export { type IssuedBilling, issueBilling, issuedItems, issuedSubscriptionIds, printIssued } from './issued-billing';
export { main, type ReconciliationOptions, type ReconciliationResult } from './main';
export { invoicedItems, type PsaMistakes, psaBillingLines, psaCompanyOf } from './psa-billing';
export { findingRow, money, type Names, type Print, tableHeader, totalLine } from './report';
export { NOW, openTenant, PERIOD, simulatedWorld, type Tenant, type TenantDatabase } from './tenant';
