import type { SlaEvaluationEntity } from '../entities/sla-evaluation.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** An sla_evaluations row as written: every column but the generated id (entity property names). */
export type SlaEvaluationRecord = Pick<SlaEvaluationEntity, 'policyId' | 'scopeKey' | 'evaluatedAt' | 'windowTo' | 'value' | 'sample' | 'verdict' | 'wrongSide'>;

// Re-evaluating at the same instant rewrites the same row (sla.md §2: it changes nothing).
export async function recordSlaEvaluation(runner: SqlRunner, record: SlaEvaluationRecord): Promise<void> {
  await runner.query(
    `INSERT INTO sla_evaluations (policy_id, scope_key, evaluated_at, window_to, value, sample, verdict, wrong_side)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (policy_id, scope_key, evaluated_at) DO UPDATE
       SET window_to = EXCLUDED.window_to, value = EXCLUDED.value, sample = EXCLUDED.sample, verdict = EXCLUDED.verdict, wrong_side = EXCLUDED.wrong_side`,
    [record.policyId, record.scopeKey, record.evaluatedAt, record.windowTo, record.value, record.sample, record.verdict, record.wrongSide],
  );
}

export type SlaEvaluationPoint = Pick<SlaEvaluationRecord, 'evaluatedAt' | 'value' | 'sample' | 'verdict' | 'wrongSide'>;

type SlaEvaluationPointRow = ColumnsOf<SlaEvaluationEntity, 'evaluated_at' | 'value' | 'sample' | 'verdict' | 'wrong_side'>;

/** The latest evaluations of one policy and scope up to an instant, newest first. */
export async function slaEvaluationHistory(
  runner: SqlRunner,
  input: { policyId: string; scopeKey: string; until: Date; since?: Date; limit: number },
): Promise<SlaEvaluationPoint[]> {
  const found = await rows<SlaEvaluationPointRow>(
    runner,
    `SELECT evaluated_at, value, sample, verdict, wrong_side FROM sla_evaluations
     WHERE policy_id = $1 AND scope_key = $2 AND evaluated_at <= $3 AND ($4::timestamptz IS NULL OR evaluated_at >= $4)
     ORDER BY evaluated_at DESC LIMIT $5`,
    [input.policyId, input.scopeKey, input.until, input.since ?? null, input.limit],
  );
  return found.map((row) => ({
    evaluatedAt: new Date(row.evaluated_at),
    value: row.value === null ? null : Number(row.value),
    sample: Number(row.sample),
    verdict: row.verdict,
    wrongSide: row.wrong_side,
  }));
}
