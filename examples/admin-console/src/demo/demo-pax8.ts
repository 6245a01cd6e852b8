import { simulatedWorld } from '@pax8-sync/example-quickstart/src/simulated-pax8';
import type { DelegatedApplication } from '../console-deps';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';

/** The credentials the demo's simulator accepts: public demo values, shown on the Connect screen. */
export const demoCredentials = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' } as const;

/**
 * Starts the simulated Pax8 on 127.0.0.1: the quickstart's world (40 companies whose names the
 * sample PSA list spells differently), accepting {@link demoCredentials}. `overrides` change it
 * (tests inject faults or a gate).
 */
export async function startDemoPax8(overrides: Pax8SimulatorOptions = {}): Promise<{ sim: Pax8Simulator; baseUrl: string }> {
  const sim = createPax8Simulator({ ...simulatedWorld, credentials: { ...demoCredentials }, ...overrides });
  return { sim, baseUrl: await sim.listen() };
}

/** The simulator's OAuth application (the PSA's registration) and its login endpoints, for "Connect to Pax8". */
export function demoApplication(sim: Pax8Simulator): DelegatedApplication {
  const application = sim.oauth.applications[0];
  if (application === undefined) throw new Error('the demo simulator has no OAuth application');
  const login = sim.oauth.endpoints();
  return { clientId: application.clientId, clientSecret: application.clientSecret, authorizationEndpoint: login.authorizationEndpoint, tokenEndpoint: login.tokenEndpoint };
}
