import { gridInstant } from './timestamps';
import { DAY_MS, QUARTER_HOUR_MS } from './time-units';

export const KPI_GROUP_BYS = ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BYS)[number];
export const MAX_KPI_WINDOW_DAYS = 400;

export interface KpiQueryParams {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  groupBy: ('carrier' | 'corridor' | 'serviceLevel')[];
  carrier?: string;
  corridor?: string;
  serviceLevel?: string;
  /** a contract's name: also answer its clock family (contracts.md §1) */
  contract?: string;
  /** the reading instant: facts closing at or after it are not counted yet */
  asOf?: string;
  asOfMs?: number;
}

export type KpiQueryResult = { ok: true; value: KpiQueryParams } | { ok: false; errors: string[] };

/** An instant with its UTC offset, on a quarter hour (rollups are kept per 15 minutes at the edges). */
const quarterHourInstant = (name: string, value: string, errors: string[]) =>
  gridInstant({ name, value, stepMs: QUARTER_HOUR_MS, offGrid: 'must fall on a quarter hour (e.g. 2026-11-01T00:00:00-03:00)', errors });

/** GET /kpis parameters (kpis.md §3). Bounds fall on a quarter hour: rollups are kept per 15 minutes at the edges. */
export function parseKpiQuery(query: Record<string, unknown>): KpiQueryResult {
  const errors: string[] = [];
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : undefined);
  const instant = (name: 'from' | 'to' | 'asOf') => {
    const value = text(name);
    if (!value) {
      if (name !== 'asOf') errors.push(`${name} is required (ISO 8601 with a UTC offset)`);
      return null;
    }
    return quarterHourInstant(name, value, errors);
  };
  const fromMs = instant('from');
  const toMs = instant('to');
  const asOfMs = instant('asOf');
  if (fromMs !== null && toMs !== null) {
    if (fromMs >= toMs) errors.push('from must be before to');
    else if (toMs - fromMs > MAX_KPI_WINDOW_DAYS * DAY_MS) errors.push(`the window must be at most ${MAX_KPI_WINDOW_DAYS} days`);
  }
  const groupBy = text('groupBy');
  if (groupBy !== undefined && !(KPI_GROUP_BYS as readonly string[]).includes(groupBy)) {
    errors.push(`groupBy must be one of ${KPI_GROUP_BYS.join(', ')}`);
  }
  const corridor = text('corridor');
  if (corridor !== undefined && !/^[A-Z]{2}-[A-Z]{2}$/.test(corridor)) errors.push('corridor must look like CN-BR (ISO 3166-1 alpha-2 codes)');
  const carrier = text('carrier');
  if (carrier !== undefined && !/^[a-z0-9][a-z0-9_-]{1,39}$/.test(carrier)) errors.push('carrier must be a carrier code');
  const serviceLevel = text('serviceLevel');
  if (serviceLevel !== undefined && (serviceLevel.length === 0 || serviceLevel.length > 200)) errors.push('serviceLevel must be 1-200 characters');
  const contract = text('contract');
  if (contract !== undefined && (contract.length === 0 || contract.length > 200)) errors.push('contract must be a contract name of 1-200 characters');
  if (errors.length > 0 || fromMs === null || toMs === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      from: text('from') as string,
      to: text('to') as string,
      fromMs,
      toMs,
      groupBy: groupBy ? (groupBy.split(',') as KpiQueryParams['groupBy']) : [],
      ...(carrier ? { carrier } : {}),
      ...(corridor ? { corridor } : {}),
      ...(serviceLevel ? { serviceLevel } : {}),
      ...(contract ? { contract } : {}),
      ...(asOfMs !== null ? { asOf: text('asOf') as string, asOfMs } : {}),
    },
  };
}

export const KPI_TIMESERIES_METRICS = ['transit', 'customsHold', 'firstAttempt', 'onTime'] as const;
export type KpiTimeseriesMetric = (typeof KPI_TIMESERIES_METRICS)[number];

export const KPI_TIMESERIES_BUCKETS = ['day', 'week'] as const;
export type KpiTimeseriesBucket = (typeof KPI_TIMESERIES_BUCKETS)[number];

/** The dashboard's trend metrics plus `clock`, a contract's clockDays (contracts.md §1): only with contract=. */
export const KPI_TIMESERIES_API_METRICS = [...KPI_TIMESERIES_METRICS, 'clock'] as const;
export type KpiTimeseriesApiMetric = (typeof KPI_TIMESERIES_API_METRICS)[number];

export type KpiTimeseriesParams = KpiQueryParams & { metric: KpiTimeseriesApiMetric; bucket: KpiTimeseriesBucket };

/** GET /kpis/timeseries: the /kpis parameters plus metric and bucket (kpis.md §6). */
export function parseKpiTimeseriesQuery(query: Record<string, unknown>): { ok: true; value: KpiTimeseriesParams } | { ok: false; errors: string[] } {
  const base = parseKpiQuery(query);
  const errors = base.ok ? [] : [...base.errors];
  const metric = typeof query.metric === 'string' ? query.metric.trim() : '';
  if (!(KPI_TIMESERIES_API_METRICS as readonly string[]).includes(metric)) errors.push(`metric must be one of ${KPI_TIMESERIES_API_METRICS.join(', ')}`);
  else if (metric === 'clock' && base.ok && !base.value.contract) errors.push('metric clock needs contract (the contract whose clock is read)');
  const bucket = typeof query.bucket === 'string' ? query.bucket.trim() : 'day';
  if (!(KPI_TIMESERIES_BUCKETS as readonly string[]).includes(bucket)) errors.push('bucket must be day or week');
  if (errors.length > 0 || !base.ok) return { ok: false, errors };
  return { ok: true, value: { ...base.value, metric: metric as KpiTimeseriesApiMetric, bucket: bucket as KpiTimeseriesBucket } };
}

export interface ScorecardQueryParams {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  asOf: string;
  asOfMs: number;
}

/**
 * Scorecard parameters: asOf defaults to the next quarter hour after now (so what arrived in the
 * current quarter hour counts), the window to the 30 days before asOf; bounds fall on a quarter hour.
 */
export function parseScorecardQuery(query: Record<string, unknown>, nowMs: number): { ok: true; value: ScorecardQueryParams } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const given = (name: string) => (typeof query[name] === 'string' && (query[name] as string).trim() ? (query[name] as string).trim() : null);
  const iso = (ms: number) => new Date(ms).toISOString();
  const asOfText = given('asOf') ?? iso(Math.ceil(nowMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
  const asOfMs = quarterHourInstant('asOf', asOfText, errors);
  if (asOfMs === null || errors.length > 0) return { ok: false, errors };
  const parsed = parseKpiQuery({
    from: given('from') ?? iso(asOfMs - 30 * DAY_MS),
    to: given('to') ?? iso(asOfMs),
  });
  if (!parsed.ok) return parsed;
  const { from, to, fromMs, toMs } = parsed.value;
  return { ok: true, value: { from, to, fromMs, toMs, asOf: asOfText, asOfMs } };
}
