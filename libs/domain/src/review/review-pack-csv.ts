import type { ReviewPack } from './review-pack';

/** One flat table for the whole pack: every row says its section, so a spreadsheet filters by it. */
export const REVIEW_CSV_COLUMNS = ['section', 'item', 'measure', 'current', 'previous', 'note'] as const;

type Cell = string | number | null | undefined;

const cell = (value: Cell) => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // A text cell starting with = + - @ is neutralised so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const rounded = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/** The review pack as CSV (contracts.md §4): the same figures as the page and the PDF. */
export function reviewPackCsv(pack: ReviewPack): string {
  const rows: Cell[][] = [
    ['summary', 'carrier', 'code', pack.carrier.code, null, pack.carrier.name],
    ['summary', 'month', 'period', pack.month, pack.previousMonth, `${pack.from} to ${pack.to} (${pack.timeZone} months), as of ${pack.asOf}`],
  ];
  const { current, previous } = pack.totals;
  for (const key of ['parcels', 'delivered', 'late', 'failedAttempts', 'exceptions'] as const) rows.push(['totals', key, 'count', current[key], previous[key], null]);
  for (const term of pack.terms) {
    const target = `${term.metric} ${term.op} ${term.threshold}`;
    const scope = [term.corridor, term.serviceLevel].filter(Boolean).join(' ');
    rows.push(['term', term.name, target, rounded(term.current.value), rounded(term.previous.value), `${term.current.verdict} (n=${term.current.sample}); before: ${term.previous.verdict} (n=${term.previous.sample})${scope ? `; ${scope}` : ''}`]);
  }
  for (const breach of pack.breaches) {
    rows.push(['breach', breach.policyName, 'lasted hours', breach.lastedHours, null, `${breach.status}, ${breach.daysInMonth} days in the month, opened ${breach.openedAt}${breach.resolvedAt ? `, resolved ${breach.resolvedAt}` : ''}`]);
  }
  if (pack.statement) {
    const statement = pack.statement;
    rows.push(['statement', 'status', null, statement.status, null, null]);
    rows.push(['statement', 'total before cap', statement.currency, statement.totalBeforeCap, null, null]);
    rows.push(['statement', 'total after cap', statement.currency, statement.totalAfterCap, null, null]);
    for (const line of statement.lines) rows.push(['consequence', line.term, line.consequence, line.amount, null, line.arithmetic]);
    for (const dispute of statement.disputes) rows.push(['dispute', dispute.trackingNumber, dispute.reason, dispute.status, null, dispute.note]);
  } else {
    rows.push(['statement', 'status', null, 'none', null, pack.statementNote]);
  }
  for (const lane of pack.lanes) rows.push(['lane', lane.corridor ?? 'no lane', 'misses', lane.misses, lane.previousMisses, `${lane.late} late, ${lane.failedAttempts} failed attempts, ${lane.exceptions} exceptions of ${lane.parcels}`]);
  for (const parcel of pack.parcels) rows.push(['parcel', parcel.trackingNumber, parcel.miss, parcel.reason, null, parcel.corridor]);
  for (const reason of pack.reasons) rows.push(['reason', reason.reason, reason.kind, reason.count, reason.previous, null]);
  return [REVIEW_CSV_COLUMNS.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n';
}
