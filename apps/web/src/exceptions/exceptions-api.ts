import type { ExceptionReport, ParcelList } from '@lanewatch/domain';
import { authorizationHeader } from '../auth/session-token.store';
import { API_ROOT, ApiError, RequestOptions, sendJson, withQuery } from '../api/api-client';

// The API's answers (issue 15) are the domain's contract types; ParcelPage is GET /exceptions/parcels' page.
export type { ExceptionPeriod, ExceptionReport, ExceptionReportRow, WatchCounts, WatchParcel } from '@lanewatch/domain';
export type ParcelPage = ParcelList;

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
