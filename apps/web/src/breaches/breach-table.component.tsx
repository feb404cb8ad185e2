import { Link } from 'react-router';
import type { Breach } from '../api/sla-types';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { carrierPath } from '../carriers/carrier-detail.util';
import { formatMetricValue, formatThreshold } from './breach-format.util';
import { carrierLabel, formatGap, laneLabel, metricInWords, wrongSideFor } from './breach-ranking.util';

type BreachTableProps = { breaches: readonly Breach[]; nowMs?: number };

export function BreachTable({ breaches, nowMs = Date.now() }: BreachTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Breaches">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Policy and scope</th>
            <th scope="col">Metric</th>
            <th scope="col" className="data-table__number">
              Value
            </th>
            <th scope="col" className="data-table__number">
              Threshold
            </th>
            <th scope="col" className="data-table__number">
              Sample
            </th>
            <th scope="col">Window</th>
            <th scope="col">Status</th>
            <th scope="col">Wrong side since / open for</th>
            <th scope="col">Opened / last evaluated</th>
          </tr>
        </thead>
        <tbody>
          {breaches.map((breach) => (
            <tr key={breach.id} data-breach-id={breach.id}>
              <td>
                <span className={`severity severity--${breach.severity}`}>{breach.severity}</span>
              </td>
              <th scope="row">
                <Link to={`/breaches/${encodeURIComponent(breach.id)}`}>{breach.policyName || 'Breach'}</Link>
                <span className="data-table__detail">
                  {breach.carrier === null ? carrierLabel(breach) : <Link to={carrierPath(breach.carrier)}>{carrierLabel(breach)}</Link>} ·{' '}
                  {laneLabel(breach)}
                </span>
              </th>
              <td>{metricInWords(breach.metric)}</td>
              <td className="data-table__number data-table__bad">
                {formatMetricValue(breach.metric, breach.value)}
                <span className="data-table__detail">{formatGap(breach)}</span>
                <span className="data-table__detail">worst {formatMetricValue(breach.metric, breach.worstValue)}</span>
              </td>
              <td className="data-table__number">{formatThreshold(breach)}</td>
              <td className="data-table__number">{breach.sample}</td>
              <td>
                {formatUtcInstant(breach.windowFrom)} – {formatUtcInstant(breach.windowTo)}
              </td>
              <td>
                <span className={`status status--${breach.status}`}>{breach.status}</span>
              </td>
              <td>
                {formatUtcInstant(breach.wrongSideSince)}
                <span className="data-table__detail">
                  {breach.status === 'resolved' ? 'resolved' : `for ${wrongSideFor({ breach, nowMs })}`}
                </span>
              </td>
              <td>
                {formatUtcInstant(breach.openedAt)}
                <span className="data-table__detail">{formatUtcInstant(breach.lastEvaluatedAt)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
