import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { fetchShipmentJourney } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { JourneySummary } from './journey-summary.component';
import { readShipmentLookup, shipmentLookupSearch } from './shipment-link.util';
import { ShipmentTimeline } from './shipment-timeline.component';

function LookupForm({ initial, onLookup }: { initial: { carrier: string; trackingNumber: string } | null; onLookup: (carrier: string, trackingNumber: string) => void }) {
  const carrierId = useId();
  const trackingId = useId();
  const [carrier, setCarrier] = useState(initial?.carrier ?? '');
  const [trackingNumber, setTrackingNumber] = useState(initial?.trackingNumber ?? '');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (carrier.trim() !== '' && trackingNumber.trim() !== '') {
      onLookup(carrier.trim(), trackingNumber.trim());
    }
  };
  return (
    <form className="filter-form" onSubmit={submit} aria-label="Look up a parcel">
      <div className="field">
        <label htmlFor={carrierId}>Carrier code</label>
        <input id={carrierId} value={carrier} placeholder="e.g. correios" onChange={(event) => setCarrier(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={trackingId}>Tracking number (any leg)</label>
        <input
          id={trackingId}
          value={trackingNumber}
          placeholder="e.g. NL123456789BR"
          onChange={(event) => setTrackingNumber(event.target.value)}
          required
        />
      </div>
      <button type="submit">Look up</button>
    </form>
  );
}

export function ShipmentLookupPage() {
  const { token, onUnauthorized } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const lookup = useMemo(() => readShipmentLookup(new URLSearchParams(location.search)), [location.search]);
  const load = useCallback(
    (signal: AbortSignal) => {
      if (lookup === null) {
        return Promise.reject(new Error('nothing to look up'));
      }
      return fetchShipmentJourney({ token, signal, ...lookup });
    },
    [token, lookup],
  );
  const journey = useApiQuery({ requestKey: lookup === null ? null : `${lookup.carrier}/${lookup.trackingNumber}`, load, onUnauthorized });
  const notFound = journey.error !== null && journey.error.includes(' 404 ');

  return (
    <>
      <title>{lookup ? `${lookup.trackingNumber} — Lanewatch` : 'Shipment lookup — Lanewatch'}</title>
      <div className="page-header">
        <div>
          <h1>Shipment lookup</h1>
          <p className="page-header__subtitle">Any leg’s tracking number shows the whole journey across carriers.</p>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <section className="panel" aria-label="Lookup">
          <LookupForm
            key={location.search}
            initial={lookup}
            onLookup={(carrier, trackingNumber) => navigate({ pathname: location.pathname, search: shipmentLookupSearch({ carrier, trackingNumber }) })}
          />
        </section>
        {lookup === null ? (
          <p className="panel__placeholder">Enter a carrier code and a tracking number of any leg.</p>
        ) : notFound ? (
          <div className="banner banner--info" role="status">
            <p>
              <strong>No parcel {lookup.trackingNumber} for carrier {lookup.carrier}.</strong> Check the carrier code: the same number
              can exist at two carriers.
            </p>
          </div>
        ) : (
          <QueryState query={journey} what={`parcel ${lookup.trackingNumber}`}>
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
        )}
      </main>
    </>
  );
}

