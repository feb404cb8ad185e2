import { BreachRow } from '@lanewatch/db';

export type { BreachRow } from '@lanewatch/db';
import { AlertBreach, SlaMetric, SlaOp, SlaSeverity } from '@lanewatch/domain';


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

