import { useCallback, useId } from 'react';
import { Link, useLocation } from 'react-router';
import { fetchChannels } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { useIngestHealth } from '../ingest-health/use-ingest-health.hook';
import { useApiQuery } from '../shared/use-api-query.hook';
import { ingestGlance } from './ingest-glance.util';

// Slower than the ingest health page's 5 s: at a glance, a minute-old figure is fresh enough.
const GLANCE_POLL_MS = 30_000;

export function IngestGlance() {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const search = dashboardSearch(useLocation().search);
  const { status, statusError, health, healthError, loading, refresh } = useIngestHealth({
    token,
    paused: false,
    onUnauthorized,
    intervalMs: GLANCE_POLL_MS,
  });
  const loadChannels = useCallback((signal: AbortSignal) => fetchChannels({ token, signal }), [token]);
  const channels = useApiQuery({ requestKey: 'glance-channels', load: loadChannels, onUnauthorized });
  const glance = ingestGlance({ status, health, channels: channels.data });
  const errors = [statusError, healthError, channels.error].filter((error): error is string => error !== null);

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
              <button type="button" onClick={() => { refresh(); channels.retry(); }}>
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
