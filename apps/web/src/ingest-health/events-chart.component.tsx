import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartSample } from './chart-samples.util';
import { formatClockTime, formatCompactCount, formatCount } from './format.util';

type EventsChartProps = { samples: readonly ChartSample[]; openedAt: number };

const EVENTS_COLOUR = '#1f5fbf';
const DUPLICATES_COLOUR = '#b45309';

function formatTooltipValue(value: unknown): string {
  return typeof value === 'number' ? formatCount(value) : String(value);
}

export function EventsChart({ samples, openedAt }: EventsChartProps) {
  const latest = samples[samples.length - 1];
  return (
    <section aria-labelledby="events-chart-heading" className="panel panel--wide">
      <h2 id="events-chart-heading">Events stored and duplicates</h2>
      <p className="panel__note">
        Sampled by this page every 5 s since {formatClockTime(openedAt)}; the history resets when the page is
        reloaded. The axes fit the data and do not start at zero.
      </p>
      {samples.length < 2 ? (
        <p className="chart-placeholder" role="status">
          Collecting samples — the chart appears after the second update.
        </p>
      ) : (
        <figure className="chart">
          <figcaption className="visually-hidden">
            {`${samples.length} samples from ${formatClockTime(samples[0].at)} to ${formatClockTime(latest.at)}; `}
            {`latest: ${formatCount(latest.eventsStored)} events stored, ${formatCount(latest.duplicates)} duplicates.`}
          </figcaption>
          <ResponsiveContainer width="100%" height={300}>
            <LineChart
              data={samples}
              margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
              title="Events stored and duplicates over time"
            >
              <CartesianGrid stroke="#e2e6ea" strokeDasharray="3 3" />
              <XAxis
                dataKey="at"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={formatClockTime}
                minTickGap={40}
              />
              {/* Duplicates are usually orders of magnitude fewer than events, so each line gets its own
                  axis, fitted to the data so that a few thousand new events on top of millions still show. */}
              <YAxis
                yAxisId="events"
                domain={['auto', 'auto']}
                tickFormatter={formatCompactCount}
                stroke={EVENTS_COLOUR}
                allowDecimals={false}
                width="auto"
              />
              <YAxis
                yAxisId="duplicates"
                orientation="right"
                domain={['auto', 'auto']}
                tickFormatter={formatCompactCount}
                stroke={DUPLICATES_COLOUR}
                allowDecimals={false}
                width="auto"
              />
              <Tooltip
                labelFormatter={(label) => (typeof label === 'number' ? formatClockTime(label) : String(label))}
                formatter={formatTooltipValue}
              />
              <Legend />
              {/* Animation off: the data changes every 5 s and re-animating the whole line distracts. */}
              <Line
                yAxisId="events"
                type="monotone"
                dataKey="eventsStored"
                name="Events stored (left axis)"
                stroke={EVENTS_COLOUR}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                yAxisId="duplicates"
                type="monotone"
                dataKey="duplicates"
                name="Duplicates (right axis)"
                stroke={DUPLICATES_COLOUR}
                strokeWidth={2}
                strokeDasharray="6 3"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}
