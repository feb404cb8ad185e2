import { type FormEvent, useId, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LegMatches } from './leg-matches.component';
import { ShipmentJourneyView } from './shipment-journey.component';
import { readShipmentLookup, type ShipmentLookup, shipmentLookupSearch } from './shipment-link.util';

function LookupForm({ initial, onLookup }: { initial: ShipmentLookup | null; onLookup: (lookup: ShipmentLookup) => void }) {
  const carrierId = useId();
  const carrierHintId = useId();
  const trackingId = useId();
  const [carrier, setCarrier] = useState(initial?.carrier ?? '');
  const [trackingNumber, setTrackingNumber] = useState(initial?.trackingNumber ?? '');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (trackingNumber.trim() !== '') {
      onLookup({ carrier: carrier.trim() === '' ? null : carrier.trim().toLowerCase(), trackingNumber: trackingNumber.trim() });
    }
  };
  return (
    <form className="filter-form" onSubmit={submit} aria-label="Look up a parcel">
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
      <div className="field">
        <label htmlFor={carrierId}>Carrier code</label>
        <input
          id={carrierId}
          value={carrier}
          placeholder="any carrier"
          aria-describedby={carrierHintId}
          onChange={(event) => setCarrier(event.target.value)}
        />
        <span id={carrierHintId} className="field__hint">
          Optional
        </span>
      </div>
      <button type="submit">Look up</button>
    </form>
  );
}

export function ShipmentLookupPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const lookup = useMemo(() => readShipmentLookup(new URLSearchParams(location.search)), [location.search]);
  // Every submit is a new search, even of the same number: the answer below is mounted afresh, so a
  // "no parcel" banner from the previous search never stays on screen.
  const [searches, setSearches] = useState(0);
  const onLookup = (next: ShipmentLookup) => {
    setSearches((count) => count + 1);
    navigate({ pathname: location.pathname, search: shipmentLookupSearch(next) });
  };
  const answerKey = `${searches}|${location.search}`;

  return (
    <>
      <title>{lookup ? `${lookup.trackingNumber} — Lanewatch` : 'Shipment lookup — Lanewatch'}</title>
      <div className="page-header">
        <div>
          <h1>Shipment lookup</h1>
          <p className="page-header__subtitle">
            Any leg’s tracking number, in any case, shows the whole journey across carriers; the carrier is optional.
          </p>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <section className="panel" aria-label="Lookup">
          <LookupForm key={location.search} initial={lookup} onLookup={onLookup} />
        </section>
        {lookup === null ? (
          <p className="panel__placeholder">Enter the tracking number of any leg.</p>
        ) : lookup.carrier === null ? (
          <LegMatches key={answerKey} trackingNumber={lookup.trackingNumber} />
        ) : (
          <ShipmentJourneyView key={answerKey} carrier={lookup.carrier} trackingNumber={lookup.trackingNumber} />
        )}
      </main>
    </>
  );
}
