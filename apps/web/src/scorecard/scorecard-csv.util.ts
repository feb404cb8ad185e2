import type { CarrierScorecard, Scorecards } from '../api/api-types';
import { inclusiveDateInputs } from '../filters/date-range.util';
import { toCsv } from '../shared/csv.util';
import { SCORECARD_COLUMNS, type ScorecardColumn } from './scorecard-columns.util';

type ScorecardCsvInput = {
  scorecards: Scorecards;
  // In the order the table shows them, so the file matches what the user was looking at.
  rows: readonly CarrierScorecard[];
  columns?: readonly ScorecardColumn[];
};

// Raw figures (rates as fractions, durations in the unit of the header), empty cells for no data,
// and the window on every row so a row pasted elsewhere still says what it measures.
export function scorecardCsv({ scorecards, rows, columns = SCORECARD_COLUMNS }: ScorecardCsvInput): string {
  const fields = columns.flatMap((column) => column.csv);
  return toCsv({
    header: [...fields.map((field) => field.header), 'window_from', 'window_to', 'as_of'],
    rows: rows.map((row) => [
      ...fields.map((field) => field.value(row)),
      scorecards.from,
      scorecards.to,
      scorecards.asOf,
    ]),
  });
}

export function scorecardCsvFileName({ from, to }: { from: string; to: string }): string {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    return 'lanewatch-scorecard.csv';
  }
  const { firstDay, lastDay } = inclusiveDateInputs({ fromMs, toMs });
  return `lanewatch-scorecard-${firstDay}-to-${lastDay}.csv`;
}
