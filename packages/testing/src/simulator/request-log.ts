import type { Pax8DriftReport } from './drift-report';
import type { Pax8FaultKind } from './faults';

/** One request the simulator answered. */
export interface Pax8RequestLogEntry {
  /** Sequence number from 1. */
  seq: number;
  /** HTTP method. */
  method: string;
  /** Absolute URL as received. */
  url: string;
  /** Route key (`'GET /v1/subscriptions/{subscriptionId}'`), or undefined when no route matched. */
  route: string | undefined;
  /** Status answered (0 for a connection reset). */
  status: number;
  /** Clock time the request arrived (epoch ms, from the simulator's clock). */
  time: number;
  /** Fault injected, if any. */
  fault: Pax8FaultKind | 'rateLimited' | undefined;
  /** The request body of a write (partner and webhooks APIs): parsed JSON, or the text when it is not JSON; secrets redacted. */
  body?: unknown;
  /** Partner account id the request was made for (its token's; the only account's when there is one), if known. */
  account: string | undefined;
  /** What drift did to the response, when it drifted (see `sim.drift`). */
  drift?: Pax8DriftReport;
}

/** Counters over every request since creation (or the last `reset`). */
export interface Pax8SimulatorCounters {
  /** All requests. */
  requests: number;
  /** By route key (unmatched requests count under `'unmatched'`). */
  byRoute: Record<string, number>;
  /** By status (as a string key). */
  byStatus: Record<string, number>;
  /** By injected fault kind, plus `rateLimited` for the enforced limit. */
  faults: Record<string, number>;
  /** By partner account id (requests no account could be told for count under `'unknown'`). */
  byAccount: Record<string, number>;
  /** Access tokens issued. */
  tokensIssued: number;
}

const SECRET_FIELDS = /^(authorization|client_?secret|password|secret|(access_|refresh_)?token)$/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.test(k) && typeof v === 'string' ? '[redacted]' : redact(v)]));
}

/** A write's body as the log keeps it: parsed when it is JSON, with secret fields (a webhook's `authorization`) redacted. */
export function loggedBody(text: string): unknown {
  try {
    return redact(JSON.parse(text));
  } catch {
    return text;
  }
}

/** A bounded request log with counters. */
export class RequestLog {
  private entries: Pax8RequestLogEntry[] = [];
  private seq = 0;
  private counts: Omit<Pax8SimulatorCounters, 'tokensIssued'> = { requests: 0, byRoute: {}, byStatus: {}, faults: {}, byAccount: {} };

  constructor(private readonly limit: number) {}

  /** Records a request, with the report of its drift (stamped with the request's sequence number). */
  add(entry: Omit<Pax8RequestLogEntry, 'seq' | 'drift'>, drift?: Omit<Pax8DriftReport, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry, ...(drift ? { drift: { seq: this.seq, ...drift } } : {}) });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    const c = this.counts;
    c.requests += 1;
    const route = entry.route ?? 'unmatched';
    c.byRoute[route] = (c.byRoute[route] ?? 0) + 1;
    c.byStatus[String(entry.status)] = (c.byStatus[String(entry.status)] ?? 0) + 1;
    if (entry.fault) c.faults[entry.fault] = (c.faults[entry.fault] ?? 0) + 1;
    const account = entry.account ?? 'unknown';
    c.byAccount[account] = (c.byAccount[account] ?? 0) + 1;
  }

  /** Copies of the retained entries (the newest `limit`). */
  list(): Pax8RequestLogEntry[] {
    return this.entries.map((e) => (e.drift || e.body !== undefined ? structuredClone(e) : { ...e }));
  }

  /** Copies of the drift reports of the retained entries, oldest first. */
  driftReports(): Pax8DriftReport[] {
    return this.entries.flatMap((e) => (e.drift ? [structuredClone(e.drift)] : []));
  }

  /** A copy of the counters. */
  counters(): Omit<Pax8SimulatorCounters, 'tokensIssued'> {
    return structuredClone(this.counts);
  }

  /** Clears entries and counters. */
  reset(): void {
    this.entries = [];
    this.counts = { requests: 0, byRoute: {}, byStatus: {}, faults: {}, byAccount: {} };
  }
}
