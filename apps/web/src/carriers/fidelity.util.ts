import { DAY_MS } from '@lanewatch/domain';
import type { FeedWarningKind, FidelityAnswer, FidelityFigures, WarningCounts } from '@lanewatch/domain';
import { asArray, asRecord, oneOf, optionalNumber, requiredNumber, text, type Fields } from '../api/parse.util';
import { columnsCsv, type CsvColumn, csvFileName } from '../shared/csv.util';

export type { FidelityAnswer, FidelityFigures } from '@lanewatch/domain';

// The kinds as the API lists them (the dashboard bundle does not load libs/domain's runtime).
export const WARNING_KINDS: readonly FeedWarningKind[] = ['unknown_handover_carrier', 'unresolved_country', 'other'];
export const WARNING_LABELS: Record<FeedWarningKind, string> = {
  unknown_handover_carrier: 'Unknown next carriers',
  unresolved_country: 'Unresolved country names',
  other: 'Other warnings',
};

export const MAX_FIDELITY_DAYS = 92;

export type CarrierFidelityRow = { carrier: string; name: string; totals: FidelityFigures; buckets: FidelityAnswer['buckets'] };
export type IngestFidelity = { from: string; to: string; bucket: FidelityAnswer['bucket']; carriers: CarrierFidelityRow[] };

function figures(record: Fields, path: string): FidelityFigures {
  const warnings = asRecord(record.warnings, `${path}.warnings`);
  return {
    events: requiredNumber(record, 'events', path),
    unmapped: requiredNumber(record, 'unmapped', path),
    unclassified: requiredNumber(record, 'unclassified', path),
    rejected: requiredNumber(record, 'rejected', path),
    unmappedShare: optionalNumber(record, 'unmappedShare', path),
    unclassifiedShare: optionalNumber(record, 'unclassifiedShare', path),
    warnings: Object.fromEntries(WARNING_KINDS.map((kind) => [kind, requiredNumber(warnings, kind, `${path}.warnings`)])) as WarningCounts,
  };
}

function buckets(value: unknown, path: string): FidelityAnswer['buckets'] {
  return asArray(value, path).map((entry, index) => {
    const bucket = asRecord(entry, `${path}[${index}]`);
    return { start: text(bucket, 'start', `${path}[${index}]`), ...figures(bucket, `${path}[${index}]`) };
  });
}

export function parseFidelityAnswer(body: unknown): FidelityAnswer {
  const record = asRecord(body, 'body');
  return {
    carrier: text(record, 'carrier', 'body'),
    from: text(record, 'from', 'body'),
    to: text(record, 'to', 'body'),
    bucket: oneOf(record, 'bucket', ['hour', 'day'], 'body'),
    buckets: buckets(record.buckets, 'body.buckets'),
    totals: figures(asRecord(record.totals, 'body.totals'), 'body.totals'),
  };
}

export function parseIngestFidelity(body: unknown): IngestFidelity {
  const record = asRecord(body, 'body');
  return {
    from: text(record, 'from', 'body'),
    to: text(record, 'to', 'body'),
    bucket: oneOf(record, 'bucket', ['hour', 'day'], 'body'),
    carriers: asArray(record.carriers, 'body.carriers').map((entry, index) => {
      const path = `body.carriers[${index}]`;
      const row = asRecord(entry, path);
      return { carrier: text(row, 'carrier', path), name: text(row, 'name', path), totals: figures(asRecord(row.totals, `${path}.totals`), `${path}.totals`), buckets: buckets(row.buckets, `${path}.buckets`) };
    }),
  };
}

/**
 * The dashboard range as whole UTC days (fidelity counters are dated by receipt, per day): from the
 * midnight starting the range's first day to the one ending its last, at most the API's 92 days
 * (the most recent ones).
 */
export function fidelityDays({ fromMs, toMs }: { fromMs: number; toMs: number }): { fromMs: number; toMs: number; clipped: boolean } {
  const end = Math.ceil(toMs / DAY_MS) * DAY_MS;
  const start = Math.floor(fromMs / DAY_MS) * DAY_MS;
  const earliest = end - MAX_FIDELITY_DAYS * DAY_MS;
  return { fromMs: Math.max(start, earliest), toMs: Math.max(end, start + DAY_MS), clipped: start < earliest };
}

export type FidelityPoint = { startMs: number; unmappedShare: number | null; unclassifiedShare: number | null; rejected: number; warnings: number };

export const warningTotal = (counts: WarningCounts): number => WARNING_KINDS.reduce((sum, kind) => sum + counts[kind], 0);

export function fidelityPoints(answer: FidelityAnswer): FidelityPoint[] {
  return answer.buckets.map((bucket) => ({
    startMs: Date.parse(bucket.start),
    unmappedShare: bucket.unmappedShare,
    unclassifiedShare: bucket.unclassifiedShare,
    rejected: bucket.rejected,
    warnings: warningTotal(bucket.warnings),
  }));
}

export function hasFidelity(figures: FidelityFigures): boolean {
  return figures.events + figures.rejected + warningTotal(figures.warnings) > 0;
}

const figureColumns = <T>(of: (row: T) => FidelityFigures): CsvColumn<T>[] => [
  { header: 'events', value: (row) => of(row).events },
  { header: 'unmapped', value: (row) => of(row).unmapped },
  { header: 'unmapped_share', value: (row) => of(row).unmappedShare },
  { header: 'unclassified', value: (row) => of(row).unclassified },
  { header: 'unclassified_share', value: (row) => of(row).unclassifiedShare },
  { header: 'rejected', value: (row) => of(row).rejected },
  ...WARNING_KINDS.map((kind): CsvColumn<T> => ({ header: `warnings_${kind}`, value: (row) => of(row).warnings[kind] })),
];

export function fidelityCsv(answer: FidelityAnswer): string {
  type Bucket = FidelityAnswer['buckets'][number];
  return columnsCsv<Bucket>([{ header: `${answer.bucket}_utc`, value: (row) => row.start }, ...figureColumns<Bucket>((row) => row)], answer.buckets);
}

export function ingestFidelityCsv(answer: IngestFidelity): string {
  return columnsCsv<CarrierFidelityRow>([{ header: 'carrier', value: (row) => row.carrier }, ...figureColumns<CarrierFidelityRow>((row) => row.totals)], answer.carriers);
}

export function fidelityCsvFileName(answer: { carrier?: string | null; from: string; to: string }): string {
  return csvFileName(...(answer.carrier ? [answer.carrier] : []), 'mapping-fidelity', answer.from.slice(0, 13), answer.to.slice(0, 13));
}
