// Label values for the API's metrics, as pure functions: every label must stay within a small, known
// set, or one client sending random paths or methods would grow the series without bound.

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The label of a request no route matched (a 404, the dashboard's files, a body refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

const MAX_ROUTE_LABEL = 120;

/**
 * The route template Express matched (`/api/v1/carriers/:code`), never the raw URL: the raw path holds
 * ids and tracking numbers. A request no route matched gets one shared label.
 */
export function routeLabel(input: { baseUrl?: string; routePath?: unknown }): string {
  const { routePath } = input;
  if (typeof routePath !== 'string' || routePath === '') return UNMATCHED_ROUTE;
  const template = `${input.baseUrl ?? ''}${routePath}`;
  return template.length > MAX_ROUTE_LABEL ? UNMATCHED_ROUTE : template;
}

export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}

/** 2xx, 4xx…; anything outside 100-599 (a socket closed before a status) is `other`. */
export function statusClass(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? `${Math.floor(status / 100)}xx` : 'other';
}

export type IngestRoute = 'events' | 'webhook' | 'import';

/** The ingest path a batch's `source` came in by: the canonical API, a carrier format's webhook, a CSV import. */
export function ingestRouteOf(source: string): IngestRoute {
  if (source.startsWith('webhook:')) return 'webhook';
  if (source === 'csv-import') return 'import';
  return 'events';
}
