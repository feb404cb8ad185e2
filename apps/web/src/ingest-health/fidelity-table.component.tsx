import { MINUTE_MS } from '@lanewatch/domain';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { fetchIngestFidelity } from '../carriers/fidelity-api';
import { fidelityCsvFileName, type IngestFidelity, ingestFidelityCsv, WARNING_KINDS, WARNING_LABELS } from '../carriers/fidelity.util';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount, formatRate } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { useKeptAnswer } from '../shared/use-kept-answer.hook';
import { throughputWindow } from './ingest-throughput.util';

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

function FidelityRows({ answer }: { answer: IngestFidelity }) {
  return (
    <table className="data-table" aria-label="Mapping fidelity per carrier, last 24 hours">
      <thead>
        <tr>
          <th scope="col">Carrier</th>
          {['Events', 'Unmapped', 'UNCLASSIFIED', 'Rejected', ...WARNING_KINDS.map((kind) => WARNING_LABELS[kind])].map((header) => (
            <th key={header} scope="col" className="data-table__number">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {answer.carriers.map(({ carrier, name, totals }) => (
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
        ))}
      </tbody>
    </table>
  );
}
