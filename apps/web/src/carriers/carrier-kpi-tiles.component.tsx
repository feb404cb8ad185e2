import type { CarrierScorecard } from '../api/api-types';
import { kpiTiles } from './carrier-detail.util';

export function CarrierKpiTiles({ scorecard }: { scorecard: CarrierScorecard }) {
  return (
    <section className="panel" aria-labelledby="carrier-kpis-heading">
      <h2 id="carrier-kpis-heading">Key figures</h2>
      <p className="panel__note">From this carrier&apos;s own legs. Rates show their Wilson 95 % interval; n is the sample.</p>
      <ul className="tile-grid">
        {kpiTiles(scorecard).map((tile) => (
          <li key={tile.id} className="tile carrier-tile" data-kpi={tile.id}>
            <span className="tile__label">{tile.label}</span>
            <span className="tile__value">
              {tile.value}
              {tile.missing ? <span className="visually-hidden"> (no data)</span> : null}
            </span>
            {tile.interval !== null ? <span className="tile__hint">{tile.interval}</span> : null}
            <span className="tile__hint">{tile.sample}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
