import { useCallback } from 'react';
import { fetchShipmentJourney } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { JourneySummary } from './journey-summary.component';
import { ShipmentTimeline } from './shipment-timeline.component';

// One leg's whole journey. Mounted afresh for every search, so a banner never outlives the search it answers.
export function ShipmentJourneyView({ carrier, trackingNumber }: { carrier: string; trackingNumber: string }) {
  const { token, onUnauthorized } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => fetchShipmentJourney({ token, signal, carrier, trackingNumber }),
    [token, carrier, trackingNumber],
  );
  const journey = useApiQuery({ requestKey: `${carrier}/${trackingNumber}`, load, onUnauthorized });
  if (journey.error !== null && journey.error.includes(' 404 ')) {
    return (
      <div className="banner banner--info" role="status" data-testid="lookup-not-found">
        <p>
          <strong>
            No parcel {trackingNumber} at carrier {carrier}.
          </strong>{' '}
          Clear the carrier to look the number up at every carrier.
        </p>
      </div>
    );
  }
  return (
    <QueryState query={journey} what={`parcel ${trackingNumber}`}>
      {(data) => (
        <>
          {data.dataQuality.length > 0 ? (
            <div className="banner banner--info" role="status">
              <ul>
                {data.dataQuality.map((issue, index) => (
                  <li key={index}>
                    <strong>{issue.kind}</strong>: {issue.detail}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <JourneySummary journey={data} />
          <ShipmentTimeline journey={data} />
        </>
      )}
    </QueryState>
  );
}
