import type { Scorecards } from '../api/api-types';

// "No deliveries" is judged on the delivery families only: silent parcels and feed figures are
// counted at as-of and can be non-zero in a window without a single delivery.
export function hasDeliveries(scorecards: Scorecards): boolean {
  return scorecards.carriers.some(
    ({ kpis }) => (kpis.transit?.count ?? 0) > 0 || (kpis.onTime?.delivered ?? 0) > 0 || (kpis.firstAttempt?.attempted ?? 0) > 0,
  );
}
