// Mapping fidelity per carrier (issue 14): how much of a feed lands on a milestone, over time. Events,
// unmapped and UNCLASSIFIED events come from the received-event rollups (re-maps move them); rejected
// entries and adapter warnings from the counters the API keeps per UTC hour of receipt.
import { utcHourStart } from './ingest-throughput';
import { DAY_MS, HOUR_MS } from './time-units';
import { gridInstant } from './timestamps';

/** The code a real scan without a usable code or status is stored under (formats.md, "never drop a real scan"). */
export const UNCLASSIFIED_CODE = 'UNCLASSIFIED';

/**
 * What an adapter warns about, kept to a fixed few so the counters stay bounded: a next carrier named
 * but not registered (or not named), a country name nothing resolves, and anything else kept with
 * less than the payload said (a next leg without a number or a date, a forecast with no zone).
 */
export const FEED_WARNING_KINDS = ['unknown_handover_carrier', 'unresolved_country', 'other'] as const;
export type FeedWarningKind = (typeof FEED_WARNING_KINDS)[number];
export type WarningCounts = Record<FeedWarningKind, number>;

export type FidelityBucket = 'hour' | 'day';
export const MAX_FIDELITY_HOURS = 7 * 24;
export const MAX_FIDELITY_DAYS = 92;
const DEFAULT_SPAN: Record<FidelityBucket, number> = { hour: 24, day: 30 };
const BUCKET_MS: Record<FidelityBucket, number> = { hour: HOUR_MS, day: DAY_MS };

export const noWarnings = (): WarningCounts => ({ unknown_handover_carrier: 0, unresolved_country: 0, other: 0 });

/** How many warnings of each kind a request's adapters raised. */
export function countWarnings(kinds: readonly FeedWarningKind[]): WarningCounts {
  const counts = noWarnings();
  for (const kind of kinds) counts[kind] += 1;
  return counts;
}

export interface FidelityParams {
  fromMs: number;
  toMs: number;
  bucket: FidelityBucket;
}

export type FidelityQueryResult = { ok: true; value: FidelityParams } | { ok: false; errors: string[] };

/**
 * from, to and bucket of a fidelity read. Bounds fall on the bucket's grid (a whole UTC hour or
 * day); without them the window ends with the current bucket and spans 24 hours or 30 days; at
 * most 7 days of hours or 92 days.
 */
export function parseFidelityQuery(query: Record<string, unknown>, now: Date): FidelityQueryResult {
  const errors: string[] = [];
  for (const name of ['from', 'to', 'bucket']) {
    if (query[name] !== undefined && typeof query[name] !== 'string') errors.push(`${name} must be given once`);
  }
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : undefined);
  const bucketText = text('bucket') ?? 'day';
  const bucket: FidelityBucket | null = bucketText === 'hour' || bucketText === 'day' ? bucketText : null;
  if (bucket === null) errors.push(`bucket must be 'hour' or 'day' (got '${bucketText}')`);
  const size = BUCKET_MS[bucket ?? 'day'];
  const instant = (name: 'from' | 'to'): number | null | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const offGrid = bucket === 'hour' ? 'must fall on a whole UTC hour (e.g. 2026-11-02T08:00:00Z)' : 'must fall on a UTC midnight (e.g. 2026-11-02T00:00:00Z) with bucket=day';
    return gridInstant({ name, value, stepMs: size, offGrid, errors });
  };
  const givenFrom = instant('from');
  const givenTo = instant('to');
  const toMs = givenTo ?? Math.floor(utcHourStart(now.getTime()) / size) * size + size;
  const fromMs = givenFrom ?? toMs - DEFAULT_SPAN[bucket ?? 'day'] * size;
  if (bucket !== null && givenFrom !== null && givenTo !== null) {
    const most = bucket === 'hour' ? MAX_FIDELITY_HOURS : MAX_FIDELITY_DAYS;
    if (fromMs >= toMs) errors.push(givenTo === undefined ? 'from must be before the end of the current bucket when to is omitted' : 'from must be before to');
    else if ((toMs - fromMs) / size > most) errors.push(bucket === 'hour' ? `with bucket=hour the window must be at most ${most / 24} days` : `the window must be at most ${most} days`);
  }
  if (errors.length > 0 || bucket === null) return { ok: false, errors };
  return { ok: true, value: { fromMs, toMs, bucket } };
}

/** One carrier's (or every carrier's) counts in one bucket, as the repositories read them. */
export interface FidelityCounts {
  events: number;
  unmapped: number;
  unclassified: number;
  rejected: number;
  warnings: WarningCounts;
}

export interface FidelityFigures extends FidelityCounts {
  /** unmapped / events; null without events (kpis.md: no data is null, never 0) */
  unmappedShare: number | null;
  /** UNCLASSIFIED / events, a part of the unmapped share */
  unclassifiedShare: number | null;
}

export interface FidelityAnswer {
  carrier: string | null;
  from: string;
  to: string;
  bucket: FidelityBucket;
  buckets: (FidelityFigures & { start: string })[];
  totals: FidelityFigures;
}

/** Some of a bucket's counts, as one source adds them. */
export type FidelityCountsPart = Partial<Omit<FidelityCounts, 'warnings'>> & { warnings?: Partial<WarningCounts> };

export const emptyFidelityCounts = (): FidelityCounts => ({ events: 0, unmapped: 0, unclassified: 0, rejected: 0, warnings: noWarnings() });

export function addFidelityCounts(into: FidelityCounts, more: FidelityCountsPart): FidelityCounts {
  into.events += more.events ?? 0;
  into.unmapped += more.unmapped ?? 0;
  into.unclassified += more.unclassified ?? 0;
  into.rejected += more.rejected ?? 0;
  for (const kind of FEED_WARNING_KINDS) into.warnings[kind] += more.warnings?.[kind] ?? 0;
  return into;
}

export function fidelityFigures(counts: FidelityCounts): FidelityFigures {
  const share = (part: number) => (counts.events > 0 ? part / counts.events : null);
  return { ...counts, warnings: { ...counts.warnings }, unmappedShare: share(counts.unmapped), unclassifiedShare: share(counts.unclassified) };
}

/** Every bucket of [from, to) in order, zeros included, from counts keyed by their bucket's start (epoch ms). */
export function fidelityAnswer({
  carrier,
  params,
  counts,
}: {
  carrier: string | null;
  params: FidelityParams;
  counts: ReadonlyMap<number, FidelityCountsPart>;
}): FidelityAnswer {
  const size = BUCKET_MS[params.bucket];
  const totals = emptyFidelityCounts();
  const buckets: FidelityAnswer['buckets'] = [];
  for (let start = params.fromMs; start < params.toMs; start += size) {
    const bucket = addFidelityCounts(emptyFidelityCounts(), counts.get(start) ?? {});
    addFidelityCounts(totals, bucket);
    buckets.push({ start: new Date(start).toISOString(), ...fidelityFigures(bucket) });
  }
  return { carrier, from: new Date(params.fromMs).toISOString(), to: new Date(params.toMs).toISOString(), bucket: params.bucket, buckets, totals: fidelityFigures(totals) };
}
