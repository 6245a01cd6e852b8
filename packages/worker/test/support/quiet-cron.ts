/**
 * The reconcile cron of test workers: midnight on 29 February, so a test that happens to span a
 * ten-minute boundary (the default `*\/10 * * * *`) never gets a pass it did not ask for: such a
 * pass schedules every never-synced entity of every connection due at once. Tests run passes by
 * `scheduleConnections()`.
 */
export const testReconcileCrontab = '0 0 29 2 *';
