import { useCallback, useId } from 'react';
import { Link, useLocation } from 'react-router';
import { fetchKpiGroups } from '../api/api-client';
import { fetchBreaches, fetchPolicies } from '../api/dashboard-api';
import type { Breach, SlaPolicy } from '../api/sla-types';
import { formatMetricValue, formatThreshold } from '../breaches/breach-format.util';
import { metricInWords } from '../breaches/breach-ranking.util';
import { targetScopeWords } from '../scorecard/applicable-targets.util';
import type { KpiGroupRow } from '../api/api-types';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatDays, formatHours, formatRate } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { laneCarriersCsv, laneCarriersCsvFileName } from './corridor-heatmap.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const LANE_CARRIER_COLUMNS: readonly SortableColumn<KpiGroupRow>[] = [
  { id: 'carrier', label: 'Carrier', sortValue: (row) => row.carrier ?? '' },
  { id: 'transitP50', label: 'Transit p50', numeric: true, sortValue: (row) => row.transit?.p50Days ?? null },
  { id: 'transitP95', label: 'Transit p95', numeric: true, sortValue: (row) => row.transit?.p95Days ?? null },
  { id: 'legs', label: 'Legs', numeric: true, sortValue: (row) => row.transit?.count ?? null },
  { id: 'customsHoldP90', label: 'Customs hold p90', numeric: true, sortValue: (row) => row.customsHold?.p90Hours ?? null },
  { id: 'firstAttempt', label: 'First-attempt rate', numeric: true, sortValue: (row) => row.firstAttempt?.rate ?? null },
  { id: 'attempts', label: 'Attempts', numeric: true, sortValue: (row) => row.firstAttempt?.attempted ?? null },
  { id: 'onTime', label: 'On-time rate', numeric: true, sortValue: (row) => row.onTime?.rate ?? null },
  { id: 'deliveries', label: 'Deliveries', numeric: true, sortValue: (row) => row.onTime?.delivered ?? null },
];

type LaneCarriersProps = { corridor: string; from: string; to: string; onClose: () => void };

export function LaneCarriers({ corridor, from, to, onClose }: LaneCarriersProps) {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => fetchKpiGroups({ token, signal, from, to, groupBy: 'carrier,corridor', corridor }),
    [token, from, to, corridor],
  );
  const lane = useApiQuery({ requestKey: `lane|${corridor}|${from}|${to}`, load, onUnauthorized });
  const carrierSearch = dashboardSearch(useLocation().search);
  // Badges and targets on each carrier of the lane (issue 15): its open breaches here and its targets.
  const loadOpen = useCallback((signal: AbortSignal) => fetchBreaches({ token, signal, status: 'open', carrier: null, corridor: null }), [token]);
  const openBreaches = useApiQuery({ requestKey: 'lane-open-breaches', load: loadOpen, onUnauthorized });
  const loadPolicies = useCallback((signal: AbortSignal) => fetchPolicies({ token, signal }), [token]);
  const policies = useApiQuery({ requestKey: 'lane-policies', load: loadPolicies, onUnauthorized });

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Carriers on {corridor}</h2>
        <div className="panel__actions">
          {lane.data !== null && lane.data.rows.length > 0 ? (
            <CsvDownloadButton
              fileName={laneCarriersCsvFileName({ corridor, from, to })}
              csv={() => laneCarriersCsv(lane.data?.rows ?? [])}
              what={`the carriers on ${corridor}`}
            />
          ) : null}
          <button type="button" className="button--quiet" onClick={onClose}>
            Close lane
          </button>
        </div>
      </div>
      <QueryState query={lane} what={`the carriers on ${corridor}`}>
        {({ rows }) =>
          rows.length === 0 ? (
            <p className="panel__placeholder">No carrier has figures on {corridor} in this range.</p>
          ) : (
            <LaneTable
              rows={rows}
              corridor={corridor}
              carrierSearch={carrierSearch}
              breaches={openBreaches.data ?? []}
              policies={policies.data ?? []}
            />
          )
        }
      </QueryState>
    </section>
  );
}

type LaneTableProps = { rows: readonly KpiGroupRow[]; corridor: string; carrierSearch: string; breaches: readonly Breach[]; policies: readonly SlaPolicy[] };

// A carrier's open breaches that judge this lane: its lane-scoped ones here and its carrier-wide ones.
function laneBreaches(breaches: readonly Breach[], carrier: string, corridor: string): Breach[] {
  return breaches.filter((breach) => breach.status !== 'resolved' && breach.carrier === carrier && (breach.corridor === null || breach.corridor === corridor));
}

// The carrier's targets that apply on this lane: the lane's own, the carrier's and the "*" ones.
function laneTargets(policies: readonly SlaPolicy[], carrier: string, corridor: string): SlaPolicy[] {
  return policies.filter(
    (policy) => policy.enabled && (policy.carrier === carrier || policy.carrier === '*') && (policy.corridor === null || policy.corridor === '*' || policy.corridor === corridor),
  );
}

function LaneTable({ rows, corridor, carrierSearch, breaches, policies }: LaneTableProps) {
  return (
    <div className="table-scroll">
      <SortableTable
        label={`Carriers on ${corridor}`}
        columns={LANE_CARRIER_COLUMNS}
        rows={rows}
        rowKey={(row) => row.carrier ?? 'all'}
        renderRow={(row) => (
          <tr key={row.carrier ?? 'all'}>
              <th scope="row">
                {row.carrier === null ? 'all carriers' : <Link to={carrierPath(row.carrier, carrierSearch)}>{row.carrier}</Link>}
                {row.carrier === null
                  ? null
                  : laneBreaches(breaches, row.carrier, corridor).map((breach) => (
                      <Link key={breach.id} to={`/breaches/${encodeURIComponent(breach.id)}`} className={`severity severity--${breach.severity} lane-breach-badge`} data-breach-badge="">
                        {breach.severity}: {metricInWords(breach.metric)} {formatMetricValue(breach.metric, breach.value)} vs {formatThreshold(breach)}
                      </Link>
                    ))}
                {row.carrier !== null && laneTargets(policies, row.carrier, corridor).length > 0 ? (
                  <span className="data-table__detail" data-field="targets">
                    Targets: {laneTargets(policies, row.carrier, corridor).map((policy) => `${metricInWords(policy.metric)} ${formatThreshold(policy)} (${targetScopeWords(policy)})`).join('; ')}
                  </span>
                ) : null}
              </th>
              <td className="data-table__number">{formatDays(row.transit?.p50Days ?? null)}</td>
              <td className="data-table__number">{formatDays(row.transit?.p95Days ?? null)}</td>
              <td className="data-table__number">{formatCount(row.transit?.count ?? null)}</td>
              <td className="data-table__number">{formatHours(row.customsHold?.p90Hours ?? null)}</td>
              <td className="data-table__number">{formatRate(row.firstAttempt?.rate ?? null)}</td>
              <td className="data-table__number">{formatCount(row.firstAttempt?.attempted ?? null)}</td>
              <td className="data-table__number">{formatRate(row.onTime?.rate ?? null)}</td>
              <td className="data-table__number">{formatCount(row.onTime?.delivered ?? null)}</td>
            </tr>
        )}
      />
    </div>
  );
}
