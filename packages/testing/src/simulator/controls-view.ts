import type { DriftEngine, Pax8DriftOptions, Pax8ScriptedDrift } from './drift-engine';
import { type Pax8DriftReport, type Pax8DriftSummary, summarise } from './drift-report';
import type { FaultEngine, Pax8FaultOptions, Pax8ScriptedFault } from './faults';
import type { Pax8RecordMangle } from './record-drift';
import type { RequestLog } from './request-log';

/** Run-time fault controls of a simulator. */
export interface Pax8SimulatorFaults {
  /** Current settings (a copy). */
  readonly settings: Pax8FaultOptions;
  /** Replaces every setting; the draw sequence restarts, so a run replays. */
  set(options: Pax8FaultOptions): void;
  /** Merges settings into the current ones. */
  update(options: Pax8FaultOptions): void;
  /** Forces a fault onto the next matching request(s), ahead of any rates. */
  inject(fault: Pax8ScriptedFault): void;
  /** Removes all faults and the rate limit. */
  clear(): void;
}

/** Run-time drift controls of a simulator: what served pages and records do differently from the truth. */
export interface Pax8SimulatorDrift {
  /** Current settings (a copy). */
  readonly settings: Pax8DriftOptions;
  /** Replaces every setting; repeat counters restart, so a run replays. */
  set(options: Pax8DriftOptions): void;
  /** Merges settings into the current ones. */
  update(options: Pax8DriftOptions): void;
  /** Forces drift onto the next matching response(s), ahead of any rates. */
  inject(drift: Pax8ScriptedDrift): void;
  /** Pins mangles onto a record by id: served wherever that record appears (listing or detail) until unmangled. */
  mangle(id: string, mangles: Pax8RecordMangle | Pax8RecordMangle[]): void;
  /** Removes the pinned mangles of one record, or of all. */
  unmangle(id?: string): void;
  /** Removes every rate, scripted drift and pinned mangle. */
  clear(): void;
  /** What drift did to each drifted response still in the request log, oldest first. */
  readonly reports: Pax8DriftReport[];
  /** A digest of `reports`: the ids hidden, duplicated and mangled. */
  summary(): Pax8DriftSummary;
}

/** The public view of the fault engine. */
export function faultsView(faults: FaultEngine): Pax8SimulatorFaults {
  return {
    get settings() {
      return faults.settings;
    },
    set: (o) => faults.set(o),
    update: (o) => faults.update(o),
    inject: (f) => faults.inject(f),
    clear: () => faults.clear(),
  };
}

/** The public view of the drift engine, with the reports the request log keeps. */
export function driftView(drift: DriftEngine, log: RequestLog): Pax8SimulatorDrift {
  return {
    get settings() {
      return drift.settings;
    },
    set: (o) => drift.set(o),
    update: (o) => drift.update(o),
    inject: (d) => drift.inject(d),
    mangle: (id, m) => drift.mangle(id, m),
    unmangle: (id) => drift.unmangle(id),
    clear: () => drift.clear(),
    get reports() {
      return log.driftReports();
    },
    summary: () => summarise(log.driftReports()),
  };
}
