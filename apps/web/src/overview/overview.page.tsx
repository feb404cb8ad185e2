import { useCallback } from 'react';
import { fetchKpiGroups, fetchScorecards } from '../api/api-client';
import { fetchBreaches, fetchPolicies } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { DateRangeControl } from '../filters/date-range-control.component';
import { useDashboardQuery } from '../filters/use-dashboard-query.hook';
import { formatUtcRange } from '../shared/kpi-format.util';
import { useApiQuery } from '../shared/use-api-query.hook';
import { TrendPanel } from '../trends/trend-panel.component';
import { defaultTrendCarrier } from '../trends/trend-targets.util';
import { IngestGlance } from './ingest-glance.component';
import { KpiTargetTiles } from './kpi-target-tiles.component';
import { OpenBreachList } from './open-breach-list.component';
import { OpenBreachesTiles } from './open-breaches-tiles.component';
import { ScorecardSection } from './scorecard-section.component';
import { WorstLanes } from './worst-lanes.component';
import { UrlProblemsNotice } from '../shared/url-problems-notice.component';

export function OverviewPage() {
  const { token, onUnauthorized } = useSession();
  const { query, problems, nowMs, update } = useDashboardQuery();
  const from = formatApiInstant(query.fromMs);
  const to = formatApiInstant(query.toMs);
  const load = useCallback((signal: AbortSignal) => fetchScorecards({ token, signal, from, to }), [token, from, to]);
  const scorecards = useApiQuery({ requestKey: `${from}|${to}`, load, onUnauthorized });
  // Shared by the KPI tiles and the worst lanes, which both judge figures against the SLA targets.
  const loadPolicies = useCallback((signal: AbortSignal) => fetchPolicies({ token, signal }), [token]);
  const policies = useApiQuery({ requestKey: 'overview-policies', load: loadPolicies, onUnauthorized });
  // Every carrier × corridor lane over the range: ranked by the worst lanes, judged by the KPI tiles.
  const loadLanes = useCallback(
    (signal: AbortSignal) => fetchKpiGroups({ token, signal, from, to, groupBy: 'carrier,corridor', corridor: null }),
    [token, from, to],
  );
  const lanes = useApiQuery({ requestKey: `overview-lanes|${from}|${to}`, load: loadLanes, onUnauthorized });
  // Current state, not a range figure: listed first, and ranking breaching lanes first in the worst lanes.
  const loadOpen = useCallback((signal: AbortSignal) => fetchBreaches({ token, signal, status: 'open', carrier: null, corridor: null }), [token]);
  const openBreaches = useApiQuery({ requestKey: 'overview-open-breaches', load: loadOpen, onUnauthorized });
  const rangeLabel = formatUtcRange(query);
  // Without a carrier in the link, the chart shows the carrier in the most severe open breach, else the worst.
  const carrier =
    query.carrier ??
    (scorecards.data === null || openBreaches.loading ? null : defaultTrendCarrier({ carriers: scorecards.data.carriers, openBreaches: openBreaches.data ?? [] }));

  return (
    <>
      <title>Overview — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="page-header__subtitle">Every carrier over the chosen range; days are UTC days.</p>
        </div>
        <DateRangeControl
          range={query}
          nowMs={nowMs}
          onChange={(range) => update({ fromMs: range.fromMs, toMs: range.toMs })}
        />
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <UrlProblemsNotice problems={problems} />
        <OpenBreachList breaches={openBreaches} nowMs={nowMs} />
        <div className="overview-glance">
          <OpenBreachesTiles />
          <IngestGlance />
        </div>
        <KpiTargetTiles from={from} to={to} rangeLabel={rangeLabel} scorecards={scorecards} lanes={lanes} policies={policies} openBreaches={openBreaches} />
        <WorstLanes from={from} to={to} rangeLabel={rangeLabel} lanes={lanes} policies={policies} openBreaches={openBreaches} />
        <ScorecardSection scorecards={scorecards} rangeLabel={rangeLabel} selectedCarrier={carrier} />
        {/* The chart waits for the scorecard: its carrier select and default carrier come from there. */}
        {scorecards.data !== null ? (
          <TrendPanel
            query={query}
            carrier={carrier}
            carriers={scorecards.data.carriers}
            onFilterChange={(patch) => update(patch)}
          />
        ) : null}
      </main>
    </>
  );
}
