import type { MeterLike, MetricAttributes } from './meter';

/** One recorded measurement. */
export interface RecordedMeasurement {
  /** Instrument name. */
  name: string;
  /** `counter` or `histogram`. */
  kind: 'counter' | 'histogram';
  /** The value added or recorded. */
  value: number;
  /** Its attributes. */
  attributes: MetricAttributes;
}

/** A {@link MeterLike} that keeps every measurement in memory: for tests, benches and a quick look. */
export interface RecordingMeter extends MeterLike {
  /** Every measurement so far, oldest first. */
  readonly measurements: readonly RecordedMeasurement[];
  /** Sum of an instrument's values whose attributes include `match`. */
  sum(name: string, match?: MetricAttributes): number;
  /** An instrument's values whose attributes include `match`, in order. */
  values(name: string, match?: MetricAttributes): number[];
}

/**
 * Creates a {@link RecordingMeter}.
 * @example
 * const meter = createRecordingMeter();
 * // ... createPax8SyncWorker({ ..., meter }) ...
 * meter.sum('pax8_sync.worker.syncs.finished', { outcome: 'succeeded' });
 */
export function createRecordingMeter(): RecordingMeter {
  const measurements: RecordedMeasurement[] = [];
  const matches = (m: RecordedMeasurement, name: string, match: MetricAttributes = {}) =>
    m.name === name && Object.entries(match).every(([k, v]) => m.attributes[k] === v);
  return {
    measurements,
    createCounter: (name) => ({ add: (value, attributes = {}) => void measurements.push({ name, kind: 'counter', value, attributes: { ...attributes } }) }),
    createHistogram: (name) => ({ record: (value, attributes = {}) => void measurements.push({ name, kind: 'histogram', value, attributes: { ...attributes } }) }),
    sum: (name, match) => measurements.filter((m) => matches(m, name, match)).reduce((total, m) => total + m.value, 0),
    values: (name, match) => measurements.filter((m) => matches(m, name, match)).map((m) => m.value),
  };
}
