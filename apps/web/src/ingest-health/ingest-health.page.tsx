import { useState } from 'react';
import { BackgroundTasksPanel } from './background-tasks-panel.component';
import { DataQualityPanel } from './data-quality-panel.component';
import { formatUtcClock } from '../shared/kpi-format.util';
import { FidelityTable } from './fidelity-table.component';
import { ServiceHealth } from './service-health.component';
import { StatusTiles } from './status-tiles.component';
import { ThroughputChart } from './throughput-chart.component';
import { useIngestHealth } from './use-ingest-health.hook';

type IngestHealthPageProps = { token: string; onUnauthorized: () => void };

export function IngestHealthPage({ token, onUnauthorized }: IngestHealthPageProps) {
  const [openedAt] = useState(() => Date.now());
  const [paused, setPaused] = useState(false);
  const { status, statusError, health, healthError, lastUpdatedAt, loading, refresh } = useIngestHealth({
    token,
    paused,
    onUnauthorized,
  });
  const nothingIngested =
    status !== null && status.eventsStored === 0 && status.processedBatches === 0 && status.pendingBatches === 0;

  return (
    <>
      <title>Ingest health — Lanewatch</title>
      <div className="page-header">
        <h1>Ingest health</h1>
        <div className="toolbar" role="toolbar" aria-label="Page controls">
          <p className="toolbar__status" aria-live="polite">
            {paused ? 'Updates paused' : 'Updating every 5 s'}
            {lastUpdatedAt !== null ? ` · last update ${formatUtcClock(lastUpdatedAt)}` : ''}
          </p>
          <button type="button" onClick={() => setPaused((value) => !value)} aria-pressed={paused}>
            {paused ? 'Resume updates' : 'Pause updates'}
          </button>
          <button type="button" onClick={refresh}>
            Refresh now
          </button>
        </div>
      </div>

      <main id="main-content" className="page-main" tabIndex={-1}>
        {statusError ? (
          <div className="banner banner--error" role="alert">
            <p>
              <strong>Could not load the ingest status.</strong> {statusError}.
              {status ? ' The figures below are the last values received.' : ''}
            </p>
            <button type="button" onClick={refresh}>
              Try again
            </button>
          </div>
        ) : null}

        {nothingIngested ? (
          <div className="banner banner--info" role="status">
            <p>
              <strong>No events ingested yet.</strong> Once carriers post to <code>/api/v1/events</code>, the figures
              and the chart fill in here.
            </p>
          </div>
        ) : null}

        <div className="layout">
          {status ? (
            <StatusTiles status={status} stale={statusError !== null} />
          ) : (
            <section className="panel" aria-labelledby="ingest-figures-heading" aria-busy={loading}>
              <h2 id="ingest-figures-heading">Ingest pipeline</h2>
              <p className="panel__placeholder" role="status">
                {loading ? 'Loading ingest status…' : 'No figures yet.'}
              </p>
            </section>
          )}
          <ServiceHealth health={health} error={healthError} loading={loading} />
        </div>

        <BackgroundTasksPanel token={token} onUnauthorized={onUnauthorized} refreshedAt={lastUpdatedAt} />

        <ThroughputChart nowMs={lastUpdatedAt ?? openedAt} />

        <FidelityTable nowMs={lastUpdatedAt ?? openedAt} />

        <DataQualityPanel />
      </main>
    </>
  );
}
