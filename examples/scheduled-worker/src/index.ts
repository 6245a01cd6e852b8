/** A scheduled pax8-sync worker: every sync on its cadence, graceful shutdown. */
export { main, type WorkerMainOptions } from './main';
export { realWait, runWorker, type Wait, type WorkerOptions, type WorkerSummary } from './run-worker';
