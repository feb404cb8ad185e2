import { useCallback } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { fetchBreaches } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { dashboardSearch, formatApiInstant } from '../filters/dashboard-query.util';
import { DateRangeControl } from '../filters/date-range-control.component';
import { useDashboardQuery } from '../filters/use-dashboard-query.hook';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { fetchCarrierScorecard } from './carrier-api';
import { CarrierContractClock } from './carrier-contract-clock.component';
import { CarrierBreachTimeline } from './carrier-breach-timeline.component';
import { CarrierCorridors } from './carrier-corridors.component';
import { CarrierCustomsDistribution } from './carrier-distribution.component';
import { CARRIERS_PATH } from './carrier-detail.util';
import { CarrierFeedHealth } from './carrier-feed-health.component';
import { CarrierFidelity } from './carrier-fidelity.component';
import { CarrierHandovers } from './carrier-handovers.component';
import { CarrierKpiTiles } from './carrier-kpi-tiles.component';
import { CarrierTrend } from './carrier-trends.component';
import { UrlProblemsNotice } from '../shared/url-problems-notice.component';

export function CarrierDetailPage() {
  const { code = '' } = useParams();
  const { search } = useLocation();
  const { token, onUnauthorized, carrier } = useSession();
  const { query, problems, nowMs, update } = useDashboardQuery();
  const from = formatApiInstant(query.fromMs);
  const to = formatApiInstant(query.toMs);
  const load = useCallback((signal: AbortSignal) => fetchCarrierScorecard({ token, signal, carrier: code, from, to }), [token, code, from, to]);
  const scorecard = useApiQuery({ requestKey: `${code}|${from}|${to}`, load, onUnauthorized });
  const name = scorecard.data?.scorecard.name ?? code;
  // Its open breaches, lane-scoped ones included, colour the figures they judge (issue 15, point 2).
  const loadOpen = useCallback((signal: AbortSignal) => fetchBreaches({ token, signal, status: 'open', carrier: code, corridor: null }), [token, code]);
  const openBreaches = useApiQuery({ requestKey: `open|${code}`, load: loadOpen, onUnauthorized }).data ?? [];

  return (
    <>
      <title>{`${name} — Lanewatch`}</title>
      <div className="page-header">
        <div>
          {carrier === null ? (
            <p className="page-header__subtitle">
              <Link to={{ pathname: CARRIERS_PATH, search: dashboardSearch(search) }}>All carriers</Link>
            </p>
          ) : null}
          <h1>{name === code ? code : `${name} (${code})`}</h1>
          <p className="page-header__subtitle">Its own legs over the chosen range; days are UTC days.</p>
        </div>
        <DateRangeControl range={query} nowMs={nowMs} onChange={(range) => update({ fromMs: range.fromMs, toMs: range.toMs })} />
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <UrlProblemsNotice problems={problems} />
        <QueryState query={scorecard} what={`the scorecard of ${code}`}>
          {(data) => (
            <>
              <CarrierKpiTiles scorecard={data.scorecard} openBreaches={openBreaches} />
              <CarrierContractClock carrier={code} from={from} to={to} />
              <div className="carrier-charts">
                <CarrierTrend carrier={code} carrierName={name} range={query} metric="transit" />
                <CarrierTrend carrier={code} carrierName={name} range={query} metric="firstAttempt" />
              </div>
              <CarrierCustomsDistribution carrier={code} carrierName={name} range={query} />
              <CarrierFeedHealth scorecard={data.scorecard} asOf={data.asOf} />
              <CarrierFidelity carrier={code} carrierName={name} range={query} />
              <CarrierHandovers carrier={code} from={data.from} to={data.to} handovers={data.scorecard.handovers} />
              <CarrierCorridors carrier={code} from={data.from} to={data.to} corridors={data.scorecard.corridors} openBreaches={openBreaches} />
            </>
          )}
        </QueryState>
        <CarrierBreachTimeline carrier={code} />
      </main>
    </>
  );
}
