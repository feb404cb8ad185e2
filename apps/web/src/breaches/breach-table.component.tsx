import { Link } from 'react-router';
import type { Breach } from '../api/sla-types';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { carrierPath } from '../carriers/carrier-detail.util';
import { formatMetricValue, formatThreshold } from './breach-format.util';
import { carrierLabel, formatGap, laneLabel, metricInWords, relativeGap, wrongSideFor } from './breach-ranking.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const SEVERITY_ORDER: Record<string, number> = { critical: 0, major: 1, minor: 2 };

// The API's order (severity, then newest) until a header is pressed.
const BREACH_COLUMNS: readonly SortableColumn<Breach>[] = [
  { id: 'severity', label: 'Severity', sortValue: (breach) => SEVERITY_ORDER[breach.severity] ?? 3 },
  { id: 'policy', label: 'Policy and scope', sortValue: (breach) => breach.policyName },
  { id: 'metric', label: 'Metric', sortValue: (breach) => metricInWords(breach.metric) },
  { id: 'value', label: 'Value', numeric: true, sortValue: (breach) => relativeGap(breach), description: 'Sorts by the gap relative to the target' },
  { id: 'threshold', label: 'Threshold', numeric: true, sortValue: (breach) => breach.threshold },
  { id: 'sample', label: 'Sample', numeric: true, sortValue: (breach) => breach.sample },
  { id: 'window', label: 'Window', sortValue: (breach) => Date.parse(breach.windowFrom) },
  { id: 'status', label: 'Status', sortValue: (breach) => breach.status },
  { id: 'since', label: 'Wrong side since / open for', sortValue: (breach) => Date.parse(breach.wrongSideSince) },
  { id: 'opened', label: 'Opened / last evaluated', sortValue: (breach) => Date.parse(breach.openedAt) },
];

type BreachTableProps = { breaches: readonly Breach[]; nowMs?: number };

export function BreachTable({ breaches, nowMs = Date.now() }: BreachTableProps) {
  return (
    <div className="table-scroll">
      <SortableTable
        label="Breaches"
        columns={BREACH_COLUMNS}
        rows={breaches}
        rowKey={(breach) => breach.id}
        renderRow={(breach) => (
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
        )}
      />
    </div>
  );
}
