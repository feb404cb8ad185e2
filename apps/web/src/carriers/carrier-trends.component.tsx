import { useId, useState } from 'react';
import type { KpiMetric, TimeseriesBucket } from '../api/api-types';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { chooseBucket, type DateRange } from '../filters/date-range.util';
import { TREND_METRICS } from '../trends/trend-metrics.util';
import { TrendState } from '../trends/trend-state.component';
import { useTrend } from '../trends/use-trend.hook';
import { useTrendTargets } from '../trends/use-trend-targets.hook';

type CarrierTrendProps = { carrier: string; carrierName: string; range: DateRange; metric: KpiMetric };

// One metric of one carrier over the range, from /kpis/timeseries grouped by carrier (its leg facts).
// Days or weeks: a daily rate over a handful of attempts swings wildly, a week pools them.
export function CarrierTrend({ carrier, carrierName, range, metric }: CarrierTrendProps) {
  const headingId = useId();
  const bucketId = useId();
  const { token, onUnauthorized } = useSession();
  const [chosen, setChosen] = useState<TimeseriesBucket | null>(null);
  const bucket = chosen ?? chooseBucket(range);
  const trend = useTrend({
    token,
    metric,
    bucket,
    from: formatApiInstant(range.fromMs),
    to: formatApiInstant(range.toMs),
    carrier,
    corridor: null,
    onUnauthorized,
  });
  const targets = useTrendTargets({ metric, carrier, corridor: null });
  const definition = TREND_METRICS[metric];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>
          {definition.label} per {bucket}
        </h2>
        <div className="field">
          <label htmlFor={bucketId}>Group by</label>
          <select id={bucketId} value={bucket} onChange={(event) => setChosen(event.target.value === 'week' ? 'week' : 'day')}>
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </div>
      </div>
      <p className="panel__note">
        {bucket === 'week' ? 'Weeks start on Monday (UTC). ' : 'Days in UTC. '}A gap means no data in that {bucket}, not zero. The
        tooltip and the table give each point’s sample; dashed red lines are the SLA targets.
      </p>
      <div aria-busy={trend.loading}>
        <TrendState trend={trend} definition={definition} subject={carrierName} targets={targets} />
      </div>
    </section>
  );
}
