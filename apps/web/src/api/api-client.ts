import { authorizationHeader } from '../auth/session-token.store';
import {
  type HealthReport,
  type IngestStatus,
  type KpiGroups,
  type KpiMetric,
  parseHealthReport,
  parseKpiGroups,
  parseIngestStatus,
  parseScorecards,
  parseTimeseries,
  type Scorecards,
  type Timeseries,
  type TimeseriesBucket,
} from './api-types';
import { ApiError, UnauthorizedError } from './api-errors';

// Same origin as the page: the API serves the built app at the base path and itself under api/.
export const API_ROOT = `${import.meta.env.BASE_URL}api/v1`;

export { ApiError, UnauthorizedError } from './api-errors';

export type RequestOptions = { token: string; signal?: AbortSignal };

type GetJsonOptions<T> = RequestOptions & {
  path: string;
  parse: (body: unknown) => T;
  // Health answers 503 with a full report when degraded; that is data, not a failure.
  acceptedStatuses?: readonly number[];
};

// A 4xx from the API names what was wrong (`{ message, errors: [...] }`); worth showing as is.
async function readErrorReasons(response: Response): Promise<{ reasons: string[]; summary: string | null }> {
  if (response.status < 400 || response.status >= 500) {
    return { reasons: [], summary: null };
  }
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) {
      return { reasons: [], summary: null };
    }
    const { errors, message } = body as { errors?: unknown; message?: unknown };
    if (Array.isArray(errors) && errors.every((error) => typeof error === 'string') && errors.length > 0) {
      return { reasons: errors, summary: errors.join('; ') };
    }
    return { reasons: [], summary: typeof message === 'string' ? message : null };
  } catch {
    return { reasons: [], summary: null };
  }
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (header === null) {
    return null;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.ceil(seconds));
  }
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

type SendOptions<T> = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  token: string | null;
  body?: unknown;
  signal?: AbortSignal;
  parse: (body: unknown) => T;
  acceptedStatuses?: readonly number[];
  // Sign-in answers 401 for a wrong password: that is an answer for the form, not an expired session.
  unauthorizedIsError?: boolean;
};

// One path for every call, so errors read the same everywhere.
export async function sendJson<T>(options: SendOptions<T>): Promise<T> {
  const { method, path, token, body, signal, parse, acceptedStatuses = [200, 201], unauthorizedIsError = false } = options;
  const endpoint = path.split('?')[0];
  const headers: Record<string, string> = { Accept: 'application/json', ...(token === null ? {} : authorizationHeader(token)) };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(`${API_ROOT}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(`Could not reach the API (${endpoint})`, null);
  }
  if (response.status === 401 && !unauthorizedIsError) {
    throw new UnauthorizedError();
  }
  if (!acceptedStatuses.includes(response.status)) {
    const { reasons, summary } = await readErrorReasons(response);
    throw new ApiError(
      `The API answered ${response.status} for ${method} ${endpoint}${summary ? `: ${summary}` : ''}`,
      response.status,
      reasons,
      response.status === 429 ? retryAfterSeconds(response) : null,
    );
  }
  if (response.status === 204) {
    return parse(null);
  }
  let parsedBody: unknown;
  try {
    parsedBody = await response.json();
  } catch {
    throw new ApiError(`The API answered ${endpoint} with something that is not JSON`, response.status);
  }
  try {
    return parse(parsedBody);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError(`Unexpected response from ${endpoint}: ${detail}`, response.status);
  }
}

function getJson<T>({ path, parse, token, signal, acceptedStatuses = [200] }: GetJsonOptions<T>): Promise<T> {
  return sendJson({ method: 'GET', path, parse, token, signal, acceptedStatuses });
}

export function fetchIngestStatus(options: RequestOptions): Promise<IngestStatus> {
  return getJson({ ...options, path: '/ingest/status', parse: parseIngestStatus });
}

export function fetchHealth(options: RequestOptions): Promise<HealthReport> {
  return getJson({ ...options, path: '/health', parse: parseHealthReport, acceptedStatuses: [200, 503] });
}

export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

type WindowOptions = RequestOptions & { from: string; to: string };

export function fetchScorecards({ from, to, ...options }: WindowOptions): Promise<Scorecards> {
  return getJson({ ...options, path: withQuery('/scorecards', { from, to }), parse: parseScorecards });
}

type TimeseriesOptions<M extends KpiMetric> = WindowOptions & {
  metric: M;
  bucket: TimeseriesBucket;
  carrier: string;
  corridor: string | null;
};

export function fetchTimeseries<M extends KpiMetric>({
  metric,
  bucket,
  from,
  to,
  carrier,
  corridor,
  ...options
}: TimeseriesOptions<M>): Promise<Timeseries<M>> {
  // Grouped by carrier so the figures are the carrier's leg facts, the same as its scorecard row
  // (ungrouped, kpis.md §3 gives shipment facts).
  const path = withQuery('/kpis/timeseries', { metric, bucket, from, to, groupBy: 'carrier', carrier, corridor });
  return getJson({ ...options, path, parse: (body) => parseTimeseries(body, metric) });
}

type KpiGroupsOptions = WindowOptions & { groupBy: 'corridor' | 'carrier,corridor'; corridor: string | null };

export function fetchKpiGroups({ groupBy, from, to, corridor, ...options }: KpiGroupsOptions): Promise<KpiGroups> {
  return getJson({ ...options, path: withQuery('/kpis', { from, to, groupBy, corridor }), parse: parseKpiGroups });
}

// ---- Overview (issue 6, items 2-3) ------------------------------------------------------------

// No groupBy: one row of shipment facts over the whole network (kpis.md §3), or none without data.
export function fetchNetworkKpis({ from, to, ...options }: WindowOptions): Promise<KpiGroups> {
  return getJson({ ...options, path: withQuery('/kpis', { from, to }), parse: parseKpiGroups });
}

// One series per carrier in a single request, for the scorecard's sparklines (not one call per row).
export function fetchTimeseriesByCarrier<M extends KpiMetric>({
  metric,
  bucket,
  from,
  to,
  ...options
}: WindowOptions & { metric: M; bucket: TimeseriesBucket }): Promise<Timeseries<M>> {
  const path = withQuery('/kpis/timeseries', { metric, bucket, from, to, groupBy: 'carrier' });
  return getJson({ ...options, path, parse: (body) => parseTimeseries(body, metric) });
}
