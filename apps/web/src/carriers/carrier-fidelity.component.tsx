import { useCallback, useId } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatRate, formatUtcDay } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { fetchCarrierFidelity } from './fidelity-api';
import {
  type FidelityAnswer,
  fidelityCsv,
  fidelityCsvFileName,
  fidelityDays,
  fidelityPoints,
  hasFidelity,
  MAX_FIDELITY_DAYS,
  WARNING_KINDS,
  WARNING_LABELS,
  warningTotal,
} from './fidelity.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const UNMAPPED_COLOUR = '#1f5fbf';
const UNCLASSIFIED_COLOUR = '#7c3aed';
const REJECTED_COLOUR = '#b42318';
const WARNINGS_COLOUR = '#b45309';

type FidelityBucket = FidelityAnswer['buckets'][number];

const FIDELITY_DAY_COLUMNS: readonly SortableColumn<FidelityBucket>[] = [
  { id: 'day', label: 'Day (UTC)', sortValue: (bucket) => Date.parse(bucket.start) },
  { id: 'events', label: 'Events', numeric: true, sortValue: (bucket) => bucket.events },
  { id: 'unmapped', label: 'Unmapped', numeric: true, sortValue: (bucket) => bucket.unmappedShare },
  { id: 'unclassified', label: 'UNCLASSIFIED', numeric: true, sortValue: (bucket) => bucket.unclassifiedShare },
  { id: 'rejected', label: 'Rejected', numeric: true, sortValue: (bucket) => bucket.rejected },
  ...WARNING_KINDS.map((kind) => ({ id: kind, label: WARNING_LABELS[kind], numeric: true, sortValue: (bucket: FidelityBucket) => bucket.warnings[kind] })),
];

type CarrierFidelityProps = { carrier: string; carrierName: string; range: { fromMs: number; toMs: number } };

export function CarrierFidelity({ carrier, carrierName, range }: CarrierFidelityProps) {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const days = fidelityDays(range);
  const from = formatApiInstant(days.fromMs);
  const to = formatApiInstant(days.toMs);
  const load = useCallback((signal: AbortSignal) => fetchCarrierFidelity({ token, signal, carrier, from, to, bucket: 'day' }), [token, carrier, from, to]);
  const fidelity = useApiQuery({ requestKey: `fidelity|${carrier}|${from}|${to}`, load, onUnauthorized });
  return (
    <section className="panel panel--wide" aria-labelledby={headingId} data-testid="carrier-fidelity">
      <div className="panel__header">
        <h2 id={headingId}>Mapping fidelity</h2>
        {fidelity.data !== null && hasFidelity(fidelity.data.totals) ? (
          <CsvDownloadButton
            fileName={fidelityCsvFileName(fidelity.data)}
            csv={() => fidelityCsv(fidelity.data as FidelityAnswer)}
            what={`the mapping fidelity of ${carrierName} per day`}
          />
        ) : null}
      </div>
      <p className="panel__note">
        How much of this carrier&apos;s feed lands on a milestone, per UTC day of receipt: the share of stored events no
        code map covers (unmapped), the part of them that were real scans with no code at all (UNCLASSIFIED), entries
        rejected, and events kept with less than the payload said (warnings).
        {days.clipped ? ` Only the last ${MAX_FIDELITY_DAYS} days of the range are shown.` : ''}
      </p>
      <QueryState query={fidelity} what={`the mapping fidelity of ${carrierName}`}>
        {(data) =>
          hasFidelity(data.totals) ? (
            <FidelityFigures answer={data} />
          ) : (
            <p className="chart-placeholder" role="status">
              Nothing received from {carrierName} in this range.
            </p>
          )
        }
      </QueryState>
    </section>
  );
}

function FidelityFigures({ answer }: { answer: FidelityAnswer }) {
  const { totals } = answer;
  const points = fidelityPoints(answer);
  const items = [
    { label: 'Events stored', value: formatCount(totals.events) },
    { label: 'Unmapped', value: formatRate(totals.unmappedShare), detail: `${formatCount(totals.unmapped)} events` },
    { label: 'UNCLASSIFIED', value: formatRate(totals.unclassifiedShare), detail: `${formatCount(totals.unclassified)} events` },
    { label: 'Rejected entries', value: formatCount(totals.rejected) },
    ...WARNING_KINDS.map((kind) => ({ label: WARNING_LABELS[kind], value: formatCount(totals.warnings[kind]) })),
  ];
  const day = (epochMs: number) => formatUtcDay(epochMs, { withYear: false });
  return (
    <>
      <dl className="tile-grid" aria-label="Mapping fidelity over the range">
        {items.map((item) => (
          <div key={item.label} className="tile carrier-tile">
            <dt className="tile__label">{item.label}</dt>
            <dd className="tile__value">{item.value}</dd>
            {'detail' in item ? <dd className="tile__hint">{item.detail}</dd> : null}
          </div>
        ))}
      </dl>
      <figure className="chart">
        <figcaption className="visually-hidden">
          {`${points.length} UTC days from ${formatUtcDay(points[0].startMs)}: ${formatRate(totals.unmappedShare)} of ${formatCount(totals.events)} events unmapped, `}
          {`${formatRate(totals.unclassifiedShare)} UNCLASSIFIED, ${formatCount(totals.rejected)} entries rejected and ${formatCount(warningTotal(totals.warnings))} warnings. `}
          The figures are in the table after the chart.
        </figcaption>
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e2e6ea" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="startMs" tickFormatter={day} minTickGap={24} />
            {/* A share never passes 100 %: without data the axis reads 0–100 %, not 0–400 %. */}
            <YAxis yAxisId="share" tickFormatter={(value: number) => formatRate(value)} domain={[0, (dataMax: number) => (dataMax > 0 ? Math.min(1, dataMax * 1.2) : 1)]} width="auto" />
            {/* Counts on their own axis: a handful of rejects would vanish on a percentage scale. */}
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} width="auto" />
            <Tooltip
              labelFormatter={(label) => (typeof label === 'number' ? `${formatUtcDay(label)} (UTC)` : String(label))}
              formatter={(value, name) => (typeof value === 'number' && String(name).includes('%') ? formatRate(value) : formatCount(typeof value === 'number' ? value : null))}
            />
            <Legend />
            <Bar yAxisId="count" dataKey="rejected" name="Rejected (right axis)" fill={REJECTED_COLOUR} isAnimationActive={false} />
            <Bar yAxisId="count" dataKey="warnings" name="Warnings (right axis)" fill={WARNINGS_COLOUR} isAnimationActive={false} />
            {/* A day without events has no share: the line breaks there instead of dropping to 0 %. */}
            <Line yAxisId="share" dataKey="unmappedShare" name="Unmapped % (left axis)" stroke={UNMAPPED_COLOUR} dot isAnimationActive={false} />
            <Line yAxisId="share" dataKey="unclassifiedShare" name="UNCLASSIFIED % (left axis)" stroke={UNCLASSIFIED_COLOUR} strokeDasharray="5 3" dot isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <details className="chart-table">
        <summary>Figures as a table</summary>
        <SortableTable
          label="Mapping fidelity per day"
          columns={FIDELITY_DAY_COLUMNS}
          rows={answer.buckets}
          rowKey={(bucket) => bucket.start}
          renderRow={(bucket) => (
            <tr key={bucket.start}>
                <th scope="row">{formatUtcDay(Date.parse(bucket.start))}</th>
                <td className="data-table__number">{formatCount(bucket.events)}</td>
                <td className="data-table__number">{formatRate(bucket.unmappedShare)}</td>
                <td className="data-table__number">{formatRate(bucket.unclassifiedShare)}</td>
                <td className="data-table__number">{formatCount(bucket.rejected)}</td>
                {WARNING_KINDS.map((kind) => (
                  <td key={kind} className="data-table__number">
                    {formatCount(bucket.warnings[kind])}
                  </td>
                ))}
              </tr>
          )}
        />
      </details>
    </>
  );
}
