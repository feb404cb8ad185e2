// GET /kpis/distribution parameters: pure, shared by the API and the read model.
import { KpiQueryParams, parseKpiQuery } from './kpi-query';

export const KPI_DISTRIBUTION_METRICS = ['customsHold', 'transit'] as const;
export type KpiDistributionMetric = (typeof KPI_DISTRIBUTION_METRICS)[number];

export type KpiDistributionParams = KpiQueryParams & { metric: KpiDistributionMetric };

/** GET /kpis/distribution: the /kpis filters (not groupBy: one distribution per answer) plus the metric. */
export function parseKpiDistributionQuery(query: Record<string, unknown>): { ok: true; value: KpiDistributionParams } | { ok: false; errors: string[] } {
  const base = parseKpiQuery(query);
  const errors = base.ok ? [] : [...base.errors];
  const metric = typeof query.metric === 'string' ? query.metric.trim() : '';
  if (!(KPI_DISTRIBUTION_METRICS as readonly string[]).includes(metric)) errors.push(`metric must be one of ${KPI_DISTRIBUTION_METRICS.join(', ')}`);
  if (query.groupBy !== undefined) errors.push('groupBy is not accepted here: filter by carrier, corridor or serviceLevel instead');
  if (errors.length > 0 || !base.ok) return { ok: false, errors };
  return { ok: true, value: { ...base.value, metric: metric as KpiDistributionMetric } };
}
