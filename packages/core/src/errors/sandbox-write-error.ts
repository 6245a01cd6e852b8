import { Pax8SyncError } from './pax8-sync-error';

/**
 * A Sandbox connection tried to change something in Pax8 (code `sandbox-write-refused`). Thrown
 * by the guarded `fetch` of a Sandbox connection before any byte leaves. `isRetryable` is `false`,
 * so the Pax8 client rethrows it unchanged at once instead of retrying it as a network error.
 */
export class Pax8SyncSandboxWriteError extends Pax8SyncError {
  /** Always `false`: a refusal is final, retrying it cannot succeed. */
  readonly isRetryable = false;
  /** The refused method, e.g. `PUT`. */
  readonly method: string;
  /** The refused URL without its query. */
  readonly url: string;

  /**
   * @param method - the refused HTTP method.
   * @param url - the refused URL (without query).
   */
  constructor(method: string, url: string) {
    super(
      'sandbox-write-refused',
      `Sandbox connection: ${method} ${url} was refused. A Sandbox connection only reads from Pax8 (orders only with isMock=true); use a Production connection to change anything.`,
    );
    this.name = 'Pax8SyncSandboxWriteError';
    this.method = method;
    this.url = url;
  }
}
