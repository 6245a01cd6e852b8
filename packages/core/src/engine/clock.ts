import { randomUUID } from 'node:crypto';

/** The time source the engine uses (inject a fake one in tests). */
export interface SyncClock {
  /** Current time, epoch ms. */
  now(): number;
}

/** Generates unique ids (runs, connections, lock holders). */
export type IdGenerator = () => string;

/** The wall clock: the default when no clock is injected. */
export const systemClock: SyncClock = { now: () => Date.now() };

/** Random UUIDs: the default id generator. */
export const randomIds: IdGenerator = () => randomUUID();
