import { authorizationHeader } from '../auth/admin-token.store';
import { type HealthReport, type IngestStatus, parseHealthReport, parseIngestStatus } from './api-types';

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

async function getJson<T>({ path, parse, token, signal, acceptedStatuses = [200] }: GetJsonOptions<T>): Promise<T> {
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
    throw new ApiError(`Could not reach the API (${path})`, null);
  }
  if (response.status === 401) {
    throw new UnauthorizedError();
  }
  if (!acceptedStatuses.includes(response.status)) {
    throw new ApiError(`The API answered ${response.status} for ${path}`, response.status);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The API answered ${path} with something that is not JSON`, response.status);
  }
  try {
    return parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError(`Unexpected response from ${path}: ${detail}`, response.status);
  }
}

export function fetchIngestStatus(options: RequestOptions): Promise<IngestStatus> {
  return getJson({ ...options, path: '/ingest/status', parse: parseIngestStatus });
}

export function fetchHealth(options: RequestOptions): Promise<HealthReport> {
  return getJson({ ...options, path: '/health', parse: parseHealthReport, acceptedStatuses: [200, 503] });
}
