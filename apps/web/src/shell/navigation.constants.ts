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
];

export const HOME_PATH = NAVIGATION_ITEMS[0].path;
