/** What a `beforeRequest` hook learns about an attempt (never headers, token or body). */
export interface Pax8RequestInfo {
  /** HTTP method. */
  method: string;
  /** Absolute URL with query string. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

/** What an `afterResponse` hook learns about an answered attempt. */
export interface Pax8ResponseInfo extends Pax8RequestInfo {
  /** HTTP status. */
  status: number;
  /** Time from sending to the full body, by the injected clock. */
  durationMs: number;
}

/** A value Pax8 sent that the schema does not list (lenient mode passes it through). */
export interface Pax8DriftEvent {
  /** Which schema, e.g. `subscription`. */
  schema: string;
  /** Where, e.g. `content[3].status` or `status`. */
  path: string;
  /** The value received. */
  value: unknown;
  /** What the schema expected (enum values), or the zod message. */
  expected: string;
  /** The request URL. */
  url: string;
}

/** Observation hooks. They must not throw; their errors are logged and ignored. */
export interface Pax8Hooks {
  /** Called before each HTTP attempt. */
  beforeRequest?: (info: Pax8RequestInfo) => void | Promise<void>;
  /** Called after each HTTP attempt that got a response. */
  afterResponse?: (info: Pax8ResponseInfo) => void | Promise<void>;
  /** Called once per distinct drifted value (unknown enum value) in lenient mode. */
  onDrift?: (event: Pax8DriftEvent) => void;
}
