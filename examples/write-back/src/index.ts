export { type ApprovalDecision, type ApprovalRow, approvalQueue, decide } from './approval-queue';
export { type OutboxDatabase, type OutboxDatabaseConfig, openOutboxDatabase } from './outbox-database';
export { type OutboxPass, runOutbox } from './run-outbox';
