import { Link } from 'react-router';
import type { Breach } from '../api/sla-types';
import { breachListSearch } from '../breaches/breach-filters.util';
import { formatMetricValue, formatThreshold } from '../breaches/breach-format.util';
import { carrierLabel, formatGap, laneLabel, metricInWords, rankOpenBreaches, relativeGap, wrongSideFor } from '../breaches/breach-ranking.util';
import { carrierPath } from '../carriers/carrier-detail.util';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';
import type { ApiQueryState } from '../shared/use-api-query.hook';

const SEVERITY_ORDER: Record<string, number> = { critical: 0, major: 1, minor: 2 };

// Ranked by severity then gap until a header is pressed.
const OPEN_BREACH_COLUMNS: readonly SortableColumn<Breach>[] = [
  { id: 'severity', label: 'Severity', sortValue: (breach) => SEVERITY_ORDER[breach.severity] ?? 3 },
  { id: 'carrier', label: 'Carrier', sortValue: (breach) => carrierLabel(breach) },
  { id: 'lane', label: 'Lane', sortValue: (breach) => laneLabel(breach) },
  { id: 'metric', label: 'Metric', sortValue: (breach) => metricInWords(breach.metric) },
  { id: 'gap', label: 'Value / target', numeric: true, sortValue: (breach) => relativeGap(breach), description: 'Sorts by the gap relative to the target' },
  { id: 'sample', label: 'Sample', numeric: true, sortValue: (breach) => breach.sample },
  { id: 'since', label: 'On the wrong side since', sortValue: (breach) => Date.parse(breach.wrongSideSince) },
];

// Who breaks which SLA, on which lane, by how much and since when: the overview's first answer (issue 15).
// Open breaches are current state, not a range figure: the date range does not apply here.
export function OpenBreachList({ breaches, nowMs }: { breaches: ApiQueryState<Breach[]>; nowMs: number }) {
  return (
    <section className="panel open-breach-list" aria-labelledby="open-breach-list-heading">
      <div className="panel__header">
        <h2 id="open-breach-list-heading">Open breaches: who misses which target, and since when</h2>
        <Link to={{ pathname: '/breaches', search: breachListSearch({ status: 'open' }) }}>All open breaches</Link>
      </div>
      <QueryState query={breaches} what="the open breaches">
        {(data) =>
          data.length === 0 ? (
            <p className="panel__placeholder">No open breach: every evaluated target is met.</p>
          ) : (
            <div className="table-scroll">
              <SortableTable
                className="data-table data-table--compact"
                label="Open breaches"
                columns={OPEN_BREACH_COLUMNS}
                rows={rankOpenBreaches(data)}
                rowKey={(breach) => breach.id}
                renderRow={(breach) => (
                  <tr key={breach.id} data-breach-id={breach.id}>
                      <td>
                        <span className={`severity severity--${breach.severity}`}>{breach.severity}</span>
                      </td>
                      <th scope="row" data-field="carrier">
                        {breach.carrier === null ? carrierLabel(breach) : <Link to={carrierPath(breach.carrier)}>{carrierLabel(breach)}</Link>}
                      </th>
                      <td data-field="lane">{laneLabel(breach)}</td>
                      <td data-field="metric">
                        <Link to={`/breaches/${encodeURIComponent(breach.id)}`}>{metricInWords(breach.metric)}</Link>
                      </td>
                      <td className="data-table__number" data-field="value">
                        <span className="data-table__bad">{formatMetricValue(breach.metric, breach.value)}</span> vs{' '}
                        <span data-field="target">{formatThreshold(breach)}</span>
                        <span className="data-table__detail">{formatGap(breach)}</span>
                      </td>
                      <td className="data-table__number">{breach.sample.toLocaleString('en')}</td>
                      <td data-field="since">
                        {formatUtcInstant(breach.wrongSideSince)}
                        <span className="data-table__detail">for {wrongSideFor({ breach, nowMs })}</span>
                      </td>
                    </tr>
                )}
              />
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
