import type { SilenceEntity } from '../entities/silence.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type SilenceRow = ColumnsOf<
  SilenceEntity,
  'id' | 'starts_at' | 'ends_at' | 'carrier' | 'corridor' | 'severity' | 'policy_id' | 'reason' | 'created_by' | 'created_at'
>;

const COLUMNS = 'id, starts_at, ends_at, carrier, corridor, severity, policy_id, reason, created_by, created_at';

export async function insertSilence(
  runner: SqlRunner,
  input: { from: Date | null; to: Date | null; carrier: string | null; corridor: string | null; severity: string | null; policyId: string | null; reason: string; createdBy: string },
): Promise<SilenceRow> {
  const [row] = await rows<SilenceRow>(
    runner,
    `INSERT INTO silences (starts_at, ends_at, carrier, corridor, severity, policy_id, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [input.from, input.to, input.carrier, input.corridor, input.severity, input.policyId, input.reason, input.createdBy],
  );
  return row;
}

export async function listSilences(runner: SqlRunner): Promise<SilenceRow[]> {
  return rows<SilenceRow>(runner, `SELECT ${COLUMNS} FROM silences ORDER BY starts_at DESC, id`);
}

/** True when a silence was deleted. */
export async function deleteSilence(runner: SqlRunner, id: string): Promise<boolean> {
  const result = await rows<ColumnsOf<SilenceEntity, 'id'>>(runner, 'DELETE FROM silences WHERE id = $1 RETURNING id', [id]);
  return result.length > 0;
}

/** The silences in force at an instant. */
export async function silencesAt(runner: SqlRunner, at: Date): Promise<Omit<SilenceRow, 'id' | 'reason' | 'created_by' | 'created_at'>[]> {
  return rows(runner, 'SELECT starts_at, ends_at, carrier, corridor, severity, policy_id FROM silences WHERE starts_at <= $1 AND ends_at > $1', [at]);
}
