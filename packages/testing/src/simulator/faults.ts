import { isRecordDriftKind, PAX8_RECORD_DRIFT_KINDS, type Pax8RecordDriftKind } from './drift-kinds';
import { Pax8SimulatorError } from './errors';
import { createRandom, hash32, hashString } from './random';

/** What can go wrong on a request. */
export type Pax8FaultKind =
  | 'rateLimit'
  | 'rateLimitRetryAfter'
  | 'serverError'
  | 'delay'
  | 'hang'
  | 'reset'
  | 'malformedJson'
  | 'drift'
  | 'resetAfterApply'
  | 'serverErrorAfterApply'
  | 'hangAfterApply'
  | 'resetThenApplyLate';

/** Every fault kind, in the fixed order draws are made. */
export const PAX8_FAULT_KINDS: readonly Pax8FaultKind[] = ['rateLimit', 'rateLimitRetryAfter', 'serverError', 'delay', 'hang', 'reset', 'malformedJson', 'drift', 'resetAfterApply', 'serverErrorAfterApply', 'hangAfterApply', 'resetThenApplyLate'];

/** The faults that let the request take effect first ("applied, then the answer lost"). */
export const PAX8_AFTER_APPLY_FAULTS: readonly Pax8FaultKind[] = ['resetAfterApply', 'serverErrorAfterApply', 'hangAfterApply', 'resetThenApplyLate'];

/** Probability (0..1) of each fault per request. Their sum must not exceed 1. */
export type Pax8FaultRates = Partial<Record<Pax8FaultKind, number>>;

/** Fault injection settings; all draws are seeded, so a failing run replays exactly. */
export interface Pax8FaultOptions {
  /** Seed of the fault draws (default: the simulator's seed). */
  seed?: number;
  /** Rates applied to every route except the token endpoint. */
  rates?: Pax8FaultRates;
  /**
   * Rates by route, keyed `'GET /v1/subscriptions'` (the OpenAPI path with its base, e.g.
   * `'GET /v1/subscriptions/{subscriptionId}'`, `'POST /v1/token'`). Replaces `rates` for that route.
   */
  routes?: Record<string, Pax8FaultRates>;
  /**
   * How long after dropping the connection a `resetThenApplyLate` request takes effect (real ms,
   * default 200): the client sees a reset at once, Pax8 applies the request later (still processing it).
   */
  lateApplyMs?: number;
  /** Added latency of a `delay` fault (ms, default 250). */
  delayMs?: number;
  /** How long a `hang` lasts unless the client gives up first (ms, default 120000). */
  hangMs?: number;
  /** `Retry-After` seconds sent with `rateLimitRetryAfter` (default 1). */
  retryAfterSeconds?: number;
  /** Status of a `serverError` (default: cycles 500, 502, 503, 504). */
  serverErrorStatus?: 500 | 502 | 503 | 504;
  /** Record drift kinds the `drift` fault draws from, one per drifted record (default: `unknownField`, `newEnumValue`, `oddDate`). Page drift is `sim.drift`. */
  driftKinds?: Pax8RecordDriftKind[];
  /** Share of the records in a drifted response that drift (default 0.25, at least one). */
  driftRecordShare?: number;
  /** An enforced rate limit answering 429 like Pax8 once exceeded. */
  rateLimit?: {
    /** Requests allowed in any sliding 60 s window. */
    requestsPerMinute: number;
    /** Send `Retry-After` with the 429 (Pax8 does not promise one; default false). */
    retryAfter?: boolean;
  };
}

/** A fault forced onto upcoming requests, ahead of any rates. */
export interface Pax8ScriptedFault {
  /** The fault. */
  kind: Pax8FaultKind;
  /** Route key to match (`'GET /v1/subscriptions'`); any route except the token endpoint when absent. */
  route?: string;
  /** How many matching requests get it (default 1). */
  times?: number;
}

/** A fault decision for one request. */
export interface FaultDecision {
  /** The fault, or undefined for none. */
  kind: Pax8FaultKind | undefined;
  /** Seed for the fault's own draws (which records drift, which 5xx). */
  seed: number;
}

/** Seeded fault decisions with run-time changes. */
export class FaultEngine {
  private options: Pax8FaultOptions;
  private readonly defaultSeed: number;
  private readonly counters = new Map<string, number>();
  private queue: Required<Pax8ScriptedFault>[] = [];

  constructor(defaultSeed: number, options: Pax8FaultOptions = {}) {
    this.defaultSeed = defaultSeed;
    this.options = structuredClone(options);
    validate(this.options);
  }

  /** Current settings (a copy). */
  get settings(): Pax8FaultOptions {
    return structuredClone(this.options);
  }

  /** Replaces the settings (draw counters restart, so the same run replays). */
  set(options: Pax8FaultOptions): void {
    const next = structuredClone(options);
    validate(next);
    this.options = next;
    this.counters.clear();
  }

  /** Merges settings into the current ones. */
  update(options: Pax8FaultOptions): void {
    const next = { ...this.options, ...structuredClone(options) };
    validate(next);
    this.options = next;
  }

  /** Queues faults for the next matching requests. */
  inject(fault: Pax8ScriptedFault): void {
    if (!PAX8_FAULT_KINDS.includes(fault.kind)) throw new Pax8SimulatorError('faults.inject.kind', `kind must be one of ${PAX8_FAULT_KINDS.join(', ')}`);
    this.queue.push({ route: fault.route ?? '*', times: fault.times ?? 1, kind: fault.kind });
  }

  /** Removes every rate, scripted fault and the rate limit. */
  clear(): void {
    this.options = {};
    this.queue = [];
    this.counters.clear();
  }

  /** Decides the fault of the next request on a route; `exempt` routes (token and login) get faults only when named. */
  decide(route: string, exempt = route.endsWith('/token')): FaultDecision {
    const n = (this.counters.get(route) ?? 0) + 1;
    this.counters.set(route, n);
    const seed = hash32(this.options.seed ?? this.defaultSeed, hashString(route), n);
    const scripted = this.queue.find((q) => q.route === route || (q.route === '*' && !exempt));
    if (scripted) {
      scripted.times -= 1;
      if (scripted.times <= 0) this.queue.splice(this.queue.indexOf(scripted), 1);
      return { kind: scripted.kind, seed };
    }
    const rates = this.options.routes?.[route] ?? (exempt ? undefined : this.options.rates);
    if (!rates) return { kind: undefined, seed };
    let u = createRandom(seed).next();
    for (const kind of PAX8_FAULT_KINDS) {
      const rate = rates[kind] ?? 0;
      if (u < rate) return { kind, seed };
      u -= rate;
    }
    return { kind: undefined, seed };
  }
}

function validate(options: Pax8FaultOptions): void {
  const all: [string, Pax8FaultRates][] = [['faults.rates', options.rates ?? {}], ...Object.entries(options.routes ?? {}).map(([k, v]) => [`faults.routes['${k}']`, v] as [string, Pax8FaultRates])];
  for (const [where, rates] of all) {
    let sum = 0;
    for (const [kind, rate] of Object.entries(rates)) {
      if (!PAX8_FAULT_KINDS.includes(kind as Pax8FaultKind)) throw new Pax8SimulatorError(`${where}.${kind}`, `unknown fault kind; use one of ${PAX8_FAULT_KINDS.join(', ')}`);
      if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new Pax8SimulatorError(`${where}.${kind}`, `rate must be a number from 0 to 1`);
      sum += rate;
    }
    if (sum > 1 + 1e-9) throw new Pax8SimulatorError(where, `rates add up to ${sum}; they must not exceed 1`);
  }
  const wrong = (options.driftKinds ?? []).find((k) => !isRecordDriftKind(k));
  if (wrong !== undefined) throw new Pax8SimulatorError('faults.driftKinds', `'${wrong}' is not a record drift kind; use ${PAX8_RECORD_DRIFT_KINDS.join(', ')} (page drift is the simulator's drift option)`);
  const rpm = options.rateLimit?.requestsPerMinute;
  if (rpm !== undefined && (!Number.isInteger(rpm) || rpm < 1)) throw new Pax8SimulatorError('faults.rateLimit.requestsPerMinute', 'must be a whole number of at least 1');
}
