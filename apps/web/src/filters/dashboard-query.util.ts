import { type DateRange, DEFAULT_PRESET_ID, describeRangeProblem, presetRange } from './date-range.util';

// Everything a dashboard link carries. Pages read it from the URL so that a link is the view.
export type DashboardQuery = DateRange & { carrier: string | null; corridor: string | null };

export const DASHBOARD_QUERY_KEYS = ['from', 'to', 'carrier', 'corridor'] as const;

// The API's own rules for these parameters (libs/domain kpi-query).
const CARRIER_PATTERN = /^[a-z0-9][a-z0-9_-]{1,39}$/;
const CORRIDOR_PATTERN = /^[A-Z]{2}-[A-Z]{2}$/;
// A UTC offset is required, as by the API: a bare local time would mean different windows to different readers.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function formatApiInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

function parseInstant(value: string): number | null {
  if (!INSTANT_PATTERN.test(value)) {
    return null;
  }
  const epochMs = Date.parse(value);
  return Number.isNaN(epochMs) ? null : epochMs;
}

export type ParsedDashboardQuery = { query: DashboardQuery; problems: string[] };

function parseRange(params: URLSearchParams, nowMs: number, problems: string[]): DateRange {
  const fallback = presetRange({ presetId: DEFAULT_PRESET_ID, nowMs });
  const from = params.get('from');
  const to = params.get('to');
  if (from === null && to === null) {
    return fallback;
  }
  if (from === null || to === null) {
    problems.push('The link gave only one end of the date range; showing the last 30 days.');
    return fallback;
  }
  const fromMs = parseInstant(from);
  const toMs = parseInstant(to);
  if (fromMs === null || toMs === null) {
    problems.push('The link’s dates are not ISO 8601 instants with a UTC offset; showing the last 30 days.');
    return fallback;
  }
  const problem = describeRangeProblem({ fromMs, toMs });
  if (problem !== null) {
    problems.push(`The link’s date range could not be used (${problem}); showing the last 30 days.`);
    return fallback;
  }
  return { fromMs, toMs };
}

function parseCode(params: URLSearchParams, key: 'carrier' | 'corridor', problems: string[]): string | null {
  const value = params.get(key)?.trim() ?? '';
  if (value === '') {
    return null;
  }
  const pattern = key === 'carrier' ? CARRIER_PATTERN : CORRIDOR_PATTERN;
  if (!pattern.test(value)) {
    const expected = key === 'carrier' ? 'a carrier code such as correios' : 'a corridor such as CN-BR';
    problems.push(`The link’s ${key} "${value}" is not ${expected}; it was left out.`);
    return null;
  }
  return value;
}

// Never throws: a hand-edited or truncated link still opens a page, with a note of what was dropped.
export function parseDashboardQuery({ params, nowMs }: { params: URLSearchParams; nowMs: number }): ParsedDashboardQuery {
  const problems: string[] = [];
  const range = parseRange(params, nowMs, problems);
  const carrier = parseCode(params, 'carrier', problems);
  const corridor = parseCode(params, 'corridor', problems);
  return { query: { ...range, carrier, corridor }, problems };
}

// Parameters other pages own (none yet) are kept, so one page's filters do not wipe another's state.
export function applyDashboardQuery(params: URLSearchParams, query: DashboardQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('from', formatApiInstant(query.fromMs));
  next.set('to', formatApiInstant(query.toMs));
  for (const key of ['carrier', 'corridor'] as const) {
    const value = query[key];
    if (value === null) {
      next.delete(key);
    } else {
      next.set(key, value);
    }
  }
  return next;
}

// ":" needs no escaping in a query (RFC 3986), and a link reading from=2026-11-01T00:00:00Z is easier to check by eye.
export function toSearchString(params: URLSearchParams): string {
  const text = params.toString().replaceAll('%3A', ':');
  return text === '' ? '' : `?${text}`;
}

// Navigation links carry the shared filters, not one page's own parameters.
export function dashboardSearch(search: string): string {
  const current = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of DASHBOARD_QUERY_KEYS) {
    const value = current.get(key);
    if (value !== null) {
      kept.set(key, value);
    }
  }
  return toSearchString(kept);
}
