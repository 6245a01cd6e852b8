import {
  isPageDriftKind,
  isRecordDriftKind,
  PAX8_DRIFT_KINDS,
  PAX8_ODD_UNICODE_VARIANTS,
  type Pax8DriftKind,
  type Pax8OddUnicode,
  type Pax8PageDriftKind,
  type Pax8RecordDriftKind,
} from './drift-kinds';
import type { Pax8DriftReport } from './drift-report';
import { Pax8SimulatorError } from './errors';
import { driftPage, type PageNumbers } from './page-drift';
import { createRandom, hash32, hashString, type Random } from './random';
import { type Pax8DriftMangle, type Pax8RecordMangle, mangleRecord, type RecordDriftSettings } from './record-drift';

type Json = Record<string, unknown>;

/** Probability (0..1) of each drift kind per response; kinds are drawn independently, so they combine. */
export type Pax8DriftRates = Partial<Record<Pax8DriftKind, number>>;

/** Drift settings of a simulator (`createPax8Simulator({ drift })`, `sim.drift.set(...)`). Every draw is seeded. */
export interface Pax8DriftOptions {
  /** Seed of the drift draws (default: the simulator's seed). */
  seed?: number;
  /** Rates applied to every GET route. */
  rates?: Pax8DriftRates;
  /** Rates by route key (`'GET /v1/subscriptions'`); replaces `rates` for that route. */
  routes?: Record<string, Pax8DriftRates>;
  /**
   * The same request (route and query) drifts the same way each time it is asked, as a listing that is
   * consistently wrong does (default true). `false`: each repeat of a request draws anew.
   */
  stable?: boolean;
  /** Share of a page's records a record kind mangles (default 0.25; at least one; `hugeString` always one). */
  recordShare?: number;
  /** Share of a page's records `shortPage` leaves out (default 0.2; at least one). */
  hiddenShare?: number;
  /** Length of `hugeString` values in characters (default 1,000,000, about 1 MB). */
  hugeStringLength?: number;
  /** Odd Unicode variants `oddUnicode` draws from (default: all). */
  unicode?: Pax8OddUnicode[];
  /** Fields record kinds may pick (default: every field of the record, `id` included). */
  fields?: string[];
}

/** Drift forced onto upcoming responses, ahead of any rates. */
export interface Pax8ScriptedDrift {
  /** The kind, or several kinds applied together. */
  kind: Pax8DriftKind | Pax8DriftKind[];
  /** Route key to match (`'GET /v1/subscriptions'`); any GET route when absent. */
  route?: string;
  /** Only responses for this page number (the `page` query parameter, default 0). */
  page?: number;
  /** How many matching responses get it (default 1). */
  times?: number;
}

/** What a route answered, for drifting. */
export interface DriftInput {
  /** Route key. */
  route: string;
  /** Method. */
  method: string;
  /** Parsed URL. */
  url: URL;
  /** The route's body. */
  body: unknown;
  /** The undrifted body of another page of the same request. */
  neighbour(page: number): Promise<unknown>;
}

const DEFAULTS = { recordShare: 0.25, hiddenShare: 0.2, hugeStringLength: 1_000_000 };

function share(where: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 1))) throw new Pax8SimulatorError(where, 'must be a number from 0 to 1');
}

function validate(options: Pax8DriftOptions): void {
  const all: [string, Pax8DriftRates][] = [['drift.rates', options.rates ?? {}], ...Object.entries(options.routes ?? {}).map(([k, v]) => [`drift.routes['${k}']`, v] as [string, Pax8DriftRates])];
  for (const [where, rates] of all) {
    for (const [kind, rate] of Object.entries(rates)) {
      if (!(PAX8_DRIFT_KINDS as readonly string[]).includes(kind)) throw new Pax8SimulatorError(`${where}.${kind}`, `unknown drift kind; use one of ${PAX8_DRIFT_KINDS.join(', ')}`);
      share(`${where}.${kind}`, rate);
    }
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new Pax8SimulatorError('drift.seed', 'must be an integer');
  share('drift.recordShare', options.recordShare);
  share('drift.hiddenShare', options.hiddenShare);
  const length = options.hugeStringLength;
  if (length !== undefined && (!Number.isInteger(length) || length < 1 || length > 50_000_000)) throw new Pax8SimulatorError('drift.hugeStringLength', 'must be a whole number from 1 to 50,000,000');
  const unicode = options.unicode;
  if (unicode !== undefined && (unicode.length === 0 || unicode.some((v) => !PAX8_ODD_UNICODE_VARIANTS.includes(v)))) {
    throw new Pax8SimulatorError('drift.unicode', `must list at least one of ${PAX8_ODD_UNICODE_VARIANTS.join(', ')}`);
  }
  if (options.fields !== undefined && (!Array.isArray(options.fields) || options.fields.some((f) => typeof f !== 'string'))) throw new Pax8SimulatorError('drift.fields', 'must be an array of field names');
}

function kindsOf(kind: Pax8DriftKind | Pax8DriftKind[]): Pax8DriftKind[] {
  const list = Array.isArray(kind) ? kind : [kind];
  for (const k of list) if (!(PAX8_DRIFT_KINDS as readonly string[]).includes(k)) throw new Pax8SimulatorError('drift.inject.kind', `unknown drift kind '${k}'; use one of ${PAX8_DRIFT_KINDS.join(', ')}`);
  return PAX8_DRIFT_KINDS.filter((k) => list.includes(k));
}

function numbersOf(body: Json): PageNumbers | undefined {
  const holder = typeof body.page === 'object' && body.page !== null ? (body.page as Json) : body;
  const { size, totalElements, totalPages, number } = holder;
  if ([size, totalElements, totalPages, number].every((v) => typeof v === 'number')) return { size, totalElements, totalPages, number } as PageNumbers;
  return undefined;
}

function withNumbers(body: Json, numbers: PageNumbers): Json {
  if (typeof body.page === 'object' && body.page !== null) return { ...body, page: { ...(body.page as Json), ...numbers } };
  return { ...body, ...numbers };
}

function idOf(record: unknown): string | undefined {
  const id = (record as Json | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Seeded page and record drift, scripted and pinned mangles, and the report of each drifted response. */
export class DriftEngine {
  private options: Pax8DriftOptions;
  private readonly defaultSeed: number;
  private readonly repeats = new Map<string, number>();
  private queue: { kinds: Pax8DriftKind[]; route: string; page: number | undefined; times: number }[] = [];
  private readonly pinned = new Map<string, Pax8RecordMangle[]>();

  constructor(defaultSeed: number, options: Pax8DriftOptions = {}) {
    this.defaultSeed = defaultSeed;
    this.options = structuredClone(options);
    validate(this.options);
  }

  /** Current settings (a copy). */
  get settings(): Pax8DriftOptions {
    return structuredClone(this.options);
  }

  /** Replaces the settings; repeat counters restart, so a run replays. */
  set(options: Pax8DriftOptions): void {
    const next = structuredClone(options);
    validate(next);
    this.options = next;
    this.repeats.clear();
  }

  /** Merges settings into the current ones. */
  update(options: Pax8DriftOptions): void {
    const next = { ...this.options, ...structuredClone(options) };
    validate(next);
    this.options = next;
  }

  /** Queues drift for the next matching responses. */
  inject(drift: Pax8ScriptedDrift): void {
    const times = drift.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Pax8SimulatorError('drift.inject.times', 'must be a whole number of at least 1');
    if (drift.page !== undefined && (!Number.isInteger(drift.page) || drift.page < 0)) throw new Pax8SimulatorError('drift.inject.page', 'must be a page number from 0');
    this.queue.push({ kinds: kindsOf(drift.kind), route: drift.route ?? '*', page: drift.page, times });
  }

  /** Pins mangles onto one record: applied wherever the record is served, until {@link DriftEngine.unmangle}. */
  mangle(id: string, mangles: Pax8RecordMangle | Pax8RecordMangle[]): void {
    const list = Array.isArray(mangles) ? mangles : [mangles];
    for (const m of list) if (!isRecordDriftKind(m.kind)) throw new Pax8SimulatorError('drift.mangle.kind', `'${m.kind}' is not a record drift kind`);
    if (list.some((m) => m.variant !== undefined && !PAX8_ODD_UNICODE_VARIANTS.includes(m.variant))) throw new Pax8SimulatorError('drift.mangle.variant', `must be one of ${PAX8_ODD_UNICODE_VARIANTS.join(', ')}`);
    this.pinned.set(id, [...(this.pinned.get(id) ?? []), ...structuredClone(list)]);
  }

  /** Removes the pinned mangles of one record, or of every record. */
  unmangle(id?: string): void {
    if (id === undefined) this.pinned.clear();
    else this.pinned.delete(id);
  }

  /** Removes every rate, scripted drift and pinned mangle. */
  clear(): void {
    this.options = {};
    this.queue = [];
    this.pinned.clear();
    this.repeats.clear();
  }

  private decide(route: string, url: URL): { kinds: Pax8DriftKind[]; rng: Random } {
    const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
    const repeat = (this.repeats.get(`${route}?${query}`) ?? 0) + 1;
    this.repeats.set(`${route}?${query}`, repeat);
    const seed = hash32(this.options.seed ?? this.defaultSeed, hashString(route), hashString(query), this.options.stable === false ? repeat : 0);
    const rng = createRandom(seed);
    const page = Number(url.searchParams.get('page') || 0);
    const scripted = this.queue.find((q) => (q.route === route || q.route === '*') && (q.page === undefined || q.page === page));
    if (scripted) {
      scripted.times -= 1;
      if (scripted.times <= 0) this.queue.splice(this.queue.indexOf(scripted), 1);
      return { kinds: scripted.kinds, rng };
    }
    const rates = this.options.routes?.[route] ?? this.options.rates ?? {};
    return { kinds: PAX8_DRIFT_KINDS.filter((kind) => rng.next() < (rates[kind] ?? 0)), rng };
  }

  /** The settings record drift draws from (also used by the `drift` fault). */
  recordSettings(): RecordDriftSettings {
    return { fields: this.options.fields, hugeStringLength: this.options.hugeStringLength ?? DEFAULTS.hugeStringLength, unicode: this.options.unicode ?? PAX8_ODD_UNICODE_VARIANTS };
  }

  /** Record kinds on a list of records (each kind picks its records), then the pinned mangles. */
  private mangleAll(records: Json[], kinds: readonly Pax8RecordDriftKind[], rng: Random): { records: Json[]; mangled: Pax8DriftMangle[] } {
    const settings = this.recordSettings();
    const recordShare = this.options.recordShare ?? DEFAULTS.recordShare;
    const out = [...records];
    const mangled: Pax8DriftMangle[] = [];
    const trueIds = records.map((r) => idOf(r) ?? '');
    for (const kind of kinds) {
      if (out.length === 0) break;
      const forced = rng.int(0, out.length - 1);
      for (let k = 0; k < out.length; k++) {
        const chosen = k === forced || (kind !== 'hugeString' && rng.chance(recordShare));
        if (!chosen) continue;
        const done = mangleRecord(out[k] as Json, trueIds[k] as string, { kind }, rng, settings);
        if (done) {
          out[k] = done.record;
          mangled.push(done.mangle);
        }
      }
    }
    for (let k = 0; k < out.length; k++) {
      const id = trueIds[k] as string;
      const pins = this.pinned.get(id);
      pins?.forEach((pin, n) => {
        const done = mangleRecord(out[k] as Json, id, pin, createRandom(hash32(this.options.seed ?? this.defaultSeed, hashString(id), n)), settings);
        if (done) {
          out[k] = done.record;
          mangled.push(done.mangle);
        }
      });
    }
    return { records: out, mangled };
  }

  /** Drifts one response body, or returns undefined when nothing drifts. */
  async apply(input: DriftInput): Promise<{ body: unknown; report: Omit<Pax8DriftReport, 'seq'> } | undefined> {
    if (input.method !== 'GET' || typeof input.body !== 'object' || input.body === null) return undefined;
    const { kinds, rng } = this.decide(input.route, input.url);
    const body = input.body as Json;
    const isPage = Array.isArray(body.content);
    const records: Json[] = isPage ? (body.content as Json[]) : [body];
    if (kinds.length === 0 && !records.some((r) => this.pinned.has(idOf(r) ?? ''))) return undefined;
    const truth = isPage ? numbersOf(body) : undefined;
    let served = records;
    let numbers = truth;
    const applied: Pax8DriftKind[] = [];
    const pageKinds = kinds.filter(isPageDriftKind).filter((k) => truth !== undefined || ['emptyPage', 'shortPage', 'duplicateInPage'].includes(k)) as Pax8PageDriftKind[];
    if (isPage && pageKinds.length > 0) {
      const neighbour = async (page: number): Promise<Json[]> => {
        const other = (await input.neighbour(page)) as Json | undefined;
        return Array.isArray(other?.content) ? (other.content as Json[]) : [];
      };
      const base = truth ?? { size: records.length, totalElements: records.length, totalPages: 1, number: 0 };
      const result = await driftPage(records, base, pageKinds, rng, { neighbour, hiddenShare: this.options.hiddenShare ?? DEFAULTS.hiddenShare });
      served = result.content;
      if (truth) numbers = result.numbers;
      applied.push(...result.applied);
    }
    const servedTrueIds = served.map((r) => idOf(r) ?? '');
    const { records: final, mangled } = this.mangleAll(served, kinds.filter(isRecordDriftKind), rng);
    for (const m of mangled) if (!applied.includes(m.kind)) applied.push(m.kind);
    if (applied.length === 0) return undefined;
    const truthIds = records.map(idOf).filter((id): id is string => id !== undefined);
    const servedIds = final.map(idOf);
    const intact = new Set(servedTrueIds.filter((id, k) => servedIds[k] === id));
    const seen = new Map<string, number>();
    for (const id of servedTrueIds) if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
    const truthSet = new Set(truthIds);
    const report: Omit<Pax8DriftReport, 'seq'> = {
      method: input.method,
      url: input.url.href,
      route: input.route,
      kinds: PAX8_DRIFT_KINDS.filter((k) => applied.includes(k)),
      hidden: truthIds.filter((id) => !intact.has(id)),
      duplicated: [...seen].filter(([id, n]) => n > 1 || !truthSet.has(id)).map(([id]) => id),
      mangled,
    };
    if (isPage && truth && numbers) {
      report.page = {
        number: truth.number,
        size: truth.size,
        truth: { totalElements: truth.totalElements, totalPages: truth.totalPages, ids: truthIds },
        served: { totalElements: numbers.totalElements, totalPages: numbers.totalPages, ids: servedIds.filter((id): id is string => id !== undefined) },
      };
    }
    let drifted: Json = final[0] as Json;
    if (isPage) drifted = numbers ? withNumbers({ ...body, content: final }, numbers) : { ...body, content: final };
    return { body: drifted, report };
  }
}
