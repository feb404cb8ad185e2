import type { CarrierScorecard } from '../api/api-types';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { feedHealthItems } from './carrier-detail.util';

export function CarrierFeedHealth({ scorecard, asOf }: { scorecard: CarrierScorecard; asOf: string | null }) {
  return (
    <section className="panel" aria-labelledby="carrier-feed-heading">
      <h2 id="carrier-feed-heading">Feed health</h2>
      <p className="panel__note">
        How well this carrier reports: latency from an event to its arrival, codes without a mapping, and parcels gone
        quiet{asOf === null ? '' : ` as of ${formatUtcInstant(asOf)}`}.
      </p>
      <dl className="tile-grid">
        {feedHealthItems(scorecard).map((item) => (
          <div key={item.label} className="tile carrier-tile">
            <dt className="tile__label">{item.label}</dt>
            <dd className="tile__value">{item.value}</dd>
            {item.detail !== null ? <dd className="tile__hint">{item.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
