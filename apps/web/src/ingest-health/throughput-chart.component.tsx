import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSession } from '../auth/session.context';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { QueryState } from '../shared/query-state.component';
import { formatCompactCount, formatCount } from './format.util';
import { hasThroughput, type IngestThroughput, THROUGHPUT_HOURS, type ThroughputPoint, throughputCsv, throughputCsvFileName, throughputPoints } from './ingest-throughput.util';
import { useIngestThroughput } from './use-ingest-throughput.hook';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

type ThroughputChartProps = { nowMs: number };

const ACCEPTED_COLOUR = '#1f5fbf';
const DUPLICATES_COLOUR = '#b45309';
const REJECTED_COLOUR = '#b42318';

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
const dayHourFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

function formatHour(epochMs: number): string {
  return hourFormat.format(new Date(epochMs));
}

function formatHourLong(epochMs: number): string {
  return `${dayHourFormat.format(new Date(epochMs))} UTC`;
}

function formatTooltipValue(value: unknown): string {
  return typeof value === 'number' ? formatCount(value) : String(value);
}

const THROUGHPUT_COLUMNS: readonly SortableColumn<ThroughputPoint>[] = [
  { id: 'hour', label: 'Hour (UTC)', sortValue: (point) => point.hourMs },
  { id: 'accepted', label: 'Accepted', numeric: true, sortValue: (point) => point.accepted },
  { id: 'duplicates', label: 'Duplicates', numeric: true, sortValue: (point) => point.duplicates },
  { id: 'rejected', label: 'Rejected', numeric: true, sortValue: (point) => point.rejected },
];

export function ThroughputChart({ nowMs }: ThroughputChartProps) {
  const { token, onUnauthorized } = useSession();
  const throughput = useIngestThroughput({ token, onUnauthorized, nowMs });
  return (
    <section aria-labelledby="throughput-chart-heading" className="panel panel--wide" data-testid="ingest-throughput">
      <div className="panel__header">
        <h2 id="throughput-chart-heading">Events accepted, duplicates and rejects per hour</h2>
        {throughput.data !== null && hasThroughput(throughput.data) ? (
          <CsvDownloadButton
            fileName={throughputCsvFileName(throughput.data)}
            csv={() => throughputCsv(throughput.data as IngestThroughput)}
            what="the events accepted, duplicates and rejects per hour"
          />
        ) : null}
      </div>
      <p className="panel__note">
        What ingest requests (posts, webhooks, imports) answered in the last {THROUGHPUT_HOURS} hours, per UTC hour of
        receipt; the last hour is still filling. Duplicates are events repeated within one request; duplicates of
        events already stored are found later and counted in the figures above.
        {throughput.stale ? ' Could not refresh: showing the last answer.' : ''}
      </p>
      <QueryState query={throughput} what="the ingest throughput">
        {(data) =>
          hasThroughput(data) ? (
            <ThroughputFigures throughput={data} />
          ) : (
            <p className="chart-placeholder" role="status">
              No ingest requests in the last {THROUGHPUT_HOURS} hours.
            </p>
          )
        }
      </QueryState>
    </section>
  );
}

function ThroughputFigures({ throughput }: { throughput: IngestThroughput }) {
  const points = throughputPoints(throughput);
  const { totals } = throughput;
  return (
    <>
      <figure className="chart">
        <figcaption className="visually-hidden">
          {`${points.length} hours from ${formatHourLong(points[0].hourMs)}: ${formatCount(totals.accepted)} events accepted, `}
          {`${formatCount(totals.duplicates)} duplicates and ${formatCount(totals.rejected)} rejected. The figures are in the table after the chart.`}
        </figcaption>
        {/* Two charts, each with ONE axis starting at 0 and saying what it counts: a handful of duplicates
            is never drawn as tall as thousands of accepted events (issue 15, point 10). */}
        <HourBars points={points} bars={[{ key: 'accepted', name: 'Accepted', colour: ACCEPTED_COLOUR }]} axisLabel="Accepted events per hour" height={220} />
        <HourBars
          points={points}
          bars={[
            { key: 'duplicates', name: 'Duplicates', colour: DUPLICATES_COLOUR },
            { key: 'rejected', name: 'Rejected', colour: REJECTED_COLOUR },
          ]}
          axisLabel="Duplicates and rejects per hour (own scale)"
          height={160}
        />
      </figure>
      <details className="chart-table">
        <summary>Figures as a table</summary>
        <SortableTable
          label="Events accepted, duplicates and rejects per hour"
          columns={THROUGHPUT_COLUMNS}
          rows={points}
          rowKey={(point) => String(point.hourMs)}
          footer={
<tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="data-table__number">{formatCount(totals.accepted)}</td>
              <td className="data-table__number">{formatCount(totals.duplicates)}</td>
              <td className="data-table__number">{formatCount(totals.rejected)}</td>
            </tr>
          </tfoot>
}
          renderRow={(point) => (
              <tr key={point.hourMs}>
                <th scope="row">{formatHourLong(point.hourMs)}</th>
                <td className="data-table__number">{formatCount(point.accepted)}</td>
                <td className="data-table__number">{formatCount(point.duplicates)}</td>
                <td className="data-table__number">{formatCount(point.rejected)}</td>
              </tr>
            )}
        />
      </details>
    </>
  );
}

type HourBarsProps = {
  points: readonly ThroughputPoint[];
  bars: readonly { key: 'accepted' | 'duplicates' | 'rejected'; name: string; colour: string }[];
  axisLabel: string;
  height: number;
};

function HourBars({ points, bars, axisLabel, height }: HourBarsProps) {
  return (
    <div className="throughput-chart" data-testid={`throughput-${bars.map(({ key }) => key).join('-')}`}>
      <p className="throughput-chart__axis">{axisLabel}</p>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#e2e6ea" strokeDasharray="3 3" vertical={false} />
          {/* Bars, not lines: each is a count for its whole hour, nothing happens "between" hours. */}
          <XAxis dataKey="hourMs" tickFormatter={formatHour} minTickGap={24} />
          <YAxis tickFormatter={formatCompactCount} allowDecimals={false} width="auto" domain={[0, 'auto']} />
          <Tooltip labelFormatter={(label) => (typeof label === 'number' ? formatHourLong(label) : String(label))} formatter={formatTooltipValue} />
          <Legend />
          {bars.map((bar) => (
            <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={bar.colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
