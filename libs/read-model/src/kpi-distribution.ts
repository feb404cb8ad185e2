import { readRollups, SqlRunner } from '@lanewatch/db';
import {
  CUSTOMS_HOLD_DISPLAY_EDGES_HOURS,
  DisplayBin,
  effectiveWindow,
  foldIntoDisplayBins,
  HISTOGRAM_OF,
  HistogramSpec,
  KPI_LEVEL,
  KpiFamily,
  KpiDistributionMetric,
  KpiDistributionParams,
  rollupRanges,
  TRANSIT_DISPLAY_EDGES_DAYS,
} from '@lanewatch/domain';
import { filterCarrierId } from './kpis';
import { groupRollups } from './rollup-groups';

export interface KpiDistributionResponse {
  metric: KpiDistributionMetric;
  unit: 'hours' | 'days';
  from: string;
  to: string;
  asOf?: string;
  carrier?: string;
  corridor?: string;
  serviceLevel?: string;
  /** values in the window: the same number as the metric's count in /kpis */
  count: number;
  bins: DisplayBin[];
}

const METRICS: Record<KpiDistributionMetric, { family: KpiFamily; unit: 'hours' | 'days'; edges: readonly number[] }> = {
  customsHold: { family: 'customs', unit: 'hours', edges: CUSTOMS_HOLD_DISPLAY_EDGES_HOURS },
  transit: { family: 'transit', unit: 'days', edges: TRANSIT_DISPLAY_EDGES_DAYS },
};

/**
 * The distribution of transit days or customs hold hours over [from, min(to, asOf)), from the
 * same rollup cells as /kpis (leg facts of the carrier's legs when filtered by carrier, otherwise
 * shipment facts), their histogram buckets folded into display bins.
 */
export async function computeKpiDistribution(runner: SqlRunner, params: KpiDistributionParams): Promise<KpiDistributionResponse> {
  const metric = METRICS[params.metric];
  const carrierId = await filterCarrierId(runner, params.carrier);
  const window = effectiveWindow(params);
  const result = await readRollups(runner, {
    level: params.carrier ? KPI_LEVEL.leg : KPI_LEVEL.shipment,
    families: [metric.family],
    ranges: window.fromMs < window.toMs ? rollupRanges(window.fromMs, window.toMs) : [],
    groupBy: [],
    carrierId,
    corridor: params.corridor,
    serviceLevel: params.serviceLevel,
    histograms: true,
  });
  // Summed the way /kpis sums them, so both answers read the same cells the same way.
  const cells = groupRollups(result, () => 'all', (key) => key).get('all')?.families.get(metric.family);
  const spec = HISTOGRAM_OF[metric.family] as HistogramSpec;
  return {
    metric: params.metric,
    unit: metric.unit,
    from: params.from,
    to: params.to,
    ...(params.asOf ? { asOf: params.asOf } : {}),
    ...(params.carrier ? { carrier: params.carrier } : {}),
    ...(params.corridor ? { corridor: params.corridor } : {}),
    ...(params.serviceLevel ? { serviceLevel: params.serviceLevel } : {}),
    count: cells?.count ?? 0,
    bins: foldIntoDisplayBins({ histogram: cells?.histogram ?? new Map(), spec, edges: metric.edges }),
  };
}
