export { type ApprovalDecision, type ApprovalRow, approvalQueue, decide } from './approval-queue';
export { type OutboxDatabase, type OutboxDatabaseConfig, openOutboxDatabase } from './outbox-database';
export type { SenderConfig } from './sender-process';
export { type OutboxPass, outboxOpen, type RunOutboxOptions, runOutbox } from './run-outbox';
