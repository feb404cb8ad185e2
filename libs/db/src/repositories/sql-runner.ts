import type { DataSource, EntityManager } from 'typeorm';
import { withArrayLiterals } from './pg-array';

/** Anything that can run SQL: the data source or a transaction's manager. */
export type SqlRunner = Pick<DataSource | EntityManager, 'query'>;

/** The rows a statement returns (array parameters sent as literals: see arrayLiteral). */
export async function rows<T>(runner: SqlRunner, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(sql, withArrayLiterals(parameters));
  // TypeORM answers UPDATE/DELETE ... RETURNING as [rows, affectedCount]; rows are never arrays.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** Runs a statement for its effect (array parameters sent as literals: see arrayLiteral). */
export async function execute(runner: SqlRunner, sql: string, parameters: unknown[] = []): Promise<void> {
  await runner.query(sql, withArrayLiterals(parameters));
}

// Arbitrary 64-bit keys for transaction-level advisory locks.
export const LOCK_KEYS = {
  partitions: 7_426_002,
  vacuum: 7_426_003,
  // Session-level: one migration run at a time, however many API replicas start together.
  migrations: 7_426_004,
  // Two-key form (namespace, shard or leg): one compactor per rollup shard; one derivation per leg.
  rollupShard: 7_426_011,
  leg: 7_426_010,
  // Two-key form (namespace, carrier): a code-map change (exclusive) against the batches that map
  // that carrier's events with the map they read (shared).
  codeMap: 7_426_012,
  // Two-key form (namespace, carrier): one statement issue at a time per carrier.
  statementIssue: 7_426_020,
} as const;
