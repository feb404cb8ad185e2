import type { ReactNode } from 'react';
import type { CorridorKpiRow } from '../api/api-types';
import type { Breach } from '../api/sla-types';
import { breachBadgeText, breachesOnFigure } from '../breaches/breach-ranking.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatDays, formatHours, formatInterval, formatRate } from '../shared/kpi-format.util';
import { corridorsCsv, corridorsCsvFileName, sortCorridors } from './carrier-detail.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

type CarrierCorridorsProps = { carrier: string; from: string; to: string; corridors: readonly CorridorKpiRow[]; openBreaches?: readonly Breach[] };

// A figure of one lane, red with a badge when an open breach judges it (lane-scoped policies included).
function FigureCell({ children, breaches }: { children: ReactNode; breaches: readonly Breach[] }) {
  return (
    <td className={`data-table__number${breaches.length > 0 ? ' data-table__bad' : ''}`} data-breached={breaches.length > 0 ? breaches[0].severity : undefined}>
      {children}
      {breaches.map((breach) => (
        <span key={breach.id} className="data-table__detail" title={breach.policyName}>
          {breachBadgeText(breach)}
        </span>
      ))}
    </td>
  );
}

function rateText(rate: number | null, ci95: { low: number; high: number } | null): ReactNode {
  const interval = formatInterval(ci95);
  return (
    <>
      {formatRate(rate)}
      {interval !== null ? <span className="data-table__detail">{interval}</span> : null}
    </>
  );
}

const CORRIDOR_COLUMNS: readonly SortableColumn<CorridorKpiRow>[] = [
  { id: 'corridor', label: 'Corridor', sortValue: (row) => `${row.corridor ?? ''} ${row.serviceLevel ?? ''}` },
  { id: 'transitP50', label: 'Transit p50', numeric: true, sortValue: (row) => row.transit?.p50Days ?? null },
  { id: 'transitP95', label: 'Transit p95', numeric: true, sortValue: (row) => row.transit?.p95Days ?? null },
  { id: 'legs', label: 'Legs', numeric: true, sortValue: (row) => row.transit?.count ?? null },
  { id: 'firstAttempt', label: 'First attempt', numeric: true, sortValue: (row) => row.firstAttempt?.rate ?? null },
  { id: 'onTime', label: 'On time', numeric: true, sortValue: (row) => row.onTime?.rate ?? null },
  { id: 'customsHoldP90', label: 'Customs hold p90', numeric: true, sortValue: (row) => row.customsHold?.p90Hours ?? null },
];

export function CarrierCorridors({ carrier, from, to, corridors, openBreaches = [] }: CarrierCorridorsProps) {
  const rows = sortCorridors(corridors);
  const judged = (row: CorridorKpiRow, metric: string) =>
    row.corridor === null ? [] : breachesOnFigure({ breaches: openBreaches, metrics: [metric], corridor: row.corridor, serviceLevel: row.serviceLevel });
  return (
    <section className="panel" aria-labelledby="carrier-corridors-heading">
      <div className="panel__header">
        <h2 id="carrier-corridors-heading">Per corridor</h2>
        <CsvDownloadButton
          fileName={corridorsCsvFileName({ carrier, from, to })}
          csv={() => corridorsCsv(rows)}
          what="the per-corridor figures"
          disabled={rows.length === 0}
        />
      </div>
      {rows.length === 0 ? (
        <p className="panel__placeholder" role="status">
          No corridor figures for this carrier in this range.
        </p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Per-corridor table" tabIndex={0}>
          <SortableTable
            columns={CORRIDOR_COLUMNS}
            rows={rows}
            rowKey={(row) => `${row.corridor ?? '*'}|${row.serviceLevel ?? '*'}`}
            caption={<caption className="visually-hidden">This carrier&apos;s KPIs per corridor and service level</caption>}
            renderRow={(row) => (
                <tr key={`${row.corridor ?? '*'}|${row.serviceLevel ?? '*'}`}>
                  <th scope="row">
                    {row.corridor ?? 'All corridors'}
                    {row.serviceLevel !== null ? <span className="data-table__detail">{row.serviceLevel}</span> : null}
                  </th>
                  <FigureCell breaches={judged(row, 'transit_p50_days')}>{formatDays(row.transit?.p50Days ?? null)}</FigureCell>
                  <FigureCell breaches={judged(row, 'transit_p95_days')}>{formatDays(row.transit?.p95Days ?? null)}</FigureCell>
                  <td className="data-table__number">{formatCount(row.transit?.count ?? null)}</td>
                  <FigureCell breaches={judged(row, 'first_attempt_rate')}>{rateText(row.firstAttempt?.rate ?? null, row.firstAttempt?.ci95 ?? null)}</FigureCell>
                  <FigureCell breaches={judged(row, 'on_time_rate')}>{rateText(row.onTime?.rate ?? null, row.onTime?.ci95 ?? null)}</FigureCell>
                  <FigureCell breaches={judged(row, 'customs_hold_p90_hours')}>{formatHours(row.customsHold?.p90Hours ?? null)}</FigureCell>
                </tr>
              )}
          />
        </div>
      )}
    </section>
  );
}
