import type { CorridorKpiRow } from '../api/api-types';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatDays, formatHours, formatInterval, formatRate } from '../shared/kpi-format.util';
import { corridorsCsv, corridorsCsvFileName, sortCorridors } from './carrier-detail.util';

type CarrierCorridorsProps = { carrier: string; from: string; to: string; corridors: readonly CorridorKpiRow[] };

function RateCell({ rate, ci95 }: { rate: number | null; ci95: { low: number; high: number } | null }) {
  const interval = formatInterval(ci95);
  return (
    <td className="data-table__number">
      {formatRate(rate)}
      {interval !== null ? <span className="data-table__detail">{interval}</span> : null}
    </td>
  );
}

export function CarrierCorridors({ carrier, from, to, corridors }: CarrierCorridorsProps) {
  const rows = sortCorridors(corridors);
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
          <table className="data-table">
            <caption className="visually-hidden">This carrier&apos;s KPIs per corridor and service level</caption>
            <thead>
              <tr>
                <th scope="col">Corridor</th>
                <th scope="col" className="data-table__number">Transit p50</th>
                <th scope="col" className="data-table__number">Transit p95</th>
                <th scope="col" className="data-table__number">Legs</th>
                <th scope="col" className="data-table__number">First attempt</th>
                <th scope="col" className="data-table__number">On time</th>
                <th scope="col" className="data-table__number">Customs hold p90</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.corridor ?? '*'}|${row.serviceLevel ?? '*'}`}>
                  <th scope="row">
                    {row.corridor ?? 'All corridors'}
                    {row.serviceLevel !== null ? <span className="data-table__detail">{row.serviceLevel}</span> : null}
                  </th>
                  <td className="data-table__number">{formatDays(row.transit?.p50Days ?? null)}</td>
                  <td className="data-table__number">{formatDays(row.transit?.p95Days ?? null)}</td>
                  <td className="data-table__number">{formatCount(row.transit?.count ?? null)}</td>
                  <RateCell rate={row.firstAttempt?.rate ?? null} ci95={row.firstAttempt?.ci95 ?? null} />
                  <RateCell rate={row.onTime?.rate ?? null} ci95={row.onTime?.ci95 ?? null} />
                  <td className="data-table__number">{formatHours(row.customsHold?.p90Hours ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
