import { fetchTimeseries } from '../api/api-client';
import type { KpiMetric, TimeseriesBucket } from '../api/api-types';
import { type ApiQueryState, useApiQuery } from '../shared/use-api-query.hook';
import { seriesForCarrier, toTrendRows, TREND_METRICS, type TrendRow } from './trend-metrics.util';

export type TrendData = { bucket: TimeseriesBucket; rows: TrendRow[] };

type TrendRequest<M extends KpiMetric> = {
  token: string;
  metric: M;
  bucket: TimeseriesBucket;
  from: string;
  to: string;
  carrier: string;
  corridor: string | null;
  signal: AbortSignal;
};

async function loadTrend<M extends KpiMetric>({ metric, carrier, ...request }: TrendRequest<M>): Promise<TrendData> {
  const timeseries = await fetchTimeseries({ ...request, metric, carrier });
  const series = seriesForCarrier(timeseries, carrier);
  // No series at all: the carrier had no data in the window (a group appears only with data).
  const rows = series === null ? [] : toTrendRows({ points: series.points, definition: TREND_METRICS[metric] });
  return { bucket: timeseries.bucket, rows };
}

type UseTrendOptions = Omit<TrendRequest<KpiMetric>, 'signal' | 'carrier'> & {
  carrier: string | null;
  onUnauthorized: () => void;
};

export function useTrend({ carrier, onUnauthorized, ...request }: UseTrendOptions): ApiQueryState<TrendData> {
  const { metric, bucket, from, to, corridor } = request;
  return useApiQuery({
    requestKey: carrier === null ? null : JSON.stringify([metric, bucket, from, to, carrier, corridor]),
    load: (signal) => loadTrend({ ...request, carrier: carrier ?? '', signal }),
    onUnauthorized,
  });
}
