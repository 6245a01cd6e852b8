import { COMPANY_STATUS_TABLE } from './company-status-table';
import { compileStatusMapper, describeValue, isRecord } from './compile-status-mapper';
import type { PsaState } from './psa-state';
import { SUBSCRIPTION_STATUS_ALIASES } from './status-aliases';
import type { StatusMapperSettings } from './status-mapper-options';
import type { StatusMapping } from './status-mapping';
import { StatusOptionsError } from './status-options-error';
import type { StatusTable, StatusTableEntry } from './status-table';
import { SUBSCRIPTION_STATUS_TABLE } from './subscription-status-table';

/** One connection's status mapper: settings validated once, then cheap to call per record. */
export interface StatusMapper {
  /** Maps a subscription status, like {@link mapSubscriptionStatus} with this connection's settings. */
  mapSubscriptionStatus(status: string | null | undefined): StatusMapping;
  /** Maps a company status, like {@link mapCompanyStatus} with this connection's settings. */
  mapCompanyStatus(status: string | null | undefined): StatusMapping;
  /** The subscription table as this connection sees it (overrides applied), for a settings page. */
  readonly subscriptionTable: StatusTable;
  /** The company table as this connection sees it (overrides applied), for a settings page. */
  readonly companyTable: StatusTable;
}

/**
 * Creates a status mapper for one connection: overrides and the unknown-status policy are validated
 * here, once, and never mutated.
 * @throws {@link StatusOptionsError} naming the bad setting.
 * @example
 * const mapper = createStatusMapper({ subscriptionOverrides: { PendingManual: 'active' } });
 * mapper.mapSubscriptionStatus('pending_manual').state; // 'active'
 */
export function createStatusMapper(settings: StatusMapperSettings = {}): StatusMapper {
  if (!isRecord(settings as unknown)) {
    throw new StatusOptionsError('settings', `must be an object (or left out), got ${describeValue(settings)}.`);
  }
  const common = { unknownStatusPolicy: settings.unknownStatusPolicy, onUnknownStatus: settings.onUnknownStatus };
  const subscription = compileStatusMapper(
    SUBSCRIPTION_STATUS_TABLE,
    SUBSCRIPTION_STATUS_ALIASES,
    { ...common, overrides: settings.subscriptionOverrides },
    { overrides: 'subscriptionOverrides', policy: 'unknownStatusPolicy' },
  );
  const company = compileStatusMapper(
    COMPANY_STATUS_TABLE,
    {},
    { ...common, overrides: settings.companyOverrides },
    { overrides: 'companyOverrides', policy: 'unknownStatusPolicy' },
  );
  return {
    mapSubscriptionStatus: subscription,
    mapCompanyStatus: company,
    subscriptionTable: effectiveTable(SUBSCRIPTION_STATUS_TABLE, (s) => subscription(s).state),
    companyTable: effectiveTable(COMPANY_STATUS_TABLE, (s) => company(s).state),
  };
}

function effectiveTable(table: StatusTable, stateOf: (status: string) => PsaState): StatusTable {
  const entries: StatusTableEntry[] = table.entries.map((entry) =>
    Object.freeze({ ...entry, state: stateOf(entry.status) }),
  );
  return Object.freeze({ kind: table.kind, version: table.version, entries: Object.freeze(entries) });
}
