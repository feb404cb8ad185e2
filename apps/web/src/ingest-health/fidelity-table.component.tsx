import { MINUTE_MS } from '@lanewatch/domain';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { fetchIngestFidelity } from '../carriers/fidelity-api';
import { type CarrierFidelityRow, fidelityCsvFileName, type IngestFidelity, ingestFidelityCsv, WARNING_KINDS, WARNING_LABELS } from '../carriers/fidelity.util';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatRate } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { useKeptAnswer } from '../shared/use-kept-answer.hook';
import { throughputWindow } from './ingest-throughput.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const FIDELITY_HOURS = 24;

// The last 24 UTC hours of receipt, asked again at most once a minute like the throughput chart.
export function FidelityTable({ nowMs }: { nowMs: number }) {
  const { token, onUnauthorized } = useSession();
  const window = throughputWindow({ nowMs, hours: FIDELITY_HOURS });
  const from = formatApiInstant(window.fromMs);
  const to = formatApiInstant(window.toMs);
  const load = useCallback((signal: AbortSignal) => fetchIngestFidelity({ token, signal, from, to, bucket: 'hour' }), [token, from, to]);
  const fidelity = useKeptAnswer(useApiQuery({ requestKey: `ingest-fidelity|${from}|${to}|${Math.floor(nowMs / MINUTE_MS)}`, load, onUnauthorized }));
  return (
    <section className="panel panel--wide" aria-labelledby="fidelity-table-heading" data-testid="ingest-fidelity">
      <div className="panel__header">
        <h2 id="fidelity-table-heading">Mapping fidelity per carrier</h2>
        {fidelity.data !== null && fidelity.data.carriers.length > 0 ? (
          <CsvDownloadButton
            fileName={fidelityCsvFileName(fidelity.data)}
            csv={() => ingestFidelityCsv(fidelity.data as IngestFidelity)}
            what="the mapping fidelity per carrier"
          />
        ) : null}
      </div>
      <p className="panel__note">
        The last {FIDELITY_HOURS} hours of receipt (UTC): stored events, the share no code map covers, the share of real
        scans with no code (UNCLASSIFIED), rejected entries and adapter warnings. Each carrier&apos;s page charts them per day.
        {fidelity.stale ? ' Could not refresh: showing the last answer.' : ''}
      </p>
      <QueryState query={fidelity} what="the mapping fidelity">
        {(data) => (data.carriers.length === 0 ? <p className="panel__placeholder">No carriers registered yet.</p> : <FidelityRows answer={data} />)}
      </QueryState>
    </section>
  );
}

const CARRIER_FIDELITY_COLUMNS: readonly SortableColumn<CarrierFidelityRow>[] = [
  { id: 'carrier', label: 'Carrier', sortValue: (row) => row.name },
  { id: 'events', label: 'Events', numeric: true, sortValue: (row) => row.totals.events },
  { id: 'unmapped', label: 'Unmapped', numeric: true, sortValue: (row) => row.totals.unmappedShare },
  { id: 'unclassified', label: 'UNCLASSIFIED', numeric: true, sortValue: (row) => row.totals.unclassifiedShare },
  { id: 'rejected', label: 'Rejected', numeric: true, sortValue: (row) => row.totals.rejected },
  ...WARNING_KINDS.map((kind) => ({ id: kind, label: WARNING_LABELS[kind], numeric: true, sortValue: (row: CarrierFidelityRow) => row.totals.warnings[kind] })),
];

function FidelityRows({ answer }: { answer: IngestFidelity }) {
  return (
    <SortableTable
      label="Mapping fidelity per carrier, last 24 hours"
      columns={CARRIER_FIDELITY_COLUMNS}
      rows={answer.carriers}
      rowKey={(row) => row.carrier}
      renderRow={({ carrier, name, totals }) => (
          <tr key={carrier}>
            <th scope="row">
              <Link to={carrierPath(carrier)}>{name === carrier ? carrier : `${name} (${carrier})`}</Link>
            </th>
            <td className="data-table__number">{formatCount(totals.events)}</td>
            <td className="data-table__number">{formatRate(totals.unmappedShare)}</td>
            <td className="data-table__number">{formatRate(totals.unclassifiedShare)}</td>
            <td className="data-table__number">{formatCount(totals.rejected)}</td>
            {WARNING_KINDS.map((kind) => (
              <td key={kind} className="data-table__number">
                {formatCount(totals.warnings[kind])}
              </td>
            ))}
          </tr>
        )}
    />
  );
}
