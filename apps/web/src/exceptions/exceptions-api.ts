import { authorizationHeader } from '../auth/session-token.store';
import { API_ROOT, ApiError, RequestOptions, sendJson, withQuery } from '../api/api-client';

export type ExceptionPeriod = {
  parcels: number;
  exceptions: number;
  categories: Record<string, number>;
  failedAttempts: number;
  failureReasons: Record<string, number>;
  delivered: number;
  late: number;
  lateReasons: Record<string, number>;
  exceptionRate: number | null;
  failedAttemptRate: number | null;
  lateRate: number | null;
};

export type ExceptionReportRow = {
  carrier: string;
  corridor: string | null;
  current: ExceptionPeriod;
  previous: ExceptionPeriod;
  change: { exceptionRate: number | null; failedAttemptRate: number | null; lateRate: number | null };
};

export type WatchCounts = { carrier: string; corridor: string | null; silent: number; lost: number; openExceptions: number; failedAttempts: number };

export type ExceptionReport = { from: string; to: string; previousFrom: string; previousTo: string; asOf: string; rows: ExceptionReportRow[]; watch: WatchCounts[] };

export type WatchParcel = {
  carrier: string;
  trackingNumber: string;
  corridor: string | null;
  serviceLevel: string | null;
  legStartAt: string | null;
  lastEventAt: string | null;
  daysSilent: number | null;
  status: 'open' | 'closed';
  exceptionCategory: string | null;
  exceptionOpen: boolean;
  failedAttempts: number;
  failureReason: string | null;
  onTime: boolean | null;
  lateReason: string | null;
};

export type ParcelPage = { kind: string; asOf: string; total: number; parcels: WatchParcel[]; nextCursor: string | null };

function hasArrays<T>(body: unknown, ...keys: string[]): T {
  if (typeof body !== 'object' || body === null || keys.some((key) => !Array.isArray((body as Record<string, unknown>)[key]))) {
    throw new Error(`expected ${keys.join(' and ')}`);
  }
  return body as T;
}

export function fetchExceptionReport({ from, to, ...options }: RequestOptions & { from: string; to: string }): Promise<ExceptionReport> {
  return sendJson({ method: 'GET', ...options, path: withQuery('/exceptions', { from, to }), parse: (body) => hasArrays<ExceptionReport>(body, 'rows', 'watch') });
}

export function fetchParcelPage({ search, ...options }: RequestOptions & { search: URLSearchParams }): Promise<ParcelPage> {
  return sendJson({ method: 'GET', ...options, path: `/exceptions/parcels?${search.toString()}`, parse: (body) => hasArrays<ParcelPage>(body, 'parcels') });
}

/** The whole list as the API's CSV (every parcel, not only the pages shown). */
export async function fetchParcelCsv({ search, token }: RequestOptions & { search: URLSearchParams }): Promise<string> {
  const query = new URLSearchParams(search);
  query.set('format', 'csv');
  query.delete('cursor');
  const response = await fetch(`${API_ROOT}/exceptions/parcels?${query.toString()}`, { headers: authorizationHeader(token) });
  if (!response.ok) throw new ApiError(`The API answered ${response.status} for the watchlist CSV`, response.status);
  return response.text();
}
