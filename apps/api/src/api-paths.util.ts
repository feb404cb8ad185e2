/** Paths the dashboard's fallback must leave to the API's routes: /api/… and Prometheus' conventional /metrics. */
export function servedByApi(path: string): boolean {
  return path.startsWith('/api') || path === '/metrics' || path === '/metrics/';
}
