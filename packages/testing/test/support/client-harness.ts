import { createPax8Client, type Pax8Client, type Pax8ClientOptions } from '@pax8-sync/client';
import { setupServer } from 'msw/node';
import { afterEach } from 'vitest';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '../../src/index';

/** The two ways a simulator is reached. */
export type Transport = 'http' | 'msw';

/** Both transports, for `describe.each`. */
export const TRANSPORTS: Transport[] = ['http', 'msw'];

/** A simulator and a client wired to it. */
export interface Harness {
  /** The simulator. */
  sim: Pax8Simulator;
  /** The client under test. */
  client: Pax8Client;
  /** Base URL the client talks to. */
  baseUrl: string;
}

/** A client sleep that returns at once: backoff and rate spacing cost no real time. */
export const instantSleep = async (_ms: number, signal?: AbortSignal): Promise<void> => {
  if (signal?.aborted) throw signal.reason;
};

const mswServer = setupServer();

/**
 * Registers lifecycle hooks and returns `connect(transport, simOptions, clientOptions)`, which builds
 * a simulator and a client reaching it over loopback HTTP or through msw handlers.
 */
export function useClientHarness(): (transport: Transport, simOptions?: Pax8SimulatorOptions, clientOptions?: Partial<Pax8ClientOptions>) => Promise<Harness> {
  const open: Pax8Simulator[] = [];
  let intercepting = false;
  // msw intercepts only in msw runs, so loopback runs really go through node:http.
  afterEach(async () => {
    if (intercepting) mswServer.close();
    intercepting = false;
    mswServer.resetHandlers();
    await Promise.all(open.splice(0).map((sim) => sim.close()));
  });
  return async (transport, simOptions = {}, clientOptions = {}) => {
    const sim = createPax8Simulator(simOptions);
    open.push(sim);
    let baseUrl = sim.baseUrl;
    if (transport === 'http') baseUrl = await sim.listen();
    else {
      mswServer.resetHandlers(...sim.handlers);
      if (!intercepting) mswServer.listen({ onUnhandledRequest: 'error' });
      intercepting = true;
    }
    const client = createPax8Client({
      ...sim.credentials,
      baseUrl,
      timeoutMs: false,
      sleep: instantSleep,
      retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5 },
      ...clientOptions,
    });
    return { sim, client, baseUrl };
  };
}
