import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchLegMatches } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { formatCount } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { ShipmentJourneyView } from './shipment-journey.component';
import { SHIPMENTS_PATH, shipmentLookupSearch } from './shipment-link.util';

// A number without a carrier: one leg opens at once; several (two carriers reuse numbers) are listed to pick.
export function LegMatches({ trackingNumber }: { trackingNumber: string }) {
  const { token, onUnauthorized } = useSession();
  const load = useCallback((signal: AbortSignal) => fetchLegMatches({ token, signal, trackingNumber }), [token, trackingNumber]);
  const matches = useApiQuery({ requestKey: trackingNumber, load, onUnauthorized });
  return (
    <QueryState query={matches} what={`parcels numbered ${trackingNumber}`}>
      {(legs) => {
        if (legs.length === 0) {
          return (
            <div className="banner banner--info" role="status" data-testid="lookup-not-found">
              <p>
                <strong>No parcel {trackingNumber} at any carrier.</strong> Numbers are matched whatever their case; check the
                characters.
              </p>
            </div>
          );
        }
        if (legs.length === 1) {
          return <ShipmentJourneyView carrier={legs[0].carrier} trackingNumber={legs[0].trackingNumber} />;
        }
        return (
          <section className="panel" aria-labelledby="leg-matches-heading">
            <h2 id="leg-matches-heading">{formatCount(legs.length)} legs have this number: pick one</h2>
            <ul className="leg-matches" aria-label="Matching legs">
              {legs.map((leg) => (
                <li key={`${leg.carrier}/${leg.trackingNumber}`}>
                  <Link to={{ pathname: SHIPMENTS_PATH, search: shipmentLookupSearch(leg) }}>
                    {leg.carrier} · {leg.trackingNumber}
                  </Link>{' '}
                  <span className="data-table__detail">
                    {formatCount(leg.events)} events{leg.linked ? ', part of a shipment' : ', not linked to a shipment yet'}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      }}
    </QueryState>
  );
}
