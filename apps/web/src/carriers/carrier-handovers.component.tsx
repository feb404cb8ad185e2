import type { Handover } from '../api/api-types';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { csvFileName } from '../shared/csv.util';
import { formatCount, formatHours } from '../shared/kpi-format.util';
import { handoversCsv, sortHandovers } from './carrier-detail.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const HANDOVER_COLUMNS: readonly SortableColumn<Handover>[] = [
  { id: 'pair', label: 'From → to', sortValue: (handover) => `${handover.from} ${handover.to}` },
  { id: 'count', label: 'Hand-overs', numeric: true, sortValue: (handover) => handover.count },
  { id: 'mean', label: 'Mean', numeric: true, sortValue: (handover) => handover.meanHours },
  { id: 'p50', label: 'p50', numeric: true, sortValue: (handover) => handover.p50Hours },
  { id: 'p90', label: 'p90', numeric: true, sortValue: (handover) => handover.p90Hours },
];

type CarrierHandoversProps = { carrier: string; from: string; to: string; handovers: readonly Handover[] };

export function CarrierHandovers({ carrier, from, to, handovers }: CarrierHandoversProps) {
  const rows = sortHandovers(handovers);
  return (
    <section className="panel" aria-labelledby="carrier-handovers-heading">
      <div className="panel__header">
        <h2 id="carrier-handovers-heading">Hand-over gaps</h2>
        <CsvDownloadButton
          fileName={csvFileName(carrier, 'handovers', from.slice(0, 10), to.slice(0, 10))}
          csv={() => handoversCsv(rows)}
          what="the hand-over gaps"
          disabled={rows.length === 0}
        />
      </div>
      <p className="panel__note">Time between the last scan of one carrier and the first of the next, per carrier pair; slowest first.</p>
      {handovers.length === 0 ? (
        <p className="panel__placeholder" role="status">
          No hand-overs to or from this carrier in this range.
        </p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Hand-over gaps table" tabIndex={0}>
          <SortableTable
            columns={HANDOVER_COLUMNS}
            rows={rows}
            rowKey={(handover) => `${handover.from}>${handover.to}`}
            caption={<caption className="visually-hidden">Hand-over gaps per carrier pair</caption>}
            renderRow={(handover) => (
              <tr key={`${handover.from}>${handover.to}`}>
                  <th scope="row">
                    {handover.from} → {handover.to}
                  </th>
                  <td className="data-table__number">{formatCount(handover.count)}</td>
                  <td className="data-table__number">{formatHours(handover.meanHours)}</td>
                  <td className="data-table__number">{formatHours(handover.p50Hours)}</td>
                  <td className="data-table__number">{formatHours(handover.p90Hours)}</td>
                </tr>
            )}
          />
        </div>
      )}
    </section>
  );
}
