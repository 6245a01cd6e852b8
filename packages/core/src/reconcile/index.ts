export { type ReconcileBillingLine, findingToBillingLine, findingToWriteRequest } from './finding-actions';
export { checkPsaLine } from './psa-lines';
export { reconcile } from './reconcile';
export * from './reconcile-types';
