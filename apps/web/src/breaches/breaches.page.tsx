import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { fetchBreaches } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { toSearchString } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { BreachFilterForm } from './breach-filter-form.component';
import { applyBreachFilters, type BreachFilters, parseBreachFilters } from './breach-filters.util';
import { breachesCsv, sortBreaches } from './breach-format.util';
import { BreachTable } from './breach-table.component';
import { UrlProblemsNotice } from '../shared/url-problems-notice.component';

export function BreachesPage() {
  const { token, onUnauthorized } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const { filters, problems } = useMemo(() => parseBreachFilters(params), [params]);
  const { status, carrier, corridor, severity } = filters;
  const load = useCallback(
    (signal: AbortSignal) => fetchBreaches({ token, signal, status, carrier, corridor }),
    [token, status, carrier, corridor],
  );
  const breaches = useApiQuery({ requestKey: `${status}|${carrier}|${corridor}`, load, onUnauthorized });
  const shown = useMemo(
    () => sortBreaches((breaches.data ?? []).filter((breach) => severity === null || breach.severity === severity)),
    [breaches.data, severity],
  );

  const apply = (next: BreachFilters) =>
    navigate({ pathname: location.pathname, search: toSearchString(applyBreachFilters(params, next)) });

  return (
    <>
      <title>Breaches — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Breaches</h1>
          <p className="page-header__subtitle">Who broke which SLA, on which lane, since when; open one for its evidence.</p>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <UrlProblemsNotice problems={problems} />
        <section className="panel" aria-labelledby="breach-list-heading">
          <div className="panel__header">
            <h2 id="breach-list-heading">Breach list</h2>
            <CsvDownloadButton fileName="lanewatch-breaches.csv" csv={() => breachesCsv(shown)} what="the breaches shown" disabled={shown.length === 0} />
          </div>
          {/* Keyed by the link, so Back/Forward refill the typed fields. */}
          <BreachFilterForm key={location.search} filters={filters} onApply={apply} />
          <QueryState query={breaches} what="the breaches">
            {() =>
              shown.length === 0 ? (
                <p className="panel__placeholder" role="status">
                  No breaches match these filters. Policies are evaluated every minute and after each ingested batch.
                </p>
              ) : (
                <BreachTable breaches={shown} />
              )
            }
          </QueryState>
        </section>
      </main>
    </>
  );
}
