import { useCallback, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { fetchChannels } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { useIngestHealth } from '../ingest-health/use-ingest-health.hook';
import { useIngestThroughput } from '../ingest-health/use-ingest-throughput.hook';
import { useApiQuery } from '../shared/use-api-query.hook';
import { ingestGlance } from './ingest-glance.util';

// Slower than the ingest health page's 5 s: at a glance, a minute-old figure is fresh enough.
const GLANCE_POLL_MS = 30_000;

export function IngestGlance() {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const search = dashboardSearch(useLocation().search);
  const [mountedAt] = useState(() => Date.now());
  const { status, statusError, health, healthError, lastUpdatedAt, loading, refresh } = useIngestHealth({
    token,
    paused: false,
    onUnauthorized,
    intervalMs: GLANCE_POLL_MS,
  });
  const loadChannels = useCallback((signal: AbortSignal) => fetchChannels({ token, signal }), [token]);
  const channels = useApiQuery({ requestKey: 'glance-channels', load: loadChannels, onUnauthorized });
  // The last complete hour and the current one, read with each status poll (at most once a minute).
  const nowMs = lastUpdatedAt ?? mountedAt;
  const throughput = useIngestThroughput({ token, onUnauthorized, nowMs, hours: 2 });
  const glance = ingestGlance({
    status,
    health,
    channels: channels.data,
    throughput: throughput.data === null ? null : { answer: throughput.data, nowMs },
  });
  const errors = [statusError, healthError, channels.error, throughput.error].filter((error): error is string => error !== null);

  return (
    <section className="panel ingest-glance" aria-labelledby={headingId} aria-busy={loading}>
      <div className="panel__header">
        <h2 id={headingId}>Ingest health</h2>
        <Link to={{ pathname: '/ingest-health', search }}>Ingest health page</Link>
      </div>
      {loading ? (
        <p className="panel__placeholder" role="status">
          Loading the ingest status…
        </p>
      ) : (
        <>
          <p className={`ingest-glance__headline ingest-glance__headline--${glance.tone}`} role="status">
            {glance.headline}
          </p>
          {errors.length > 0 ? (
            <div className="banner banner--error" role="alert">
              <p>
                <strong>Some figures could not be loaded.</strong> {errors.join('; ')}.
              </p>
              <button type="button" onClick={() => { refresh(); channels.retry(); throughput.retry(); }}>
                Try again
              </button>
            </div>
          ) : null}
          <dl className="ingest-glance__list">
            {glance.items.map((item) => (
              <div key={item.id} className={`ingest-glance__item ingest-glance__item--${item.tone}`} data-field={`glance-${item.id}`}>
                <dt>{item.label}</dt>
                <dd className="ingest-glance__value">{item.value}</dd>
                <dd className="ingest-glance__hint">{item.hint}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
