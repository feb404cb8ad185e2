import { useId, useMemo } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { KpiGroups } from '../api/api-types';
import type { Breach, SlaPolicy } from '../api/sla-types';
import { formatMetricValue, formatThreshold } from '../breaches/breach-format.util';
import { metricInWords } from '../breaches/breach-ranking.util';
import { carrierPath } from '../carriers/carrier-detail.util';
import { dashboardSearch, toSearchString } from '../filters/dashboard-query.util';
import { downloadTextFile } from '../shared/download.util';
import { formatCount, formatDays, formatInterval, formatRate } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import type { ApiQueryState } from '../shared/use-api-query.hook';
import {
  LANE_METRICS,
  LANE_MIN_SAMPLES,
  laneMetric,
  laneMinSample,
  type LaneMetric,
  rankWorstLanes,
  type WorstLane,
  worstLanesCsv,
  worstLanesCsvFileName,
} from './worst-lanes.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

type WorstLanesProps = {
  from: string;
  to: string;
  rangeLabel: string;
  lanes: ApiQueryState<KpiGroups>;
  policies: ApiQueryState<SlaPolicy[]>;
  openBreaches: ApiQueryState<Breach[]>;
};

// The overview's own URL parameters: a copied link shows the same ranking.
const METRIC_PARAM = 'lanesBy';
const MIN_SAMPLE_PARAM = 'laneMin';
const VERDICT_WORDS = { good: 'meets', warning: 'at risk', bad: 'misses' } as const;

function corridorSearch(search: string, corridor: string): string {
  const params = new URLSearchParams(dashboardSearch(search));
  params.delete('carrier');
  params.set('corridor', corridor);
  return toSearchString(params);
}

export function WorstLanes({ from, to, rangeLabel, lanes, policies, openBreaches }: WorstLanesProps) {
  const headingId = useId();
  const metricId = useId();
  const minSampleId = useId();
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const metric = laneMetric(params.get(METRIC_PARAM));
  const minSample = laneMinSample(params.get(MIN_SAMPLE_PARAM));
  const ranking = useMemo(
    () => (lanes.data === null ? null : rankWorstLanes({ rows: lanes.data.rows, metric, minSample, policies: policies.data ?? [], breaches: openBreaches.data ?? [] })),
    [lanes.data, metric, minSample, policies.data, openBreaches.data],
  );

  function setParam(key: string, value: string): void {
    // From the address bar, not the render: router navigations are transitions, so two quick changes
    // would otherwise both start from the same (stale) search and the second would drop the first.
    const next = new URLSearchParams(window.location.search);
    next.set(key, value);
    navigate({ pathname: location.pathname, search: toSearchString(next), hash: location.hash });
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Worst lanes</h2>
        <div className="panel__actions worst-lanes__controls">
          <div className="field">
            <label htmlFor={metricId}>Rank by</label>
            <select id={metricId} value={metric.id} onChange={(event) => setParam(METRIC_PARAM, event.target.value)}>
              {LANE_METRICS.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={minSampleId}>Minimum sample</label>
            <select id={minSampleId} value={minSample} onChange={(event) => setParam(MIN_SAMPLE_PARAM, event.target.value)}>
              {LANE_MIN_SAMPLES.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button--quiet"
            disabled={ranking === null || ranking.lanes.length === 0}
            onClick={() =>
              downloadTextFile({
                fileName: worstLanesCsvFileName({ from, to }),
                text: worstLanesCsv({ lanes: ranking?.lanes ?? [], metric, from, to }),
                mimeType: 'text/csv',
              })
            }
          >
            Download CSV
          </button>
        </div>
      </div>
      <p className="panel__note">
        Carrier × corridor lanes in {rangeLabel}, {metric.higherIsBetter ? 'lowest' : 'highest'} {metric.label.toLowerCase()} first,
        among lanes with at least {minSample} {metric.sampleLabel}. The target column judges lane-scoped SLA policies the
        way the scorecard does.
      </p>
      <QueryState query={lanes} what="the lanes">
        {() =>
          ranking === null || ranking.lanes.length === 0 ? (
            <p className="panel__placeholder">
              {ranking !== null && ranking.belowMinSample > 0
                ? `No lane has ${minSample} ${metric.sampleLabel} in this range (${ranking.belowMinSample} ${ranking.belowMinSample === 1 ? 'has' : 'have'} fewer); lower the minimum sample or choose a longer range.`
                : `No lane has a ${metric.label.toLowerCase()} in this range; choose a longer range.`}
            </p>
          ) : (
            <LaneTable lanes={ranking.lanes} metric={metric} search={location.search} />
          )
        }
      </QueryState>
    </section>
  );
}

function formatLaneValue(metric: LaneMetric, value: number | null): string {
  return metric.kind === 'rate' ? formatRate(value) : formatDays(value);
}

const VERDICT_RANK: Record<string, number> = { bad: 0, warning: 1, good: 2 };

// The rank (#) keeps the ranking's order; any other header sorts by its own figure.
function laneColumns(metric: LaneMetric, ranked: readonly WorstLane[]): SortableColumn<WorstLane>[] {
  return [
    { id: 'rank', label: '#', numeric: true, sortValue: (lane) => ranked.indexOf(lane) },
    { id: 'corridor', label: 'Corridor', sortValue: (lane) => lane.corridor },
    { id: 'carrier', label: 'Carrier', sortValue: (lane) => lane.carrier },
    { id: 'value', label: metric.label, numeric: true, sortValue: (lane) => lane.value },
    { id: 'sample', label: 'n', numeric: true, sortValue: (lane) => lane.sample },
    {
      id: 'target',
      label: 'SLA target',
      sortValue: (lane) => (lane.breach !== null ? -1 : lane.target?.verdict ? (VERDICT_RANK[lane.target.verdict] ?? 3) : null),
    },
    { id: 'onTime', label: 'On-time', numeric: true, sortValue: (lane) => lane.row.onTime?.rate ?? null },
    { id: 'firstAttempt', label: 'First attempt', numeric: true, sortValue: (lane) => lane.row.firstAttempt?.rate ?? null },
    { id: 'transitP50', label: 'Transit p50', numeric: true, sortValue: (lane) => lane.row.transit?.p50Days ?? null },
    { id: 'transitP95', label: 'Transit p95', numeric: true, sortValue: (lane) => lane.row.transit?.p95Days ?? null },
  ];
}

function LaneTable({ lanes, metric, search }: { lanes: readonly WorstLane[]; metric: LaneMetric; search: string }) {
  const carrierSearch = dashboardSearch(search);
  return (
    <div className="table-scroll">
      <SortableTable
        className="data-table worst-lanes"
        label="Worst lanes"
        columns={laneColumns(metric, lanes)}
        rows={lanes}
        rowKey={(lane) => `${lane.carrier}|${lane.corridor}`}
        renderRow={(lane) => (
          <tr key={`${lane.carrier}|${lane.corridor}`} data-lane={`${lane.carrier}|${lane.corridor}`}>
              <td className="data-table__number">{lanes.indexOf(lane) + 1}</td>
              <th scope="row">
                <Link to={{ pathname: '/corridors', search: corridorSearch(search, lane.corridor) }}>{lane.corridor}</Link>
              </th>
              <td>
                <Link to={carrierPath(lane.carrier, carrierSearch)}>{lane.carrier}</Link>
              </td>
              <td className="data-table__number">
                {formatLaneValue(metric, lane.value)}
                {lane.interval !== null ? <span className="data-table__detail">{formatInterval(lane.interval)}</span> : null}
              </td>
              <td className="data-table__number">{formatCount(lane.sample)}</td>
              <td data-verdict={lane.breach !== null ? 'bad' : (lane.target?.verdict ?? undefined)} className="worst-lanes__target">
                {lane.breach !== null ? (
                  <Link to={`/breaches/${encodeURIComponent(lane.breach.id)}`} className="lane-breach">
                    <span className={`severity severity--${lane.breach.severity}`}>{lane.breach.severity} breach</span>
                    <span className="data-table__detail">
                      {metricInWords(lane.breach.metric)}: {formatMetricValue(lane.breach.metric, lane.breach.value)} vs {formatThreshold(lane.breach)}
                    </span>
                  </Link>
                ) : null}
                {lane.target === null ? (
                  lane.breach === null ? <span className="data-table__detail">no lane target</span> : null
                ) : (
                  <>
                    {lane.target.verdict === null ? 'no data' : VERDICT_WORDS[lane.target.verdict]}
                    <span className="data-table__detail">{lane.target.description}</span>
                  </>
                )}
              </td>
              <td className="data-table__number">{formatRate(lane.row.onTime?.rate ?? null)}</td>
              <td className="data-table__number">{formatRate(lane.row.firstAttempt?.rate ?? null)}</td>
              <td className="data-table__number">{formatDays(lane.row.transit?.p50Days ?? null)}</td>
              <td className="data-table__number">{formatDays(lane.row.transit?.p95Days ?? null)}</td>
            </tr>
        )}
      />
    </div>
  );
}
