import { ExceptionBreakdownRow, ParcelRow, readExceptionCounts, readParcels, readWatchCounts, SqlRunner } from '@lanewatch/db';
import {
  compareExceptionPeriods,
  DAY_MS,
  encodeParcelCursor,
  ExceptionGroupCounts,
  ExceptionReport,
  ExceptionReportParams,
  MAX_PARCEL_CSV_ROWS,
  ParcelList,
  ParcelListParams,
  previousWindow,
  WatchParcel,
} from '@lanewatch/domain';
import { filterCarrierId } from './kpis';

// The response shapes are the domain's (browser-safe, so the dashboard reads the same types).
export type { ExceptionReport, ParcelList, WatchParcel } from '@lanewatch/domain';

const iso = (ms: number) => new Date(ms).toISOString();

/** Exception report (issue 15): rates and reasons per carrier × lane for a window and the window of equal length before it. */
export async function readExceptionReport(runner: SqlRunner, params: ExceptionReportParams): Promise<ExceptionReport> {
  const carrierId = await filterCarrierId(runner, params.carrier);
  const previous = previousWindow(params);
  const scope = { ...(carrierId !== undefined ? { carrierId } : {}), ...(params.corridor ? { corridor: params.corridor } : {}) };
  const { counts, breakdowns } = await readExceptionCounts(runner, { ...scope, previousFromMs: previous.fromMs, fromMs: params.fromMs, toMs: params.toMs });
  const groups = { current: new Map<string, ExceptionGroupCounts>(), previous: new Map<string, ExceptionGroupCounts>() };
  const keyOf = (row: { carrier: string; corridor: string | null }) => `${row.carrier}\u0000${row.corridor ?? ''}`;
  for (const row of counts) {
    groups[row.period].set(keyOf(row), {
      carrier: row.carrier,
      corridor: row.corridor,
      parcels: row.parcels,
      exceptions: row.exceptions,
      categories: {},
      failedAttempts: row.failed_attempts,
      failureReasons: {},
      delivered: row.delivered,
      late: row.late,
      lateReasons: {},
    });
  }
  const field: Record<ExceptionBreakdownRow['kind'], 'categories' | 'failureReasons' | 'lateReasons'> = { category: 'categories', failure: 'failureReasons', late: 'lateReasons' };
  for (const row of breakdowns) {
    const group = groups[row.period].get(keyOf(row));
    if (group) group[field[row.kind]][row.key] = row.n;
  }
  const watch = await readWatchCounts(runner, { ...scope, asOfMs: params.asOfMs });
  return {
    from: iso(params.fromMs),
    to: iso(params.toMs),
    previousFrom: iso(previous.fromMs),
    previousTo: iso(previous.toMs),
    asOf: iso(params.asOfMs),
    rows: compareExceptionPeriods({ current: [...groups.current.values()], previous: [...groups.previous.values()] }),
    watch: watch.map((row) => ({
      carrier: row.carrier,
      corridor: row.corridor,
      silent: row.silent,
      lost: row.lost,
      openExceptions: row.open_exceptions,
      failedAttempts: row.failed_attempts,
    })),
  };
}

const isoOrNull = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function watchParcel(row: ParcelRow, asOfMs: number): WatchParcel {
  const latest = row.last_event_at ?? row.last_mapped_at;
  return {
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    corridor: row.corridor,
    serviceLevel: row.service_level,
    legStartAt: isoOrNull(row.leg_start_at),
    lastEventAt: isoOrNull(row.last_event_at),
    daysSilent: latest ? Math.max(0, Math.floor((asOfMs - new Date(latest).getTime()) / DAY_MS)) : null,
    status: row.closed_at === null ? 'open' : 'closed',
    exceptionCategory: row.exception_at ? row.exception_category : null,
    exceptionOpen: row.exception_open,
    failedAttempts: row.failed_attempts,
    failureReason: row.failed_attempts > 0 ? (row.failure_reason ?? 'UNKNOWN') : null,
    onTime: row.on_time,
    lateReason: row.on_time === false ? (row.late_reason ?? 'no_recorded_cause') : null,
  };
}

/** The parcels behind a watchlist kind or a report count: one keyset page, or up to MAX_PARCEL_CSV_ROWS for CSV. */
export async function readParcelList(runner: SqlRunner, params: ParcelListParams): Promise<ParcelList> {
  const carrierId = await filterCarrierId(runner, params.carrier);
  const pageSize = params.format === 'csv' ? MAX_PARCEL_CSV_ROWS : params.limit;
  const { total, parcels } = await readParcels(runner, {
    kind: params.kind,
    asOfMs: params.asOfMs,
    ...(params.fromMs !== undefined && params.toMs !== undefined ? { fromMs: params.fromMs, toMs: params.toMs } : {}),
    ...(carrierId !== undefined ? { carrierId } : {}),
    ...(params.corridor ? { corridor: params.corridor } : {}),
    ...(params.category ? { category: params.category } : {}),
    ...(params.reason ? { reason: params.reason } : {}),
    sortColumn: params.sort.replace('-', '') as 'lastEventAt' | 'legStartAt',
    descending: params.sort.startsWith('-'),
    limit: pageSize + 1,
    ...(params.cursor && params.format !== 'csv' ? { after: params.cursor } : {}),
  });
  const page = parcels.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    kind: params.kind,
    asOf: iso(params.asOfMs),
    total,
    parcels: page.map((row) => watchParcel(row, params.asOfMs)),
    nextCursor: parcels.length > pageSize && last ? encodeParcelCursor({ at: new Date(last.sort_at).getTime(), legId: last.leg_id }) : null,
  };
}

const CSV_COLUMNS: (keyof WatchParcel)[] = [
  'carrier', 'trackingNumber', 'corridor', 'serviceLevel', 'legStartAt', 'lastEventAt', 'daysSilent', 'status',
  'exceptionCategory', 'exceptionOpen', 'failedAttempts', 'failureReason', 'onTime', 'lateReason',
];

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ is neutralised so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function parcelListCsv(list: ParcelList): string {
  return [CSV_COLUMNS.join(','), ...list.parcels.map((parcel) => CSV_COLUMNS.map((column) => csvCell(parcel[column])).join(','))].join('\n') + '\n';
}
