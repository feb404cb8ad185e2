import { Line, LineChart, YAxis } from 'recharts';
import type { TimeseriesBucket } from '../api/api-types';
import { describeSparkline, type SparkPoint } from './sparkline.util';

type ScorecardSparklineProps = { points: readonly SparkPoint[] | null; bucket: TimeseriesBucket };

const WIDTH = 104;
const HEIGHT = 28;

// A fixed-size drawing (no ResponsiveContainer: inside a table cell it measures 0 on first paint).
// The picture is one image with a spoken summary; the numbers stay in the sortable columns.
export function ScorecardSparkline({ points, bucket }: ScorecardSparklineProps) {
  if (points === null) {
    return (
      <span className="sparkline sparkline--empty" role="img" aria-label="Median transit trend: no data for this carrier">
        —
      </span>
    );
  }
  const label = describeSparkline({ points, bucket });
  const hasValues = points.some((point) => point.value !== null);
  return (
    <span className="sparkline" role="img" aria-label={label} title={label}>
      {hasValues ? (
        <LineChart
          width={WIDTH}
          height={HEIGHT}
          data={points as SparkPoint[]}
          margin={{ top: 3, right: 3, bottom: 3, left: 3 }}
          accessibilityLayer={false}
        >
          <YAxis hide domain={['dataMin', 'dataMax']} />
          {/* connectNulls off: a bucket without deliveries is a gap, not a line drawn through it. */}
          <Line
            type="linear"
            dataKey="value"
            stroke="var(--accent)"
            strokeWidth={1.5}
            dot={{ r: 1.5 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      ) : (
        <span aria-hidden="true">—</span>
      )}
    </span>
  );
}
