import type { Handover } from '../api/api-types';
import { formatCount, formatHours } from '../shared/kpi-format.util';
import { sortHandovers } from './carrier-detail.util';

export function CarrierHandovers({ handovers }: { handovers: readonly Handover[] }) {
  return (
    <section className="panel" aria-labelledby="carrier-handovers-heading">
      <h2 id="carrier-handovers-heading">Hand-over gaps</h2>
      <p className="panel__note">Time between the last scan of one carrier and the first of the next, per carrier pair; slowest first.</p>
      {handovers.length === 0 ? (
        <p className="panel__placeholder" role="status">
          No hand-overs to or from this carrier in this range.
        </p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Hand-over gaps table" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">Hand-over gaps per carrier pair</caption>
            <thead>
              <tr>
                <th scope="col">From → to</th>
                <th scope="col" className="data-table__number">Hand-overs</th>
                <th scope="col" className="data-table__number">Mean</th>
                <th scope="col" className="data-table__number">p50</th>
                <th scope="col" className="data-table__number">p90</th>
              </tr>
            </thead>
            <tbody>
              {sortHandovers(handovers).map((handover) => (
                <tr key={`${handover.from}>${handover.to}`}>
                  <th scope="row">
                    {handover.from} → {handover.to}
                  </th>
                  <td className="data-table__number">{formatCount(handover.count)}</td>
                  <td className="data-table__number">{formatHours(handover.meanHours)}</td>
                  <td className="data-table__number">{formatHours(handover.p50Hours)}</td>
                  <td className="data-table__number">{formatHours(handover.p90Hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
