import type { CompanyMapping, MappingStore } from '@pax8-sync/core';
import { num, numOrNull, type StoreContext, selectList, textArray } from './store-context';

interface MappingRow {
  connection_id: string;
  pax8_company_id: string;
  psa_company_id: string;
  state: CompanyMapping['state'];
  score: unknown;
  source: CompanyMapping['source'];
  updated_at: unknown;
}

const columns = 'connection_id, pax8_company_id, psa_company_id, state, score, source, updated_at';

const toMapping = (r: MappingRow): CompanyMapping => ({
  connectionId: r.connection_id,
  pax8CompanyId: r.pax8_company_id,
  psaCompanyId: r.psa_company_id,
  state: r.state,
  score: numOrNull(r.score),
  source: r.source,
  updatedAt: num(r.updated_at),
});

/** Mappings, one per (connection, Pax8 company). @internal */
export function createMappingStore(ctx: StoreContext): MappingStore {
  const { run, table } = ctx;
  const t = table('mappings');
  const select = selectList(ctx, columns.split(', '), ['connection_id', 'pax8_company_id', 'psa_company_id', 'state', 'source'], 'm.');
  return {
    upsertMany: (mappings) =>
      run(async (sql) => {
        if (mappings.length === 0) return;
        const latest = new Map<string, CompanyMapping>();
        for (const m of mappings) latest.set(JSON.stringify([m.connectionId, m.pax8CompanyId]), m);
        const rows = [...latest.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, m]) => ({
            connection_id: m.connectionId,
            pax8_company_id: m.pax8CompanyId,
            psa_company_id: m.psaCompanyId,
            state: m.state,
            score: m.score,
            source: m.source,
            updated_at: m.updatedAt,
          }));
        await sql.query(
          `INSERT INTO ${t} (${columns}) SELECT ${columns} FROM json_to_recordset($1::json)
             AS r(connection_id text, pax8_company_id text, psa_company_id text, state text, score double precision, source text, updated_at bigint)
           ON CONFLICT (connection_id, pax8_company_id) DO UPDATE SET psa_company_id = EXCLUDED.psa_company_id, state = EXCLUDED.state,
             score = EXCLUDED.score, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`,
          [JSON.stringify(rows)],
        );
      }),
    get: (connectionId, pax8CompanyId) =>
      run(async (sql) => {
        const { rows } = await sql.query<MappingRow>(`SELECT ${select} FROM ${t} m WHERE m.connection_id = $1 AND m.pax8_company_id = $2`, [connectionId, pax8CompanyId]);
        return rows[0] ? toMapping(rows[0]) : undefined;
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const { rows } = await sql.query<MappingRow>(
          `SELECT ${select} FROM ${t} m WHERE m.connection_id = $1 AND ($2::text IS NULL OR m.state = $2::text) ORDER BY m.pax8_company_id`,
          [connectionId, options.state ?? null],
        );
        return rows.map(toMapping);
      }),
    deleteMany: (connectionId, pax8CompanyIds) =>
      run(async (sql) => {
        if (pax8CompanyIds.length === 0) return;
        await sql.query(`DELETE FROM ${t} WHERE connection_id = $1 AND pax8_company_id = ANY($2::text[])`, [connectionId, textArray(pax8CompanyIds)]);
      }),
  };
}
