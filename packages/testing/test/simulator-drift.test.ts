import { describe, expect, it } from 'vitest';
import { PAX8_DRIFT_KINDS, PAX8_ODD_UNICODE, PAX8_ODD_UNICODE_VARIANTS, type Pax8DriftKind, type Pax8DriftReport, Pax8SimulatorError } from '../src/index';
import { useHttpSimulators } from './support/http-fetch';

type Page = { content: Record<string, unknown>[]; page: { size: number; totalElements: number; totalPages: number; number: number } };

const SUBS = 'GET /v1/subscriptions';

async function page(get: (path: string) => Promise<Response>, number: number, size = 10): Promise<Page> {
  const response = await get(`/v1/subscriptions?size=${size}&page=${number}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

function truthOf(ids: string[], number: number, size: number): string[] {
  return ids.slice(number * size, (number + 1) * size);
}

/** Recomputes hidden and duplicated from the served body and the world, independently of the simulator's report. */
function recompute(served: Page, truth: string[], worldIds: Set<string>, mangledIds: Set<string>): { hidden: string[]; duplicated: string[] } {
  // A served id that is no record's id is a mangled id: its record counts as hidden, not as a duplicate.
  const servedIds = served.content.map((r) => r.id).filter((id): id is string => typeof id === 'string' && worldIds.has(id));
  const counts = new Map<string, number>();
  for (const id of servedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    hidden: truth.filter((id) => !servedIds.includes(id) && !mangledIds.has(id)),
    duplicated: [...counts].filter(([id, n]) => n > 1 || !truth.includes(id)).map(([id]) => id),
  };
}

describe('page drift over HTTP (sim.drift)', () => {
  const start = useHttpSimulators();

  it('shortPage: pages short of their totals, with the hidden ids reported (the 20 % case of issue #11)', async () => {
    const { sim, get } = await start({ seed: 4, subscriptions: 100, drift: { routes: { [SUBS]: { shortPage: 1 } } } });
    const ids = sim.world.subscriptions.ids();
    const served = await page(get, 2);
    expect(served.page).toEqual({ size: 10, totalElements: 100, totalPages: 10, number: 2 });
    expect(served.content).toHaveLength(8);
    const report = sim.drift.reports.at(-1) as Pax8DriftReport;
    expect(report).toMatchObject({ route: SUBS, kinds: ['shortPage'], duplicated: [], mangled: [] });
    expect(report.hidden).toHaveLength(2);
    expect(served.content.map((r) => r.id)).toEqual(truthOf(ids, 2, 10).filter((id) => !report.hidden.includes(id)));
    expect(report.page).toEqual({
      number: 2,
      size: 10,
      truth: { totalElements: 100, totalPages: 10, ids: truthOf(ids, 2, 10) },
      served: { totalElements: 100, totalPages: 10, ids: served.content.map((r) => r.id) },
    });
    expect(sim.requests.at(-1)?.drift).toEqual(report);
    expect(report.seq).toBe(sim.requests.at(-1)?.seq);
  });

  it('emptyPage, duplicateInPage and duplicateAcrossPages say which ids were pushed off and which were served twice', async () => {
    const { sim, get } = await start({ seed: 4, subscriptions: 35 });
    const ids = sim.world.subscriptions.ids();
    sim.drift.inject({ kind: 'emptyPage', route: SUBS, page: 1 });
    const empty = await page(get, 1);
    expect([empty.content, empty.page.totalElements]).toEqual([[], 35]);
    expect(sim.drift.reports.at(-1)).toMatchObject({ kinds: ['emptyPage'], hidden: truthOf(ids, 1, 10) });

    sim.drift.inject({ kind: 'duplicateInPage', route: SUBS });
    const twice = await page(get, 0);
    const inPage = sim.drift.reports.at(-1) as Pax8DriftReport;
    expect(twice.content).toHaveLength(10);
    expect(inPage.duplicated).toHaveLength(1);
    expect(twice.content.filter((r) => r.id === inPage.duplicated[0])).toHaveLength(2);
    expect(inPage.hidden).toEqual([ids[9]]);

    sim.drift.inject({ kind: 'duplicateAcrossPages', route: SUBS, page: 2 });
    const across = await page(get, 2);
    const acrossReport = sim.drift.reports.at(-1) as Pax8DriftReport;
    expect(across.content[0]?.id).toBe(ids[19]);
    expect(acrossReport).toMatchObject({ kinds: ['duplicateAcrossPages'], duplicated: [ids[19]], hidden: [ids[29]] });
    expect((await page(get, 2)).content.map((r) => r.id)).toEqual(truthOf(ids, 2, 10));
  });

  it('totals that disagree with the content: wrong totalElements, wrong totalPages, a last page that claims more', async () => {
    const { sim, get } = await start({ seed: 4, subscriptions: 35 });
    sim.drift.inject({ kind: 'wrongTotalElements', route: SUBS });
    const elements = await page(get, 0);
    expect(elements.content).toHaveLength(10);
    expect(elements.page.totalElements).not.toBe(35);
    expect(sim.drift.reports.at(-1)?.page?.served.totalElements).toBe(elements.page.totalElements);
    sim.drift.inject({ kind: 'wrongTotalPages', route: SUBS });
    expect([3, 5]).toContain((await page(get, 0)).page.totalPages);

    sim.drift.inject({ kind: 'lastPageClaimsMore', route: SUBS, times: 2 });
    expect((await page(get, 1)).page).toEqual({ size: 10, totalElements: 35, totalPages: 4, number: 1 });
    const last = await page(get, 3);
    expect([last.content.length, last.page.totalElements, last.page.totalPages]).toEqual([5, 45, 5]);
    const reports = sim.drift.reports;
    expect(reports.at(-1)).toMatchObject({ kinds: ['lastPageClaimsMore'], hidden: [], page: { truth: { totalElements: 35, totalPages: 4 }, served: { totalElements: 45, totalPages: 5 } } });
    expect(reports.filter((r) => r.kinds.includes('lastPageClaimsMore'))).toHaveLength(1);
    expect((await page(get, 4)).content).toEqual([]);
  });

  it('missing, extra and mistyped fields, each named with its field', async () => {
    const { sim, get } = await start({ seed: 2, subscriptions: 20, drift: { recordShare: 0 } });
    const ids = sim.world.subscriptions.ids();
    sim.drift.inject({ kind: ['missingField', 'unknownField', 'mistypedField'], route: SUBS });
    const served = await page(get, 0);
    const { mangled } = sim.drift.reports.at(-1) as Pax8DriftReport;
    expect(mangled.map((m) => m.kind)).toEqual(['unknownField', 'missingField', 'mistypedField']);
    for (const m of mangled) {
      const truth = sim.world.subscriptions.get(m.id) as unknown as Record<string, unknown>;
      const record = served.content[ids.indexOf(m.id)] ?? served.content.find((r) => r.id === m.id);
      if (m.kind === 'unknownField') expect(record).toHaveProperty('pax8Metadata');
      if (m.field === 'id') continue;
      if (m.kind === 'missingField') expect(record).not.toHaveProperty(m.field);
      if (m.kind === 'mistypedField') expect(typeof record?.[m.field]).not.toBe(typeof truth[m.field]);
    }
  });

  it('huge strings (1 MB) and every odd Unicode variant reach the client over HTTP exactly as reported', async () => {
    const { sim, get } = await start({ seed: 2, subscriptions: 20, drift: { fields: ['productName'], recordShare: 1 } });
    sim.drift.inject({ kind: 'hugeString', route: SUBS });
    const huge = await page(get, 0);
    const [big] = (sim.drift.reports.at(-1) as Pax8DriftReport).mangled;
    expect(big).toMatchObject({ kind: 'hugeString', field: 'productName', detail: 'productName: 1000000 characters' });
    expect(huge.content.filter((r) => (r.productName as string).length === 1_000_000).map((r) => r.id)).toEqual([big?.id]);

    for (const variant of PAX8_ODD_UNICODE_VARIANTS) {
      sim.drift.set({ fields: ['productName'], recordShare: 1, unicode: [variant] });
      sim.drift.inject({ kind: 'oddUnicode', route: SUBS });
      const odd = await page(get, 1);
      const { mangled } = sim.drift.reports.at(-1) as Pax8DriftReport;
      expect(mangled).toHaveLength(10);
      for (const m of mangled) {
        expect(m).toMatchObject({ kind: 'oddUnicode', variant, field: 'productName' });
        const served = odd.content.find((r) => r.id === m.id)?.productName as string;
        expect(served).toContain(PAX8_ODD_UNICODE[variant]);
        expect(served.replace(PAX8_ODD_UNICODE[variant], '')).toBe(sim.world.subscriptions.get(m.id)?.productName);
      }
    }
  });

  it('pins mangles onto a record wherever it is served, until unmangled', async () => {
    const { sim, get } = await start({ seed: 3, companies: 4 });
    const id = sim.world.companies.ids()[0] as string;
    sim.drift.mangle(id, [
      { kind: 'oddUnicode', field: 'name', variant: 'nul' },
      { kind: 'mistypedField', field: 'status', value: 7 },
    ]);
    const list = (await (await get('/v1/companies')).json()) as Page;
    const one = (await (await get(`/v1/companies/${id}`)).json()) as Record<string, unknown>;
    for (const record of [list.content.find((c) => c.id === id), one]) {
      expect(record?.name).toContain('\u0000');
      expect(record?.status).toBe(7);
    }
    expect(sim.drift.summary()).toMatchObject({ responses: 2, mangledIds: [id], hidden: [] });
    sim.drift.unmangle(id);
    expect(((await (await get(`/v1/companies/${id}`)).json()) as Record<string, unknown>).name).toBe(sim.world.companies.get(id)?.name);
    expect(sim.drift.reports).toHaveLength(2);
  });

  it('a mangled id counts as hidden: the listing did not serve that record under its id', async () => {
    const { sim, get } = await start({ seed: 3, subscriptions: 5 });
    const id = sim.world.subscriptions.ids()[1] as string;
    sim.drift.mangle(id, { kind: 'missingField', field: 'id' });
    await page(get, 0);
    expect(sim.drift.reports.at(-1)).toMatchObject({ hidden: [id], mangled: [{ id, kind: 'missingField', field: 'id' }] });
  });

  it('is reproducible from its seed: the same seed serves the same bytes and reports, another seed differs', async () => {
    const rates = Object.fromEntries(PAX8_DRIFT_KINDS.map((k) => [k, k === 'hugeString' ? 0 : 0.3])) as Record<Pax8DriftKind, number>;
    const run = async (seed: number) => {
      const { sim, get } = await start({ seed: 8, subscriptions: 60, drift: { seed, rates } });
      const bodies: string[] = [];
      for (const n of [0, 1, 2, 3, 4, 5, 6]) bodies.push(await (await get(`/v1/subscriptions?size=10&page=${n}`)).text());
      return { bodies, reports: sim.drift.reports.map(({ seq: _seq, url: _url, ...rest }) => rest) };
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect((await run(12)).bodies).not.toEqual(a.bodies);
    expect(a.reports.length).toBeGreaterThan(3);
  });

  it('stable (default): asking for a page again gives the same drift; stable false draws anew', async () => {
    const twice = async (stable: boolean) => {
      const { get } = await start({ seed: 8, subscriptions: 60, drift: { stable, rates: { shortPage: 0.5, mistypedField: 0.5 } } });
      const out: string[] = [];
      for (let k = 0; k < 6; k++) out.push(await (await get('/v1/subscriptions?size=10&page=1')).text());
      return new Set(out).size;
    };
    expect(await twice(true)).toBe(1);
    expect(await twice(false)).toBeGreaterThan(1);
  });

  it('every report says exactly what was served: hidden and duplicated recomputed from the bodies agree, over 30 seeds with every kind', async () => {
    const rates = Object.fromEntries(PAX8_DRIFT_KINDS.map((k) => [k, k === 'hugeString' ? 0.05 : 0.25])) as Record<Pax8DriftKind, number>;
    let drifted = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { sim, get } = await start({ seed, subscriptions: 47, drift: { rates, hugeStringLength: 1000 } });
      const ids = sim.world.subscriptions.ids();
      for (let n = 0; n < 5; n++) {
        const served = await page(get, n);
        const report = sim.requests.at(-1)?.drift;
        if (!report) {
          expect(served.content.map((r) => r.id)).toEqual(truthOf(ids, n, 10));
          continue;
        }
        drifted += 1;
        const idMangled = new Set(report.mangled.filter((m) => m.field === 'id').map((m) => m.id));
        const expected = recompute(served, truthOf(ids, n, 10), new Set(ids), idMangled);
        expect(report.hidden.filter((id) => !idMangled.has(id)).sort()).toEqual(expected.hidden.sort());
        expect(report.duplicated.filter((id) => !idMangled.has(id)).sort()).toEqual(expected.duplicated.filter((id) => !idMangled.has(id)).sort());
        expect(report.page?.served).toMatchObject({ totalElements: served.page.totalElements, totalPages: served.page.totalPages });
        expect(report.page?.truth.ids).toEqual(truthOf(ids, n, 10));
        expect(report.kinds.length).toBeGreaterThan(0);
      }
      await sim.close();
    }
    expect(drifted).toBeGreaterThan(50);
  });

  it('leaves writes, the token endpoint and undrifted routes alone', async () => {
    const { sim, get } = await start({ seed: 2, subscriptions: 10, drift: { routes: { 'GET /v1/companies': { emptyPage: 1 } } } });
    expect((await page(get, 0)).content).toHaveLength(10);
    const { id } = sim.world.subscriptions.add({ quantity: 2 });
    const put = await get(`/v1/subscriptions/${id}`, { method: 'PUT', body: JSON.stringify({ quantity: 3 }) });
    expect(put.status).toBe(200);
    expect(((await (await get('/v1/companies')).json()) as Page).content).toEqual([]);
    expect(sim.drift.reports.map((r) => r.route)).toEqual(['GET /v1/companies']);
  });

  it('clear() stops all drift; set/update/settings behave like the fault controls', async () => {
    const { sim, get } = await start({ seed: 2, subscriptions: 10, drift: { rates: { shortPage: 1 } } });
    expect((await page(get, 0)).content.length).toBeLessThan(10);
    sim.drift.update({ hiddenShare: 0.5 });
    expect(sim.drift.settings).toEqual({ rates: { shortPage: 1 }, hiddenShare: 0.5 });
    expect((await page(get, 0)).content).toHaveLength(5);
    sim.drift.mangle(sim.world.subscriptions.ids()[0] as string, { kind: 'missingField', field: 'quantity' });
    sim.drift.clear();
    expect(sim.drift.settings).toEqual({});
    const clean = await page(get, 0);
    expect(clean.content.map((r) => r.id)).toEqual(sim.world.subscriptions.ids());
    expect(clean.content[0]).toHaveProperty('quantity');
    sim.resetLog();
    expect(sim.drift.reports).toEqual([]);
  });

  it('rejects bad drift settings, naming the field', async () => {
    const { sim } = await start({ subscriptions: 0 });
    expect(() => sim.drift.set({ rates: { explode: 0.1 } as never })).toThrow(/drift.rates.explode: unknown drift kind/);
    expect(() => sim.drift.set({ routes: { [SUBS]: { shortPage: 2 } } })).toThrow(Pax8SimulatorError);
    expect(() => sim.drift.set({ hugeStringLength: 0 })).toThrow(/drift.hugeStringLength/);
    expect(() => sim.drift.set({ unicode: [] })).toThrow(/drift.unicode/);
    expect(() => sim.drift.inject({ kind: 'nope' as Pax8DriftKind })).toThrow(/drift.inject.kind/);
    expect(() => sim.drift.mangle('x', { kind: 'shortPage' as never })).toThrow(/drift.mangle.kind/);
    expect(() => sim.faults.set({ driftKinds: ['shortPage' as never] })).toThrow(/faults.driftKinds/);
  });
});
