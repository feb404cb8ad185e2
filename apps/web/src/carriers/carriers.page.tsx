import { useCallback } from 'react';
import { fetchScorecards } from '../api/api-client';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { DateRangeControl } from '../filters/date-range-control.component';
import { useDashboardQuery } from '../filters/use-dashboard-query.hook';
import { ScorecardSection } from '../overview/scorecard-section.component';
import { formatUtcRange } from '../shared/kpi-format.util';
import { useApiQuery } from '../shared/use-api-query.hook';

// Every carrier's scorecard; a carrier's name opens its detail page.
export function CarriersPage() {
  const { token, onUnauthorized } = useSession();
  const { query, nowMs, update } = useDashboardQuery();
  const from = formatApiInstant(query.fromMs);
  const to = formatApiInstant(query.toMs);
  const load = useCallback((signal: AbortSignal) => fetchScorecards({ token, signal, from, to }), [token, from, to]);
  const scorecards = useApiQuery({ requestKey: `${from}|${to}`, load, onUnauthorized });
  return (
    <>
      <title>Carriers — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Carriers</h1>
          <p className="page-header__subtitle">Select a carrier for its trends, feed health, hand-overs, corridors and breaches.</p>
        </div>
        <DateRangeControl range={query} nowMs={nowMs} onChange={(range) => update({ fromMs: range.fromMs, toMs: range.toMs })} />
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <ScorecardSection scorecards={scorecards} rangeLabel={formatUtcRange(query)} selectedCarrier={null} />
      </main>
    </>
  );
}
