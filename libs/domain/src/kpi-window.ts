// The windows a KPI read covers: pure rules shared by the read model (KPIs, timeseries, scorecards, distributions).
import { tierBucketStart } from './kpi-contributions';
import type { KpiQueryParams } from './kpi-query';
import { DAY_MS } from './time-units';

/** The window actually read: [from, min(to, asOf)). */
export function effectiveWindow(params: Pick<KpiQueryParams, 'fromMs' | 'toMs' | 'asOfMs'>): { fromMs: number; toMs: number } {
  return { fromMs: params.fromMs, toMs: params.asOfMs === undefined ? params.toMs : Math.min(params.toMs, params.asOfMs) };
}

/** The start of each UTC day or ISO week (Monday) bucket overlapping [from, to), clipped to it. */
export function timeseriesBuckets(fromMs: number, toMs: number, bucket: 'day' | 'week'): { startMs: number; endMs: number; key: number }[] {
  const out: { startMs: number; endMs: number; key: number }[] = [];
  const weekStart = (ms: number) => {
    const day = tierBucketStart(0, ms);
    return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  };
  const size = bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  for (let key = bucket === 'day' ? tierBucketStart(0, fromMs) : weekStart(fromMs); key < toMs; key += size) {
    out.push({ key, startMs: Math.max(key, fromMs), endMs: Math.min(key + size, toMs) });
  }
  return out;
}
