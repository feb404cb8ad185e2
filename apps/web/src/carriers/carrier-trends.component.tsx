import { useId } from 'react';
import type { KpiMetric } from '../api/api-types';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { chooseBucket, type DateRange } from '../filters/date-range.util';
import { TREND_METRICS } from '../trends/trend-metrics.util';
import { TrendState } from '../trends/trend-state.component';
import { useTrend } from '../trends/use-trend.hook';

type CarrierTrendProps = { carrier: string; carrierName: string; range: DateRange; metric: KpiMetric };

// One metric of one carrier over the range, from /kpis/timeseries grouped by carrier (its leg facts).
export function CarrierTrend({ carrier, carrierName, range, metric }: CarrierTrendProps) {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const bucket = chooseBucket(range);
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
  const definition = TREND_METRICS[metric];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {definition.label} per {bucket}
      </h2>
      <p className="panel__note">
        {bucket === 'week' ? 'Weeks start on Monday (UTC). ' : 'Days in UTC. '}A gap means no data in that {bucket}, not zero.
      </p>
      <div aria-busy={trend.loading}>
        <TrendState trend={trend} definition={definition} subject={carrierName} />
      </div>
    </section>
  );
}
