import { parseInstantWithOffset } from '../timestamps';
import { DAY_MS, QUARTER_HOUR_MS } from '../time-units';

/** Counts of one carrier × lane over one cohort of legs (legs that started in the window). */
export interface ExceptionCounts {
  parcels: number;
  exceptions: number;
  categories: Record<string, number>;
  failedAttempts: number;
  failureReasons: Record<string, number>;
  delivered: number;
  late: number;
  lateReasons: Record<string, number>;
}

export interface ExceptionGroupCounts extends ExceptionCounts {
  carrier: string;
  corridor: string | null;
}

export interface ExceptionPeriod extends ExceptionCounts {
  exceptionRate: number | null;
  failedAttemptRate: number | null;
  lateRate: number | null;
}

export interface ExceptionReportRow {
  carrier: string;
  corridor: string | null;
  current: ExceptionPeriod;
  previous: ExceptionPeriod;
  /** current − previous, in rate points (0.05 = 5 percentage points); null when either rate is unknown */
  change: { exceptionRate: number | null; failedAttemptRate: number | null; lateRate: number | null };
}

/** Parcels open at asOf that want action, per carrier × lane. */
export interface WatchCounts {
  carrier: string;
  corridor: string | null;
  silent: number;
  lost: number;
  openExceptions: number;
  failedAttempts: number;
}

/** GET /exceptions (issue 15): the API's answer, which the dashboard reads as it is. */
export interface ExceptionReport {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  asOf: string;
  rows: ExceptionReportRow[];
  watch: WatchCounts[];
}

export interface WatchParcel {
  carrier: string;
  trackingNumber: string;
  corridor: string | null;
  serviceLevel: string | null;
  legStartAt: string | null;
  lastEventAt: string | null;
  /** whole days since the latest event at asOf */
  daysSilent: number | null;
  status: 'open' | 'closed';
  exceptionCategory: string | null;
  exceptionOpen: boolean;
  failedAttempts: number;
  failureReason: string | null;
  onTime: boolean | null;
  lateReason: string | null;
}

export interface ParcelList {
  kind: string;
  asOf: string;
  total: number;
  parcels: WatchParcel[];
  nextCursor: string | null;
}

const EMPTY: ExceptionCounts = { parcels: 0, exceptions: 0, categories: {}, failedAttempts: 0, failureReasons: {}, delivered: 0, late: 0, lateReasons: {} };

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

function period(counts: ExceptionCounts): ExceptionPeriod {
  return {
    ...counts,
    exceptionRate: ratio(counts.exceptions, counts.parcels),
    failedAttemptRate: ratio(counts.failedAttempts, counts.parcels),
    lateRate: ratio(counts.late, counts.delivered),
  };
}

/** The window of equal length just before [fromMs, toMs). */
export function previousWindow(window: { fromMs: number; toMs: number }): { fromMs: number; toMs: number } {
  return { fromMs: window.fromMs - (window.toMs - window.fromMs), toMs: window.fromMs };
}

const groupKey = (row: { carrier: string; corridor: string | null }) => `${row.carrier}\u0000${row.corridor ?? ''}`;

/**
 * One row per carrier × lane present in either period, the previous period's counts beside the
 * current ones; ordered by the current exception rate (highest first), then carrier and lane.
 */
export function compareExceptionPeriods(input: { current: ExceptionGroupCounts[]; previous: ExceptionGroupCounts[] }): ExceptionReportRow[] {
  const groups = new Map<string, { carrier: string; corridor: string | null; current: ExceptionCounts; previous: ExceptionCounts }>();
  const entry = (row: ExceptionGroupCounts) => {
    const key = groupKey(row);
    let found = groups.get(key);
    if (!found) {
      found = { carrier: row.carrier, corridor: row.corridor, current: EMPTY, previous: EMPTY };
      groups.set(key, found);
    }
    return found;
  };
  const strip = ({ carrier: _carrier, corridor: _corridor, ...counts }: ExceptionGroupCounts): ExceptionCounts => counts;
  for (const row of input.current) entry(row).current = strip(row);
  for (const row of input.previous) entry(row).previous = strip(row);
  const rows = [...groups.values()].map(({ carrier, corridor, current, previous }) => {
    const now = period(current);
    const before = period(previous);
    return {
      carrier,
      corridor,
      current: now,
      previous: before,
      change: {
        exceptionRate: difference(now.exceptionRate, before.exceptionRate),
        failedAttemptRate: difference(now.failedAttemptRate, before.failedAttemptRate),
        lateRate: difference(now.lateRate, before.lateRate),
      },
    };
  });
  return rows.sort(
    (a, b) =>
      (b.current.exceptionRate ?? -1) - (a.current.exceptionRate ?? -1) ||
      (a.carrier < b.carrier ? -1 : a.carrier > b.carrier ? 1 : 0) ||
      (a.corridor ?? '').localeCompare(b.corridor ?? ''),
  );
}

export const MAX_EXCEPTION_WINDOW_DAYS = 400;

export interface ExceptionReportParams {
  fromMs: number;
  toMs: number;
  asOfMs: number;
  carrier?: string;
  corridor?: string;
}

/** Watchlist kinds: parcels open at asOf, and the cohort lists every report count links to. */
export const WATCH_KINDS = ['silent', 'lost', 'open_exception', 'failed_attempt'] as const;
export const COHORT_KINDS = ['parcels', 'exception', 'failed', 'late'] as const;
export type ParcelListKind = (typeof WATCH_KINDS)[number] | (typeof COHORT_KINDS)[number];
export const PARCEL_SORTS = ['lastEventAt', '-lastEventAt', 'legStartAt', '-legStartAt'] as const;
export type ParcelSort = (typeof PARCEL_SORTS)[number];
export const MAX_PARCEL_PAGE = 500;
export const MAX_PARCEL_CSV_ROWS = 10_000;

export interface ParcelCursor {
  /** the sort column's value of the last row shown, epoch ms */
  at: number;
  legId: string;
}

export interface ParcelListParams {
  kind: ParcelListKind;
  fromMs?: number;
  toMs?: number;
  asOfMs: number;
  carrier?: string;
  corridor?: string;
  /** an exception category (kind exception), a failure reason (failed) or a late reason (late) */
  category?: string;
  reason?: string;
  sort: ParcelSort;
  limit: number;
  cursor?: ParcelCursor;
  format: 'json' | 'csv';
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function common(query: Record<string, unknown>, nowMs: number, errors: string[]) {
  const text = (name: string) => (typeof query[name] === 'string' && (query[name] as string).trim() ? (query[name] as string).trim() : undefined);
  const instant = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = parseInstantWithOffset(name, value);
    if (!parsed.ok) errors.push(parsed.error);
    return parsed.ok ? parsed.value.epochMs : undefined;
  };
  const asOfMs = instant('asOf') ?? Math.ceil(nowMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const fromMs = instant('from');
  const toMs = instant('to');
  if (fromMs !== undefined && toMs !== undefined) {
    if (fromMs >= toMs) errors.push('from must be before to');
    else if (toMs - fromMs > MAX_EXCEPTION_WINDOW_DAYS * DAY_MS) errors.push(`the window must be at most ${MAX_EXCEPTION_WINDOW_DAYS} days`);
  }
  const carrier = text('carrier');
  if (carrier !== undefined && !/^[a-z0-9][a-z0-9_-]{1,39}$/.test(carrier)) errors.push('carrier must be a carrier code');
  const corridor = text('corridor');
  if (corridor !== undefined && !/^[A-Z]{2}-[A-Z]{2}$/.test(corridor)) errors.push('corridor must look like CN-BR (ISO 3166-1 alpha-2 codes)');
  return { text, asOfMs, fromMs, toMs, carrier, corridor };
}

/** GET /exceptions: the window defaults to the 30 days before asOf (the next quarter hour after now). */
export function parseExceptionReportQuery(query: Record<string, unknown>, nowMs: number): Parsed<ExceptionReportParams> {
  const errors: string[] = [];
  const { asOfMs, fromMs, toMs, carrier, corridor } = common(query, nowMs, errors);
  if ((fromMs === undefined) !== (toMs === undefined)) errors.push('from and to go together (or neither, for the 30 days before asOf)');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { fromMs: fromMs ?? asOfMs - 30 * DAY_MS, toMs: toMs ?? asOfMs, asOfMs, ...(carrier ? { carrier } : {}), ...(corridor ? { corridor } : {}) },
  };
}

export function encodeParcelCursor(cursor: ParcelCursor): string {
  // ASCII digits only, so btoa (a browser and Node global, unlike Buffer) takes the text as it is.
  return btoa(`${cursor.at}:${cursor.legId}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeParcelCursor(value: string): ParcelCursor | null {
  let text: string;
  try {
    text = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const match = /^(-?\d{1,15}):(\d{1,19})$/.exec(text);
  return match ? { at: Number(match[1]), legId: match[2] } : null;
}

/** GET /exceptions/parcels: cohort kinds need a window; watch kinds read the parcels open at asOf. */
export function parseParcelListQuery(query: Record<string, unknown>, nowMs: number): Parsed<ParcelListParams> {
  const errors: string[] = [];
  const { text, asOfMs, fromMs, toMs, carrier, corridor } = common(query, nowMs, errors);
  const kinds: readonly string[] = [...WATCH_KINDS, ...COHORT_KINDS];
  const kind = text('kind') ?? 'silent';
  if (!kinds.includes(kind)) errors.push(`kind must be one of ${kinds.join(', ')}`);
  if ((COHORT_KINDS as readonly string[]).includes(kind) && (fromMs === undefined || toMs === undefined)) errors.push(`kind ${kind} needs from and to (the window the parcels started in)`);
  const category = text('category');
  if (category !== undefined && kind !== 'exception') errors.push('category applies to kind exception only');
  const reason = text('reason');
  if (reason !== undefined && kind !== 'failed' && kind !== 'late') errors.push('reason applies to kinds failed and late only');
  if (reason !== undefined && reason.length > 200) errors.push('reason must be at most 200 characters');
  const sort = text('sort') ?? 'lastEventAt';
  if (!(PARCEL_SORTS as readonly string[]).includes(sort)) errors.push(`sort must be one of ${PARCEL_SORTS.join(', ')}`);
  const limitText = text('limit') ?? '100';
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= MAX_PARCEL_PAGE)) errors.push(`limit must be a whole number from 1 to ${MAX_PARCEL_PAGE}`);
  const cursorText = text('cursor');
  const cursor = cursorText === undefined ? undefined : decodeParcelCursor(cursorText);
  if (cursor === null) errors.push('cursor is not one this API gave out (use nextCursor from the previous page)');
  const format = text('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') errors.push('format must be json or csv');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: kind as ParcelListKind,
      asOfMs,
      ...(fromMs !== undefined && toMs !== undefined ? { fromMs, toMs } : {}),
      ...(carrier ? { carrier } : {}),
      ...(corridor ? { corridor } : {}),
      ...(category ? { category } : {}),
      ...(reason ? { reason } : {}),
      sort: sort as ParcelSort,
      limit,
      ...(cursor ? { cursor } : {}),
      format: format as 'json' | 'csv',
    },
  };
}
