import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeseriesBucket } from '../api/api-types';
import { formatCount, formatDays, formatHours, formatRate, formatUtcRange, NO_DATA } from '../shared/kpi-format.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { csvFileName } from '../shared/csv.util';
import { type TrendRow, trendRowsCsv, type TrendUnit } from './trend-metrics.util';
import type { TrendTarget } from './trend-targets.util';

// What the chart needs of a metric definition (its value pickers stay with the data conversion).
export type TrendChartSpec = {
  label: string;
  unit: TrendUnit;
  sampleLabel: string;
  lines: readonly { key: string; label: string; colour: string; dashed: boolean }[];
};

type TrendChartProps = { rows: readonly TrendRow[]; spec: TrendChartSpec; bucket: TimeseriesBucket; subject: string; targets?: readonly TrendTarget[] };

const FORMAT_BY_UNIT: Record<TrendUnit, (value: number | null) => string> = {
  days: (value) => formatDays(value),
  hours: (value) => formatHours(value),
  rate: (value) => formatRate(value),
};

function rowFromPayload(payload: unknown): TrendRow | null {
  if (!Array.isArray(payload) || payload.length === 0) {
    return null;
  }
  const first: unknown = payload[0];
  return typeof first === 'object' && first !== null && 'payload' in first ? (first.payload as TrendRow) : null;
}

// Every axis starts at 0: an axis from 20 % makes a dip look like a collapse. Rates end at 100 %; the
// reference lines extend a duration axis to show their target.
const Y_DOMAIN: Record<TrendUnit, [number, number | 'auto']> = { rate: [0, 1], days: [0, 'auto'], hours: [0, 'auto'] };

export function TrendChart({ rows, spec, bucket, subject, targets = [] }: TrendChartProps) {
  const format = FORMAT_BY_UNIT[spec.unit];
  const bucketWord = bucket === 'week' ? 'week' : 'day';
  return (
    <>
      <figure className="chart">
        <figcaption className="visually-hidden">
          {`${spec.label} of ${subject} per ${bucketWord}, ${rows.length} ${bucketWord}s. Missing ${bucketWord}s are gaps in the lines. `}
          {targets.length > 0 ? `Dashed red lines: SLA ${targets.map((target) => `${target.label} ${format(target.value)}`).join('; ')}. ` : ''}
          The figures are in the table after the chart.
        </figcaption>
        <ResponsiveContainer width="100%" height={320}>
          <LineChart data={rows as TrendRow[]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e2e6ea" strokeDasharray="3 3" />
            <XAxis dataKey="label" minTickGap={16} />
            <YAxis domain={Y_DOMAIN[spec.unit]} tickFormatter={(value: number) => format(value)} width="auto" />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? format(value) : NO_DATA)}
              labelFormatter={(label, payload) => {
                const row = rowFromPayload(payload);
                if (row === null) {
                  return String(label);
                }
                return `${formatUtcRange({ fromMs: row.startMs, toMs: row.endMs })} · ${formatCount(row.sample)} ${spec.sampleLabel}`;
              }}
            />
            <Legend />
            {targets.map((target) => (
              <ReferenceLine
                key={`${target.lineKey}-${target.value}`}
                y={target.value}
                stroke="#b91c1c"
                strokeDasharray="4 4"
                ifOverflow="extendDomain"
                className="chart__target"
                label={{ value: `${target.label} ${format(target.value)}`, position: 'insideTopRight', fill: '#b91c1c', fontSize: 12 }}
              />
            ))}
            {spec.lines.map((line) => (
              // connectNulls off: a bucket without data is a gap, never a line drawn through it or a 0.
              // Dots make a value between two gaps visible at all.
              <Line
                key={line.key}
                type="linear"
                dataKey={(row: TrendRow) => row.values[line.key]}
                name={line.label}
                stroke={line.colour}
                strokeWidth={2}
                strokeDasharray={line.dashed ? '6 3' : undefined}
                dot={{ r: 2.5, fill: line.colour }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <details className="chart-table">
        <summary>Figures as a table</summary>
        <CsvDownloadButton
          fileName={csvFileName('trend', spec.label, subject, bucketWord)}
          csv={() => trendRowsCsv({ rows, lines: spec.lines, unit: spec.unit, sampleLabel: spec.sampleLabel })}
          what={`${spec.label} of ${subject} per ${bucketWord}`}
          disabled={rows.length === 0}
        />
        <table>
          <caption className="visually-hidden">
            {spec.label} of {subject} per {bucketWord}
          </caption>
          <thead>
            <tr>
              <th scope="col">{bucket === 'week' ? 'Week (UTC)' : 'Day (UTC)'}</th>
              {spec.lines.map((line) => (
                <th key={line.key} scope="col">
                  {line.label}
                </th>
              ))}
              <th scope="col">Sample ({spec.sampleLabel})</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.startMs}>
                <th scope="row">{formatUtcRange({ fromMs: row.startMs, toMs: row.endMs })}</th>
                {spec.lines.map((line) => (
                  <td key={line.key}>{format(row.values[line.key] ?? null)}</td>
                ))}
                <td>{formatCount(row.sample)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
