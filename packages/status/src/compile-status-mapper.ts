import { isPsaState, type PsaState } from './psa-state';
import type { MapStatusOptions } from './status-mapper-options';
import type { StatusMapping } from './status-mapping';
import { StatusOptionsError } from './status-options-error';
import type { StatusTable, StatusTableEntry } from './status-table';
import { statusKey } from './status-key';

/** A compiled mapping function for one table and one set of options. */
export type StatusMapFunction = (status: string | null | undefined) => StatusMapping;

/**
 * @internal Validates `options` once and returns a function mapping raw statuses through `table`.
 * `aliases` maps extra spelling keys (already passed through {@link statusKey}) to canonical statuses.
 */
export function compileStatusMapper(
  table: StatusTable,
  aliases: Readonly<Record<string, string>>,
  options: MapStatusOptions,
  field: { overrides: string; policy: string },
): StatusMapFunction {
  const byKey = new Map<string, StatusTableEntry>();
  for (const entry of table.entries) byKey.set(statusKey(entry.status), entry);
  for (const [alias, canonical] of Object.entries(aliases)) {
    const entry = byKey.get(statusKey(canonical));
    if (entry) byKey.set(alias, entry);
  }

  if (!isRecord(options as unknown)) {
    throw new StatusOptionsError('options', `must be an object (or left out), got ${describeValue(options)}.`);
  }
  const policy = options.unknownStatusPolicy ?? 'inactive';
  if (!isPsaState(policy)) {
    throw new StatusOptionsError(field.policy, `must be 'active' or 'inactive', got ${JSON.stringify(policy)}.`);
  }

  const overrides = new Map<string, { state: PsaState; name: string }>();
  const rawOverrides: unknown = options.overrides ?? {};
  if (!isRecord(rawOverrides)) {
    throw new StatusOptionsError(
      field.overrides,
      `must be an object mapping Pax8 statuses to 'active' or 'inactive', e.g. { PendingManual: 'active' }; got ${describeValue(rawOverrides)}.`,
    );
  }
  for (const [name, state] of Object.entries(rawOverrides)) {
    const key = statusKey(name);
    if (key === '') {
      throw new StatusOptionsError(`${field.overrides}.${name}`, 'the status name has no letters or digits; name a Pax8 status such as "PendingManual".');
    }
    if (!isPsaState(state)) {
      throw new StatusOptionsError(
        `${field.overrides}.${name}`,
        `must be 'active' or 'inactive', got ${JSON.stringify(state)}.`,
      );
    }
    const canonicalKey = byKey.has(key) ? statusKey(byKey.get(key)!.status) : key;
    const previous = overrides.get(canonicalKey);
    if (previous && previous.state !== state) {
      throw new StatusOptionsError(
        `${field.overrides}.${name}`,
        `conflicts with ${field.overrides}.${previous.name} (the same status in another spelling); keep one of them.`,
      );
    }
    overrides.set(canonicalKey, { state, name });
  }

  const onUnknown = options.onUnknownStatus;
  if (onUnknown !== undefined && typeof onUnknown !== 'function') {
    throw new StatusOptionsError('onUnknownStatus', `must be a function (or left out), got ${typeof onUnknown}.`);
  }
  return (raw) => {
    const status = typeof raw === 'string' ? raw.trim() : raw == null ? '' : String(raw).trim();
    const key = statusKey(status);
    const entry = byKey.get(key);
    const override = overrides.get(entry ? statusKey(entry.status) : key);
    if (entry) {
      return {
        state: override ? override.state : entry.state,
        status: entry.status,
        known: true,
        description: entry.description,
        source: override ? 'override' : 'table',
        tableVersion: table.version,
      };
    }
    if (override && key !== '') {
      return {
        state: override.state,
        status,
        known: true,
        description: `Not in the Pax8 ${table.kind} status table (version ${table.version}); mapped by this connection's override.`,
        source: 'override',
        tableVersion: table.version,
      };
    }
    onUnknown?.({ kind: table.kind, status, state: policy, tableVersion: table.version });
    return {
      state: policy,
      status,
      known: false,
      description:
        status === ''
          ? `No ${table.kind} status was given; the unknown-status policy made it ${policy}.`
          : `Unknown ${table.kind} status (not in table version ${table.version}); the unknown-status policy made it ${policy}.`,
      source: 'unknown-policy',
      tableVersion: table.version,
    };
  };
}

/** @internal Whether `value` is a non-array object (options and overrides arrive from stored JSON too). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal A short description of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}
