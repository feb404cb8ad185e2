export type NavigationItem = { path: string; label: string };

// Each page adds an entry here and a route in app-routes.component.tsx; the shell needs no change.
export const NAVIGATION_ITEMS: readonly NavigationItem[] = [
  { path: '/overview', label: 'Overview' },
  { path: '/breaches', label: 'Breaches' },
  { path: '/carriers', label: 'Carriers' },
  { path: '/corridors', label: 'Corridors' },
  { path: '/exceptions', label: 'Exceptions' },
  { path: '/watchlist', label: 'Watchlist' },
  { path: '/shipments', label: 'Shipment lookup' },
  { path: '/policies', label: 'SLA policies' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/ingest-health', label: 'Ingest health' },
  { path: '/users', label: 'Users' },
];

export const HOME_PATH = NAVIGATION_ITEMS[0].path;

/** The month before `nowMs` as YYYY-MM (UTC): the last whole month, the one a review settles. */
export function lastWholeMonth(nowMs: number): string {
  const now = new Date(nowMs);
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A carrier user's pages (contracts.md §3): its own scorecard, breaches, exceptions, watchlist, statement and review (the API filters each to its carrier); nothing of the admin's. */
export function carrierNavigation(carrier: string, nowMs: number): NavigationItem[] {
  const base = `/carriers/${encodeURIComponent(carrier)}`;
  const month = lastWholeMonth(nowMs);
  return [
    { path: base, label: 'Scorecard' },
    { path: '/breaches', label: 'Breaches' },
    { path: '/exceptions', label: 'Exceptions' },
    { path: '/watchlist', label: 'Watchlist' },
    { path: `${base}/statements/${month}`, label: 'Statement' },
    { path: `${base}/review/${month}`, label: 'Monthly review' },
  ];
}

/** Where a session lands: the overview, or a carrier user's own scorecard. */
export function homePathOf(carrier: string | null): string {
  return carrier === null ? HOME_PATH : `/carriers/${encodeURIComponent(carrier)}`;
}
