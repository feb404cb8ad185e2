import { authorizationHeader } from '../auth/admin-token.store';
import {
  type HealthReport,
  type IngestStatus,
  type KpiMetric,
  parseHealthReport,
  parseIngestStatus,
  parseScorecards,
  parseTimeseries,
  type Scorecards,
  type Timeseries,
  type TimeseriesBucket,
} from './api-types';

// Same origin as the page: the API serves the built app at the base path and itself under api/.
const API_ROOT = `${import.meta.env.BASE_URL}api/v1`;

export class UnauthorizedError extends Error {
  constructor() {
    super('The API did not accept the token');
    this.name = 'UnauthorizedError';
  }
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type RequestOptions = { token: string; signal?: AbortSignal };

type GetJsonOptions<T> = RequestOptions & {
  path: string;
  parse: (body: unknown) => T;
  // Health answers 503 with a full report when degraded; that is data, not a failure.
  acceptedStatuses?: readonly number[];
};

// A 400 from the API names what was wrong (`{ message, errors: [...] }`); worth showing as is.
async function readErrorReasons(response: Response): Promise<string | null> {
  if (response.status < 400 || response.status >= 500) {
    return null;
  }
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) {
      return null;
    }
    const { errors, message } = body as { errors?: unknown; message?: unknown };
    if (Array.isArray(errors) && errors.every((error) => typeof error === 'string') && errors.length > 0) {
      return errors.join('; ');
    }
    return typeof message === 'string' ? message : null;
  } catch {
    return null;
  }
}

async function getJson<T>({ path, parse, token, signal, acceptedStatuses = [200] }: GetJsonOptions<T>): Promise<T> {
  // Messages name the endpoint, not the whole query string.
  const endpoint = path.split('?')[0];
  let response: Response;
  try {
    response = await fetch(`${API_ROOT}${path}`, {
      headers: { Accept: 'application/json', ...authorizationHeader(token) },
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(`Could not reach the API (${endpoint})`, null);
  }
  if (response.status === 401) {
    throw new UnauthorizedError();
  }
  if (!acceptedStatuses.includes(response.status)) {
    const reasons = await readErrorReasons(response);
    throw new ApiError(
      `The API answered ${response.status} for ${endpoint}${reasons ? `: ${reasons}` : ''}`,
      response.status,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The API answered ${endpoint} with something that is not JSON`, response.status);
  }
  try {
    return parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError(`Unexpected response from ${endpoint}: ${detail}`, response.status);
  }
}

export function fetchIngestStatus(options: RequestOptions): Promise<IngestStatus> {
  return getJson({ ...options, path: '/ingest/status', parse: parseIngestStatus });
}

export function fetchHealth(options: RequestOptions): Promise<HealthReport> {
  return getJson({ ...options, path: '/health', parse: parseHealthReport, acceptedStatuses: [200, 503] });
}

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
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
