import { HOUR_MS } from '@lanewatch/domain';
import type { IngestHourCounts, IngestThroughput } from '@lanewatch/domain';
import { asArray, asRecord, optionalText, requiredNumber, text } from '../api/parse.util';
import { columnsCsv, csvFileName } from '../shared/csv.util';

export type { IngestHourCounts, IngestThroughput } from '@lanewatch/domain';

export const THROUGHPUT_HOURS = 24;

function counts(record: Record<string, unknown>, path: string): IngestHourCounts {
  return {
    accepted: requiredNumber(record, 'accepted', path),
    duplicates: requiredNumber(record, 'duplicates', path),
    rejected: requiredNumber(record, 'rejected', path),
  };
}

export function parseIngestThroughput(body: unknown): IngestThroughput {
  const record = asRecord(body, 'body');
  return {
    from: text(record, 'from', 'body'),
    to: text(record, 'to', 'body'),
    carrier: optionalText(record, 'carrier', 'body'),
    hours: asArray(record.hours, 'body.hours').map((entry, index) => {
      const hour = asRecord(entry, `body.hours[${index}]`);
      return { hour: text(hour, 'hour', `body.hours[${index}]`), ...counts(hour, `body.hours[${index}]`) };
    }),
    totals: counts(asRecord(record.totals, 'body.totals'), 'body.totals'),
  };
}

// Counts are kept per whole UTC hour: the window ends with the hour holding now, so it is still filling.
export function throughputWindow({ nowMs, hours = THROUGHPUT_HOURS }: { nowMs: number; hours?: number }): { fromMs: number; toMs: number } {
  const toMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS + HOUR_MS;
  return { fromMs: toMs - hours * HOUR_MS, toMs };
}

export type ThroughputPoint = IngestHourCounts & { hourMs: number };

export function throughputPoints(throughput: IngestThroughput): ThroughputPoint[] {
  return throughput.hours.map(({ hour, accepted, duplicates, rejected }) => ({ hourMs: Date.parse(hour), accepted, duplicates, rejected }));
}

export function hasThroughput(throughput: IngestThroughput): boolean {
  const { accepted, duplicates, rejected } = throughput.totals;
  return accepted + duplicates + rejected > 0;
}

export function throughputCsv(throughput: IngestThroughput): string {
  return columnsCsv<IngestThroughput['hours'][number]>(
    [
      { header: 'hour_utc', value: (row) => row.hour },
      { header: 'accepted', value: (row) => row.accepted },
      { header: 'duplicates_in_request', value: (row) => row.duplicates },
      { header: 'rejected', value: (row) => row.rejected },
    ],
    throughput.hours,
  );
}

export function throughputCsvFileName(throughput: IngestThroughput): string {
  return csvFileName(...(throughput.carrier ? [throughput.carrier] : []), 'ingest-throughput', throughput.from.slice(0, 13), throughput.to.slice(0, 13));
}

export type HourSummary = IngestHourCounts & { fromMs: number; toMs: number };

// The overview's glance: the last complete hour, and the one still filling. null when the answer
// does not cover the hour (an older answer after the hour turned).
export function recentHours({ throughput, nowMs }: { throughput: IngestThroughput; nowMs: number }): { lastHour: HourSummary | null; thisHour: HourSummary | null } {
  const thisHourMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const find = (fromMs: number): HourSummary | null => {
    const found = throughput.hours.find((entry) => Date.parse(entry.hour) === fromMs);
    return found ? { fromMs, toMs: fromMs + HOUR_MS, accepted: found.accepted, duplicates: found.duplicates, rejected: found.rejected } : null;
  };
  return { lastHour: find(thisHourMs - HOUR_MS), thisHour: find(thisHourMs) };
}
