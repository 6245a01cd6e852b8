import type { CompanyMapping, JsonValue, MappingStore, Pax8SyncEntity, QuarantinedRecord, QuarantineStore } from '@pax8-sync/core';
import { atomically, chunks, fromJson, marks, num, numOrNull, type Params, type Runner, toJson } from './runner';

interface MappingRow {
  connection_id: string;
  pax8_company_id: string;
  psa_company_id: string;
  state: CompanyMapping['state'];
  score: number | null;
  source: CompanyMapping['source'];
  updated_at: number;
}

const toMapping = (r: MappingRow): CompanyMapping => ({
  connectionId: r.connection_id,
  pax8CompanyId: r.pax8_company_id,
  psaCompanyId: r.psa_company_id,
  state: r.state,
  score: numOrNull(r.score),
  source: r.source,
  updatedAt: num(r.updated_at),
});

/** Pax8 ↔ PSA company mappings. */
export function createMappingStore(run: Runner): MappingStore {
  return {
    upsertMany: (mappings) =>
      run((db) =>
        atomically(db, () => {
          for (const m of mappings) {
            db.run(
              'INSERT OR REPLACE INTO mappings (connection_id, pax8_company_id, psa_company_id, state, score, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
              [m.connectionId, m.pax8CompanyId, m.psaCompanyId, m.state, m.score, m.source, m.updatedAt],
            );
          }
        }),
      ),
    get: (connectionId, pax8CompanyId) =>
      run((db) => db.all<MappingRow>('SELECT * FROM mappings WHERE connection_id = ? AND pax8_company_id = ?', [connectionId, pax8CompanyId]).map(toMapping)[0]),
    list: (connectionId, options = {}) =>
      run((db) => {
        const params: Params = [connectionId];
        const state = options.state === undefined ? '' : ' AND state = ?';
        if (options.state !== undefined) params.push(options.state);
        return db.all<MappingRow>(`SELECT * FROM mappings WHERE connection_id = ?${state} ORDER BY pax8_company_id`, params).map(toMapping);
      }),
    deleteMany: (connectionId, ids) =>
      run((db) =>
        atomically(db, () => {
          for (const part of chunks(ids)) db.run(`DELETE FROM mappings WHERE connection_id = ? AND pax8_company_id IN (${marks(part.length)})`, [connectionId, ...part]);
        }),
      ),
  };
}

interface QuarantineRow {
  connection_id: string;
  entity: Pax8SyncEntity;
  key: string;
  run_id: string;
  reason: string;
  issues: string;
  record: string;
  at: number;
}

/** Records that failed validation, kept with their reason. */
export function createQuarantineStore(run: Runner): QuarantineStore {
  const toRecord = (r: QuarantineRow): QuarantinedRecord => ({
    connectionId: r.connection_id,
    entity: r.entity,
    key: r.key,
    runId: r.run_id,
    reason: r.reason,
    issues: fromJson(r.issues),
    record: fromJson<JsonValue>(r.record),
    at: num(r.at),
  });
  return {
    putMany: (records) =>
      run((db) =>
        atomically(db, () => {
          for (const q of records) {
            db.run('INSERT OR REPLACE INTO quarantine (connection_id, entity, key, run_id, reason, issues, record, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
              q.connectionId,
              q.entity,
              q.key,
              q.runId,
              q.reason,
              toJson(q.issues),
              toJson(q.record),
              q.at,
            ]);
          }
        }),
      ),
    list: (connectionId, options = {}) =>
      run((db) => {
        const params: Params = [connectionId];
        const entity = options.entity === undefined ? '' : ' AND entity = ?';
        if (options.entity !== undefined) params.push(options.entity);
        return db.all<QuarantineRow>(`SELECT * FROM quarantine WHERE connection_id = ?${entity} ORDER BY entity, key`, params).map(toRecord);
      }),
    deleteMany: (connectionId, entity, keys) =>
      run((db) =>
        atomically(db, () => {
          for (const part of chunks(keys)) db.run(`DELETE FROM quarantine WHERE connection_id = ? AND entity = ? AND key IN (${marks(part.length)})`, [connectionId, entity, ...part]);
        }),
      ),
  };
}
