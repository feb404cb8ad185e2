import { useCallback } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.context';
import { breachesCsv, formatMetricValue, formatThreshold, metricLabel } from '../breaches/breach-format.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { csvFileName } from '../shared/csv.util';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { fetchCarrierBreaches } from './carrier-api';
import { breachTimeline, formatDuration } from './carrier-detail.util';

// Breaches are state, not a range figure: every breach of the carrier is listed, newest first.
export function CarrierBreachTimeline({ carrier }: { carrier: string }) {
  const { token, onUnauthorized } = useSession();
  // Open breaches last until the moment they loaded, so durations do not tick while the page is read.
  const load = useCallback(
    async (signal: AbortSignal) => ({ breaches: await fetchCarrierBreaches({ token, signal, carrier }), loadedAtMs: Date.now() }),
    [token, carrier],
  );
  const breaches = useApiQuery({ requestKey: carrier, load, onUnauthorized });
  return (
    <section className="panel" aria-labelledby="carrier-breaches-heading">
      <div className="panel__header">
        <h2 id="carrier-breaches-heading">Breach timeline</h2>
        {breaches.data !== null && breaches.data.breaches.length > 0 ? (
          <CsvDownloadButton
            fileName={csvFileName(carrier, 'breaches')}
            csv={() => breachesCsv(breachTimeline({ breaches: breaches.data?.breaches ?? [], nowMs: breaches.data?.loadedAtMs ?? 0 }).map((entry) => entry.breach))}
            what={`the breaches of ${carrier}`}
          />
        ) : null}
      </div>
      <QueryState query={breaches} what="the breaches">
        {({ breaches: list, loadedAtMs }) =>
          list.length === 0 ? (
            <p className="panel__placeholder" role="status">
              No SLA breaches for this carrier.
            </p>
          ) : (
            <ol className="breach-timeline">
              {breachTimeline({ breaches: list, nowMs: loadedAtMs }).map(({ breach, endedAt, durationHours }) => (
                <li key={breach.id} className="breach-timeline__item" data-breach-id={breach.id}>
                  <span className={`severity severity--${breach.severity}`}>{breach.severity}</span>{' '}
                  <Link to={`/breaches/${encodeURIComponent(breach.id)}`}>{breach.policyName || 'Breach'}</Link>
                  <span className="data-table__detail">
                    {breach.corridor ?? 'all corridors'} · {metricLabel(breach.metric)} {formatMetricValue(breach.metric, breach.value)}{' '}
                    against {formatThreshold(breach)} (n = {breach.sample})
                  </span>
                  <span className="data-table__detail">
                    {formatUtcInstant(breach.openedAt)} → {endedAt === null ? 'now' : formatUtcInstant(endedAt)} ·{' '}
                    {formatDuration(durationHours)} · <span className={`status status--${breach.status}`}>{breach.status}</span>
                  </span>
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
