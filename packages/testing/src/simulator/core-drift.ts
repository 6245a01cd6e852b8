/** The request core's drift step: page drift (`sim.drift`), the `drift` fault and `malformedJson`. */
import { driftBody } from './drift';
import type { DriftEngine } from './drift-engine';
import type { Pax8DriftReport } from './drift-report';
import type { FaultDecision, Pax8FaultOptions } from './faults';
import type { Route, RouteContext, RouteResult } from './http';
import type { Pax8DriftMangle } from './record-drift';

/** A response after drift: its result, the report, or raw text (a cut-off JSON body). */
export interface Drifted {
  /** The result to send. */
  result: RouteResult;
  /** What drift did, if anything. */
  report: Omit<Pax8DriftReport, 'seq'> | undefined;
  /** A body to send as is instead (malformedJson). */
  raw?: string;
}

/** Adds the mangles of the `drift` fault to a response's drift report (creating one when page drift made none). */
function withMangles(report: Omit<Pax8DriftReport, 'seq'> | undefined, mangled: Pax8DriftMangle[], at: { method: string; url: string; route: string }): Omit<Pax8DriftReport, 'seq'> | undefined {
  if (mangled.length === 0) return report;
  const base = report ?? { ...at, kinds: [], hidden: [], duplicated: [], mangled: [] };
  const kinds = [...base.kinds];
  for (const m of mangled) if (!kinds.includes(m.kind)) kinds.push(m.kind);
  const changedIds = new Set(mangled.filter((m) => m.field === 'id').map((m) => m.id));
  return { ...base, kinds, hidden: [...new Set([...base.hidden, ...changedIds])], mangled: [...base.mangled, ...mangled] };
}

/** Applies drift to a successful JSON answer of a route. */
export async function driftStep(input: { drift: DriftEngine; decision: FaultDecision; settings: Pax8FaultOptions; route: Route; key: string; ctx: RouteContext; result: RouteResult }): Promise<Drifted> {
  const { drift, decision, settings, route, key, ctx } = input;
  let result = input.result;
  let report: Omit<Pax8DriftReport, 'seq'> | undefined;
  if (result.status >= 300 || result.body === undefined) return { result, report };
  const neighbour = async (number: number): Promise<unknown> => {
    const other = new URL(ctx.url);
    other.searchParams.set('page', String(number));
    return (await route.handle({ ...ctx, url: other })).body;
  };
  const done = await drift.apply({ route: key, method: ctx.request.method, url: ctx.url, body: result.body, neighbour });
  if (done) {
    result = { ...result, body: done.body };
    report = done.report;
  }
  if (decision.kind === 'drift') {
    const fault = driftBody(result.body, decision.seed, settings.driftKinds ?? ['unknownField', 'newEnumValue', 'oddDate'], settings.driftRecordShare ?? 0.25, drift.recordSettings());
    result = { ...result, body: fault.body };
    report = withMangles(report, fault.mangled, { method: ctx.request.method, url: ctx.request.url, route: key });
  } else if (decision.kind === 'malformedJson') {
    const text = JSON.stringify(result.body);
    return { result, report, raw: text.slice(0, Math.max(1, Math.floor(text.length * 0.6))) };
  }
  return { result, report };
}
