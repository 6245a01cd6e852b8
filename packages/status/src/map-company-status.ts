import { COMPANY_STATUS_TABLE } from './company-status-table';
import { compileStatusMapper } from './compile-status-mapper';
import type { MapStatusOptions } from './status-mapper-options';
import type { StatusMapping } from './status-mapping';

/**
 * Maps a Pax8 company status (`Active`, `Inactive`, `Deleted`), in any spelling, to the PSA state.
 * Unknown statuses follow the same policy as {@link mapSubscriptionStatus}.
 * @throws {@link StatusOptionsError} when `options` is invalid.
 * @example
 * mapCompanyStatus('DELETED').state; // 'inactive'
 */
export function mapCompanyStatus(status: string | null | undefined, options: MapStatusOptions = {}): StatusMapping {
  return compileStatusMapper(COMPANY_STATUS_TABLE, {}, options, {
    overrides: 'overrides',
    policy: 'unknownStatusPolicy',
  })(status);
}
