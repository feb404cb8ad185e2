import { useId, useState } from 'react';
import type { CarrierScorecard, KpiMetric } from '../api/api-types';
import { useSession } from '../auth/session.context';
import { formatApiInstant, type DashboardQuery } from '../filters/dashboard-query.util';
import { chooseBucket } from '../filters/date-range.util';
import { isKpiMetric, TREND_METRIC_ORDER, TREND_METRICS } from './trend-metrics.util';
import { TrendState } from './trend-state.component';
import { useTrend } from './use-trend.hook';
import { useTrendTargets } from './use-trend-targets.hook';

type TrendPanelProps = {
  query: DashboardQuery;
  // The carrier charted: the link's, or the page's default.
  carrier: string | null;
  // The scorecard's carriers: the choices of the carrier select, in the scorecard's order.
  carriers: readonly CarrierScorecard[];
  onFilterChange: (patch: Pick<Partial<DashboardQuery>, 'carrier' | 'corridor'>) => void;
};

type Option = { value: string; label: string };

function carrierOptions(carriers: readonly CarrierScorecard[], selected: string | null): Option[] {
  const options = carriers.map(({ carrier, name }) => ({ value: carrier, label: name === carrier ? name : `${name} (${carrier})` }));
  // A linked carrier without a scorecard row is still shown rather than silently replaced.
  return selected !== null && !options.some(({ value }) => value === selected) ? [...options, { value: selected, label: selected }] : options;
}

function corridorOptions(carrier: CarrierScorecard | undefined, selected: string | null): string[] {
  const corridors = new Set((carrier?.corridors ?? []).flatMap(({ corridor }) => (corridor === null ? [] : [corridor])));
  if (selected !== null) {
    corridors.add(selected);
  }
  return [...corridors].sort();
}

export function TrendPanel({ query, carrier, carriers, onFilterChange }: TrendPanelProps) {
  const headingId = useId();
  const metricId = useId();
  const carrierId = useId();
  const corridorId = useId();
  const { token, onUnauthorized } = useSession();
  const [metric, setMetric] = useState<KpiMetric>('transit');
  const bucket = chooseBucket(query);
  const trend = useTrend({
    token,
    metric,
    bucket,
    from: formatApiInstant(query.fromMs),
    to: formatApiInstant(query.toMs),
    carrier,
    corridor: query.corridor,
    onUnauthorized,
  });
  const targets = useTrendTargets({ metric, carrier, corridor: query.corridor });
  const definition = TREND_METRICS[metric];
  const current = carriers.find((candidate) => candidate.carrier === carrier);
  const subject = `${current?.name ?? carrier ?? 'no carrier'}${query.corridor ? ` on ${query.corridor}` : ''}`;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>
          {definition.label} per {bucket === 'week' ? 'week' : 'day'}
        </h2>
        <div className="toolbar" role="group" aria-label="Trend options">
          <div className="field">
            <label htmlFor={metricId}>Metric</label>
            <select
              id={metricId}
              value={metric}
              onChange={(event) => isKpiMetric(event.target.value) && setMetric(event.target.value)}
            >
              {TREND_METRIC_ORDER.map((option) => (
                <option key={option} value={option}>
                  {TREND_METRICS[option].label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={carrierId}>Carrier</label>
            <select
              id={carrierId}
              value={carrier ?? ''}
              disabled={carrier === null}
              // Another carrier has other corridors: the corridor filter starts over.
              onChange={(event) => onFilterChange({ carrier: event.target.value, corridor: null })}
            >
              {carrierOptions(carriers, carrier).map(({ value, label }) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={corridorId}>Corridor</label>
            <select
              id={corridorId}
              value={query.corridor ?? ''}
              onChange={(event) => onFilterChange({ corridor: event.target.value === '' ? null : event.target.value })}
            >
              <option value="">All corridors</option>
              {corridorOptions(current, query.corridor).map((corridor) => (
                <option key={corridor} value={corridor}>
                  {corridor}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <p className="panel__note">
        {bucket === 'week'
          ? 'Weeks start on Monday (UTC); the first and last week are cut to the range. '
          : 'Days in UTC. '}
        A gap means no data in that {bucket}, not zero. Rates are drawn from 0 %; dashed red lines are the SLA targets.
      </p>
      <div aria-busy={trend.loading}>
        {carrier === null ? (
          <p className="chart-placeholder">No carrier to chart in this range.</p>
        ) : (
          <TrendState trend={trend} definition={definition} subject={subject} targets={targets} />
        )}
      </div>
    </section>
  );
}
