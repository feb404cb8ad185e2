import { useCallback, useId } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import type { DateRange } from '../filters/date-range.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatRate } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { fetchCarrierDistribution } from './carrier-api';
import { distributionBars, distributionCsv, distributionCsvFileName, type DistributionBar, hasDistributionData, type KpiDistribution } from './kpi-distribution.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

// The bins' own order (shortest hold first) until a header is pressed.
const DISTRIBUTION_COLUMNS: readonly SortableColumn<DistributionBar>[] = [
  { id: 'hold', label: 'Hold' },
  { id: 'count', label: 'Holds', numeric: true, sortValue: (bar) => bar.count },
  { id: 'share', label: 'Share', numeric: true, sortValue: (bar) => bar.share },
];

type CarrierDistributionProps = { carrier: string; carrierName: string; range: DateRange };

// Customs hold hours of the carrier's legs released in the range, from the same rollups as its KPIs.
export function CarrierCustomsDistribution({ carrier, carrierName, range }: CarrierDistributionProps) {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const from = formatApiInstant(range.fromMs);
  const to = formatApiInstant(range.toMs);
  const load = useCallback(
    (signal: AbortSignal) => fetchCarrierDistribution({ token, signal, carrier, from, to, metric: 'customsHold' }),
    [token, carrier, from, to],
  );
  const distribution = useApiQuery({ requestKey: `customs|${carrier}|${from}|${to}`, load, onUnauthorized });
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="customs-distribution">
      <div className="panel__header">
        <h2 id={headingId}>Customs hold distribution</h2>
        {distribution.data !== null && hasDistributionData(distribution.data) ? (
          <CsvDownloadButton
            fileName={distributionCsvFileName({ carrier, distribution: distribution.data })}
            csv={() => distributionCsv({ carrier, distribution: distribution.data as KpiDistribution })}
            what="the customs hold distribution"
          />
        ) : null}
      </div>
      <p className="panel__note">Import customs holds (release − start) of {carrierName}&apos;s legs released in the range; bin edges are within 1 % of the round numbers shown.</p>
      <QueryState query={distribution} what="the customs hold distribution">
        {(data) =>
          hasDistributionData(data) ? (
            <DistributionChart distribution={data} subject={carrierName} />
          ) : (
            <p className="chart-placeholder" role="status">
              No customs holds released in this range for {carrierName}.
            </p>
          )
        }
      </QueryState>
    </section>
  );
}

function DistributionChart({ distribution, subject }: { distribution: KpiDistribution; subject: string }) {
  const bars = distributionBars(distribution);
  return (
    <>
      <figure className="chart">
        <figcaption className="visually-hidden">
          {`Customs hold of ${subject}: ${formatCount(distribution.count)} holds in ${bars.length} bins. The figures are in the table after the chart.`}
        </figcaption>
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e2e6ea" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={56} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} width="auto" />
            <Tooltip formatter={(value) => [typeof value === 'number' ? formatCount(value) : String(value), 'Holds']} />
            <Bar dataKey="count" name="Holds" fill="#2f6db5" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <details className="chart-table">
        <summary>Figures as a table</summary>
        <SortableTable
          label="Customs hold distribution"
          columns={DISTRIBUTION_COLUMNS}
          rows={bars}
          rowKey={(bar) => bar.label}
          renderRow={(bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td className="data-table__number">{formatCount(bar.count)}</td>
                <td className="data-table__number">{formatRate(bar.share)}</td>
              </tr>
            )}
        />
      </details>
    </>
  );
}
