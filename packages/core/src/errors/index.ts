export { type AuthorizationFailureReason, Pax8SyncAuthorizationError } from './authorization-error';
export { Pax8SyncCodecError } from './codec-error';
export { Pax8SyncConfigError } from './config-error';
export { Pax8SyncLeaseLostError } from './lease-lost-error';
export { Pax8SyncNotFoundError } from './not-found-error';
export { Pax8SyncError } from './pax8-sync-error';
export { Pax8SyncReauthorizationRequiredError } from './reauthorization-required-error';
export { Pax8SyncSandboxWriteError } from './sandbox-write-error';
