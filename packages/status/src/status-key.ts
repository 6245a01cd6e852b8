/**
 * The spelling-insensitive key of a status: `'Pending Activation'`, `'pending_activation'`,
 * `'PENDINGACTIVATION'` and `'pending-activation'` all give `'pendingactivation'`.
 */
export function statusKey(status: string): string {
  return status
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
