import { useCallback, useId, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { fetchKpiGroups } from '../api/api-client';
import { useSession } from '../auth/session.context';
import { formatApiInstant, toSearchString } from '../filters/dashboard-query.util';
import { DateRangeControl } from '../filters/date-range-control.component';
import { useDashboardQuery } from '../filters/use-dashboard-query.hook';
import { formatUtcRange } from '../shared/kpi-format.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { csvFileName } from '../shared/csv.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { CorridorHeatmap } from './corridor-heatmap.component';
import { buildHeatmap, CORRIDOR_METRICS, corridorMetric, laneCarriersCsv } from './corridor-heatmap.util';
import { LaneCarriers } from './lane-carriers.component';
import { UrlProblemsNotice } from '../shared/url-problems-notice.component';

// Range, metric (`metric`) and the open lane (`corridor`) all live in the URL, so a lane is a link.
export function CorridorsPage() {
  const metricId = useId();
  const { token, onUnauthorized } = useSession();
  const { query, problems, nowMs, update } = useDashboardQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const metric = corridorMetric(new URLSearchParams(location.search).get('metric'));
  const from = formatApiInstant(query.fromMs);
  const to = formatApiInstant(query.toMs);
  const load = useCallback(
    (signal: AbortSignal) => fetchKpiGroups({ token, signal, from, to, groupBy: 'corridor', corridor: null }),
    [token, from, to],
  );
  const lanes = useApiQuery({ requestKey: `corridors|${from}|${to}`, load, onUnauthorized });
  const heatmap = useMemo(() => (lanes.data === null ? null : buildHeatmap({ rows: lanes.data.rows, metric })), [lanes.data, metric]);

  function chooseMetric(id: string): void {
    const next = new URLSearchParams(location.search);
    next.set('metric', id);
    navigate({ pathname: location.pathname, search: toSearchString(next) });
  }

  return (
    <>
      <title>Corridors — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Corridors</h1>
          <p className="page-header__subtitle">Every origin × destination lane over the chosen range; select a lane for its carriers.</p>
        </div>
        <DateRangeControl range={query} nowMs={nowMs} onChange={(range) => update({ fromMs: range.fromMs, toMs: range.toMs })} />
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <UrlProblemsNotice problems={problems} />
        <section className="panel" aria-labelledby={`${metricId}-heading`}>
          <div className="panel__header">
            <h2 id={`${metricId}-heading`}>Lane heatmap, {formatUtcRange(query)}</h2>
            <div className="panel__actions">
              <div className="field">
                <label htmlFor={metricId}>Metric</label>
                <select id={metricId} value={metric.id} onChange={(event) => chooseMetric(event.target.value)}>
                  {CORRIDOR_METRICS.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              {/* Every lane's figures, not only the metric coloured: the carrier column is empty (all carriers). */}
              <CsvDownloadButton
                fileName={csvFileName('corridors', from.slice(0, 10), to.slice(0, 10))}
                csv={() => laneCarriersCsv(lanes.data?.rows ?? [])}
                what="every lane's figures"
                disabled={lanes.data === null || lanes.data.rows.length === 0}
              />
            </div>
          </div>
          <p className="panel__note">
            Darker cells are worse relative to the other lanes ({metric.higherIsBetter ? 'lower' : 'higher'} {metric.label.toLowerCase()});
            n is the sample. A dash means no data, not zero.
          </p>
          <QueryState query={lanes} what="the corridors">
            {() =>
              heatmap === null || heatmap.cells.size === 0 ? (
                <p className="panel__placeholder">No lane has shipments in this range; choose a longer range.</p>
              ) : (
                <CorridorHeatmap
                  heatmap={heatmap}
                  metric={metric}
                  selectedCorridor={query.corridor}
                  onSelect={(corridor) => update({ corridor })}
                />
              )
            }
          </QueryState>
        </section>
        {query.corridor !== null ? (
          <LaneCarriers corridor={query.corridor} from={from} to={to} onClose={() => update({ corridor: null })} />
        ) : null}
      </main>
    </>
  );
}
