import type { KpiMetric } from '../api/api-types';
import type { Breach, SlaPolicy } from '../api/sla-types';
import type { CarrierScorecard } from '../api/api-types';

// The SLA metric each charted line is the figure of (sla.md §1); the other lines have no policy metric.
const POLICY_METRIC_OF_LINE: Record<string, string> = {
  'transit:p50': 'transit_p50_days',
  'transit:p95': 'transit_p95_days',
  'firstAttempt:rate': 'first_attempt_rate',
  'onTime:rate': 'on_time_rate',
  'customsHold:p90': 'customs_hold_p90_hours',
};

export type TrendTarget = { lineKey: string; value: number; label: string };

type TargetInput = { policies: readonly SlaPolicy[]; metric: KpiMetric; carrier: string; corridor: string | null };

/**
 * The enabled targets that apply to the charted carrier (its own and "*"), one reference line per line
 * and threshold. A chart of every corridor also shows the lane targets, each labelled with its lane.
 */
export function applicableTargets({ policies, metric, carrier, corridor }: TargetInput): TrendTarget[] {
  const byLine = new Map<string, TrendTarget>();
  for (const policy of policies) {
    if (!policy.enabled || (policy.carrier !== carrier && policy.carrier !== '*')) {
      continue;
    }
    const lane = policy.corridor === null || policy.corridor === '*' ? null : policy.corridor;
    if (lane !== null && corridor !== null && lane !== corridor) {
      continue;
    }
    const line = Object.keys(POLICY_METRIC_OF_LINE).find((key) => key.startsWith(`${metric}:`) && POLICY_METRIC_OF_LINE[key] === policy.metric);
    if (line === undefined) {
      continue;
    }
    const lineKey = line.slice(metric.length + 1);
    const scope = [lane, policy.serviceLevel].filter((part) => part !== null && part !== '*').join(' ');
    const id = `${lineKey}|${policy.threshold}`;
    const existing = byLine.get(id);
    const label = existing === undefined ? `target${scope === '' ? '' : ` ${scope}`}` : `${existing.label}, ${scope === '' ? 'all lanes' : scope}`;
    byLine.set(id, { lineKey, value: policy.threshold, label });
  }
  return [...byLine.values()].sort((a, b) => a.value - b.value);
}

const SEVERITY_ORDER: Record<string, number> = { critical: 0, major: 1, minor: 2 };

/**
 * The carrier a trend shows when the link names none: the one with the most severe open breach, else
 * the one with the worst on-time rate, else the first. Never just the first alphabetically.
 */
export function defaultTrendCarrier({ carriers, openBreaches }: { carriers: readonly CarrierScorecard[]; openBreaches: readonly Breach[] }): string | null {
  const known = new Set(carriers.map(({ carrier }) => carrier));
  const breached = openBreaches
    .filter((breach) => breach.carrier !== null && known.has(breach.carrier))
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9));
  if (breached.length > 0) {
    return breached[0].carrier;
  }
  const rated = carriers.filter(({ kpis }) => kpis.onTime?.rate != null);
  if (rated.length > 0) {
    return [...rated].sort((a, b) => (a.kpis.onTime?.rate ?? 0) - (b.kpis.onTime?.rate ?? 0))[0].carrier;
  }
  return carriers[0]?.carrier ?? null;
}
