import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreachDetail } from '../api/sla-types';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { formatMetricValue, formatThreshold, metricUnit } from './breach-format.util';
import { metricInWords } from './breach-ranking.util';

// The metric at every evaluation, from a window before it went wrong up to now, against the target line.
export function BreachTrend({ breach }: { breach: BreachDetail }) {
  const isRate = metricUnit(breach.metric) === 'rate';
  const points = breach.history
    .filter((point) => point.value !== null)
    .map((point) => ({ atMs: Date.parse(point.at), value: isRate ? (point.value as number) * 100 : point.value, sample: point.sample }));
  const target = isRate ? breach.threshold * 100 : breach.threshold;
  return (
    <section className="panel" aria-labelledby="breach-trend-heading">
      <h2 id="breach-trend-heading">
        Trend: {metricInWords(breach.metric)} at each evaluation, target {formatThreshold(breach)}
      </h2>
      {points.length === 0 ? (
        <p className="panel__placeholder">No evaluation recorded yet for this breach (it predates the evaluation history).</p>
      ) : (
        <div className="chart" data-testid="breach-trend" style={{ height: 220 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="atMs" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(ms: number) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ')} />
              <YAxis domain={isRate ? [0, 100] : ['auto', 'auto']} unit={isRate ? ' %' : ''} width={56} />
              <Tooltip
                labelFormatter={(ms) => formatUtcInstant(new Date(Number(ms)).toISOString())}
                formatter={(value) => formatMetricValue(breach.metric, isRate ? Number(value) / 100 : Number(value))}
              />
              <ReferenceLine y={target} stroke="#b42318" strokeDasharray="6 3" label={{ value: `target ${formatThreshold(breach)}`, position: 'insideTopRight' }} />
              <Line type="monotone" dataKey="value" name={metricInWords(breach.metric)} stroke="#1d4ed8" dot={points.length < 40} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
