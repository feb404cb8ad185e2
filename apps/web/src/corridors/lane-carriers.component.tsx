import { useCallback, useId } from 'react';
import { Link, useLocation } from 'react-router';
import { fetchKpiGroups } from '../api/api-client';
import type { KpiGroupRow } from '../api/api-types';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatDays, formatHours, formatRate } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { laneCarriersCsv, laneCarriersCsvFileName } from './corridor-heatmap.util';

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
            <LaneTable rows={rows} corridor={corridor} carrierSearch={carrierSearch} />
          )
        }
      </QueryState>
    </section>
  );
}

function LaneTable({ rows, corridor, carrierSearch }: { rows: readonly KpiGroupRow[]; corridor: string; carrierSearch: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={`Carriers on ${corridor}`}>
        <thead>
          <tr>
            <th scope="col">Carrier</th>
            <th scope="col">Transit p50</th>
            <th scope="col">Transit p95</th>
            <th scope="col">Legs</th>
            <th scope="col">Customs hold p90</th>
            <th scope="col">First-attempt rate</th>
            <th scope="col">Attempts</th>
            <th scope="col">On-time rate</th>
            <th scope="col">Deliveries</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.carrier ?? 'all'}>
              <th scope="row">
                {row.carrier === null ? 'all carriers' : <Link to={carrierPath(row.carrier, carrierSearch)}>{row.carrier}</Link>}
              </th>
              <td>{formatDays(row.transit?.p50Days ?? null)}</td>
              <td>{formatDays(row.transit?.p95Days ?? null)}</td>
              <td>{formatCount(row.transit?.count ?? null)}</td>
              <td>{formatHours(row.customsHold?.p90Hours ?? null)}</td>
              <td>{formatRate(row.firstAttempt?.rate ?? null)}</td>
              <td>{formatCount(row.firstAttempt?.attempted ?? null)}</td>
              <td>{formatRate(row.onTime?.rate ?? null)}</td>
              <td>{formatCount(row.onTime?.delivered ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
