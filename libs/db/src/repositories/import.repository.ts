import { storableMessage } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import type { ImportMappingEntity } from '../entities/import-mapping.entity';
import type { ImportEntity, ImportRejectionEntity } from '../entities/import.entity';
import type { ColumnsOf } from '../table-row';
import { rows } from './sql-runner';

// Queries of CSV bulk imports: progress rows, rejected lines, saved column mappings.

export type ImportRow = ColumnsOf<
  ImportEntity,
  'id' | 'carrier_id' | 'status' | 'file_name' | 'rows_read' | 'accepted' | 'rejected' | 'batches' | 'error' | 'started_at' | 'finished_at'
> & {
  carrier_code: string;
};

const IMPORT_COLUMNS = `i.id, i.carrier_id, c.code AS carrier_code, i.status, i.file_name, i.rows_read, i.accepted, i.rejected, i.batches,
  i.error, i.started_at, i.finished_at`;

export async function insertImport(dataSource: DataSource, row: { id: string; carrierId: number; fileName: string | null; startedAt: Date }) {
  await dataSource.query(`INSERT INTO imports (id, carrier_id, status, file_name, started_at, heartbeat_at) VALUES ($1, $2, 'running', $3, $4, $4)`, [
    row.id,
    row.carrierId,
    row.fileName,
    row.startedAt,
  ]);
}

/** One committed chunk: its counters and rejected lines, in one transaction so progress never over-counts. */
export async function recordChunk(
  dataSource: DataSource,
  input: { id: string; rowsRead: number; accepted: number; rejections: Pick<ImportRejectionEntity, 'line' | 'errors'>[]; batch: boolean },
) {
  await dataSource.transaction(async (manager) => {
    if (input.rejections.length > 0) {
      await manager.query(
        `INSERT INTO import_rejections (import_id, line, errors)
         SELECT $1, t.line, t.errors FROM unnest($2::int[], $3::jsonb[]) AS t(line, errors)
         ON CONFLICT DO NOTHING`,
        [input.id, input.rejections.map((r) => r.line), input.rejections.map((r) => JSON.stringify(r.errors.map(storableMessage)))],
      );
    }
    await manager.query(
      `UPDATE imports SET rows_read = rows_read + $2, accepted = accepted + $3, rejected = rejected + $4, batches = batches + $5 WHERE id = $1`,
      [input.id, input.rowsRead, input.accepted, input.rejections.length, input.batch ? 1 : 0],
    );
  });
}

export async function finishImport(dataSource: DataSource, input: { id: string; status: 'completed' | 'failed'; error: string | null; finishedAt: Date }) {
  await dataSource.query(`UPDATE imports SET status = $2, error = $3, finished_at = $4 WHERE id = $1`, [input.id, input.status, input.error, input.finishedAt]);
}

/** The running process's sign of life (see failStaleImports). */
export async function touchImport(dataSource: DataSource, input: { id: string; now: Date }) {
  await dataSource.query(`UPDATE imports SET heartbeat_at = $2 WHERE id = $1 AND status = 'running'`, [input.id, input.now]);
}

/**
 * Fails the running imports whose process stopped: no heartbeat since staleBefore. Imports of live
 * processes (this one or another replica) keep beating and are left alone.
 */
export async function failStaleImports(dataSource: DataSource, input: { staleBefore: Date; now: Date }): Promise<string[]> {
  const failed = await rows<ColumnsOf<ImportEntity, 'id'>>(
    dataSource,
    `UPDATE imports
        SET status = 'failed', finished_at = $2,
            error = 'the API process running this import stopped before the end of the file (last heartbeat '
                    || to_char(coalesce(heartbeat_at, started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                    || '); send the file again: rows already stored are recognised as duplicates'
      WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < $1
      RETURNING id`,
    [input.staleBefore, input.now],
  );
  return failed.map((row) => row.id);
}

export async function findImport(dataSource: DataSource, id: string): Promise<ImportRow | null> {
  const found: ImportRow[] = await dataSource.query(`SELECT ${IMPORT_COLUMNS} FROM imports i JOIN carriers c ON c.id = i.carrier_id WHERE i.id = $1`, [id]);
  return found[0] ?? null;
}

export async function listImports(dataSource: DataSource, carrierId: number | null): Promise<ImportRow[]> {
  return dataSource.query(
    `SELECT ${IMPORT_COLUMNS} FROM imports i JOIN carriers c ON c.id = i.carrier_id
      WHERE $1::int IS NULL OR i.carrier_id = $1 ORDER BY i.started_at DESC LIMIT 50`,
    [carrierId],
  );
}

export async function importRejections(dataSource: DataSource, id: string, limit: number | null): Promise<ColumnsOf<ImportRejectionEntity, 'line' | 'errors'>[]> {
  return dataSource.query(`SELECT line, errors FROM import_rejections WHERE import_id = $1 ORDER BY line LIMIT $2`, [id, limit]);
}

export async function getImportMapping(dataSource: DataSource, carrierId: number): Promise<unknown | null> {
  const found: ColumnsOf<ImportMappingEntity, 'mapping'>[] = await dataSource.query(`SELECT mapping FROM import_mappings WHERE carrier_id = $1`, [carrierId]);
  return found[0]?.mapping ?? null;
}

export async function saveImportMapping(dataSource: DataSource, carrierId: number, mapping: unknown) {
  await dataSource.query(
    `INSERT INTO import_mappings (carrier_id, mapping) VALUES ($1, $2)
     ON CONFLICT (carrier_id) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
    [carrierId, JSON.stringify(mapping)],
  );
}
