import { type ReactNode, useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fetchBreach } from '../api/dashboard-api';
import type { BreachDetail } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { AcknowledgeForm, UndoAcknowledgement } from './acknowledge-form.component';
import { BreachEvidence } from './breach-evidence.component';
import { formatMetricValue, formatThreshold } from './breach-format.util';
import { carrierLabel, formatGap, laneLabel, metricInWords, wrongSideFor } from './breach-ranking.util';
import { BreachTrend } from './breach-trend.component';

function BreachSummary({ breach }: { breach: BreachDetail }) {
  const rows: [string, ReactNode][] = [
    ['Carrier', breach.carrier === null ? carrierLabel(breach) : <Link to={carrierPath(breach.carrier)}>{carrierLabel(breach)}</Link>],
    ['Lane', laneLabel(breach)],
    ['Metric', metricInWords(breach.metric)],
    ['Value', `${formatMetricValue(breach.metric, breach.value)} (worst ${formatMetricValue(breach.metric, breach.worstValue)}), ${formatGap(breach)}`],
    ['Target', formatThreshold(breach)],
    ['Sample', String(breach.sample)],
    ['Window', `${formatUtcInstant(breach.windowFrom)} – ${formatUtcInstant(breach.windowTo)}`],
    [
      'On the wrong side since',
      breach.resolvedAt === null
        ? `${formatUtcInstant(breach.wrongSideSince)} (for ${wrongSideFor({ breach, nowMs: Date.now() })})`
        : formatUtcInstant(breach.wrongSideSince),
    ],
    ['Opened', formatUtcInstant(breach.openedAt)],
    ['Last evaluated', formatUtcInstant(breach.lastEvaluatedAt)],
  ];
  if (breach.acknowledgedAt !== null) {
    rows.push(['Acknowledged', `${formatUtcInstant(breach.acknowledgedAt)} by ${breach.acknowledgedBy ?? 'unknown'}`]);
    rows.push(['Note', breach.acknowledgedNote || '—']);
  }
  if (breach.resolvedAt !== null) {
    rows.push(['Resolved', formatUtcInstant(breach.resolvedAt)]);
  }
  return (
    <section className="panel" aria-labelledby="breach-summary-heading">
      <h2 id="breach-summary-heading">
        <span className={`severity severity--${breach.severity}`}>{breach.severity}</span>{' '}
        <span className={`status status--${breach.status}`} data-testid="breach-status">
          {breach.status}
        </span>
      </h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Transitions({ breach }: { breach: BreachDetail }) {
  return (
    <section className="panel" aria-labelledby="transitions-heading">
      <h2 id="transitions-heading">History</h2>
      {breach.transitions.length === 0 ? (
        <p className="panel__placeholder">No transitions recorded.</p>
      ) : (
        <ol className="transitions">
          {breach.transitions.map((transition, index) => (
            <li key={`${transition.transition}-${index}`}>
              <strong>
                {transition.transition}
                {transition.reminder ? ` ${transition.reminder}` : ''}
              </strong>{' '}
              {formatUtcInstant(transition.at)}
              {typeof transition.detail?.by === 'string' ? ` by ${transition.detail.by}` : ''}
              {typeof transition.detail?.note === 'string' && transition.detail.note !== '' ? `: “${transition.detail.note}”` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function BreachDetailPage() {
  const { id = '' } = useParams();
  const { token, onUnauthorized, canEdit } = useSession();
  const [updated, setUpdated] = useState<BreachDetail | null>(null);
  const load = useCallback((signal: AbortSignal) => fetchBreach({ token, signal, id }), [token, id]);
  const query = useApiQuery({ requestKey: id, load, onUnauthorized });
  const shown = updated !== null && updated.id === id ? { ...query, data: updated, loading: false, error: null } : query;

  return (
    <>
      <title>Breach — Lanewatch</title>
      <div className="page-header">
        <div>
          <p className="page-header__subtitle">
            <Link to="/breaches">All breaches</Link>
          </p>
          <h1>{shown.data?.policyName || 'Breach'}</h1>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <QueryState query={shown} what="the breach">
          {(breach) => (
            <>
              <BreachSummary breach={breach} />
              {canEdit && breach.status === 'open' ? <AcknowledgeForm breachId={breach.id} onAcknowledged={setUpdated} /> : null}
              <BreachTrend breach={breach} />
              {canEdit && breach.status === 'acknowledged' ? <UndoAcknowledgement breachId={breach.id} onUndone={setUpdated} /> : null}
              <BreachEvidence breach={breach} />
              <Transitions breach={breach} />
            </>
          )}
        </QueryState>
      </main>
    </>
  );
}
