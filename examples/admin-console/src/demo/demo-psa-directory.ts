import { samplePsaCompanies } from '@pax8-sync/example-quickstart/src/psa-companies';
import type { PsaDirectory } from '../console-deps';

/** The demo's PSA: the quickstart's sample customers (near-miss spellings of the simulator's companies). Yours reads your own table. */
export const demoPsaDirectory: PsaDirectory = {
  listCompanies: async () => samplePsaCompanies,
};
