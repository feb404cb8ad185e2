import type { ApiQueryState } from '../shared/use-api-query.hook';
import { TrendChart, type TrendChartSpec } from './trend-chart.component';
import { hasTrendData } from './trend-metrics.util';
import type { TrendTarget } from './trend-targets.util';
import type { TrendData } from './use-trend.hook';

type TrendStateProps = {
  trend: ApiQueryState<TrendData>;
  definition: TrendChartSpec & { emptyText: string };
  subject: string;
  targets?: readonly TrendTarget[];
};

// A trend's loading, error and empty states around its chart: the same on the overview and a carrier's page.
export function TrendState({ trend, definition, subject, targets = [] }: TrendStateProps) {
  if (trend.loading) {
    return (
      <p className="chart-placeholder" role="status">
        Loading the trend…
      </p>
    );
  }
  if (trend.error !== null) {
    return (
      <div className="banner banner--error" role="alert">
        <p>
          <strong>Could not load the trend.</strong> {trend.error}.
        </p>
        <button type="button" onClick={trend.retry}>
          Try again
        </button>
      </div>
    );
  }
  if (trend.data === null || !hasTrendData(trend.data.rows)) {
    return (
      <p className="chart-placeholder" role="status">
        {definition.emptyText} for {subject}.
      </p>
    );
  }
  return <TrendChart rows={trend.data.rows} spec={definition} bucket={trend.data.bucket} subject={subject} targets={targets} />;
}
