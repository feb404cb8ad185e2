import { SqlRunner, rows } from '@lanewatch/db';
import { AlertBreach, SlaMetric, SlaOp, SlaSeverity } from '@lanewatch/domain';

/** A breach row joined with its policy's name, as stored. */
export interface BreachRow {
  id: string;
  policy_id: string;
  policy_name: string;
  scope_key: string;
  carrier: string | null;
  corridor: string | null;
  service_level: string | null;
  metric: string;
  op: string;
  threshold: number;
  severity: string;
  value: number;
  worst_value: number;
  sample: number;
  window_from: Date;
  window_to: Date;
  status: 'open' | 'acknowledged' | 'resolved';
  opened_at: Date;
  last_evaluated_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_note: string | null;
  resolved_at: Date | null;
  evidence: Record<string, unknown>;
  wrong_side_since: Date | null;
  carrier_name: string | null;
}

export const BREACH_COLUMNS = `b.id, b.policy_id, p.name AS policy_name, b.scope_key, b.carrier, b.corridor, b.service_level, b.metric, b.op,
  b.threshold, b.severity, b.value, b.worst_value, b.sample, b.window_from, b.window_to, b.status, b.opened_at, b.last_evaluated_at,
  b.acknowledged_at, b.acknowledged_by, b.acknowledged_note, b.resolved_at, b.evidence, b.wrong_side_since,
  (SELECT name FROM carriers WHERE code = b.carrier) AS carrier_name`;

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/** The breach as the API shows it (sla.md §3) plus severity and the policy's name. */
export function breachView(row: BreachRow): AlertBreach & { acknowledgedNote: string | null } {
  return {
    id: row.id,
    policyId: row.policy_id,
    policyName: row.policy_name,
    severity: row.severity as SlaSeverity,
    carrier: row.carrier,
    corridor: row.corridor,
    serviceLevel: row.service_level,
    metric: row.metric as SlaMetric,
    op: row.op as SlaOp,
    threshold: Number(row.threshold),
    value: Number(row.value),
    worstValue: Number(row.worst_value),
    sample: Number(row.sample),
    windowFrom: iso(row.window_from) as string,
    windowTo: iso(row.window_to) as string,
    status: row.status,
    openedAt: iso(row.opened_at) as string,
    lastEvaluatedAt: iso(row.last_evaluated_at) as string,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    acknowledgedNote: row.acknowledged_note,
    resolvedAt: iso(row.resolved_at),
  };
}

/**
 * The API's breach: the alert view plus the carrier's name and since when the metric has been on the
 * wrong side (the opening instant for breaches older than the evaluation history).
 */
export function breachApiView(row: BreachRow) {
  return {
    ...breachView(row),
    carrierName: row.carrier_name,
    wrongSideSince: iso(row.wrong_side_since ?? row.opened_at) as string,
    evidence: row.evidence,
  };
}

export async function findBreach(runner: SqlRunner, id: string, lock = false): Promise<BreachRow | null> {
  const [row] = await rows<BreachRow>(
    runner,
    `SELECT ${BREACH_COLUMNS} FROM breaches b JOIN sla_policies p ON p.id = b.policy_id WHERE b.id = $1${lock ? ' FOR UPDATE OF b' : ''}`,
    [id],
  );
  return row ?? null;
}
