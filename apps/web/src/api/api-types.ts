export type { IngestStatus } from '@lanewatch/domain';
import {
  type CustomsHoldKpi,
  type FirstAttemptKpi,
  type IngestStatus,
  KPI_TIMESERIES_METRICS,
  type KpiTimeseriesBucket,
  type KpiTimeseriesMetric,
  type OnTimeKpi,
  type RateInterval,
  type TransitKpi,
} from '@lanewatch/domain';
import { type Fields, isRecord, optionalNumber, optionalText, text } from './parse.util';

export type DependencyHealth = { ok: boolean };

// The dependencies are details the API gives a signed-in user only; null when it did not (unknown).
export type HealthReport = {
  status: 'ok' | 'degraded';
  postgres: DependencyHealth | null;
  redis: DependencyHealth | null;
};

export const INGEST_STATUS_FIELDS = [
  'pendingBatches',
  'processedBatches',
  'failedBatches',
  'eventsStored',
  'duplicates',
  'unlinkedEvents',
  'unmappedEvents',
  'deadLetters',
  'derivationBacklog',
  'compactionBacklog',
] as const satisfies readonly (keyof IngestStatus)[];

// The API is a separate deployable; checking shapes here turns a version mismatch into a clear
// message instead of NaN tiles.
export function parseIngestStatus(body: unknown): IngestStatus {
  if (!isRecord(body)) {
    throw new TypeError('ingest status: expected a JSON object');
  }
  const missing = INGEST_STATUS_FIELDS.filter((field) => !Number.isInteger(body[field]));
  if (missing.length > 0) {
    throw new TypeError(`ingest status: ${missing.join(', ')} must be integers`);
  }
  const status = {} as IngestStatus;
  for (const field of INGEST_STATUS_FIELDS) {
    status[field] = body[field] as number;
  }
  return status;
}

function parseDependency(body: Record<string, unknown>, name: string): DependencyHealth | null {
  const dependency = body[name];
  if (dependency === undefined) {
    return null;
  }
  if (!isRecord(dependency) || typeof dependency.ok !== 'boolean') {
    throw new TypeError(`health: ${name}.ok must be a boolean`);
  }
  return { ok: dependency.ok };
}

export function parseHealthReport(body: unknown): HealthReport {
  if (!isRecord(body)) {
    throw new TypeError('health: expected a JSON object');
  }
  if (body.status !== 'ok' && body.status !== 'degraded') {
    throw new TypeError('health: status must be "ok" or "degraded"');
  }
  return {
    status: body.status,
    postgres: parseDependency(body, 'postgres'),
    redis: parseDependency(body, 'redis'),
  };
}

// ---- KPIs (kpis.md §5-6), scorecards and time series --------------------------------------
// Any figure may be null (no data); null is kept as null all the way to the screen, never 0.
// A missing field reads as null so an older API still renders; a field of the wrong type fails
// with its path, which is what someone debugging a version mismatch needs.

export type Interval = RateInterval;

// The API's KPI rows (the domain's contract types) as the dashboard keeps them: any figure may be null.
type Nullable<T> = { [K in keyof T]: T[K] | null };

export type TransitStats = Nullable<TransitKpi>;

export type CustomsHoldStats = Nullable<CustomsHoldKpi>;

export type FirstAttemptStats = Nullable<FirstAttemptKpi> & { ci95: Interval | null };

export type OnTimeStats = Nullable<OnTimeKpi> & { ci95: Interval | null };

export type KpiFamilies = {
  transit: TransitStats;
  customsHold: CustomsHoldStats;
  firstAttempt: FirstAttemptStats;
  onTime: OnTimeStats;
};

export type KpiMetric = KpiTimeseriesMetric;
export const KPI_METRICS = KPI_TIMESERIES_METRICS;

export type KpiFamilyValues = { [M in KpiMetric]: KpiFamilies[M] | null };

export type CorridorKpiRow = KpiFamilyValues & { corridor: string | null; serviceLevel: string | null };

export type CensoredTransit = {
  cohort: number | null;
  delivered: number | null;
  censored: number | null;
  medianDays: number | null;
  p90Days: number | null;
};

export type FeedQuality = {
  events: number | null;
  latencyP50Hours: number | null;
  latencyP95Hours: number | null;
  unmapped: number | null;
  unmappedRate: number | null;
  unmappedCi95: Interval | null;
};

export type Silence = {
  active: number | null;
  silent: number | null;
  silentRate: number | null;
  silentCi95: Interval | null;
  lost: number | null;
};

export type Handover = {
  from: string;
  to: string;
  count: number | null;
  meanHours: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
};

export type CarrierScorecard = {
  carrier: string;
  name: string;
  kpis: KpiFamilyValues;
  censoredTransit: CensoredTransit | null;
  feed: FeedQuality | null;
  silence: Silence | null;
  handovers: Handover[];
  corridors: CorridorKpiRow[];
};

export type Scorecards = { from: string; to: string; asOf: string | null; carriers: CarrierScorecard[] };

export type TimeseriesBucket = KpiTimeseriesBucket;

export type TimeseriesPoint<M extends KpiMetric> = {
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  value: KpiFamilies[M] | null;
};

export type TimeseriesSeries<M extends KpiMetric> = {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  points: TimeseriesPoint<M>[];
};

export type Timeseries<M extends KpiMetric> = {
  metric: M;
  bucket: TimeseriesBucket;
  from: string;
  to: string;
  series: TimeseriesSeries<M>[];
};

function numbers<K extends string>(record: Fields, keys: readonly K[], path: string): Record<K, number | null> {
  const result = {} as Record<K, number | null>;
  for (const key of keys) {
    result[key] = optionalNumber(record, key, path);
  }
  return result;
}

// null and absent both mean "no data for this family".
function optionalRecord(record: Fields, key: string, path: string): Fields | null {
  const value = record[key];
  if (value === undefined || value === null) {
    return null;
  }
  if (!isRecord(value)) {
    throw new TypeError(`${path}.${key} must be an object or null`);
  }
  return value;
}

function records(record: Fields, key: string, path: string, { required }: { required: boolean }): Fields[] {
  const value = record[key];
  if (value === undefined && !required) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new TypeError(`${path}.${key} must be an array`);
  }
  return value.map((item, index) => {
    if (!isRecord(item)) {
      throw new TypeError(`${path}.${key}[${index}] must be an object`);
    }
    return item;
  });
}

function instant(record: Fields, key: string, path: string): { iso: string; epochMs: number } {
  const iso = text(record, key, path);
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) {
    throw new TypeError(`${path}.${key} must be an ISO 8601 instant`);
  }
  return { iso, epochMs };
}

function parseInterval(record: Fields, key: string, path: string): Interval | null {
  const value = optionalRecord(record, key, path);
  if (value === null) {
    return null;
  }
  const { low, high } = numbers(value, ['low', 'high'], `${path}.${key}`);
  return low === null || high === null ? null : { low, high };
}

type FamilyParser<M extends KpiMetric> = (record: Fields, path: string) => KpiFamilies[M];

const FAMILY_PARSERS: { [M in KpiMetric]: FamilyParser<M> } = {
  transit: (record, path) =>
    numbers(record, ['count', 'meanDays', 'stddevDays', 'varianceDays', 'p50Days', 'p90Days', 'p95Days'], path),
  customsHold: (record, path) => numbers(record, ['count', 'meanHours', 'p50Hours', 'p90Hours'], path),
  // /kpis rows carry no interval; scorecards and their corridor rows do.
  firstAttempt: (record, path) => ({
    ...numbers(record, ['attempted', 'delivered', 'rate'], path),
    ci95: parseInterval(record, 'ci95', path),
  }),
  onTime: (record, path) => ({
    ...numbers(record, ['delivered', 'onTime', 'rate'], path),
    ci95: parseInterval(record, 'ci95', path),
  }),
};

function parseFamily<M extends KpiMetric>(metric: M, record: Fields, key: string, path: string): KpiFamilies[M] | null {
  const value = optionalRecord(record, key, path);
  return value === null ? null : FAMILY_PARSERS[metric](value, `${path}.${key}`);
}

function parseFamilies(record: Fields, path: string): KpiFamilyValues {
  return {
    transit: parseFamily('transit', record, 'transit', path),
    customsHold: parseFamily('customsHold', record, 'customsHold', path),
    firstAttempt: parseFamily('firstAttempt', record, 'firstAttempt', path),
    onTime: parseFamily('onTime', record, 'onTime', path),
  };
}

export function parseCarrierScorecard(record: Fields, path: string): CarrierScorecard {
  const kpis = optionalRecord(record, 'kpis', path);
  const censored = optionalRecord(record, 'censoredTransit', path);
  const feed = optionalRecord(record, 'feed', path);
  const silence = optionalRecord(record, 'silence', path);
  const carrier = text(record, 'carrier', path);
  return {
    carrier,
    // A carrier registered without a display name still gets a readable row.
    name: optionalText(record, 'name', path) ?? carrier,
    kpis: kpis === null ? parseFamilies({}, `${path}.kpis`) : parseFamilies(kpis, `${path}.kpis`),
    censoredTransit:
      censored === null
        ? null
        : numbers(censored, ['cohort', 'delivered', 'censored', 'medianDays', 'p90Days'], `${path}.censoredTransit`),
    feed:
      feed === null
        ? null
        : {
            ...numbers(feed, ['events', 'latencyP50Hours', 'latencyP95Hours', 'unmapped', 'unmappedRate'], `${path}.feed`),
            unmappedCi95: parseInterval(feed, 'unmappedCi95', `${path}.feed`),
          },
    silence:
      silence === null
        ? null
        : {
            ...numbers(silence, ['active', 'silent', 'silentRate', 'lost'], `${path}.silence`),
            silentCi95: parseInterval(silence, 'silentCi95', `${path}.silence`),
          },
    handovers: records(record, 'handovers', path, { required: false }).map((handover, index) => {
      const at = `${path}.handovers[${index}]`;
      return {
        from: text(handover, 'from', at),
        to: text(handover, 'to', at),
        ...numbers(handover, ['count', 'meanHours', 'p50Hours', 'p90Hours'], at),
      };
    }),
    corridors: records(record, 'corridors', path, { required: false }).map((row, index) => {
      const at = `${path}.corridors[${index}]`;
      return {
        corridor: optionalText(row, 'corridor', at),
        serviceLevel: optionalText(row, 'serviceLevel', at),
        ...parseFamilies(row, at),
      };
    }),
  };
}

export function parseScorecards(body: unknown): Scorecards {
  if (!isRecord(body)) {
    throw new TypeError('scorecards: expected a JSON object');
  }
  return {
    from: instant(body, 'from', 'scorecards').iso,
    to: instant(body, 'to', 'scorecards').iso,
    asOf: body.asOf === undefined || body.asOf === null ? null : instant(body, 'asOf', 'scorecards').iso,
    carriers: records(body, 'carriers', 'scorecards', { required: true }).map((carrier, index) =>
      parseCarrierScorecard(carrier, `scorecards.carriers[${index}]`),
    ),
  };
}

export function parseTimeseries<M extends KpiMetric>(body: unknown, metric: M): Timeseries<M> {
  if (!isRecord(body)) {
    throw new TypeError('timeseries: expected a JSON object');
  }
  // A response for another metric would be drawn with the wrong units; refuse it.
  if (body.metric !== metric) {
    throw new TypeError(`timeseries: metric must be "${metric}"`);
  }
  if (body.bucket !== 'day' && body.bucket !== 'week') {
    throw new TypeError('timeseries: bucket must be "day" or "week"');
  }
  return {
    metric,
    bucket: body.bucket,
    from: instant(body, 'from', 'timeseries').iso,
    to: instant(body, 'to', 'timeseries').iso,
    series: records(body, 'series', 'timeseries', { required: true }).map((series, seriesIndex) => {
      const path = `timeseries.series[${seriesIndex}]`;
      return {
        carrier: optionalText(series, 'carrier', path),
        corridor: optionalText(series, 'corridor', path),
        serviceLevel: optionalText(series, 'serviceLevel', path),
        points: records(series, 'points', path, { required: true }).map((point, pointIndex) => {
          const at = `${path}.points[${pointIndex}]`;
          const start = instant(point, 'start', at);
          const end = instant(point, 'end', at);
          return {
            start: start.iso,
            end: end.iso,
            startMs: start.epochMs,
            endMs: end.epochMs,
            value: parseFamily(metric, point, 'value', at),
          };
        }),
      };
    }),
  };
}

// ---- GET /kpis: one row per group (kpis.md §5); a field the query did not group by is null ----

export type KpiGroupRow = KpiFamilyValues & { carrier: string | null; corridor: string | null; serviceLevel: string | null };

export type KpiGroups = { from: string; to: string; rows: KpiGroupRow[] };

export function parseKpiGroups(body: unknown): KpiGroups {
  if (!isRecord(body)) {
    throw new TypeError('kpis: expected a JSON object');
  }
  return {
    from: instant(body, 'from', 'kpis').iso,
    to: instant(body, 'to', 'kpis').iso,
    rows: records(body, 'rows', 'kpis', { required: true }).map((row, index) => {
      const at = `kpis.rows[${index}]`;
      return {
        carrier: optionalText(row, 'carrier', at),
        corridor: optionalText(row, 'corridor', at),
        serviceLevel: optionalText(row, 'serviceLevel', at),
        ...parseFamilies(row, at),
      };
    }),
  };
}
