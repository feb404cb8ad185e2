import type { CodeMapMappings, DataQuality } from '../api/data-quality-types';
import { columnsCsv, type CsvColumn } from '../shared/csv.util';

// The API's PUT replaces the whole map: keep every existing mapping and add (or change) one.
type MappingChange = { mappings: CodeMapMappings; code: string; milestone: string };

export function withMapping({ mappings, code, milestone }: MappingChange): CodeMapMappings {
  return { ...mappings, [code]: milestone };
}

export type DataQualityTotals = {
  unmappedEvents: number;
  unmappedCodes: number;
  unlinkedEvents: number;
  unlinkedLegs: number;
  issues: number;
};

export function dataQualityTotals(reports: readonly DataQuality[]): DataQualityTotals {
  const totals: DataQualityTotals = { unmappedEvents: 0, unmappedCodes: 0, unlinkedEvents: 0, unlinkedLegs: 0, issues: 0 };
  for (const report of reports) {
    totals.unmappedEvents += report.unmappedEvents;
    totals.unmappedCodes += report.unmappedCodes.length;
    totals.unlinkedEvents += report.unlinkedEvents;
    totals.unlinkedLegs += report.unlinkedLegs;
    totals.issues += report.issues;
  }
  return totals;
}

// Carriers with something to fix first, the most unmapped events at the top; clean carriers last by code.
export function sortByAttention(reports: readonly DataQuality[]): DataQuality[] {
  const weight = (report: DataQuality) => report.unmappedEvents + report.unlinkedEvents;
  return [...reports].sort((a, b) => weight(b) - weight(a) || a.carrier.localeCompare(b.carrier));
}

type UnmappedCodeLine = { carrier: string; code: string; events: number; lastSeenAt: string | null };

const UNMAPPED_CODE_COLUMNS: readonly CsvColumn<UnmappedCodeLine>[] = [
  { header: 'carrier', value: (line) => line.carrier },
  { header: 'raw_code', value: (line) => line.code },
  { header: 'events', value: (line) => line.events },
  { header: 'last_seen_at', value: (line) => line.lastSeenAt },
];

// Every carrier's unmapped codes in one file, in the order the panel lists them.
export function unmappedCodesCsv(reports: readonly DataQuality[]): string {
  const lines = sortByAttention(reports).flatMap((report) => report.unmappedCodes.map((entry) => ({ carrier: report.carrier, ...entry })));
  return columnsCsv(UNMAPPED_CODE_COLUMNS, lines);
}

/** OUT_FOR_DELIVERY → "Out for delivery": a milestone in words for a sentence. */
export function milestoneInWords(milestone: string): string {
  const words = milestone.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
