export type NavigationItem = { path: string; label: string };

// The pages of issue 6 (carrier detail, corridors heatmap, shipment lookup, breaches, policies)
// each add an entry here and a route in app-routes.component.tsx; the shell needs no change.
export const NAVIGATION_ITEMS: readonly NavigationItem[] = [
  { path: '/overview', label: 'Overview' },
  { path: '/ingest-health', label: 'Ingest health' },
];

export const HOME_PATH = NAVIGATION_ITEMS[0].path;
