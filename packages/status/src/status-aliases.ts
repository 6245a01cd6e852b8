/** @internal Extra spellings seen in exports, keyed as `statusKey` gives them, to canonical subscription statuses. */
export const SUBSCRIPTION_STATUS_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  canceled: 'Cancelled',
  pendingcancellation: 'PendingCancel',
  pendingcancelation: 'PendingCancel',
});
