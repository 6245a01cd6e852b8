/**
 * The pax8-sync admin console: the screens a PSA embeds (Connect, Map companies, Complete, Manage),
 * as a Hono app on the SDK alone. Copy `sdk/` (the SDK calls) and the routes you need.
 * @packageDocumentation
 */

export { createAdminConsole } from './app';
export type { ConsoleDeps, DemoPax8Hint, PsaCompany, PsaDirectory } from './console-deps';
export { createSyncJobs, type StartSyncOptions, type SyncJob, type SyncJobs, type SyncJobsOptions } from './sdk/sync-jobs';
