import { gridInstant } from './timestamps';
import { HOUR_MS } from './time-units';

export const DEFAULT_THROUGHPUT_HOURS = 24;
export const MAX_THROUGHPUT_DAYS = 7;

/** What each ingest request answered, per UTC hour of receipt: accepted, repeated within the request, rejected. */
export interface IngestHourCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** GET /api/v1/ingest/throughput: every hour of [from, to) in order, zeros included, and their totals. */
export interface IngestThroughput {
  from: string;
  to: string;
  carrier: string | null;
  hours: (IngestHourCounts & { hour: string })[];
  totals: IngestHourCounts;
}

export interface IngestThroughputParams {
  fromMs: number;
  toMs: number;
  carrier?: string;
}

export type IngestThroughputQueryResult = { ok: true; value: IngestThroughputParams } | { ok: false; errors: string[] };

/** The start of the UTC hour holding an instant (UTC offsets are whole hours from the epoch's hour grid). */
export function utcHourStart(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}

/**
 * GET /ingest/throughput parameters. Counts are kept per whole UTC hour, so the bounds must fall on
 * one; without them the window is the last 24 hours up to the end of the current hour.
 */
export function parseIngestThroughputQuery(query: Record<string, unknown>, now: Date): IngestThroughputQueryResult {
  const errors: string[] = [];
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : undefined);
  for (const name of ['from', 'to', 'carrier']) {
    if (query[name] !== undefined && typeof query[name] !== 'string') errors.push(`${name} must be given once`);
  }
  const instant = (name: 'from' | 'to'): number | null | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    return gridInstant({ name, value, stepMs: HOUR_MS, offGrid: 'must fall on a whole UTC hour (e.g. 2026-11-02T08:00:00Z)', errors });
  };
  const givenFrom = instant('from');
  const givenTo = instant('to');
  const toMs = givenTo ?? utcHourStart(now.getTime()) + HOUR_MS;
  const fromMs = givenFrom ?? toMs - DEFAULT_THROUGHPUT_HOURS * HOUR_MS;
  if (givenFrom !== null && givenTo !== null) {
    if (fromMs >= toMs) errors.push(givenTo === undefined ? 'from must be before the end of the current hour when to is omitted' : 'from must be before to');
    else if (toMs - fromMs > MAX_THROUGHPUT_DAYS * 24 * HOUR_MS) errors.push(`the window from from to to must be at most ${MAX_THROUGHPUT_DAYS} days`);
  }
  const carrier = text('carrier');
  if (carrier !== undefined && !/^[a-z0-9][a-z0-9_-]{1,39}$/.test(carrier)) errors.push('carrier must be a carrier code');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { fromMs, toMs, ...(carrier ? { carrier } : {}) } };
}

/** The endpoint's answer from the counters of every hour of the window (in order, zeros included). */
export function ingestThroughputAnswer({
  fromMs,
  toMs,
  carrier,
  hours,
}: {
  fromMs: number;
  toMs: number;
  carrier: string | null;
  hours: readonly (IngestHourCounts & { hour: Date })[];
}): IngestThroughput {
  const totals: IngestHourCounts = { accepted: 0, duplicates: 0, rejected: 0 };
  for (const hour of hours) {
    totals.accepted += hour.accepted;
    totals.duplicates += hour.duplicates;
    totals.rejected += hour.rejected;
  }
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    carrier,
    hours: hours.map(({ hour, accepted, duplicates, rejected }) => ({ hour: hour.toISOString(), accepted, duplicates, rejected })),
    totals,
  };
}
